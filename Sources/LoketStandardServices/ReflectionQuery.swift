/// One reflection request, independent of the protocol version (v1 and v1alpha differ only in package name).
enum ReflectionQuery: Sendable, Hashable {
    /// A file by its import path.
    case fileByFilename(String)
    /// The file that defines a fully qualified symbol.
    case fileContainingSymbol(String)
    /// The file that defines an extension of a message type.
    case fileContainingExtension(containingType: String, number: Int32)
    /// The extension field numbers of a message type.
    case allExtensionNumbersOfType(String)
    /// The services the server offers.
    case listServices
    /// A request that sets none of the fields of its `message_request` oneof.
    case missing
}
