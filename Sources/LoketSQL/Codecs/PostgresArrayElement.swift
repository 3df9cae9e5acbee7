/// A type whose Swift arrays are PostgreSQL one-dimensional arrays (`text[]`, `bigint[]`, …).
///
/// Elements travel in binary, so a conforming type's `encode(into:)` must write the binary form of
/// ``postgresElementType`` (text's binary form is its UTF-8). The array-level hooks have generic defaults; `UInt8`
/// replaces them so that `[UInt8]` is `bytea`, like `Data`.
public protocol PostgresArrayElement: PostgresCodable {
    /// The element type inside an array (`text` for `String`, whose own parameter type is left unspecified).
    static var postgresElementType: PostgresDataType { get }
    /// The array type, e.g. `text[]`.
    static var postgresArrayType: PostgresDataType { get }
    /// Whether this element is NULL (only `Optional` says yes).
    var isPostgresNull: Bool { get }
    /// Writes a whole array; the default writes PostgreSQL's binary array format.
    static func encodeArray(_ elements: [Self], into bytes: inout [UInt8])
    /// Reads a whole array; the default reads both array formats.
    static func decodeArray(
        _ bytes: ArraySlice<UInt8>, type: PostgresDataType, format: PostgresFormat
    ) throws(PostgresDecodingFailure) -> [Self]
}

extension PostgresArrayElement {
    /// Not NULL.
    public var isPostgresNull: Bool { false }

    /// PostgreSQL's binary array: dimensions, a has-NULLs flag, the element type, then each element with its
    /// length (-1 for NULL).
    public static func encodeArray(_ elements: [Self], into bytes: inout [UInt8]) {
        // An index loop rather than `contains(where:)`: this runs unspecialized (through the protocol), where the
        // standard library's iterator copied each element into a heap buffer.
        var hasNulls = false
        for index in elements.indices where elements[index].isPostgresNull {
            hasNulls = true
            break
        }
        bytes.appendBigEndian(Int32(elements.isEmpty ? 0 : 1))
        bytes.appendBigEndian(Int32(hasNulls ? 1 : 0))
        bytes.appendBigEndian(postgresElementType.rawValue)
        if !elements.isEmpty {
            bytes.appendBigEndian(Int32(elements.count))
            bytes.appendBigEndian(Int32(1))  // lower bound: PostgreSQL arrays count from 1
        }
        for element in elements {
            if element.isPostgresNull {
                bytes.appendBigEndian(Int32(-1))
                continue
            }
            let lengthOffset = bytes.count
            bytes.appendBigEndian(Int32(0))
            element.encode(into: &bytes)
            bytes.writeBigEndian(Int32(bytes.count - lengthOffset - 4), at: lengthOffset)
        }
    }

    /// Reads a one-dimensional array in either format; NULL elements go to ``PostgresDecodable/decodeNull()``.
    public static func decodeArray(
        _ bytes: ArraySlice<UInt8>, type: PostgresDataType, format: PostgresFormat
    ) throws(PostgresDecodingFailure) -> [Self] {
        switch format {
        case .binary:
            let (elementType, elements) = try PostgresArrayFormat.binaryElements(bytes)
            var result: [Self] = []
            result.reserveCapacity(elements.count)
            for element in elements {
                if let element {
                    result.append(try decode(element, type: elementType, format: .binary))
                } else {
                    result.append(try decodeNull())
                }
            }
            return result
        case .text:
            let elementType = PostgresArrayFormat.elementType(ofArray: type) ?? postgresElementType
            return try PostgresArrayFormat.textElements(bytes).map { (element) throws(PostgresDecodingFailure) in
                if let element {
                    return try decode(element[...], type: elementType, format: .text)
                } else {
                    return try decodeNull()
                }
            }
        }
    }
}

extension Optional: PostgresArrayElement where Wrapped: PostgresArrayElement {
    /// The wrapped element type.
    public static var postgresElementType: PostgresDataType { Wrapped.postgresElementType }
    /// The wrapped array type.
    public static var postgresArrayType: PostgresDataType { Wrapped.postgresArrayType }
    /// Whether this is nil.
    public var isPostgresNull: Bool { self == nil }
}
