/// One bound parameter (`$n`): its declared type, wire format and bytes; nil bytes are SQL NULL.
public struct PostgresBinding: Sendable, Hashable {
    /// The type the server is told; ``PostgresDataType/unspecified`` lets it infer one.
    public var type: PostgresDataType
    /// The format of `bytes`.
    public var format: PostgresFormat
    /// The encoded value, or nil for NULL.
    public var bytes: [UInt8]?

    /// Creates a binding.
    public init(type: PostgresDataType, format: PostgresFormat, bytes: [UInt8]?) {
        self.type = type
        self.format = format
        self.bytes = bytes
    }
}
