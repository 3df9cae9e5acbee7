import Foundation
import LoketPluginAPI
import Testing

@testable import CivilRegistryPlugin

@Suite("Possible duplicate persons")
struct PersonDuplicateTests {
    static let mother = UUID(uuidString: "00000000-0000-0000-0000-00000000000a")!
    static let otherMother = UUID(uuidString: "00000000-0000-0000-0000-00000000000b")!
    static let father = UUID(uuidString: "00000000-0000-0000-0000-00000000000c")!
    static let otherFather = UUID(uuidString: "00000000-0000-0000-0000-00000000000d")!

    @Test("without a parent recorded on both sides, names and birth date are the basis")
    func parentsNotComparable() {
        let none = Parentage()
        let mothered = Parentage(mother: Self.mother)
        let fathered = Parentage(father: Self.father)
        #expect(DuplicateBasis.between(none, none) == .nameBirthDate)
        #expect(DuplicateBasis.between(none, mothered) == .nameBirthDate)
        #expect(DuplicateBasis.between(mothered, none) == .nameBirthDate)
        // A mother on one side and a father on the other: nothing to compare, nothing contradicts.
        #expect(DuplicateBasis.between(mothered, fathered) == .nameBirthDate)
        #expect(!none.isRecorded && mothered.isRecorded && fathered.isRecorded)
    }

    @Test("the same parents where both have them recorded add the parents to the basis")
    func sameParents() {
        let both = Parentage(mother: Self.mother, father: Self.father)
        #expect(DuplicateBasis.between(both, both) == .nameBirthDateParents)
        #expect(DuplicateBasis.between(Parentage(mother: Self.mother), Parentage(mother: Self.mother)) == .nameBirthDateParents)
        // The father recognised later on one record only: the mothers agree, the fathers do not contradict.
        #expect(DuplicateBasis.between(both, Parentage(mother: Self.mother)) == .nameBirthDateParents)
        #expect(DuplicateBasis.between(Parentage(father: Self.father), both) == .nameBirthDateParents)
    }

    @Test("a different mother or father, recorded on both sides, tells two persons apart")
    func differentParents() {
        let both = Parentage(mother: Self.mother, father: Self.father)
        #expect(DuplicateBasis.between(Parentage(mother: Self.mother), Parentage(mother: Self.otherMother)) == nil)
        #expect(DuplicateBasis.between(both, Parentage(mother: Self.otherMother, father: Self.father)) == nil)
        #expect(DuplicateBasis.between(both, Parentage(mother: Self.mother, father: Self.otherFather)) == nil)
        #expect(DuplicateBasis.between(Parentage(father: Self.father), Parentage(father: Self.otherFather)) == nil)
    }

    @Test("the bases and verdicts are stored under fixed names")
    func storedNames() {
        #expect(DuplicateBasis.allCases.map(\.rawValue) == ["name_birth_date", "name_birth_date_parents"])
        #expect(DuplicateVerdict.allCases.map(\.rawValue) == ["duplicate", "not_duplicate"])
        #expect(DuplicateVerdict.duplicate.changesPerson && !DuplicateVerdict.notDuplicate.changesPerson)
    }

    @Test("a verdict is given once", arguments: DuplicateVerdict.allCases)
    func givenOnce(verdict: DuplicateVerdict) {
        #expect(DuplicateRefusal.of(verdict, current: nil, duplicateOf: nil) == nil)
        for earlier in DuplicateVerdict.allCases {
            #expect(DuplicateRefusal.of(verdict, current: earlier, duplicateOf: nil) == .alreadyResolved(earlier))
            #expect(DuplicateRefusal.of(verdict, current: earlier, duplicateOf: Self.mother) == .alreadyResolved(earlier))
        }
    }

    @Test("a person found to duplicate one record cannot be found to duplicate another; not duplicate still can")
    func oneOriginal() {
        #expect(
            DuplicateRefusal.of(.duplicate, current: nil, duplicateOf: Self.mother)
                == .personAlreadyDuplicate(of: Self.mother))
        #expect(DuplicateRefusal.of(.notDuplicate, current: nil, duplicateOf: Self.mother) == nil)
    }

    @Test("requests name a verdict; the API's enums map both ways")
    func protoMapping() {
        #expect(CivilRegistryService.verdict(.unspecified) == nil)
        #expect(CivilRegistryService.verdict(.duplicate) == .duplicate)
        #expect(CivilRegistryService.verdict(.notDuplicate) == .notDuplicate)
        for verdict in DuplicateVerdict.allCases {
            #expect(CivilRegistryService.verdict(CivilRegistryService.protoVerdict(verdict)) == verdict)
        }
        #expect(CivilRegistryService.protoVerdict(nil) == .unspecified)
        #expect(CivilRegistryService.protoBasis(.nameBirthDate) == .nameBirthDate)
        #expect(CivilRegistryService.protoBasis(.nameBirthDateParents) == .nameBirthDateParents)
        #expect(CivilRegistryService.protoBasis(nil) == .unspecified)
        #expect(CivilRegistryService.protoChangeKind(.markedDuplicate) == .markedDuplicate)
    }

    @Test("every RPC has a policy; listing flags reads and resolving one writes personal data, with a purpose")
    func policies() {
        let manifest = CivilRegistryPlugin().manifest
        let paths = manifest.methods.map(\.path)
        #expect(Set(paths).count == paths.count)
        #expect(Set(paths) == Set(Loket_Civilregistry_V1_CivilRegistry.Method.all.map(\.path)))
        let list = manifest.methods.first { $0.path.hasSuffix("/ListPersonDuplicates") }
        let resolve = manifest.methods.first { $0.path.hasSuffix("/ResolvePersonDuplicate") }
        #expect(list?.personalData == .reads && list?.permission == CivilRegistryPlugin.personsRead)
        #expect(resolve?.personalData == .writes && resolve?.permission == CivilRegistryPlugin.duplicatesResolve)
        #expect(resolve?.permission.roles == [.administrator, .clerk])
    }

    @Test("every message exists in four languages with the same placeholders")
    func messages() {
        for (key, text) in CivilRegistryMessages.catalog {
            let versions = [text.dutch, text.french, text.german, text.english]
            #expect(versions.allSatisfy { !$0.isEmpty }, "\(key)")
            let placeholders = versions.map { version in (0..<5).filter { version.contains("{\($0)}") } }
            #expect(Set(placeholders.map(\.description)).count == 1, "\(key): \(placeholders)")
        }
        for verdict in DuplicateVerdict.allCases {
            let name = ActText.name(of: verdict)
            #expect([name.dutch, name.french, name.german, name.english].allSatisfy { !$0.isEmpty })
        }
    }

    @Test("the person columns hold as many columns as a person is read from")
    func columnCount() {
        // Top-level commas only: the columns' own parentheses (function calls, subqueries) hide theirs.
        var depth = 0
        var commas = 0
        var quoted = false
        for character in CivilRegistryService.personColumns {
            switch character {
            case "'": quoted.toggle()
            case "(" where !quoted: depth += 1
            case ")" where !quoted: depth -= 1
            case "," where !quoted && depth == 0: commas += 1
            default: break
            }
        }
        #expect(commas + 1 == CivilRegistryService.personColumnCount)
    }
}
