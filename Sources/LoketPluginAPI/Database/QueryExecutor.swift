import LoketSQL

/// Runs statements inside one open transaction.
public protocol QueryExecutor: Sendable {
    /// Runs one statement; interpolated values are bound parameters.
    @discardableResult
    func query(_ query: PostgresQuery) async throws -> PostgresRows

    /// Sends a notification that listeners receive when (and only if) the transaction commits.
    func notify(channel: String, payload: String) async throws
}
