/// A migration that a ``Migrator`` run applied.
public struct AppliedMigration: Sendable, Hashable, CustomStringConvertible {
    /// The set's owner.
    public var owner: String
    /// The migration's id.
    public var id: Int
    /// The migration's name.
    public var name: String

    public var description: String { "\(owner) #\(id) \"\(name)\"" }
}
