/// The migrations of one owner: `core`, or a plugin's id.
public struct MigrationSet: Sendable, Hashable {
    /// Who owns the tables these migrations create.
    public var owner: String
    /// The migrations, in any order; they are applied by id.
    public var migrations: [Migration]

    /// Creates a set.
    public init(owner: String, migrations: [Migration]) {
        self.owner = owner
        self.migrations = migrations
    }
}
