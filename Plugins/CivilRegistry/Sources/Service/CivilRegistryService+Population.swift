import Foundation
import LoketPluginAPI

extension CivilRegistryService {
    /// A checked, complete address.
    struct CheckedAddress: Sendable {
        var street, houseNumber, box, postalCode, municipality, country: String
    }

    func address(_ address: Loket_Civilregistry_V1_Address, _ context: ServerContext) throws -> CheckedAddress {
        let checked = CheckedAddress(
            street: try text(address.street, field: "address.street", context),
            houseNumber: try text(address.houseNumber, field: "address.house_number", limit: 20, context),
            box: try text(address.box, field: "address.box", limit: 20, context),
            postalCode: try text(address.postalCode, field: "address.postal_code", limit: 20, context),
            municipality: try text(address.municipality, field: "address.municipality", context),
            country: try country(address.country, default: "BE", context))
        guard !checked.street.isEmpty, !checked.houseNumber.isEmpty, !checked.postalCode.isEmpty,
            !checked.municipality.isEmpty
        else {
            throw plugin.localizer.error(.invalidArgument, CivilRegistryMessages.addressIncomplete, for: context)
        }
        return checked
    }

    func recordMove(request: Loket_Civilregistry_V1_RecordMoveRequest, context: ServerContext) async throws -> Person {
        let caller = try context.caller
        let personID = try uuid(request.personId, context)
        let target = try address(request.address ?? .init(), context)
        let since = try date(request.since, context).description
        let household = request.householdId.isEmpty ? nil : try uuid(request.householdId, context)

        return try await plugin.transaction(context) { transaction in
            let people = try await transaction.query(
                """
                SELECT coalesce(national_number, ''), date_of_death IS NOT NULL
                FROM civil_registry.persons WHERE id = \(personID) FOR UPDATE
                """)
            guard let person = people.first else {
                throw plugin.localizer.error(.notFound, CivilRegistryMessages.personNotFound, for: context, request.personId)
            }
            let (number, deceased) = try person.decode(String.self, Bool.self)
            if deceased {
                throw plugin.localizer.error(
                    .failedPrecondition, CivilRegistryMessages.personDeceased, for: context, request.personId)
            }
            let current = try await transaction.query(
                """
                SELECT to_char(since, 'YYYY-MM-DD'), since >= \(since)::date FROM civil_registry.residences
                WHERE person_id = \(personID) AND until IS NULL
                """)
            if let row = current.first {
                let (start, tooEarly) = try row.decode(String.self, Bool.self)
                if tooEarly {
                    throw plugin.localizer.error(
                        .failedPrecondition, CivilRegistryMessages.moveBeforeCurrent, for: context, start)
                }
                try await transaction.query(
                    """
                    UPDATE civil_registry.residences SET until = \(since)::date
                    WHERE person_id = \(personID) AND until IS NULL
                    """)
            }
            let householdID: UUID
            if let household {
                let found = try await transaction.query(
                    "SELECT 1 FROM civil_registry.households WHERE id = \(household)")
                guard !found.isEmpty else {
                    throw plugin.localizer.error(
                        .notFound, CivilRegistryMessages.householdNotFound, for: context, request.householdId)
                }
                householdID = household
            } else {
                let created = try await transaction.query(
                    "INSERT INTO civil_registry.households DEFAULT VALUES RETURNING id")
                householdID = try created[0].decode(UUID.self, at: 0)
            }
            try await insertResidence(
                person: personID, target, household: householdID, since: since, by: caller.principalName,
                in: transaction)
            try await recordChanges(
                [PendingChange(.moved, person: personID, informationTypes: [.mainResidence, .household])],
                in: transaction)
            let subject = number.isEmpty ? AuditSubject(kind: "person", id: personID.uuidString.lowercased()) : .person(number)
            try await transaction.audit(AuditRecord(.update, subjects: [subject], information: ["address", "household"]))
            let rows = try await transaction.query(
                "SELECT \(unsafeRawSQL: Self.personColumns) FROM civil_registry.persons p WHERE p.id = \(personID)")
            return try Self.person(rows[0])
        }
    }

