import LoketSQL
import Synchronization

/// The statements and audit records of one read-only call; see ``PluginContext/read(_:_:)``.
///
/// Each statement runs on its own, outside a transaction: two statements may see different snapshots. Use a
/// ``Transaction`` when they must agree or when anything is written.
public final class AuditedRead: Sendable {
    /// The call this read works for.
    public let context: ServerContext
    let database: any Database
    let records = Mutex<[AuditRecord]>([])

    init(context: ServerContext, database: any Database) {
        self.context = context
        self.database = database
    }

    /// Runs one read-only statement, bounded by the call's deadline; interpolated values are bound parameters.
    @discardableResult
    public func query(_ query: PostgresQuery) async throws -> PostgresRows {
        try await database.query(query, timeout: context.storeTimeout)
    }

    /// Reports what the call read; committed before the call's result is handed out.
    public func audit(_ record: AuditRecord) {
        records.withLock { $0.append(record) }
    }
}
