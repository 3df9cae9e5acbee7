import Foundation
import LoketPluginAPI

/// The electoral roll. Generation reads the register view once, applies ``RollBuilder`` and, while the roll is
/// open, replaces the stored roll; once closed, the stored roll stays frozen and each difference becomes an
/// amendment.
///
/// Audit: generation reads the personal data of every person considered. Writing one audit record per person
/// (20,000 or more per run) would drown the audit log, so a generation writes one `read` record naming the
/// election, with `register_residents_v1:<count>` and the fields read; the roll itself (kept with the election)
/// tells which persons were read. Amendments after closing name each amended person. Reading the roll back
/// (ExplainVoter, ListRoll, ListAmendments, GetConvocation) names every person returned, like any other read.
extension ElectionsService {
    /// The register fields a generation reads, for the audit record.
    static let registerInformation = [
        "national_number", "name", "birth_date", "nationality", "address", "residence_period", "death",
    ]

    func generateRoll(
        request: Loket_Elections_V1_GenerateRollRequest, context: ServerContext
    ) async throws -> Loket_Elections_V1_RollSummary {
        let caller = try context.caller
        let id = try uuid(request.electionId, context)
        return try await plugin.transaction(context) { transaction in
            let record = try await election(id, lock: true, in: transaction, context)
            try await requireRegister(in: transaction, context)
            let residents = try await readResidents(record, transaction)
            let builder = RollBuilder(
                eligibility: record.eligibility, applications: try await applications(id, transaction),
                deprivations: try await deprivations(transaction))
            let lines = builder.build(residents)
            try await transaction.audit(
                AuditRecord(.read, subjects: [Self.subject(id)],
                            information: ["register_residents_v1:\(residents.count)"] + Self.registerInformation))
            var amendments = 0
            if record.rollClosedAt == nil {
                try await replaceRoll(id, lines, transaction)
                try await transaction.query(
                    "UPDATE elections.elections SET roll_generated_at = now() WHERE id = \(id)")
                try await assignStations(id, transaction)
            } else {
                amendments = try await amendRoll(id, lines, by: caller.principalName, transaction)
                try await assignStations(id, onlyUnassigned: true, transaction)
            }
            return try await summary(id, amendments: amendments, transaction)
        }
    }

    func closeRoll(
        request: Loket_Elections_V1_CloseRollRequest, context: ServerContext
    ) async throws -> Loket_Elections_V1_RollSummary {
        let id = try uuid(request.electionId, context)
        return try await plugin.transaction(context) { transaction in
            let record = try await election(id, lock: true, in: transaction, context)
            guard record.rollGenerated else {
                throw plugin.localizer.error(.failedPrecondition, ElectionsMessages.rollNotGenerated, for: context)
            }
            guard record.rollClosedAt == nil else {
                throw plugin.localizer.error(.failedPrecondition, ElectionsMessages.rollClosed, for: context)
            }
            try await transaction.query("UPDATE elections.elections SET roll_closed_at = now() WHERE id = \(id)")
            try await transaction.query(
                """
                UPDATE elections.roll_entries SET frozen_included = included, frozen_rule = rule
                WHERE election_id = \(id)
                """)
            try await transaction.audit(AuditRecord(.update, subjects: [Self.subject(id)], information: ["roll:closed"]))
            return try await summary(id, amendments: 0, transaction)
        }
    }

    /// Everyone registered in the municipality at some time from a year before the reference date up to
    /// election day, with the address on the reference date (else the latest one there).
    private func readResidents(_ record: ElectionRecord, _ transaction: Transaction) async throws -> [Resident] {
        let reference = record.referenceDate
        let yearBefore = reference.adding(years: -1)
        let rows = try await transaction.query(
            """
            SELECT DISTINCT ON (v.person_id)
                   v.person_id, coalesce(v.national_number, ''), v.family_name, v.given_names, v.birth_date,
                   v.nationality, v.date_of_death, v.street, v.house_number, v.box, v.postal_code, v.municipality,
                   (v.resident_from <= \(reference) AND (v.resident_until IS NULL OR v.resident_until > \(reference)))
                       AS resident
            FROM civil_registry.register_residents_v1 v
            WHERE lower(v.municipality) = lower(\(record.municipality))
              AND v.resident_from <= \(record.electionDay)
              AND (v.resident_until IS NULL OR v.resident_until > \(yearBefore))
            ORDER BY v.person_id, resident DESC, v.resident_from DESC
            """)
        return try rows.map { row in
            let (person, number, family, given, birth, nationality, death) = try row.decode(
                UUID.self, String.self, String.self, String.self, CalendarDate?.self, String.self, CalendarDate?.self)
            let (street, house, box, postal, municipality) = (
                try row.decode(String.self, at: 7), try row.decode(String.self, at: 8),
                try row.decode(String.self, at: 9), try row.decode(String.self, at: 10),
                try row.decode(String.self, at: 11))
            return Resident(
                personID: person, nationalNumber: number, familyName: family, givenNames: given, birthDate: birth,
                nationality: nationality, dateOfDeath: death, street: street, houseNumber: house, box: box,
                postalCode: postal, municipality: municipality, residentOnReferenceDate: try row.decode(Bool.self, at: 12))
        }
    }

