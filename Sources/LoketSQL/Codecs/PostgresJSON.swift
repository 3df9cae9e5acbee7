/// A JSON document sent as `jsonb`: use it where the server cannot infer the type from the context (a `String`
/// parameter works wherever the target column is `jsonb`).
///
/// Reading `jsonb` needs no wrapper: decode it as `String` or `Data`.
public struct PostgresJSON: Sendable, Hashable {
    /// The JSON text.
    public var text: String

    /// Wraps JSON text; the server checks that it is valid JSON.
    public init(_ text: String) {
        self.text = text
    }

    /// The version byte that opens jsonb's binary format.
    private static let jsonbVersion: UInt8 = 1

    /// The JSON text inside a binary jsonb value.
    static func jsonbPayload(_ bytes: ArraySlice<UInt8>) throws(PostgresDecodingFailure) -> ArraySlice<UInt8> {
        guard bytes.first == jsonbVersion else { throw PostgresDecodingFailure("has an unknown jsonb version") }
        return bytes.dropFirst()
    }
}

extension PostgresJSON: PostgresCodable {
    /// `jsonb`.
    public static var postgresType: PostgresDataType { .jsonb }
    /// Text: jsonb's text input is the JSON itself.
    public static var postgresFormat: PostgresFormat { .text }
    /// The UTF-8 text.
    public func encode(into bytes: inout [UInt8]) { bytes.append(contentsOf: text.utf8) }

    /// Reads `json` and `jsonb`.
    public static func decode(
        _ bytes: ArraySlice<UInt8>, type: PostgresDataType, format: PostgresFormat
    ) throws(PostgresDecodingFailure) -> PostgresJSON {
        guard type == .json || type == .jsonb else { throw .unsupported(type, format) }
        let text = try PostgresBytea.decode(bytes, type: type, format: format)
        return PostgresJSON(String(decoding: text, as: UTF8.self))
    }
}
