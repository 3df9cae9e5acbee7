import Foundation
import LoketPluginAPI

extension CivilRegistryService {
    /// The person columns every query selects, in the order ``person(_:)`` reads them.
    static let personColumns = """
        p.id, coalesce(p.national_number, ''), p.family_name, p.given_names, p.sex,
        coalesce(to_char(p.birth_date, 'YYYY-MM-DD'), ''), p.birth_place, p.nationality,
        p.street, p.house_number, p.box, p.postal_code, p.municipality, p.country, p.civil_status,
        coalesce(p.spouse_id::text, ''), coalesce(p.cohabitant_id::text, ''), coalesce(p.mother_id::text, ''),
        coalesce(p.father_id::text, ''), coalesce(to_char(p.date_of_death, 'YYYY-MM-DD'), ''), p.place_of_death,
        to_char(p.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'), p.register_type,
        coalesce((SELECT r.household_id::text FROM civil_registry.residences r
                  WHERE r.person_id = p.id AND r.until IS NULL), '')
        """

    /// What a read of a person returns, for the audit record.
    static let personInformation = [
        "national_number", "name", "sex", "birth_date", "birth_place", "nationality", "address", "civil_status",
        "legal_cohabitation", "parentage", "death", "register_type", "household",
    ]

    static func person(_ row: PostgresRow) throws -> Person {
        let (id, number, family, given, sex, birthDate, birthPlace, nationality) = try row.decode(
            UUID.self, String.self, String.self, String.self, String.self, String.self, String.self, String.self)
        var person = Person()
        person.id = id.uuidString.lowercased()
        person.nationalNumber = number
        person.familyName = family
        person.givenNames = given
        person.sex = protoSex(named: sex)
        person.birthDate = birthDate
        person.birthPlace = birthPlace
        person.nationality = nationality
        person.address = .with {
            $0.street = (try? row.decode(String.self, at: 8)) ?? ""
            $0.houseNumber = (try? row.decode(String.self, at: 9)) ?? ""
            $0.box = (try? row.decode(String.self, at: 10)) ?? ""
            $0.postalCode = (try? row.decode(String.self, at: 11)) ?? ""
            $0.municipality = (try? row.decode(String.self, at: 12)) ?? ""
            $0.country = (try? row.decode(String.self, at: 13)) ?? ""
        }
        person.civilStatus = civilStatus(named: try row.decode(String.self, at: 14))
        person.spouseId = try row.decode(String.self, at: 15)
        person.cohabitantId = try row.decode(String.self, at: 16)
        person.motherId = try row.decode(String.self, at: 17)
        person.fatherId = try row.decode(String.self, at: 18)
        person.dateOfDeath = try row.decode(String.self, at: 19)
        person.placeOfDeath = try row.decode(String.self, at: 20)
        person.createdAt = try row.decode(String.self, at: 21)
        person.registerType = registerType(named: try row.decode(String.self, at: 22))
        person.householdId = try row.decode(String.self, at: 23)
        return person
    }

    static func registerType(named name: String) -> Loket_Civilregistry_V1_RegisterType {
        switch name {
        case "population": .population
        case "foreigners": .foreigners
        case "waiting": .waiting
        default: .unspecified
        }
    }

    static func registerTypeName(_ type: Loket_Civilregistry_V1_RegisterType) -> String? {
        switch type {
        case .unspecified, .population: "population"
        case .foreigners: "foreigners"
        case .waiting: "waiting"
        case .unrecognized: nil
        }
    }

    static func civilStatus(named name: String) -> Loket_Civilregistry_V1_CivilStatus {
        switch name {
        case "single": .single
        case "married": .married
        case "divorced": .divorced
        case "widowed": .widowed
        default: .unspecified
        }
    }

    /// The audit subject for a person: the national number, or the id for someone who has none yet.
    static func subject(_ person: Person) -> AuditSubject {
        person.nationalNumber.isEmpty ? AuditSubject(kind: "person", id: person.id) : .person(person.nationalNumber)
    }
}
