import LoketPluginAPI
import LoketStore

/// Appends audit records to `core.audit_log` in the caller's transaction.
public struct StoreAuditWriter: AuditWriter {
    /// Creates the writer.
    public init() {}

    public func write(_ record: AuditRecord, context: ServerContext, using executor: any QueryExecutor) async throws {
        let caller = try context.caller
        try await executor.query(Self.insert(record, caller: caller, method: context.method.path, outcome: "ok"))
    }

    /// The statement that appends `record`.
    static func insert(_ record: AuditRecord, caller: Caller, method: String, outcome: String) -> PostgresQuery {
        AuditRows([AuditRow(record, caller: caller, method: method, outcome: outcome)]).insert
    }
}
