/// Appends audit records in the caller's transaction; the host provides it.
public protocol AuditWriter: Sendable {
    /// Writes `record` for the call in `context` through `executor`, inside its open transaction.
    func write(_ record: AuditRecord, context: ServerContext, using executor: any QueryExecutor) async throws
}
