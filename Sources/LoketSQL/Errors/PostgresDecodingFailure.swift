/// Why a result value could not be read as a Swift type; the cause of a ``StoreError`` with code `decoding`.
public struct PostgresDecodingFailure: Error, Sendable, CustomStringConvertible {
    /// What was wrong with the value.
    public var reason: String
    /// The column, when known.
    public var column: String?
    /// The Swift type asked for, when known.
    public var swiftType: String?
    /// The column's PostgreSQL type, when known.
    public var postgresType: PostgresDataType?

    /// Creates a failure with a reason; the row fills in the column and types.
    public init(_ reason: String) {
        self.reason = reason
    }

    /// The failure for a column type (or format) that the Swift type does not read.
    static func unsupported(_ type: PostgresDataType, _ format: PostgresFormat) -> Self {
        Self("cannot be read from \(type) in \(format) format")
    }

    public var description: String {
        var text = "value"
        if let column { text += " of column \"\(column)\"" }
        if let postgresType { text += " (\(postgresType))" }
        if let swiftType { text += " as \(swiftType)" }
        return text + ": " + reason
    }
}
