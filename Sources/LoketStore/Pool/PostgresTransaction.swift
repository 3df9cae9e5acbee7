import Synchronization

/// The statements of one transaction, handed to the body of
/// ``PostgresPool/withTransaction(isolation:timeout:retry:calledFrom:_:)``; valid only until the body returns.
public struct PostgresTransaction: Sendable {
    /// Whether the transaction is still open; shared by the copies of one transaction value.
    final class Lifetime: Sendable {
        private let open = Atomic<Bool>(true)
        var isOpen: Bool { open.load(ordering: .acquiring) }
        func end() { open.store(false, ordering: .releasing) }
    }

    let connection: PostgresConnection
    let lifetime: Lifetime

    /// Runs a statement inside the transaction; see ``PostgresConnection/query(_:format:)``.
    @discardableResult
    public func query(_ query: PostgresQuery, format: PostgresFormat = .binary) async throws -> PostgresRows {
        guard lifetime.isOpen else {
            throw StoreError(.misuse, cause: LibPQError("a transaction was used after its body returned"))
        }
        return try await connection.execute(query, format: format, timeout: nil)
    }

    /// Sends a notification that listeners receive when (and only if) the transaction commits.
    public func notify(channel: String, payload: String = "") async throws {
        try await query("SELECT pg_notify(\(channel), \(payload))")
    }
}
