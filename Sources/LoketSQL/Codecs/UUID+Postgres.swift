import Foundation

extension UUID: PostgresCodable {
    /// `uuid`.
    public static var postgresType: PostgresDataType { .uuid }
    /// Binary: the sixteen bytes.
    public static var postgresFormat: PostgresFormat { .binary }
    /// The sixteen bytes in order.
    public func encode(into bytes: inout [UInt8]) {
        withUnsafeBytes(of: uuid) { bytes.append(contentsOf: $0) }
    }

    /// Reads `uuid`.
    public static func decode(
        _ bytes: ArraySlice<UInt8>, type: PostgresDataType, format: PostgresFormat
    ) throws(PostgresDecodingFailure) -> UUID {
        switch (type, format) {
        case (.uuid, .binary):
            guard bytes.count == 16 else { throw PostgresDecodingFailure("is not 16 bytes") }
            // Zeros, not `UUID().uuid`: a random UUID costs a read of /dev/urandom on every decoded value.
            var value: uuid_t = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
            withUnsafeMutableBytes(of: &value) { target in
                for (index, byte) in bytes.enumerated() { target[index] = byte }
            }
            return UUID(uuid: value)
        case (.uuid, .text):
            guard let value = UUID(uuidString: String(decoding: bytes, as: UTF8.self)) else {
                throw PostgresDecodingFailure("is not a UUID")
            }
            return value
        default:
            throw .unsupported(type, format)
        }
    }
}
