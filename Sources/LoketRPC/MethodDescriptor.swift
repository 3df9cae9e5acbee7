/// Identifies one RPC method: its service, its name and how many messages flow each way.
public struct MethodDescriptor: Sendable, Hashable, CustomStringConvertible {
    /// How many messages each side sends.
    public enum Kind: Sendable, Hashable {
        /// One request, one response.
        case unary
        /// One request, any number of responses.
        case serverStreaming
        /// Any number of requests, one response.
        case clientStreaming
        /// Any number of requests and responses.
        case bidirectionalStreaming
    }

    /// The fully qualified service name, e.g. `grpc.health.v1.Health`.
    public var service: String { didSet { path = Self.joinedPath(service, method) } }
    /// The method name, e.g. `Check`.
    public var method: String { didSet { path = Self.joinedPath(service, method) } }
    /// The streaming shape of the method.
    public var kind: Kind
    /// The HTTP/2 `:path` of the method: `/service/method`. Kept rather than computed: the access check and the
    /// audit read it on every call, and building it was an allocation each time.
    public private(set) var path: String

    /// Creates a descriptor.
    public init(service: String, method: String, kind: Kind) {
        self.service = service
        self.method = method
        self.kind = kind
        self.path = Self.joinedPath(service, method)
    }

    private static func joinedPath(_ service: String, _ method: String) -> String { "/\(service)/\(method)" }

    public var description: String { path }
}
