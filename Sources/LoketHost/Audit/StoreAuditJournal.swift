import Foundation
import LoketPluginAPI
import LoketStore
import Synchronization

/// Commits the audit records of reads (``LoketPluginAPI/PluginContext/read(_:_:)``) to `core.audit_log`, the
/// records of many calls in one statement and one commit.
///
/// A call that finds no batch being written starts a writer with its own records at once; calls that arrive
/// meanwhile queue, and when a batch is committed the writer goes straight on with everything queued
/// (``GroupCommitQueue``), until the queue is empty. Each call returns only after the commit that holds its
/// records, so a read's result never leaves before its trace is durable; a failed batch fails every call in it.
/// Under load this turns one flush to disk per read into one per batch, as PostgreSQL's own group commit would if
/// every read had a connection of its own.
final class StoreAuditJournal: AuditJournal {
    private struct Pending: Sendable {
        var rows: [AuditRow]
        var continuation: UnsafeContinuation<Void, any Error>
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
        // Unsafe rather than checked (which allocates per call): the queue hands each pending call to exactly one
        // batch, and the writer resumes every call of a batch once.
        try await withUnsafeThrowingContinuation { continuation in
            let action = queue.withLock { $0.enqueue(Pending(rows: rows, continuation: continuation)) }
            if case .write(let batch) = action {
                startWriter(with: batch)
            }
        }
    }

    /// Writes `batch`, then every batch queued meanwhile, until nothing is queued.
    ///
    /// The writer is a task of its own rather than one of the calls: cancelling a call (its client went away)
    /// must not cancel the statement that holds the other calls' records, and the next batch starts the moment the
    /// previous one is committed, instead of when the event loop of a waiting call gets round to resuming it. It
    /// runs on one of the store's threads, where the statements' results arrive, so a busy spell of many batches
    /// costs no thread switch per batch. It lives only while batches are queued; the queue cannot stay busy
    /// without it, so no call is left waiting when it ends.
    private func startWriter(with first: [Pending]) {
        Task(executorPreference: pool.taskExecutors.first) {
            var batch = first
            while true {
                var failure: (any Error)?
                do {
                    try await self.write(batch.flatMap(\.rows))
                } catch {
                    failure = error
                }
                for pending in batch {
                    if let failure {
                        pending.continuation.resume(throwing: failure)
                    } else {
                        pending.continuation.resume()
                    }
                }
                guard case .write(let next) = self.queue.withLock({ $0.finished() }) else { return }
                batch = next
            }
        }
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
