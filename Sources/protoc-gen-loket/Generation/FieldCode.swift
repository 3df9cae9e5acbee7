/// The Swift type and the reader/writer calls for one field value of a given protobuf type.
struct FieldCode {
    let kind: ProtoField.Kind
    /// The Swift type of one value (the element type for repeated fields).
    let swiftType: String

    init(kind: ProtoField.Kind, typeName: String, types: TypeTable) {
        self.kind = kind
        switch kind {
        case .double: swiftType = "Double"
        case .float: swiftType = "Float"
        case .int64, .sint64, .sfixed64: swiftType = "Int64"
        case .uint64, .fixed64: swiftType = "UInt64"
        case .int32, .sint32, .sfixed32: swiftType = "Int32"
        case .uint32, .fixed32: swiftType = "UInt32"
        case .bool: swiftType = "Bool"
        case .string: swiftType = "String"
        case .bytes: swiftType = "Data"
        case .enumeration, .message, .group: swiftType = types.swiftName(typeName)
        }
    }

    var isNumeric: Bool {
        switch kind {
        case .double, .float, .int64, .sint64, .sfixed64, .uint64, .fixed64, .int32, .sint32, .sfixed32, .uint32,
            .fixed32:
            true
        default: false
        }
    }

    /// An expression reading one singular value; messages read as optionals.
    func read(_ reader: String, _ index: Int) -> String {
        switch kind {
        case .bool: "\(reader).bool(\(index))"
        case .string: "try \(reader).string(\(index))"
        case .bytes: "\(reader).bytes(\(index))"
        case .enumeration: "\(reader).enumValue(\(index), as: \(swiftType).self)"
        case .message, .group: "try \(reader).message(\(index), as: \(swiftType).self)"
        default: "\(reader).scalar(\(index), as: \(swiftType).self)"
        }
    }

    /// An expression reading one value that must not be nil (oneof members, map values).
    func readNonOptional(_ reader: String, _ index: Int) -> String {
        kind == .message || kind == .group ? "\(read(reader, index)) ?? \(swiftType)()" : read(reader, index)
    }

    /// A statement writing one singular value.
    func write(_ writer: String, _ index: Int, _ value: String) -> String {
        switch kind {
        case .bool: "\(writer).setBool(\(index), \(value))"
        case .string: "\(writer).setString(\(index), \(value))"
        case .bytes: "\(writer).setBytes(\(index), \(value))"
        case .enumeration: "\(writer).setEnum(\(index), \(value))"
        case .message, .group: "\(writer).setMessage(\(index), \(value))"
        default: "\(writer).setScalar(\(index), \(value))"
        }
    }

    /// An expression reading a repeated field.
    func readRepeated(_ reader: String, _ index: Int) -> String {
        switch kind {
        case .bool: "\(reader).repeatedBool(\(index))"
        case .string: "try \(reader).repeatedString(\(index))"
        case .bytes: "\(reader).repeatedBytes(\(index))"
        case .enumeration: "\(reader).repeatedEnum(\(index), as: \(swiftType).self)"
        case .message, .group: "try \(reader).repeatedMessage(\(index), as: \(swiftType).self)"
        default: "\(reader).repeatedScalar(\(index), as: \(swiftType).self)"
        }
    }

    /// A statement writing a repeated field.
    func writeRepeated(_ writer: String, _ index: Int, _ value: String) -> String {
        switch kind {
        case .bool: "\(writer).setRepeatedBool(\(index), \(value))"
        case .string: "\(writer).setRepeatedString(\(index), \(value))"
        case .bytes: "\(writer).setRepeatedBytes(\(index), \(value))"
        case .enumeration: "\(writer).setRepeatedEnum(\(index), \(value))"
        case .message, .group: "\(writer).setRepeatedMessage(\(index), \(value))"
        default: "\(writer).setRepeatedScalar(\(index), \(value))"
        }
    }

    /// The default value of a plain (no presence) proto3 field.
    func defaultValue(types: TypeTable, typeName: String) -> String {
        switch kind {
        case .bool: return "false"
        case .string: return "\"\""
        case .bytes: return "Data()"
        case .enumeration:
            if case .enumeration(let enumeration, _)? = types.entries[typeName] {
                let zero = enumeration.values.first { $0.number == 0 } ?? enumeration.values.first
                if let zero { return "." + Naming.identifier(Naming.enumCase(zero.name, enumName: enumeration.name)) }
            }
            return "\(swiftType)(rawValue: 0)"
        case .message, .group: return "nil"
        default: return "0"
        }
    }
}
