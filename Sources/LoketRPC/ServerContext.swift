import Synchronization

/// What a handler knows about its call: the method, the client's metadata, the deadline and the peer, plus a place
/// to put response headers and trailers.
///
/// Cancellation (a client reset, a passed deadline) arrives as Swift task cancellation. A context is a value; the
/// fields the transport set live in the call's ``ResponseMetadata`` (one allocation per call, so passing a context
/// along costs one reference count), and changing a field (as an interceptor may) boxes the changed fields anew.
public struct ServerContext: Sendable {
    struct Fields: Sendable {
        var method: MethodDescriptor
        var requestMetadata: Metadata
        var deadline: ContinuousClock.Instant?
        var peer: String
        var values: ServerContextValues
    }

    private final class Overrides: Sendable {
        let fields: Fields

        init(_ fields: Fields) {
            self.fields = fields
        }
    }

    /// Metadata the handler wants sent back; shared by every copy of the context.
    public let response: ResponseMetadata
    /// The fields once one of them was changed; nil while they are the transport's.
    private var overrides: Overrides?

    private var fields: Fields { overrides?.fields ?? response.contextFields }

    private mutating func change(_ update: (inout Fields) -> Void) {
        var fields = self.fields
        update(&fields)
        overrides = Overrides(fields)
    }

    /// The method being called.
    public var method: MethodDescriptor {
        get { overrides?.fields.method ?? response.contextFields.method }
        set { change { $0.method = newValue } }
    }

    /// The client's metadata (request headers other than the reserved HTTP/2 and gRPC ones).
    public var requestMetadata: Metadata {
        get { overrides?.fields.requestMetadata ?? response.contextFields.requestMetadata }
        set { change { $0.requestMetadata = newValue } }
    }

    /// When the call must be finished, from `grpc-timeout`; nil for no deadline.
    public var deadline: ContinuousClock.Instant? {
        get { overrides.map { $0.fields.deadline } ?? response.contextFields.deadline }
        set { change { $0.deadline = newValue } }
    }

    /// The remote address, e.g. `ipv4:127.0.0.1:53412`.
    public var peer: String {
        get { overrides?.fields.peer ?? response.contextFields.peer }
        set { change { $0.peer = newValue } }
    }

    /// What the transport and interceptors attached to the call (the authenticated caller, the client
    /// certificate), by key type.
    public subscript<Key: ServerContextKey>(key: Key.Type) -> Key.Value? {
        get { (overrides?.fields.values ?? response.contextFields.values)[key] }
        set { change { $0.values[key] = newValue } }
    }

    /// Creates a context.
    public init(
        method: MethodDescriptor, requestMetadata: Metadata = Metadata(), deadline: ContinuousClock.Instant? = nil,
        peer: String = "unknown"
    ) {
        response = ResponseMetadata(
            contextFields: Fields(
                method: method, requestMetadata: requestMetadata, deadline: deadline, peer: peer,
                values: ServerContextValues()))
    }
}
