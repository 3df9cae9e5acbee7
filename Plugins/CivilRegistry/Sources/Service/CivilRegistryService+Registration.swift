import Foundation
import LoketPluginAPI

extension CivilRegistryService {
    /// What a registered act changes, in the registering transaction: a birth creates the child (parentage, the
    /// mother's address) and queues the statistical record; the others change civil status, cohabitation,
    /// parentage, names or death data. Returns the person a birth created, and the changes for the register feed
    /// (of `changeKind`), which the caller records once its other writes are done.
    func register(
        _ kind: ActKind, _ record: ActRecord, act: UUID, as changeKind: RegisterChangeKind = .actRegistered,
        in transaction: Transaction
    ) async throws -> (created: UUID?, changes: [PendingChange]) {
        func changes(_ persons: [UUID?], _ types: [InformationType]) -> [PendingChange] {
            persons.compactMap { $0 }.map {
                PendingChange(changeKind, person: $0, act: act, actKind: kind, informationTypes: types)
            }
        }
        let types = InformationType.changedBy(kind)
        let caller = try transaction.context.caller
        let person = UUID(uuidString: record.personID)
        let partner = UUID(uuidString: record.partnerID)
        let eventDate = record.eventDate.isEmpty ? nil : record.eventDate
        switch kind {
        case .birth:
            let mother = UUID(uuidString: record.motherID)
            let father = UUID(uuidString: record.fatherID)
            let number = record.childNationalNumber.isEmpty ? nil : record.childNationalNumber
            let rows = try await transaction.query(
                """
                INSERT INTO civil_registry.persons (
                    national_number, family_name, given_names, sex, birth_date, birth_place, nationality,
                    street, house_number, box, postal_code, municipality, country, mother_id, father_id, created_by)
                SELECT \(number), \(record.childFamilyName), \(record.childGivenNames), \(record.childSex),
                       \(eventDate)::date, \(record.place), '', m.street, m.house_number, m.box, m.postal_code,
                       m.municipality, m.country, m.id, \(father), \(caller.principalName)
                FROM civil_registry.persons m WHERE m.id = \(mother)
                RETURNING id
                """)
            guard let row = rows.first else {
                throw plugin.localizer.error(
                    .failedPrecondition, CivilRegistryMessages.actPersonNotFound, for: transaction.context, record.motherID)
            }
            let child = try row.decode(UUID.self, at: 0)
            // The child joins the mother's household at her main residence, from the day of birth.
            try await transaction.query(
                """
                INSERT INTO civil_registry.residences
                    (person_id, street, house_number, box, postal_code, municipality, country, household_id, since,
                     recorded_by)
                SELECT \(child), r.street, r.house_number, r.box, r.postal_code, r.municipality, r.country,
                       r.household_id, greatest(\(eventDate)::date, r.since), \(caller.principalName)
                FROM civil_registry.residences r WHERE r.person_id = \(mother) AND r.until IS NULL
                """)
            try await flagPossibleDuplicates(
                of: child, parentage: Parentage(mother: mother, father: father), act: act, in: transaction)
            try await transaction.query(
                """
                INSERT INTO civil_registry.statistics_outbox (act_id, kind, payload)
                SELECT \(act), 'birth', jsonb_build_object(
                    'act_id', \(act)::text, 'birth_date', \(eventDate)::text, 'sex', \(record.childSex)::text,
                    'place', \(record.place)::text, 'department', \(caller.department)::text,
                    'mother_birth_year', extract(year FROM m.birth_date)::int,
                    'mother_nationality', m.nationality, 'mother_postal_code', m.postal_code)
                FROM civil_registry.persons m WHERE m.id = \(mother)
                """)
            return (child, [PendingChange(.personCreated, person: child, act: act, actKind: kind, informationTypes: types)])
        case .recognition:
            try await transaction.query(
                """
                UPDATE civil_registry.persons SET father_id = \(UUID(uuidString: record.fatherID)), updated_at = now()
                WHERE id = \(person)
                """)
            return (nil, changes([person], types))
        case .marriage:
            try await transaction.query(
                """
                UPDATE civil_registry.persons
                SET civil_status = 'married', updated_at = now(),
                    spouse_id = CASE WHEN id = \(person) THEN \(partner) ELSE \(person) END
                WHERE id IN (\(person), \(partner))
                """)
            return (nil, changes([person, partner], types))
        case .divorce:
            try await transaction.query(
                """
                UPDATE civil_registry.persons SET civil_status = 'divorced', spouse_id = NULL, updated_at = now()
                WHERE id IN (\(person), \(partner))
                """)
            return (nil, changes([person, partner], types))
        case .legalCohabitation:
            try await transaction.query(
                """
                UPDATE civil_registry.persons
                SET cohabitant_id = CASE WHEN id = \(person) THEN \(partner) ELSE \(person) END, updated_at = now()
                WHERE id IN (\(person), \(partner))
                """)
            return (nil, changes([person, partner], types))
        case .endOfLegalCohabitation:
            try await transaction.query(
                """
                UPDATE civil_registry.persons SET cohabitant_id = NULL, updated_at = now()
                WHERE id IN (\(person), \(partner))
                """)
            return (nil, changes([person, partner], types))
        case .nameChange:
            try await transaction.query(
                """
                UPDATE civil_registry.persons
                SET family_name = coalesce(nullif(\(record.newFamilyName), ''), family_name),
                    given_names = coalesce(nullif(\(record.newGivenNames), ''), given_names), updated_at = now()
                WHERE id = \(person)
                """)
            return (nil, changes([person], types))
        case .death:
            try await transaction.query(
                """
                UPDATE civil_registry.persons
                SET date_of_death = \(eventDate)::date, place_of_death = \(record.place), updated_at = now()
                WHERE id = \(person)
                """)
            // The main residence ends with the death.
            try await transaction.query(
                """
                UPDATE civil_registry.residences SET until = greatest(\(eventDate)::date, since)
                WHERE person_id = \(person) AND until IS NULL
                """)
            // The surviving spouse is widowed.
            let widowed = try await transaction.query(
                """
                UPDATE civil_registry.persons SET civil_status = 'widowed', spouse_id = NULL, updated_at = now()
                WHERE spouse_id = \(person) AND civil_status = 'married'
                RETURNING id
                """)
            let spouses = try widowed.map { try $0.decode(UUID.self, at: 0) }
            return (nil, changes([person], types) + changes(spouses, [.civilStatus]))
        }
    }

