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

    @Test("the record a person duplicates always comes along; snapshots written before it decode without it")
    func duplicateOf() throws {
        let older = #"{"national_number":"85073003328","family_name":"Persoon","given_names":"Demo","sex":"male","#
            + #""birth_date":"1985-07-30","birth_place":"","nationality":"BE","street":"","house_number":"","box":"","#
            + #""postal_code":"","municipality":"","country":"BE","register_type":"population","residence_since":"","#
            + #""household_id":"","civil_status":"single","spouse_id":"","cohabitant_id":"","mother_id":"","#
            + #""father_id":"","date_of_death":"","place_of_death":""}"#
        let before = try JSONDecoder().decode(PersonSnapshot.self, from: Data(older.utf8))
        #expect(before.duplicateOf == nil && before.familyName == "Persoon")
        #expect(CivilRegistryService.filteredPerson(id: "p", before, wanted: [.name]).person.duplicateOf == "")

        let marked = try JSONDecoder().decode(
            PersonSnapshot.self, from: Data(older.replacingOccurrences(of: "}", with: #","duplicate_of":"q"}"#).utf8))
        #expect(marked.duplicateOf == "q")
        for wanted: Set<InformationType> in [[.name], [.mainResidence], Set(InformationType.allCases)] {
            let (person, _) = CivilRegistryService.filteredPerson(id: "p", marked, wanted: wanted)
            #expect(person.duplicateOf == "q" && person.id == "p" && person.nationalNumber == "85073003328")
            #expect(person.possibleDuplicateOf.isEmpty)
        }
    }

    @Test("registered acts touch the types they change")
    func changedByActs() {
        #expect(InformationType.changedBy(.birth) == InformationType.allCases)
        #expect(InformationType.changedBy(.marriage) == [.civilStatus])
        #expect(InformationType.changedBy(.nameChange) == [.name])
        #expect(InformationType.changedBy(.death) == [.death, .mainResidence, .household])
    }
}
