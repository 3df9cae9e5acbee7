/// One `.proto` file of the CodeGeneratorRequest, reduced to what the Swift generator needs.
struct ProtoFile {
    /// The path protoc knows the file by, e.g. `loket/conformance/v1/all_types.proto`.
    var name: String
    /// The protobuf package, e.g. `loket.conformance.v1`.
    var package: String
    /// The `swift_prefix` file option, when set.
    var swiftPrefix: String?
    /// Files this one imports.
    var dependencies: [String]
    var messages: [ProtoMessage]
    var enums: [ProtoEnum]
    var services: [ProtoService]
    /// The serialized FileDescriptorProto without source info, for the embedded descriptor set.
    var serializedDescriptor: [UInt8]
}
