/// A notification sent with `NOTIFY` or `pg_notify`.
public struct PostgresNotification: Sendable, Hashable {
    /// The channel it was sent on.
    public var channel: String
    /// The payload; empty when none was given.
    public var payload: String
    /// The server process that sent it.
    public var processID: Int32
}
