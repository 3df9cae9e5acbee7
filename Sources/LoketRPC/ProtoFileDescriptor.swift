#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// One `.proto` file as compiled into the server, for server reflection.
///
/// The code generator emits one per file (and per import) in each generated module.
public struct ProtoFileDescriptor: Sendable, Hashable {
    /// The file's import path, e.g. `grpc/health/v1/health.proto`.
    public var name: String
    /// The files it imports.
    public var dependencies: [String]
    /// Fully qualified names of the messages, enums, services and methods it defines.
    public var symbols: [String]
    /// The serialized `google.protobuf.FileDescriptorProto` (without source info).
    public var serializedBytes: [UInt8]

    /// Creates a descriptor from the generator's base64 text.
    public init(name: String, dependencies: [String], symbols: [String], base64: String) {
        self.name = name
        self.dependencies = dependencies
        self.symbols = symbols
        self.serializedBytes = Array(Data(base64Encoded: base64) ?? Data())
    }
}