    /// The status of each person's latest application for the election (a live one before a dead one).
    private func applications(_ id: UUID, _ transaction: Transaction) async throws -> [String: ApplicationStatus] {
        let rows = try await transaction.query(
            """
            SELECT DISTINCT ON (national_number) national_number, status FROM elections.applications
            WHERE election_id = \(id)
            ORDER BY national_number, (status IN ('pending', 'approved')) DESC, filed_on DESC, decided_at DESC NULLS LAST
            """)
        var result: [String: ApplicationStatus] = [:]
        for row in rows {
            let (number, status) = try row.decode(String.self, String.self)
            result[number] = ApplicationStatus(rawValue: status)
        }
        return result
    }

    private func deprivations(_ transaction: Transaction) async throws -> [String: [Deprivation]] {
        let rows = try await transaction.query(
            "SELECT national_number, from_date, until_date FROM elections.deprivations")
        var result: [String: [Deprivation]] = [:]
        for row in rows {
            let (number, from, until) = try row.decode(String.self, CalendarDate.self, CalendarDate?.self)
            result[number, default: []].append(Deprivation(from: from, until: until))
        }
        return result
    }

    /// Replaces the open roll with `lines`, in batches of bound arrays.
    private func replaceRoll(_ id: UUID, _ lines: [RollLine], _ transaction: Transaction) async throws {
        try await transaction.query("DELETE FROM elections.roll_entries WHERE election_id = \(id)")
        var start = 0
        while start < lines.count {
            let batch = lines[start..<min(start + 5000, lines.count)]
            try await insert(id, batch, amended: false, transaction)
            start += 5000
        }
    }

    private func insert(
        _ id: UUID, _ batch: some Collection<RollLine>, amended: Bool, _ transaction: Transaction
    ) async throws {
        let persons = batch.map(\.resident.personID)
        let positions = batch.map { Int32($0.position) }
        let numbers = batch.map(\.resident.nationalNumber)
        let families = batch.map(\.resident.familyName)
        let givens = batch.map(\.resident.givenNames)
        let births: [String?] = batch.map { $0.resident.birthDate?.description }
        let nationalities = batch.map(\.resident.nationality)
        let streets = batch.map(\.resident.street)
        let houses = batch.map(\.resident.houseNumber)
        let boxes = batch.map(\.resident.box)
        let postals = batch.map(\.resident.postalCode)
        let municipalities = batch.map(\.resident.municipality)
        let included = batch.map(\.included)
        let rules = batch.map(\.rule.rawValue)
        // Exclusions travel as one comma-separated text per line (rule codes contain no commas).
        let exclusions = batch.map { $0.exclusions.map(\.rawValue).joined(separator: ",") }
        let voterNumbers: [Int32?] = batch.map { $0.voterNumber.map { Int32($0) } }
        try await transaction.query(
            """
            INSERT INTO elections.roll_entries (
                election_id, person_id, position, national_number, family_name, given_names, birth_date, nationality,
                street, house_number, box, postal_code, municipality, included, rule, exclusions, voter_number, amended)
            SELECT \(id), t.person, t.position, t.number, t.family, t.given, t.birth::date, t.nationality, t.street,
                   t.house, t.box, t.postal, t.municipality, t.included, t.rule,
                   CASE WHEN t.exclusions = '' THEN '{}'::text[] ELSE string_to_array(t.exclusions, ',') END,
                   t.voter, \(amended)
            FROM unnest(\(persons), \(positions), \(numbers), \(families), \(givens), \(births), \(nationalities),
                        \(streets), \(houses), \(boxes), \(postals), \(municipalities), \(included), \(rules),
                        \(exclusions), \(voterNumbers))
                 AS t(person, position, number, family, given, birth, nationality, street, house, box, postal,
                      municipality, included, rule, exclusions, voter)
            """)
    }

