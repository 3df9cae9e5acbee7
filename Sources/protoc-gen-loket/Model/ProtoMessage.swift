/// A message type and its nested types.
struct ProtoMessage {
    var name: String
    /// The fully qualified name without a leading dot, e.g. `loket.conformance.v1.AllTypes.Nested`.
    var fullName: String
    var fields: [ProtoField]
    /// Names of the oneofs, by `oneof_index`; synthetic oneofs of proto3 `optional` fields included.
    var oneofNames: [String]
    var nestedMessages: [ProtoMessage]
    var nestedEnums: [ProtoEnum]
    /// Whether protoc synthesised this message for a `map<K, V>` field.
    var isMapEntry: Bool
    var comment: String
}
