/// One numbered step of a schema: SQL applied once, in its own transaction, and never edited afterwards.
///
/// The SQL may hold several statements but no transaction control (and so no `CREATE INDEX CONCURRENTLY`).
public struct Migration: Sendable, Hashable {
    /// The number that orders the owner's migrations; positive and unique per owner.
    public var id: Int
    /// A short name for people, e.g. `create_citizens`.
    public var name: String
    /// The SQL to run.
    public var sql: String

    /// Creates a migration.
    public init(id: Int, name: String, sql: String) {
        self.id = id
        self.name = name
        self.sql = sql
    }

    /// The SHA-256 of the SQL's UTF-8 bytes, in hexadecimal: recorded when applied, compared at every start.
    public var checksum: String { SHA256.hexDigest(Array(sql.utf8)) }
}
