/// `UInt8` exists as an element so that `[UInt8]` is `bytea`: its array hooks read and write raw bytes. A single
/// `UInt8` is a `smallint`.
extension UInt8: PostgresArrayElement {
    /// `smallint`, the smallest integer type PostgreSQL has.
    public static var postgresType: PostgresDataType { .int2 }
    /// Binary.
    public static var postgresFormat: PostgresFormat { .binary }
    /// `smallint`; unused, since arrays of `UInt8` are `bytea`.
    public static var postgresElementType: PostgresDataType { .int2 }
    /// `bytea`: `[UInt8]` is a byte string.
    public static var postgresArrayType: PostgresDataType { .bytea }

    /// Two bytes, big-endian.
    public func encode(into bytes: inout [UInt8]) { bytes.appendBigEndian(Int16(self)) }

    /// Reads an integer column between 0 and 255.
    public static func decode(
        _ bytes: ArraySlice<UInt8>, type: PostgresDataType, format: PostgresFormat
    ) throws(PostgresDecodingFailure) -> UInt8 {
        try decodePostgresInteger(bytes, type: type, format: format)
    }

    /// The bytes as they are (`bytea`'s binary form).
    public static func encodeArray(_ elements: [UInt8], into bytes: inout [UInt8]) {
        bytes.append(contentsOf: elements)
    }

    /// Reads `bytea`, `json` and `jsonb`, like `Data`.
    public static func decodeArray(
        _ bytes: ArraySlice<UInt8>, type: PostgresDataType, format: PostgresFormat
    ) throws(PostgresDecodingFailure) -> [UInt8] {
        Array(try PostgresBytea.decode(bytes, type: type, format: format))
    }
}
