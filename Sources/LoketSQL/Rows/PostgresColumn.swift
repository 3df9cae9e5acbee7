/// A result column: its name, type and the format its values came in.
public struct PostgresColumn: Sendable, Hashable {
    /// The column's name (or alias).
    public var name: String
    /// The column's type.
    public var type: PostgresDataType
    /// The format of its values.
    public var format: PostgresFormat

    /// Creates a column description.
    public init(name: String, type: PostgresDataType, format: PostgresFormat) {
        self.name = name
        self.type = type
        self.format = format
    }
}
