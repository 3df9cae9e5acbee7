/// A migration file that cannot be used as it is.
public struct MigrationFileError: Error, CustomStringConvertible {
    /// The file's name.
    public var file: String
    /// What is wrong with it.
    public var problem: String

    /// The file and the problem.
    public var description: String { "migration file \(file): \(problem)" }
}
