import Foundation
import LoketPluginAPI
import Testing

@testable import CivilRegistryPlugin

@Suite("The register feed's information types")
struct RegisterFeedTests {
    @Test("codes are read with or without the TI prefix and leading zeros")
    func codes() {
        #expect(InformationType(code: "010") == .name)
        #expect(InformationType(code: "10") == .name)
        #expect(InformationType(code: " TI 020 ") == .mainResidence)
        #expect(InformationType(code: "ti150") == .death)
        for unknown in ["", "TI", "001", "0100", "01a", "-10", "٠١٠"] {
            #expect(InformationType(code: unknown) == nil, "\(unknown)")
        }
        #expect(InformationType.allCases.map(\.code) == ["010", "020", "030", "031", "110", "120", "123", "140", "150"])
    }

    @Test("every person field belongs to exactly one information type")
    func fieldsArePartitioned() {
        let fields = InformationType.allCases.flatMap(\.fields)
        #expect(Set(fields).count == fields.count)
    }

    @Test("a change carries the id, the number and the fields of the wanted types only")
    func filtering() throws {
        let snapshot = PersonSnapshot(
            nationalNumber: "85073003328", familyName: "Persoon", givenNames: "Demo", sex: "male",
            birthDate: "1985-07-30", birthPlace: "Brugge", nationality: "BE", street: "Demostraat", houseNumber: "1",
            box: "", postalCode: "8000", municipality: "Brugge", country: "BE", registerType: "population",
            residenceSince: "2020-01-01", householdID: "h", civilStatus: "married", spouseID: "s",
            cohabitantID: "c", motherID: "m", fatherID: "f", dateOfDeath: "", placeOfDeath: "")
        let (named, namedSince) = CivilRegistryService.filteredPerson(id: "p", snapshot, wanted: [.name])
        var expected = Loket_Civilregistry_V1_Person()
        expected.id = "p"
        expected.nationalNumber = "85073003328"
        expected.familyName = "Persoon"
        expected.givenNames = "Demo"
        #expect(named == expected)
        #expect(namedSince == "")

        let (housed, since) = CivilRegistryService.filteredPerson(
            id: "p", snapshot, wanted: [.mainResidence, .household])
        #expect(since == "2020-01-01")
        #expect(housed.address?.street == "Demostraat" && housed.address?.postalCode == "8000")
        #expect(housed.registerType == .population && housed.householdId == "h")
        #expect(housed.familyName.isEmpty && housed.birthDate.isEmpty && housed.civilStatus == .unspecified)
        #expect(housed.spouseId.isEmpty && housed.motherId.isEmpty && housed.nationality.isEmpty)

        let (all, _) = CivilRegistryService.filteredPerson(
            id: "p", snapshot, wanted: Set(InformationType.allCases))
        #expect(all.sex == .male && all.birthPlace == "Brugge" && all.civilStatus == .married)
        #expect(all.spouseId == "s" && all.cohabitantId == "c" && all.motherId == "m" && all.fatherId == "f")
    }

    @Test("registered acts touch the types they change")
    func changedByActs() {
        #expect(InformationType.changedBy(.birth) == InformationType.allCases)
        #expect(InformationType.changedBy(.marriage) == [.civilStatus])
        #expect(InformationType.changedBy(.nameChange) == [.name])
        #expect(InformationType.changedBy(.death) == [.death, .mainResidence, .household])
    }
}
