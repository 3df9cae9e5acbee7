/// One field of a message.
struct ProtoField {
    /// The protobuf field types (numbers as in descriptor.proto's `FieldDescriptorProto.Type`).
    enum Kind: Int32 {
        case double = 1, float = 2, int64 = 3, uint64 = 4, int32 = 5, fixed64 = 6, fixed32 = 7, bool = 8
        case string = 9, group = 10, message = 11, bytes = 12, uint32 = 13, enumeration = 14
        case sfixed32 = 15, sfixed64 = 16, sint32 = 17, sint64 = 18
    }

    /// Labels as in descriptor.proto.
    enum Label: Int32 {
        case optional = 1, required = 2, repeated = 3
    }

    var name: String
    var number: Int32
    var label: Label
    var kind: Kind
    /// For message and enum fields: the fully qualified type name with a leading dot.
    var typeName: String
    var oneofIndex: Int?
    /// proto3 `optional`: the field sits alone in a synthetic oneof and has explicit presence.
    var isProto3Optional: Bool
    /// Whether the file is proto2 (presence for optional scalars).
    var isProto2: Bool
    var comment: String
}