    /// Compares a fresh generation with the closed roll and records each difference as an amendment: a person
    /// added to or removed from the roll, or a changed rule. Returns the number of amendments.
    private func amendRoll(
        _ id: UUID, _ lines: [RollLine], by principal: String, _ transaction: Transaction
    ) async throws -> Int {
        let rows = try await transaction.query(
            """
            SELECT person_id, national_number, included, rule FROM elections.roll_entries WHERE election_id = \(id)
            """)
        var current: [UUID: (number: String, included: Bool, rule: String)] = [:]
        for row in rows {
            let (person, number, included, rule) = try row.decode(UUID.self, String.self, Bool.self, String.self)
            current[person] = (number, included, rule)
        }
        let numbers = try await transaction.query(
            """
            SELECT coalesce(max(voter_number), 0), coalesce(max(position), 0) FROM elections.roll_entries
            WHERE election_id = \(id)
            """)
        var nextVoter = Int(try numbers[0].decode(Int32.self, at: 0)) + 1
        var nextPosition = Int(try numbers[0].decode(Int32.self, at: 1)) + 1
        var amended: [String] = []
        var seen = Set<UUID>()
        for line in lines {
            seen.insert(line.resident.personID)
            let exclusions = line.exclusions.map(\.rawValue)
            guard let before = current[line.resident.personID] else {
                var added = line
                added.position = nextPosition
                nextPosition += 1
                added.voterNumber = line.included ? nextVoter : nil
                if line.included { nextVoter += 1 }
                try await insert(id, [added], amended: line.included, transaction)
                if line.included {
                    try await recordAmendment(id, line.resident.personID, line.resident.nationalNumber, "added",
                                              before: "", after: line.rule.rawValue, by: principal, transaction)
                    amended.append(line.resident.nationalNumber)
                }
                continue
            }
            guard before.rule != line.rule.rawValue else { continue }
            let change = before.included == line.included ? "changed" : (line.included ? "added" : "removed")
            let voter: Int32? = line.included ? Int32(nextVoter) : nil
            try await transaction.query(
                """
                UPDATE elections.roll_entries SET included = \(line.included), rule = \(line.rule.rawValue),
                    exclusions = \(exclusions), amended = true,
                    voter_number = CASE WHEN \(line.included) THEN coalesce(voter_number, \(voter)) ELSE voter_number END
                WHERE election_id = \(id) AND person_id = \(line.resident.personID)
                """)
            if line.included && !before.included { nextVoter += 1 }
            try await recordAmendment(id, line.resident.personID, before.number, change, before: before.rule,
                                      after: line.rule.rawValue, by: principal, transaction)
            amended.append(before.number)
        }
        // On the closed roll but no longer in the register's municipality at all.
        for (person, before) in current where !seen.contains(person) && before.included {
            let rule = EligibilityRule.notResidentOnReferenceDate.rawValue
            try await transaction.query(
                """
                UPDATE elections.roll_entries SET included = false, rule = \(rule), exclusions = ARRAY[\(rule)],
                    amended = true
                WHERE election_id = \(id) AND person_id = \(person)
                """)
            try await recordAmendment(id, person, before.number, "removed", before: before.rule, after: rule,
                                      by: principal, transaction)
            amended.append(before.number)
        }
        if !amended.isEmpty {
            try await transaction.audit(
                AuditRecord(.update, subjects: [Self.subject(id)] + amended.filter { !$0.isEmpty }.map { .person($0) },
                            information: ["roll:amendment"]))
        }
        return amended.count
    }

    private func recordAmendment(
        _ id: UUID, _ person: UUID, _ number: String, _ change: String, before: String, after: String, by: String,
        _ transaction: Transaction
    ) async throws {
        try await transaction.query(
            """
            INSERT INTO elections.roll_amendments (
                election_id, person_id, national_number, change, rule_before, rule_after, recorded_by)
            VALUES (\(id), \(person), \(number), \(change), \(before), \(after), \(by))
            """)
    }

    /// Counts per rule and the digest of the stored roll.
    func summary(
        _ id: UUID, amendments: Int, _ transaction: Transaction
    ) async throws -> Loket_Elections_V1_RollSummary {
        let rows = try await transaction.query(
            """
            SELECT national_number, included, rule, coalesce(voter_number, 0)
            FROM elections.roll_entries WHERE election_id = \(id) ORDER BY position
            """)
        var digest = RollDigest()
        var byRule: [String: Int32] = [:]
        var included: Int32 = 0
        for row in rows {
            let (number, isIncluded, rule, voter) = try row.decode(String.self, Bool.self, String.self, Int32.self)
            digest.add("\(number)|\(isIncluded)|\(rule)|\(voter)")
            byRule[rule, default: 0] += 1
            if isIncluded { included += 1 }
        }
        let closed = try await transaction.query(
            "SELECT roll_closed_at IS NOT NULL FROM elections.elections WHERE id = \(id)")
        let isClosed = try closed.first?.decode(Bool.self, at: 0) ?? false
        let total = Int32(rows.count)
        return .with {
            $0.electionId = id.uuidString.lowercased()
            $0.considered = total
            $0.included = included
            $0.excluded = total - included
            $0.byRule = byRule.keys.sorted().map { rule in .with { $0.rule = rule; $0.count = byRule[rule] ?? 0 } }
            $0.closed = isClosed
            $0.amendments = Int32(amendments)
            $0.digest = digest.hex
        }
    }
}
