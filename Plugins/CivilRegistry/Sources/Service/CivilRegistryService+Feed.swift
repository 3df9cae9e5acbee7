import Foundation
import LoketPluginAPI

/// The register feed: every change recorded in the transaction that makes it (``recordChanges(_:in:)``), and
/// `WatchChanges`, which streams them from a cursor on and then live. See the README, "Register feed".
extension CivilRegistryService {
    /// The channel on which a committed change wakes the feeds (the payload is its last cursor).
    static let feedChannel = "civil_registry_feed"
    /// Changes per batch read, sent and audited together.
    static let feedBatchSize = 100
    /// How often an idle feed reads anyway, in case a notification was lost (the host's listening connection
    /// dropped, or the subscription began a moment after a change).
    static let feedPollInterval: Duration = .seconds(1)

    /// Appends `changes` to the feed under the next cursors and wakes the feeds when the transaction commits.
    /// Call it after the transaction's last row lock on register data: taking a cursor locks the feed's counter
    /// until commit (which is what keeps cursors in commit order).
    func recordChanges(_ changes: [PendingChange], in transaction: Transaction) async throws {
        var last: Int64?
        for change in changes {
            let rows = try await transaction.query(
                """
                SELECT civil_registry.record_change(
                    \(change.kind.rawValue), \(change.person), \(change.act), \(change.actKind?.rawValue),
                    \(change.informationTypes.map(\.code))::text[])
                """)
            last = try rows.first?.decode(Int64.self, at: 0)
        }
        if let last {
            try await transaction.notify(channel: Self.feedChannel, payload: String(last))
        }
    }

    func watchChanges(
        request: Loket_Civilregistry_V1_WatchChangesRequest,
        response: ResponseWriter<Loket_Civilregistry_V1_RegisterChange>, context: ServerContext
    ) async throws {
        let types = try informationTypes(request.informationTypes, context)
        guard request.afterCursor >= 0 else {
            throw plugin.localizer.error(
                .invalidArgument, CivilRegistryMessages.feedCursorNegative, for: context, String(request.afterCursor))
        }
        // Subscribed before the first read, so that a change committed in between wakes the loop.
        try await plugin.notifications.withWakeups(channel: Self.feedChannel, every: Self.feedPollInterval) { wakeups in
            var cursor = request.afterCursor
            var first = true
            var waiting = wakeups.makeAsyncIterator()
            while !Task.isCancelled {
                let batch = try await feedBatch(after: cursor, types: types, checkCursor: first, context)
                first = false
                try await response.write(contentsOf: batch.changes)
                cursor = batch.readUpTo
                if batch.isFull { continue }
                // Cancellation (the client went away) ends the wait with nil.
                guard await waiting.next() != nil else { break }
            }
        }
    }

    /// The changes after `cursor` that touch `types`, at most a batch, read in one snapshot and audited as read.
    /// `readUpTo` is the cursor the next read starts after: the last change sent when the batch is full, else
    /// the last change committed (the changes in between touch none of `types`).
    private func feedBatch(
        after cursor: Int64, types: [InformationType], checkCursor: Bool, _ context: ServerContext
    ) async throws -> (changes: [Loket_Civilregistry_V1_RegisterChange], readUpTo: Int64, isFull: Bool) {
        let codes = types.map(\.code)
        let wanted = Set(types)
        let limit = Self.feedBatchSize
        return try await plugin.transaction(context, isolation: .repeatableRead) { transaction in
            // In one snapshot: every cursor up to the counter's committed value is visible (see migration 0010).
            let counter = try await transaction.query("SELECT last_cursor FROM civil_registry.feed_counter")
            let last = try counter.first?.decode(Int64.self, at: 0) ?? 0
            if checkCursor && cursor > last {
                throw plugin.localizer.error(
                    .outOfRange, CivilRegistryMessages.feedCursorAhead, for: context, String(cursor), String(last))
            }
            let rows = try await transaction.query(
                """
                SELECT f.cursor, f.kind, to_char(f.recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
                       coalesce(f.act_id::text, ''), f.act_kind, f.information_types, f.person_id, f.snapshot::text
                FROM civil_registry.feed f
                WHERE f.cursor > \(cursor) AND f.cursor <= \(last) AND f.information_types && \(codes)::text[]
                ORDER BY f.cursor
                LIMIT \(Int64(limit))
                """)
            let changes = try rows.map { try Self.registerChange($0, wanted: wanted) }
            if !changes.isEmpty {
                var subjects: [AuditSubject] = []
                for change in changes {
                    let subject = Self.subject(change.person ?? Person())
                    if !subjects.contains(subject) { subjects.append(subject) }
                }
                try await transaction.audit(AuditRecord(.read, subjects: subjects, information: types.map(\.auditName)))
            }
            let isFull = changes.count == limit
            return (changes, isFull ? changes[changes.count - 1].cursor : last, isFull)
        }
    }

    /// The requested information types, checked: at least one, each a known code; sorted, without repeats.
    func informationTypes(_ codes: [String], _ context: ServerContext) throws -> [InformationType] {
        guard !codes.isEmpty else {
            throw plugin.localizer.error(.invalidArgument, CivilRegistryMessages.informationTypesMissing, for: context)
        }
        var types: Set<InformationType> = []
        for code in codes {
            guard let type = InformationType(code: code) else {
                let known = InformationType.allCases.map(\.code).joined(separator: ", ")
                throw plugin.localizer.error(
                    .invalidArgument, CivilRegistryMessages.informationTypeUnknown, for: context,
                    String(code.prefix(20)), known)
            }
            types.insert(type)
        }
        return types.sorted()
    }
}
