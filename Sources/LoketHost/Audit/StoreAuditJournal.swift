import Foundation
import LoketPluginAPI
import LoketStore
import Synchronization

/// Commits the audit records of reads (``LoketPluginAPI/PluginContext/read(_:_:)``) to `core.audit_log`, the
/// records of many calls in one statement and one commit.
///
/// A call that finds no batch being written writes its own records at once; calls that arrive meanwhile queue,
/// and when the batch is committed the first of them writes everything queued (``GroupCommitQueue``). Each call
/// returns only after the commit that holds its records, so a read's result never leaves before its trace is
/// durable; a failed batch fails every call in it. Under load this turns one flush to disk per read into one per
/// batch, as PostgreSQL's own group commit would if every read had a connection of its own.
final class StoreAuditJournal: AuditJournal {
    private enum Turn: Sendable {
        case committed
        case lead([Pending])
    }

    private struct Pending: Sendable {
        var rows: [AuditRow]
        var continuation: CheckedContinuation<Turn, any Error>
    }

    let pool: PostgresPool
    /// How long one batch may take; it does not depend on any caller's deadline, since it serves many callers.
    let timeout: Duration
    private let queue: Mutex<GroupCommitQueue<Pending>>

    /// Creates a journal writing through `pool`, at most `maxBatch` records' calls per statement.
    init(pool: PostgresPool, maxBatch: Int = 256, timeout: Duration = .seconds(10)) {
        self.pool = pool
        self.timeout = timeout
        self.queue = Mutex(GroupCommitQueue(maxBatch: maxBatch))
    }

    /// Calls queued behind the batch being written, for tests.
    var queuedCount: Int { queue.withLock { $0.queued.count } }

    func commit(_ records: [AuditRecord], context: ServerContext) async throws {
        guard !records.isEmpty else { return }
        let caller = try context.caller
        let rows = records.map { AuditRow($0, caller: caller, method: context.method.path) }
        let turn = try await withCheckedThrowingContinuation { continuation in
            let action = queue.withLock { $0.enqueue(Pending(rows: rows, continuation: continuation)) }
            if case .write(let batch) = action {
                continuation.resume(returning: .lead(batch))
            }
        }
        guard case .lead(let batch) = turn else { return }
        // This call leads `batch`, whose first entry is its own (its continuation is the one just used).
        var failure: (any Error)?
        do {
            // In a task of its own, awaited at once: cancelling the leading call (its client went away) must not
            // cancel the statement that holds the other calls' records.
            let rows = batch.flatMap(\.rows)
            // On one of the store's threads: the statement's result then resumes it there, without waking a
            // thread of the global executor for every batch.
            try await Task(executorPreference: pool.taskExecutors.first) { try await self.write(rows) }.value
        } catch {
            failure = error
        }
        // The next batch starts before this one's callers are resumed, so that the disk is never idle for long.
        if case .write(let next) = queue.withLock({ $0.finished() }) {
            next[0].continuation.resume(returning: .lead(next))
        }
        for pending in batch.dropFirst() {
            if let failure {
                pending.continuation.resume(throwing: failure)
            } else {
                pending.continuation.resume(returning: .committed)
            }
        }
        if let failure { throw failure }
    }

    /// Writes `rows`, bounded by ``timeout`` from here rather than by a statement timeout: reads without a
    /// deadline run with the server's default, and a session timeout set for the journal's statements would be
    /// set and reset around every batch on the connections they share.
    private func write(_ rows: [AuditRow]) async throws {
        let insert = AuditRows(rows).insert
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await self.pool.query(insert) }
            group.addTask { [timeout] in
                try await Task.sleep(for: timeout)
                throw StoreError(.timeout)
            }
            // The first to finish decides; cancelling the statement's task cancels it on the server.
            defer { group.cancelAll() }
            try await group.next()
        }
    }
}
