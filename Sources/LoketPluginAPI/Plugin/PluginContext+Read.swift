extension PluginContext {
    /// Runs the read-only `body` for the call in `context` and returns its result once the audit records it
    /// reported (``AuditedRead/audit(_:)``) are committed.
    ///
    /// Cheaper than ``transaction(_:isolation:_:)`` for lookups: statements run without BEGIN and COMMIT, and the
    /// records of concurrent reads are committed together, one flush to disk for many calls. The guarantee is the
    /// same: the result reaches the caller only when its audit records are durable, and if they cannot be written
    /// the call fails. Statements do not share a snapshot; nothing may be written here.
    public func read<Result: Sendable>(
        _ context: ServerContext, _ body: (AuditedRead) async throws -> Result
    ) async throws -> Result {
        let read = AuditedRead(context: context, database: database)
        let result = try await body(read)
        let records = read.records.withLock { $0 }
        if !records.isEmpty {
            try await auditJournal.commit(records, context: context)
        }
        return result
    }
}