    /// A new current residence, copied into the person's address.
    func insertResidence(
        person: UUID, _ address: CheckedAddress, household: UUID, since: String, by principal: String,
        in transaction: Transaction
    ) async throws {
        try await transaction.query(
            """
            INSERT INTO civil_registry.residences
                (person_id, street, house_number, box, postal_code, municipality, country, household_id, since, recorded_by)
            VALUES (\(person), \(address.street), \(address.houseNumber), \(address.box), \(address.postalCode),
                    \(address.municipality), \(address.country), \(household), \(since)::date, \(principal))
            """)
        try await transaction.query(
            """
            UPDATE civil_registry.persons
            SET street = \(address.street), house_number = \(address.houseNumber), box = \(address.box),
                postal_code = \(address.postalCode), municipality = \(address.municipality),
                country = \(address.country), updated_at = now()
            WHERE id = \(person)
            """)
    }

    func getResidenceHistory(
        request: Loket_Civilregistry_V1_GetResidenceHistoryRequest, context: ServerContext
    ) async throws -> Loket_Civilregistry_V1_ResidenceHistory {
        let personID = try uuid(request.personId, context)
        return try await plugin.transaction(context) { transaction in
            let subjects = try await personSubjects([personID.uuidString.lowercased()], in: transaction)
            guard !subjects.isEmpty else {
                throw plugin.localizer.error(.notFound, CivilRegistryMessages.personNotFound, for: context, request.personId)
            }
            let rows = try await transaction.query(
                """
                SELECT street, house_number, box, postal_code, municipality, country, to_char(since, 'YYYY-MM-DD'),
                       coalesce(to_char(until, 'YYYY-MM-DD'), ''), household_id::text
                FROM civil_registry.residences WHERE person_id = \(personID) ORDER BY since, id
                """)
            let residences = try rows.map { row in
                let (street, number, box, postal, municipality, country, since, until, household) = try row.decode(
                    String.self, String.self, String.self, String.self, String.self, String.self, String.self,
                    String.self, String.self)
                return Loket_Civilregistry_V1_Residence.with {
                    $0.address = .with {
                        $0.street = street
                        $0.houseNumber = number
                        $0.box = box
                        $0.postalCode = postal
                        $0.municipality = municipality
                        $0.country = country
                    }
                    $0.since = since
                    $0.until = until
                    $0.householdId = household
                }
            }
            let members = try await transaction.query(
                """
                SELECT p.id::text, p.family_name, p.given_names, coalesce(to_char(p.birth_date, 'YYYY-MM-DD'), ''),
                       coalesce(p.national_number, '')
                FROM civil_registry.residences mine
                JOIN civil_registry.residences r ON r.household_id = mine.household_id AND r.until IS NULL
                JOIN civil_registry.persons p ON p.id = r.person_id
                WHERE mine.person_id = \(personID) AND mine.until IS NULL
                ORDER BY p.birth_date NULLS LAST, p.id
                """)
            var household: [Loket_Civilregistry_V1_HouseholdMember] = []
            var memberSubjects: [AuditSubject] = []
            for row in members {
                let (id, family, given, birth, number) = try row.decode(
                    String.self, String.self, String.self, String.self, String.self)
                household.append(.with {
                    $0.personId = id
                    $0.familyName = family
                    $0.givenNames = given
                    $0.birthDate = birth
                })
                memberSubjects.append(number.isEmpty ? AuditSubject(kind: "person", id: id) : .person(number))
            }
            try await transaction.audit(
                AuditRecord(.read, subjects: subjects, information: ["address_history", "household"]))
            let others = memberSubjects.filter { !subjects.contains($0) }
            if !others.isEmpty {
                try await transaction.audit(AuditRecord(.read, subjects: others, information: ["name", "birth_date"]))
            }
            return .with {
                $0.personId = personID.uuidString.lowercased()
                $0.residences = residences
                $0.household = household
            }
        }
    }

