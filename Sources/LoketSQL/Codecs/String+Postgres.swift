extension String: PostgresCodable {
    /// Unspecified: the server infers the type from the context (text, varchar, jsonb, an enum…), as it does for a
    /// quoted literal, so that a string can be stored in any column that accepts text input.
    public static var postgresType: PostgresDataType { .unspecified }
    /// Text.
    public static var postgresFormat: PostgresFormat { .text }
    /// The UTF-8 bytes.
    public func encode(into bytes: inout [UInt8]) { bytes.append(contentsOf: utf8) }

    /// Reads character types and JSON in either format, and any type's text representation.
    public static func decode(
        _ bytes: ArraySlice<UInt8>, type: PostgresDataType, format: PostgresFormat
    ) throws(PostgresDecodingFailure) -> String {
        switch (type, format) {
        case (.jsonb, .binary):
            return String(decoding: try PostgresJSON.jsonbPayload(bytes), as: UTF8.self)
        case (_, .text), (.json, .binary):
            return String(decoding: bytes, as: UTF8.self)
        case (let type, .binary) where type.isText:
            return String(decoding: bytes, as: UTF8.self)
        default:
            throw .unsupported(type, format)
        }
    }
}
