import Foundation
import LoketPluginAPI

extension ElectionsService {
    /// The roll-entry columns ``rollEntry(_:_:)`` reads.
    static let entryColumns = """
        r.election_id, r.national_number, r.family_name, r.given_names,
        coalesce(to_char(r.birth_date, 'YYYY-MM-DD'), ''), r.nationality, r.street, r.house_number, r.box,
        r.postal_code, r.municipality, r.included, r.rule, r.exclusions, coalesce(r.voter_number, 0),
        coalesce(r.station_id::text, ''), r.amended
        """

    /// What reading a roll entry returns, for the audit record.
    static let entryInformation = ["national_number", "name", "birth_date", "nationality", "address", "electoral:roll"]

    func rollEntry(_ row: PostgresRow, _ language: Language) throws -> Loket_Elections_V1_RollEntry {
        let (election, number, family, given, birth, nationality, street) = try row.decode(
            UUID.self, String.self, String.self, String.self, String.self, String.self, String.self)
        let rule = try row.decode(String.self, at: 12)
        var entry = Loket_Elections_V1_RollEntry()
        entry.electionId = election.uuidString.lowercased()
        entry.nationalNumber = number
        entry.familyName = family
        entry.givenNames = given
        entry.birthDate = birth
        entry.nationality = nationality
        entry.address = .with {
            $0.street = street
            $0.houseNumber = (try? row.decode(String.self, at: 7)) ?? ""
            $0.box = (try? row.decode(String.self, at: 8)) ?? ""
            $0.postalCode = (try? row.decode(String.self, at: 9)) ?? ""
            $0.municipality = (try? row.decode(String.self, at: 10)) ?? ""
        }
        entry.included = try row.decode(Bool.self, at: 11)
        entry.rule = rule
        entry.explanation = RuleText.text(rule)?.text(in: language) ?? rule
        entry.exclusions = try row.decode([String].self, at: 13)
        entry.voterNumber = try row.decode(Int32.self, at: 14)
        entry.stationId = try row.decode(String.self, at: 15)
        entry.amended = try row.decode(Bool.self, at: 16)
        return entry
    }

    func explainVoter(
        request: Loket_Elections_V1_ExplainVoterRequest, context: ServerContext
    ) async throws -> Loket_Elections_V1_RollEntry {
        let id = try uuid(request.electionId, context)
        let number = try nationalNumber(request.nationalNumber, context)
        return try await plugin.transaction(context) { transaction in
            let record = try await election(id, in: transaction, context)
            guard record.rollGenerated else {
                throw plugin.localizer.error(.failedPrecondition, ElectionsMessages.rollNotGenerated, for: context)
            }
            let rows = try await transaction.query(
                """
                SELECT \(unsafeRawSQL: Self.entryColumns) FROM elections.roll_entries r
                WHERE r.election_id = \(id) AND r.national_number = \(number)
                """)
            guard let row = rows.first else {
                throw plugin.localizer.error(.notFound, ElectionsMessages.notOnRoll, for: context, number)
            }
            try await transaction.audit(
                AuditRecord(.read, subjects: [.person(number), Self.subject(id)], information: Self.entryInformation))
            return try rollEntry(row, context.language)
        }
    }

    func listRoll(
        request: Loket_Elections_V1_ListRollRequest, context: ServerContext
    ) async throws -> Loket_Elections_V1_ListRollResponse {
        let id = try uuid(request.electionId, context)
        let limit = request.limit <= 0 ? 100 : min(Int64(request.limit), 500)
        let after = Int64(max(request.after, 0))
        return try await plugin.transaction(context) { transaction in
            _ = try await election(id, in: transaction, context)
            // Voters by voter number; with excluded persons, everyone by position.
            let rows = try await transaction.query(
                request.includeExcluded
                    ? """
                    SELECT \(unsafeRawSQL: Self.entryColumns) FROM elections.roll_entries r
                    WHERE r.election_id = \(id) AND r.position > \(after) ORDER BY r.position LIMIT \(limit)
                    """
                    : """
                    SELECT \(unsafeRawSQL: Self.entryColumns) FROM elections.roll_entries r
                    WHERE r.election_id = \(id) AND r.included AND r.voter_number > \(after)
                    ORDER BY r.voter_number LIMIT \(limit)
                    """)
            let entries = try rows.map { try rollEntry($0, context.language) }
            if !entries.isEmpty {
                try await transaction.audit(
                    AuditRecord(.read, subjects: [Self.subject(id)] + entries.map { .person($0.nationalNumber) },
                                information: Self.entryInformation))
            }
            return .with { $0.entries = entries }
        }
    }

    func listAmendments(
        request: Loket_Elections_V1_ListAmendmentsRequest, context: ServerContext
    ) async throws -> Loket_Elections_V1_ListAmendmentsResponse {
        let id = try uuid(request.electionId, context)
        return try await plugin.transaction(context) { transaction in
            _ = try await election(id, in: transaction, context)
            let rows = try await transaction.query(
                """
                SELECT national_number, change, rule_before, rule_after,
                       to_char(recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')
                FROM elections.roll_amendments WHERE election_id = \(id) ORDER BY id
                """)
            let amendments = try rows.map { row in
                let (number, change, before, after, at) = try row.decode(
                    String.self, String.self, String.self, String.self, String.self)
                return Loket_Elections_V1_Amendment.with {
                    $0.nationalNumber = number
                    $0.change = change
                    $0.ruleBefore = before
                    $0.ruleAfter = after
                    $0.explanation = RuleText.text(after)?.text(in: context.language) ?? after
                    $0.recordedAt = at
                }
            }
            if !amendments.isEmpty {
                try await transaction.audit(
                    AuditRecord(.read, subjects: [Self.subject(id)] + amendments.map { .person($0.nationalNumber) },
                                information: ["electoral:amendment"]))
            }
            return .with { $0.amendments = amendments }
        }
    }
}
