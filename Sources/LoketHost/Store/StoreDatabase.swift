import LoketPluginAPI
import LoketStore

/// The plugin API's ``Database`` over the store's connection pool.
public struct StoreDatabase: Database {
    /// The pool every transaction runs on.
    public let pool: PostgresPool

    /// Creates the database over `pool`.
    public init(pool: PostgresPool) {
        self.pool = pool
    }

    public func withTransaction<Result: Sendable>(
        isolation: IsolationLevel, timeout: Duration?, _ body: (any QueryExecutor) async throws -> Result
    ) async throws -> Result {
        try await pool.withTransaction(isolation: isolation, timeout: timeout) { transaction in
            try await body(transaction)
        }
    }

    @discardableResult
    public func query(_ query: PostgresQuery, timeout: Duration?) async throws -> PostgresRows {
        try await pool.query(query, format: .binary, timeout: timeout)
    }
}

extension PostgresTransaction: QueryExecutor {
    @discardableResult
    public func query(_ query: PostgresQuery) async throws -> PostgresRows {
        try await self.query(query, format: .binary)
    }
}
