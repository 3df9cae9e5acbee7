import Foundation
import LoketPluginAPI

/// Results per polling station, entered twice (four-eyes, ``FourEyes``). Every entry and every discard is kept
/// and audited; a station's result is accepted only when two active entries by different principals agree.
extension ElectionsService {
    func enterResult(
        request: Loket_Elections_V1_EnterResultRequest, context: ServerContext
    ) async throws -> Loket_Elections_V1_StationResult {
        let caller = try context.caller
        let station = try uuid(request.stationId, context)
        var candidates: [String: Int] = [:]
        for (key, votes) in request.candidates {
            let parts = key.split(separator: "-")
            guard parts.count == 2, let list = Int(parts[0]), let position = Int(parts[1]), list > 0, position > 0 else {
                throw plugin.localizer.error(.invalidArgument, ElectionsMessages.invalidCandidateKey, for: context, key)
            }
            candidates["\(list)-\(position)"] = Int(votes)
        }
        let counts = ResultCounts(
            ballots: Int(request.ballots), blank: Int(request.blank), invalid: Int(request.invalid),
            lists: Dictionary(uniqueKeysWithValues: request.lists.map { (Int($0.key), Int($0.value)) }),
            candidates: candidates)
        return try await plugin.transaction(context) { transaction in
            let electionID = try await lockStation(station, transaction, context)
            let entries = try await activeEntries(station, transaction)
            do throws(ResultRefusal) {
                try FourEyes.checkEntry(counts, by: caller.principalID, active: entries.map(\.entry))
            } catch {
                throw refusal(error.rawValue, context)
            }
            try await transaction.audit(
                AuditRecord(.create, subjects: [Self.subject(electionID), Self.stationSubject(station)],
                            information: ["result:entry:\(entries.count + 1)"]))
            try await transaction.query(
                """
                INSERT INTO elections.result_entries (
                    station_id, principal_id, principal_name, ballots, blank, invalid, lists, candidates)
                VALUES (\(station), \(caller.principalID), \(caller.principalName), \(counts.ballots), \(counts.blank),
                        \(counts.invalid), \(PostgresJSON(Self.json(counts.lists))), \(PostgresJSON(Self.json(counts.candidates))))
                """)
            let all = entries.map(\.entry) + [ResultEntry(principal: caller.principalID, counts: counts)]
            if case .accepted(let accepted) = FourEyes.state(all) {
                try await transaction.query(
                    """
                    INSERT INTO elections.station_results (station_id, ballots, blank, invalid, lists, candidates)
                    VALUES (\(station), \(accepted.ballots), \(accepted.blank), \(accepted.invalid),
                            \(PostgresJSON(Self.json(accepted.lists))), \(PostgresJSON(Self.json(accepted.candidates))))
                    """)
                try await transaction.audit(
                    AuditRecord(.update, subjects: [Self.subject(electionID), Self.stationSubject(station)],
                                information: ["result:accepted"]))
            }
            return Self.stationResult(station, all)
        }
    }

    func resolveResult(
        request: Loket_Elections_V1_ResolveResultRequest, context: ServerContext
    ) async throws -> Loket_Elections_V1_StationResult {
        let caller = try context.caller
        let station = try uuid(request.stationId, context)
        let reason = try text(request.reason, field: "reason", required: false, limit: 1000, context)
        guard !reason.isEmpty else {
            throw plugin.localizer.error(.invalidArgument, ElectionsMessages.reasonRequired, for: context)
        }
        let discard: [Int]
        switch request.discard {
        case .first: discard = [0]
        case .second: discard = [1]
        case .both: discard = [0, 1]
        case .unspecified, .unrecognized:
            throw plugin.localizer.error(.invalidArgument, ElectionsMessages.invalidField, for: context, "discard")
        }
        return try await plugin.transaction(context) { transaction in
            let electionID = try await lockStation(station, transaction, context)
            let entries = try await activeEntries(station, transaction)
            guard case .mismatch = FourEyes.state(entries.map(\.entry)) else {
                throw plugin.localizer.error(.failedPrecondition, ElectionsMessages.nothingToResolve, for: context)
            }
            let ids = discard.map { entries[$0].id }
            try await transaction.query(
                """
                UPDATE elections.result_entries
                SET discarded_by = \(caller.principalName), discarded_at = now(), discard_reason = \(reason)
                WHERE id = ANY(\(ids))
                """)
            try await transaction.audit(
                AuditRecord(.update, subjects: [Self.subject(electionID), Self.stationSubject(station)],
                            information: ids.map { "result:discarded:\($0)" }))
            let remaining = entries.enumerated().filter { !discard.contains($0.offset) }.map(\.element.entry)
            return Self.stationResult(station, remaining)
        }
    }

    func getStationResult(
        request: Loket_Elections_V1_GetStationResultRequest, context: ServerContext
    ) async throws -> Loket_Elections_V1_StationResult {
        let station = try uuid(request.stationId, context)
        return try await plugin.transaction(context) { transaction in
            _ = try await stationElection(station, transaction, context)
            return Self.stationResult(station, try await activeEntries(station, transaction).map(\.entry))
        }
    }

