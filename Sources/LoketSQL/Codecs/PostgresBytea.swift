/// The byte-string types' decoding, shared by `Data` and `[UInt8]`.
enum PostgresBytea {
    static func decode(
        _ bytes: ArraySlice<UInt8>, type: PostgresDataType, format: PostgresFormat
    ) throws(PostgresDecodingFailure) -> ArraySlice<UInt8> {
        switch (type, format) {
        case (.bytea, .binary), (.json, _), (.jsonb, .text):
            return bytes
        case (.jsonb, .binary):
            return try PostgresJSON.jsonbPayload(bytes)
        case (.bytea, .text):
            return ArraySlice(try hex(bytes))
        default:
            throw .unsupported(type, format)
        }
    }

    /// bytea's hex output, `\x0aff…` (the connection sets `bytea_output` to hex).
    private static func hex(_ text: ArraySlice<UInt8>) throws(PostgresDecodingFailure) -> [UInt8] {
        guard text.starts(with: [UInt8(ascii: "\\"), UInt8(ascii: "x")]), let bytes = Hex.decode(text.dropFirst(2))
        else {
            throw PostgresDecodingFailure("is not bytea hex output")
        }
        return bytes
    }
}
