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
    public var service: String
    /// The method name, e.g. `Check`.
    public var method: String
    /// The streaming shape of the method.
    public var kind: Kind

    /// Creates a descriptor.
    public init(service: String, method: String, kind: Kind) {
        self.service = service
        self.method = method
        self.kind = kind
    }

    /// The HTTP/2 `:path` of the method: `/service/method`.
    public var path: String { "/\(service)/\(method)" }

    public var description: String { path }
}
