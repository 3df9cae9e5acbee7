/// A Swift type that a result value can be read as.
///
/// `decode` gets the value's bytes with the column's type and format; a NULL goes to `decodeNull`, which throws
/// except for `Optional`, so a NULL is read only as nil.
public protocol PostgresDecodable: Sendable {
    /// Reads a non-NULL value.
    static func decode(
        _ bytes: ArraySlice<UInt8>, type: PostgresDataType, format: PostgresFormat
    ) throws(PostgresDecodingFailure) -> Self

    /// The value for SQL NULL; throws unless the type can represent it.
    static func decodeNull() throws(PostgresDecodingFailure) -> Self
}

extension PostgresDecodable {
    /// Refuses NULL: only optionals hold it.
    public static func decodeNull() throws(PostgresDecodingFailure) -> Self {
        throw PostgresDecodingFailure("is NULL; decode it as an optional")
    }
}

/// A type that can be both sent and read.
public typealias PostgresCodable = PostgresEncodable & PostgresDecodable

extension Optional: PostgresDecodable where Wrapped: PostgresDecodable {
    /// Reads the wrapped type.
    public static func decode(
        _ bytes: ArraySlice<UInt8>, type: PostgresDataType, format: PostgresFormat
    ) throws(PostgresDecodingFailure) -> Self {
        try Wrapped.decode(bytes, type: type, format: format)
    }

    /// nil.
    public static func decodeNull() throws(PostgresDecodingFailure) -> Self { nil }
}
