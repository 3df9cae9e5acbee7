import Foundation

extension Decimal: PostgresCodable {
    /// `numeric`.
    public static var postgresType: PostgresDataType { .numeric }
    /// Text: numeric's text form is exact and `Decimal` prints it directly.
    public static var postgresFormat: PostgresFormat { .text }
    /// The plain decimal notation (`-12.5`, `NaN`).
    public func encode(into bytes: inout [UInt8]) { bytes.append(contentsOf: description.utf8) }

    /// Reads `numeric` (either format, NaN included) and the integer types.
    ///
    /// `Decimal` holds 38 significant digits; a numeric with more is refused rather than silently rounded, and so
    /// are numeric's infinities, which `Decimal` cannot represent.
    public static func decode(
        _ bytes: ArraySlice<UInt8>, type: PostgresDataType, format: PostgresFormat
    ) throws(PostgresDecodingFailure) -> Decimal {
        let text: String
        switch (type, format) {
        case (.numeric, .binary):
            text = try PostgresNumeric.text(fromBinary: bytes)
        case (.numeric, .text):
            text = String(decoding: bytes, as: UTF8.self)
        case (.int2, _), (.int4, _), (.int8, _):
            return Decimal(try Int64.decode(bytes, type: type, format: format))
        default:
            throw .unsupported(type, format)
        }
        if text == "NaN" { return .nan }
        guard PostgresNumeric.significantDigits(in: text) <= 38 else {
            throw PostgresDecodingFailure("has more significant digits than Decimal's 38")
        }
        guard let value = Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")) else {
            throw PostgresDecodingFailure("is not representable as Decimal (infinite or out of range)")
        }
        return value
    }
}
