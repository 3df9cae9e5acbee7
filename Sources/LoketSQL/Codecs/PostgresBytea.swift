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
        guard text.starts(with: [UInt8(ascii: "\\"), UInt8(ascii: "x")]), text.count % 2 == 0 else {
            throw PostgresDecodingFailure("is not bytea hex output")
        }
        func nibble(_ byte: UInt8) throws(PostgresDecodingFailure) -> UInt8 {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
            default: throw PostgresDecodingFailure("is not bytea hex output")
            }
        }
        var result: [UInt8] = []
        result.reserveCapacity(text.count / 2 - 1)
        var index = text.startIndex + 2
        while index < text.endIndex {
            result.append(try nibble(text[index]) << 4 | nibble(text[index + 1]))
            index += 2
        }
        return result
    }
}
