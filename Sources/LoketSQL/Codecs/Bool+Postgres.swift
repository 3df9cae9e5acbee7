extension Bool: PostgresCodable {
    /// `boolean`.
    public static var postgresType: PostgresDataType { .bool }
    /// Binary.
    public static var postgresFormat: PostgresFormat { .binary }
    /// One byte, 1 or 0.
    public func encode(into bytes: inout [UInt8]) { bytes.append(self ? 1 : 0) }

    /// Reads `boolean`.
    public static func decode(
        _ bytes: ArraySlice<UInt8>, type: PostgresDataType, format: PostgresFormat
    ) throws(PostgresDecodingFailure) -> Bool {
        guard type == .bool, bytes.count == 1, let byte = bytes.first else { throw .unsupported(type, format) }
        switch (format, byte) {
        case (.binary, 0), (.text, UInt8(ascii: "f")): return false
        case (.binary, 1), (.text, UInt8(ascii: "t")): return true
        default: throw PostgresDecodingFailure("is not a boolean")
        }
    }
}
