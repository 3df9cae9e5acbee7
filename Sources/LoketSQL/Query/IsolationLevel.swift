/// A transaction isolation level (PostgreSQL runs READ UNCOMMITTED as READ COMMITTED, so it is left out).
public enum IsolationLevel: String, Sendable, CaseIterable {
    /// Each statement sees what was committed before it began. PostgreSQL's default.
    case readCommitted = "READ COMMITTED"
    /// The transaction sees one snapshot; concurrent updates of the same rows fail with a serialization failure.
    case repeatableRead = "REPEATABLE READ"
    /// As if transactions ran one after another; conflicts fail with a serialization failure, retried by
    /// ``PostgresPool/withTransaction(isolation:timeout:retry:calledFrom:_:)``.
    case serializable = "SERIALIZABLE"
}
