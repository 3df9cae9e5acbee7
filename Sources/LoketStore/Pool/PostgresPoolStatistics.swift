/// A snapshot of a pool's use.
public struct PostgresPoolStatistics: Sendable, Hashable {
    /// Connections open or being opened.
    public var open: Int
    /// Open connections not lent out.
    public var idle: Int
    /// Callers waiting for a connection.
    public var waiting: Int
    /// Pipelines run since the pool was made: statements of callers that waited for a connection, sent together.
    public var pipelines: Int = 0
    /// Statements those pipelines carried.
    public var pipelinedStatements: Int = 0
}
