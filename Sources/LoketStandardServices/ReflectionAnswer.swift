import LoketRPC
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The answer to one ``ReflectionQuery``, independent of the protocol version.
enum ReflectionAnswer: Sendable, Hashable {
    /// Serialized `FileDescriptorProto`s: the file asked about first, then its transitive imports.
    case fileDescriptors([Data])
    /// The extension numbers of a message type.
    case extensionNumbers(baseTypeName: String, numbers: [Int32])
    /// Fully qualified service names, sorted.
    case services([String])
    /// An error, sent as an `ErrorResponse` on the still-open stream.
    case error(StatusCode, String)
}
