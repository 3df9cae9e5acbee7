/// PostgreSQL's two array representations, split into element values.
enum PostgresArrayFormat {
    /// The element type of the built-in array types this module reads.
    static func elementType(ofArray type: PostgresDataType) -> PostgresDataType? {
        switch type {
        case .boolArray: .bool
        case .int2Array: .int2
        case .int4Array: .int4
        case .int8Array: .int8
        case .textArray: .text
        case .varcharArray: .varchar
        case .float8Array: .float8
        case .uuidArray: .uuid
        default: nil
        }
    }

    /// The binary form: its element type and each element's bytes (nil for NULL). Only one dimension is read.
    static func binaryElements(
        _ bytes: ArraySlice<UInt8>
    ) throws(PostgresDecodingFailure) -> (PostgresDataType, [ArraySlice<UInt8>?]) {
        var reader = BinaryReader(bytes)
        let dimensions = try reader.read(Int32.self)
        _ = try reader.read(Int32.self)  // has-NULLs flag; the lengths say it per element
        let elementType = PostgresDataType(rawValue: try reader.read(UInt32.self))
        guard dimensions <= 1 else { throw PostgresDecodingFailure("has \(dimensions) dimensions, not one") }
        guard dimensions == 1 else { return (elementType, []) }
        let count = Int(try reader.read(Int32.self))
        _ = try reader.read(Int32.self)  // lower bound
        guard count >= 0, count <= reader.bytes.count / 4 else { throw PostgresDecodingFailure("bad array size") }
        var elements: [ArraySlice<UInt8>?] = []
        elements.reserveCapacity(count)
        for _ in 0..<count {
            let length = Int(try reader.read(Int32.self))
            elements.append(length < 0 ? nil : try reader.readBytes(length))
        }
        return (elementType, elements)
    }

    /// The text form, `{a,"b c",NULL}` (an optional `[lower:upper]=` prefix is skipped); quoted elements are
    /// unescaped, an unquoted NULL is nil.
    static func textElements(_ bytes: ArraySlice<UInt8>) throws(PostgresDecodingFailure) -> [[UInt8]?] {
        var rest = bytes
        if rest.first == UInt8(ascii: "[") {
            guard let equals = rest.firstIndex(of: UInt8(ascii: "=")) else { throw malformed }
            rest = rest[(equals + 1)...]
        }
        guard rest.first == UInt8(ascii: "{"), rest.last == UInt8(ascii: "}") else { throw malformed }
        rest = rest.dropFirst().dropLast()
        if rest.isEmpty { return [] }
        var elements: [[UInt8]?] = []
        while true {
            let (element, remainder) = try nextElement(rest)
            elements.append(element)
            guard let separator = remainder.first else { return elements }
            guard separator == UInt8(ascii: ",") else { throw malformed }
            rest = remainder.dropFirst()
        }
    }

    private static let malformed = PostgresDecodingFailure("is not a one-dimensional array literal")

    private static func nextElement(
        _ input: ArraySlice<UInt8>
    ) throws(PostgresDecodingFailure) -> ([UInt8]?, ArraySlice<UInt8>) {
        var rest = input
        switch rest.first {
        case UInt8(ascii: "{"):
            throw PostgresDecodingFailure("has more than one dimension")
        case UInt8(ascii: "\""):
            rest.removeFirst()
            var value: [UInt8] = []
            while let byte = rest.popFirst() {
                switch byte {
                case UInt8(ascii: "\""): return (value, rest)
                case UInt8(ascii: "\\"):
                    guard let escaped = rest.popFirst() else { throw malformed }
                    value.append(escaped)
                default: value.append(byte)
                }
            }
            throw malformed
        default:
            let end = rest.firstIndex(of: UInt8(ascii: ",")) ?? rest.endIndex
            let value = rest[..<end]
            if value.count == 4, String(decoding: value, as: UTF8.self).uppercased() == "NULL" {
                return (nil, rest[end...])
            }
            return (Array(value), rest[end...])
        }
    }
}
