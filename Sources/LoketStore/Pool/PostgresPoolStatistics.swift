/// A snapshot of a pool's use.
public struct PostgresPoolStatistics: Sendable, Hashable {
    /// Connections open or being opened.
    public var open: Int
    /// Open connections not lent out.
    public var idle: Int
    /// Callers waiting for a connection.
    public var waiting: Int
}