    /// An approved correction: the corrected data takes effect on the persons where it can without undoing other
    /// acts (a birth's child record, a name change, a death); for the other kinds the act's data is corrected.
    /// Returns the changes for the register feed.
    func applyCorrection(
        _ kind: ActKind, _ record: ActRecord, act: UUID, registeredPerson: UUID?, in transaction: Transaction
    ) async throws -> [PendingChange] {
        switch kind {
        case .birth:
            try await transaction.query(
                """
                UPDATE civil_registry.persons
                SET family_name = \(record.childFamilyName), given_names = \(record.childGivenNames),
                    sex = \(record.childSex), birth_date = \(record.eventDate)::date, birth_place = \(record.place),
                    father_id = \(UUID(uuidString: record.fatherID)), updated_at = now()
                WHERE id = \(registeredPerson)
                """)
            guard let registeredPerson else { return [] }
            return [
                PendingChange(
                    .actCorrected, person: registeredPerson, act: act, actKind: kind,
                    informationTypes: [.name, .birth, .parentage])
            ]
        case .nameChange:
            return try await register(kind, record, act: act, as: .actCorrected, in: transaction).changes
        case .death:
            // The residence ended at registration already: the correction touches the death data only.
            return try await register(kind, record, act: act, as: .actCorrected, in: transaction).changes
                .map { change in
                    var change = change
                    if change.person.uuidString.lowercased() == record.personID { change.informationTypes = [.death] }
                    return change
                }
        case .recognition, .marriage, .divorce, .legalCohabitation, .endOfLegalCohabitation:
            return []
        }
    }
}
