extension Double: PostgresCodable {
    /// `double precision`.
    public static var postgresType: PostgresDataType { .float8 }
    /// Binary: the IEEE 754 bits, exact in both directions.
    public static var postgresFormat: PostgresFormat { .binary }
    /// The eight bytes of the bit pattern, big-endian.
    public func encode(into bytes: inout [UInt8]) { bytes.appendBigEndian(bitPattern) }

    /// Reads `double precision` and `real`, including NaN and the infinities.
    public static func decode(
        _ bytes: ArraySlice<UInt8>, type: PostgresDataType, format: PostgresFormat
    ) throws(PostgresDecodingFailure) -> Double {
        var reader = BinaryReader(bytes)
        switch (type, format) {
        case (.float8, .binary):
            return Double(bitPattern: try reader.read(UInt64.self))
        case (.float4, .binary):
            return Double(Float(bitPattern: try reader.read(UInt32.self)))
        case (.float8, .text), (.float4, .text):
            let text = String(decoding: bytes, as: UTF8.self)
            switch text {
            case "NaN": return .nan
            case "Infinity": return .infinity
            case "-Infinity": return -.infinity
            default:
                guard let value = Double(text) else { throw PostgresDecodingFailure("is not a number") }
                return value
            }
        default:
            throw .unsupported(type, format)
        }
    }
}