    func listResidents(
        request: Loket_Civilregistry_V1_ListResidentsRequest, context: ServerContext
    ) async throws -> Loket_Civilregistry_V1_SearchPersonsResponse {
        let street = try text(request.street, field: "street", context)
        let houseNumber = try text(request.houseNumber, field: "house_number", limit: 20, context)
        let box = try text(request.box, field: "box", limit: 20, context)
        let postalCode = try text(request.postalCode, field: "postal_code", limit: 20, context)
        guard !street.isEmpty, !houseNumber.isEmpty, !postalCode.isEmpty else {
            throw plugin.localizer.error(.invalidArgument, CivilRegistryMessages.addressIncomplete, for: context)
        }
        let day = request.on.isEmpty ? Self.belgianDay(plugin.clock.now()) : try date(request.on, context)
        return try await plugin.read(context) { read in
            let rows = try await read.query(
                """
                SELECT \(unsafeRawSQL: Self.personColumns) FROM civil_registry.persons p
                WHERE p.id IN (
                    SELECT r.person_id FROM civil_registry.residences r
                    WHERE r.postal_code = \(postalCode) AND r.street_folded = civil_registry.fold(\(street))
                      AND r.house_number = \(houseNumber) AND (\(box) = '' OR r.box = \(box))
                      AND r.since <= \(day.description)::date
                      AND (r.until IS NULL OR r.until > \(day.description)::date))
                ORDER BY p.family_name_folded, p.given_names_folded, p.id
                LIMIT 500
                """)
            let persons = try rows.map { try Self.person($0) }
            if !persons.isEmpty {
                read.audit(AuditRecord(.read, subjects: persons.map(Self.subject), information: Self.personInformation))
            }
            return .with { $0.persons = persons }
        }
    }

    func listConsultations(
        request: Loket_Civilregistry_V1_ListConsultationsRequest, context: ServerContext
    ) async throws -> Loket_Civilregistry_V1_ListConsultationsResponse {
        let number = try nationalNumber(request.nationalNumber, context)
        let today = Self.belgianDay(plugin.clock.now())
        let to = request.to.isEmpty ? today : try date(request.to, context)
        let from =
            request.from.isEmpty ? CalendarDate(daysSince1970: to.daysSince1970 - 365) : try date(request.from, context)
        guard from <= to else {
            throw plugin.localizer.error(.invalidArgument, CivilRegistryMessages.invalidPeriod, for: context)
        }
        let subject = "person:\(number.digits)"
        return try await plugin.transaction(context) { transaction in
            // The core audit log, where the host writes every plugin's records; the subject index answers this.
            let rows = try await transaction.query(
                """
                SELECT to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'), principal_name,
                       coalesce(department_id, ''), action, method, information, coalesce(purpose, '')
                FROM core.audit_log
                WHERE subjects @> ARRAY[\(subject)]::text[] AND outcome = 'ok'
                  AND at >= (\(from.description)::date)::timestamp AT TIME ZONE 'Europe/Brussels'
                  AND at < (\(to.description)::date + 1)::timestamp AT TIME ZONE 'Europe/Brussels'
                ORDER BY at, id
                LIMIT 1000
                """)
            let consultations = try rows.map { row in
                let (at, principal, department, action, method, information, purpose) = try row.decode(
                    String.self, String.self, String.self, String.self, String.self, [String].self, String.self)
                return Loket_Civilregistry_V1_Consultation.with {
                    $0.at = at
                    $0.principal = principal
                    $0.departmentId = department
                    $0.action = action
                    $0.method = method
                    $0.information = information
                    $0.purpose = purpose
                }
            }
            try await transaction.audit(
                AuditRecord(.read, subjects: [.person(number.digits)], information: ["consultations"]))
            return .with { $0.consultations = consultations }
        }
    }
}
