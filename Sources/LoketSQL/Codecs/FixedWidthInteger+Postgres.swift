extension FixedWidthInteger {
    /// Reads any PostgreSQL integer column (smallint, integer, bigint), refusing values this type cannot hold.
    static func decodePostgresInteger(
        _ bytes: ArraySlice<UInt8>, type: PostgresDataType, format: PostgresFormat
    ) throws(PostgresDecodingFailure) -> Self {
        let wide: Int64
        switch (type, format) {
        case (.int2, .binary), (.int4, .binary), (.int8, .binary):
            var reader = BinaryReader(bytes)
            switch bytes.count {
            case 2: wide = Int64(try reader.read(Int16.self))
            case 4: wide = Int64(try reader.read(Int32.self))
            case 8: wide = try reader.read(Int64.self)
            default: throw PostgresDecodingFailure("has \(bytes.count) bytes, not an integer's 2, 4 or 8")
            }
        case (.int2, .text), (.int4, .text), (.int8, .text):
            guard let parsed = Int64(String(decoding: bytes, as: UTF8.self)) else {
                throw PostgresDecodingFailure("is not an integer")
            }
            wide = parsed
        default:
            throw .unsupported(type, format)
        }
        guard let value = Self(exactly: wide) else { throw PostgresDecodingFailure("\(wide) does not fit") }
        return value
    }
}

extension Int: PostgresCodable {
    /// `bigint`.
    public static var postgresType: PostgresDataType { .int8 }
    /// Binary.
    public static var postgresFormat: PostgresFormat { .binary }
    /// Eight bytes, big-endian.
    public func encode(into bytes: inout [UInt8]) { bytes.appendBigEndian(Int64(self)) }
    /// Reads smallint, integer or bigint.
    public static func decode(
        _ bytes: ArraySlice<UInt8>, type: PostgresDataType, format: PostgresFormat
    ) throws(PostgresDecodingFailure) -> Int {
        try decodePostgresInteger(bytes, type: type, format: format)
    }
}

extension Int64: PostgresCodable {
    /// `bigint`.
    public static var postgresType: PostgresDataType { .int8 }
    /// Binary.
    public static var postgresFormat: PostgresFormat { .binary }
    /// Eight bytes, big-endian.
    public func encode(into bytes: inout [UInt8]) { bytes.appendBigEndian(self) }
    /// Reads smallint, integer or bigint.
    public static func decode(
        _ bytes: ArraySlice<UInt8>, type: PostgresDataType, format: PostgresFormat
    ) throws(PostgresDecodingFailure) -> Int64 {
        try decodePostgresInteger(bytes, type: type, format: format)
    }
}

extension Int32: PostgresCodable {
    /// `integer`.
    public static var postgresType: PostgresDataType { .int4 }
    /// Binary.
    public static var postgresFormat: PostgresFormat { .binary }
    /// Four bytes, big-endian.
    public func encode(into bytes: inout [UInt8]) { bytes.appendBigEndian(self) }
    /// Reads smallint, integer, or a bigint that fits.
    public static func decode(
        _ bytes: ArraySlice<UInt8>, type: PostgresDataType, format: PostgresFormat
    ) throws(PostgresDecodingFailure) -> Int32 {
        try decodePostgresInteger(bytes, type: type, format: format)
    }
}

extension Int16: PostgresCodable {
    /// `smallint`.
    public static var postgresType: PostgresDataType { .int2 }
    /// Binary.
    public static var postgresFormat: PostgresFormat { .binary }
    /// Two bytes, big-endian.
    public func encode(into bytes: inout [UInt8]) { bytes.appendBigEndian(self) }
    /// Reads smallint, or an integer or bigint that fits.
    public static func decode(
        _ bytes: ArraySlice<UInt8>, type: PostgresDataType, format: PostgresFormat
    ) throws(PostgresDecodingFailure) -> Int16 {
        try decodePostgresInteger(bytes, type: type, format: format)
    }
}
