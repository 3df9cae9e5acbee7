import Foundation
import LoketPluginAPI
import Testing

@testable import ElectionsPlugin

@Suite("Roll generation")
struct RollBuilderTests {
    static func resident(
        _ n: Int, born: String = "1980-01-01", nationality: String = "BE", street: String = "Steenstraat",
        number: String = "1", resident: Bool = true
    ) -> Resident {
        Resident(
            personID: UUID(uuidString: String(format: "00000000-0000-0000-0000-%012d", n)) ?? UUID(),
            nationalNumber: String(format: "%011d", n), familyName: "Name\(n % 7)", givenNames: "Given\(n)",
            birthDate: day(born), nationality: nationality, dateOfDeath: nil, street: street, houseNumber: number,
            box: "", postalCode: "8000", municipality: "Brugge", residentOnReferenceDate: resident)
    }

    let builder = RollBuilder(
        eligibility: Eligibility(kind: .municipal, electionDay: day("2030-10-13"), referenceDate: day("2030-08-01")),
        applications: [String(format: "%011d", 3): .approved], deprivations: [:])

    @Test func deterministicWhateverTheInputOrder() {
        let residents = (1...40).map {
            Self.resident($0, born: $0 % 5 == 0 ? "2015-01-01" : "1980-01-01",
                          nationality: $0 % 4 == 3 ? "NL" : "BE", number: String(41 - $0))
        }
        let first = builder.build(residents)
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<5 { #expect(builder.build(residents.shuffled(using: &generator)) == first) }
        #expect(first.prefix { $0.included }.map(\.voterNumber) == Array(1...first.filter(\.included).count).map { $0 })
        #expect(first.filter(\.included).count == 25)
    }

    @Test func votersAreOrderedByAddressWithNumericHouseNumbers() {
        let lines = builder.build([
            Self.resident(1, number: "10"), Self.resident(2, number: "9"), Self.resident(4, number: "9A"),
            Self.resident(5, resident: false),
        ])
        #expect(lines.map(\.resident.houseNumber) == ["9", "9A", "10", "1"])
        #expect(lines.map(\.voterNumber) == [1, 2, 3, nil])
        #expect(lines[3].rule == .notResidentOnReferenceDate)
        #expect(lines[3].position == 4)
    }

    @Test func digestDependsOnContent() {
        var a = RollDigest()
        a.add("x")
        var b = RollDigest()
        b.add("x")
        #expect(a.hex == b.hex && a.hex.count == 16)
        b.add("y")
        #expect(a.hex != b.hex)
    }
}
