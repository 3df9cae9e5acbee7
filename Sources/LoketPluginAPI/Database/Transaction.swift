import LoketSQL

/// One transaction of a call: statements, audit records and notifications that all commit together or not at all.
public struct Transaction: Sendable {
    /// The statements' executor.
    public let executor: any QueryExecutor
    /// The call this transaction works for.
    public let context: ServerContext
    let auditWriter: any AuditWriter

    /// Creates a transaction value; the host and tests create these, plugins receive them.
    public init(executor: any QueryExecutor, context: ServerContext, auditWriter: any AuditWriter) {
        self.executor = executor
        self.context = context
        self.auditWriter = auditWriter
    }

    /// Runs one statement; interpolated values are bound parameters.
    @discardableResult
    public func query(_ query: PostgresQuery) async throws -> PostgresRows {
        try await executor.query(query)
    }

    /// Appends an audit record for this call, committed with (and only with) the transaction.
    public func audit(_ record: AuditRecord) async throws {
        try await auditWriter.write(record, context: context, using: executor)
    }

    /// Sends a notification on commit.
    public func notify(channel: String, payload: String = "") async throws {
        try await executor.notify(channel: channel, payload: payload)
    }
}
