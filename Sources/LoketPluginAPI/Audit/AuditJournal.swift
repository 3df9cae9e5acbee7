/// Commits audit records of reads on their own, outside the caller's statements; the host provides it.
///
/// Used through ``PluginContext/read(_:_:)``: a read's result reaches the caller only after its records are
/// committed, so no personal data leaves without a durable trace, while the records of concurrent reads share one
/// commit.
public protocol AuditJournal: Sendable {
    /// Commits `records` for the call in `context` and returns once they are durable; throws when they could not
    /// be written, in which case the caller must not hand out what it read.
    func commit(_ records: [AuditRecord], context: ServerContext) async throws
}
