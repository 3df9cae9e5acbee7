import Foundation
import LoketPluginAPI

extension CivilRegistryService {
    /// The person columns every query selects, in the order ``person(_:from:)`` reads them.
    static let personColumns = personColumns(of: "p")

    /// The person columns for the persons row called `alias`, in the order ``person(_:from:)`` reads them; the
    /// open duplicate flags are the other persons' ids, oldest flag first.
    static func personColumns(of alias: String) -> String {
        """
        \(alias).id, coalesce(\(alias).national_number, ''), \(alias).family_name, \(alias).given_names, \(alias).sex,
        coalesce(to_char(\(alias).birth_date, 'YYYY-MM-DD'), ''), \(alias).birth_place, \(alias).nationality,
        \(alias).street, \(alias).house_number, \(alias).box, \(alias).postal_code, \(alias).municipality,
        \(alias).country, \(alias).civil_status, coalesce(\(alias).spouse_id::text, ''),
        coalesce(\(alias).cohabitant_id::text, ''), coalesce(\(alias).mother_id::text, ''),
        coalesce(\(alias).father_id::text, ''), coalesce(to_char(\(alias).date_of_death, 'YYYY-MM-DD'), ''),
        \(alias).place_of_death, to_char(\(alias).created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
        \(alias).register_type,
        coalesce((SELECT r.household_id::text FROM civil_registry.residences r
                  WHERE r.person_id = \(alias).id AND r.until IS NULL), ''),
        coalesce(\(alias).duplicate_of::text, ''),
        ARRAY(SELECT (CASE WHEN d.person_id = \(alias).id THEN d.candidate_id ELSE d.person_id END)::text
              FROM civil_registry.person_duplicates d
              WHERE d.verdict IS NULL AND (d.person_id = \(alias).id OR d.candidate_id = \(alias).id)
              ORDER BY d.flagged_at, d.id)
        """
    }

    /// How many columns ``personColumns`` holds.
    static let personColumnCount = 26

    /// What a read of a person returns, for the audit record.
    static let personInformation = [
        "national_number", "name", "sex", "birth_date", "birth_place", "nationality", "address", "civil_status",
        "legal_cohabitation", "parentage", "death", "register_type", "household", "duplicates",
    ]

    /// The person in the ``personColumns`` of `row` that start at column `first`.
    static func person(_ row: PostgresRow, from first: Int = 0) throws -> Person {
        func text(_ column: Int) throws -> String { try row.decode(String.self, at: first + column) }
        var person = Person()
        person.id = try row.decode(UUID.self, at: first).uuidString.lowercased()
        person.nationalNumber = try text(1)
        person.familyName = try text(2)
        person.givenNames = try text(3)
        person.sex = protoSex(named: try text(4))
        person.birthDate = try text(5)
        person.birthPlace = try text(6)
        person.nationality = try text(7)
        person.address = .with {
            $0.street = (try? text(8)) ?? ""
            $0.houseNumber = (try? text(9)) ?? ""
            $0.box = (try? text(10)) ?? ""
            $0.postalCode = (try? text(11)) ?? ""
            $0.municipality = (try? text(12)) ?? ""
            $0.country = (try? text(13)) ?? ""
        }
        person.civilStatus = civilStatus(named: try text(14))
        person.spouseId = try text(15)
        person.cohabitantId = try text(16)
        person.motherId = try text(17)
        person.fatherId = try text(18)
        person.dateOfDeath = try text(19)
        person.placeOfDeath = try text(20)
        person.createdAt = try text(21)
        person.registerType = registerType(named: try text(22))
        person.householdId = try text(23)
        person.duplicateOf = try text(24)
        person.possibleDuplicateOf = try row.decode([String].self, at: first + 25)
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