    func getResultTotals(
        request: Loket_Elections_V1_GetResultTotalsRequest, context: ServerContext
    ) async throws -> Loket_Elections_V1_ResultTotals {
        let id = try uuid(request.electionId, context)
        return try await plugin.transaction(context) { transaction in
            _ = try await election(id, in: transaction, context)
            let lists = try await transaction.query(
                """
                SELECT l.key::int4, coalesce((SELECT min(c.list_name) FROM elections.candidates c
                                              WHERE c.election_id = \(id) AND c.list_number = l.key::int4), ''),
                       sum(l.value::int4)::int4
                FROM elections.station_results sr
                JOIN elections.polling_stations p ON p.id = sr.station_id AND p.election_id = \(id)
                CROSS JOIN LATERAL jsonb_each_text(sr.lists) AS l(key, value)
                GROUP BY l.key ORDER BY l.key::int4
                """)
            let candidates = try await transaction.query(
                """
                SELECT c.key, sum(c.value::int4)::int4
                FROM elections.station_results sr
                JOIN elections.polling_stations p ON p.id = sr.station_id AND p.election_id = \(id)
                CROSS JOIN LATERAL jsonb_each_text(sr.candidates) AS c(key, value)
                GROUP BY c.key ORDER BY c.key
                """)
            let totals = try await transaction.query(
                """
                SELECT coalesce(sum(sr.ballots), 0)::int4, coalesce(sum(sr.blank), 0)::int4,
                       coalesce(sum(sr.invalid), 0)::int4, count(sr.station_id)::int4, count(*)::int4
                FROM elections.polling_stations p LEFT JOIN elections.station_results sr ON sr.station_id = p.id
                WHERE p.election_id = \(id)
                """)
            let (ballots, blank, invalid, accepted, stations) = try totals[0].decode(
                Int32.self, Int32.self, Int32.self, Int32.self, Int32.self)
            var result = Loket_Elections_V1_ResultTotals()
            result.lists = try lists.map { row in
                let (number, name, votes) = try row.decode(Int32.self, String.self, Int32.self)
                return .with {
                    $0.listNumber = number
                    $0.listName = name
                    $0.votes = votes
                }
            }
            for row in candidates {
                let (key, votes) = try row.decode(String.self, Int32.self)
                result.candidates[key] = votes
            }
            result.ballots = ballots
            result.blank = blank
            result.invalid = invalid
            result.stationsAccepted = accepted
            result.stationsTotal = stations
            return result
        }
    }

    static func stationSubject(_ station: UUID) -> AuditSubject {
        AuditSubject(kind: "polling-station", id: station.uuidString.lowercased())
    }

    /// Locks the station row (entries of one station are serialised) and returns its election.
    private func lockStation(_ station: UUID, _ transaction: Transaction, _ context: ServerContext) async throws -> UUID {
        let rows = try await transaction.query(
            "SELECT election_id FROM elections.polling_stations WHERE id = \(station) FOR UPDATE")
        guard let row = rows.first else {
            throw plugin.localizer.error(
                .notFound, ElectionsMessages.stationNotFound, for: context, station.uuidString.lowercased())
        }
        return try row.decode(UUID.self, at: 0)
    }

    /// The station's entries that are not discarded, oldest first.
    private func activeEntries(
        _ station: UUID, _ transaction: Transaction
    ) async throws -> [(id: Int64, entry: ResultEntry)] {
        let rows = try await transaction.query(
            """
            SELECT id, principal_id, ballots, blank, invalid, lists::text, candidates::text
            FROM elections.result_entries WHERE station_id = \(station) AND discarded_at IS NULL ORDER BY id
            """)
        return try rows.map { row in
            let (id, principal, ballots, blank, invalid, lists, candidates) = try row.decode(
                Int64.self, String.self, Int32.self, Int32.self, Int32.self, String.self, String.self)
            let listCounts = Self.counts(lists).reduce(into: [Int: Int]()) { result, pair in
                if let list = Int(pair.key) { result[list] = pair.value }
            }
            let counts = ResultCounts(
                ballots: Int(ballots), blank: Int(blank), invalid: Int(invalid), lists: listCounts,
                candidates: Self.counts(candidates))
            return (id, ResultEntry(principal: principal, counts: counts))
        }
    }

    static func stationResult(_ station: UUID, _ entries: [ResultEntry]) -> Loket_Elections_V1_StationResult {
        var result = Loket_Elections_V1_StationResult()
        result.stationId = station.uuidString.lowercased()
        result.entries = Int32(entries.count)
        switch FourEyes.state(entries) {
        case .awaitingFirstEntry: result.state = .awaitingFirstEntry
        case .awaitingSecondEntry: result.state = .awaitingSecondEntry
        case .mismatch(let differences):
            result.state = .mismatch
            result.differences = differences.map { difference in
                .with {
                    $0.item = difference.item
                    $0.first = Int32(clamping: difference.first)
                    $0.second = Int32(clamping: difference.second)
                }
            }
        case .accepted(let counts):
            result.state = .accepted
            result.ballots = Int32(clamping: counts.ballots)
            result.blank = Int32(clamping: counts.blank)
            result.invalid = Int32(clamping: counts.invalid)
            result.lists = Dictionary(uniqueKeysWithValues: counts.lists.map { (Int32(clamping: $0.key), Int32(clamping: $0.value)) })
            result.candidates = counts.candidates.mapValues { Int32(clamping: $0) }
        }
        return result
    }

    /// A JSON object of counts; keys are list numbers or checked `list-position` keys, so no escaping is needed.
    static func json<Key: CustomStringConvertible & Comparable>(_ counts: [Key: Int]) -> String {
        "{" + counts.keys.sorted().map { "\"\($0)\": \(counts[$0] ?? 0)" }.joined(separator: ", ") + "}"
    }

    /// Counts from a JSON object written by ``json(_:)``.
    static func counts(_ json: String) -> [String: Int] {
        guard let object = try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any] else { return [:] }
        return object.compactMapValues { ($0 as? NSNumber)?.intValue }
    }
}
