import LoketSQL

/// The store as a plugin sees it: statements with bound parameters and transactions, nothing of libpq.
///
/// Most plugin code uses ``PluginContext/transaction(_:isolation:_:)``, which bounds the work by the call's
/// deadline and writes audit records in the same transaction.
public protocol Database: Sendable {
    /// Runs `body` in one transaction: commits when it returns, rolls back when it throws; a serialization
    /// failure or deadlock runs `body` again (so it must have no effects outside the database). `timeout` bounds
    /// the whole call and becomes the statements' timeout; one that has passed already fails with a timeout error.
    func withTransaction<Result: Sendable>(
        isolation: IsolationLevel, timeout: Duration?,
        _ body: (any QueryExecutor) async throws -> Result
    ) async throws -> Result

    /// Runs one statement outside any transaction (it commits on its own); `timeout` becomes its statement
    /// timeout, and one that has passed already fails with a timeout error.
    @discardableResult
    func query(_ query: PostgresQuery, timeout: Duration?) async throws -> PostgresRows
}
