extension Array: PostgresEncodable where Element: PostgresArrayElement {
    /// The element's array type.
    public static var postgresType: PostgresDataType { Element.postgresArrayType }
    /// Binary.
    public static var postgresFormat: PostgresFormat { .binary }
    /// The element type's array encoding.
    public func encode(into bytes: inout [UInt8]) { Element.encodeArray(self, into: &bytes) }
}

extension Array: PostgresDecodable where Element: PostgresArrayElement {
    /// The element type's array decoding.
    public static func decode(
        _ bytes: ArraySlice<UInt8>, type: PostgresDataType, format: PostgresFormat
    ) throws(PostgresDecodingFailure) -> [Element] {
        try Element.decodeArray(bytes, type: type, format: format)
    }
}
