import Foundation

extension Data: PostgresCodable {
    /// `bytea`.
    public static var postgresType: PostgresDataType { .bytea }
    /// Binary: the bytes as they are.
    public static var postgresFormat: PostgresFormat { .binary }
    /// The bytes.
    public func encode(into bytes: inout [UInt8]) { bytes.append(contentsOf: self) }

    /// Reads `bytea` (binary, or the hex text form), and `json`/`jsonb` as their UTF-8 text.
    public static func decode(
        _ bytes: ArraySlice<UInt8>, type: PostgresDataType, format: PostgresFormat
    ) throws(PostgresDecodingFailure) -> Data {
        Data(try PostgresBytea.decode(bytes, type: type, format: format))
    }
}
