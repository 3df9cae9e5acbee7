import Synchronization

/// What a handler knows about its call: the method, the client's metadata, the deadline and the peer, plus a place
/// to put response headers and trailers.
///
/// Cancellation (a client reset, a passed deadline) arrives as Swift task cancellation. A context is a value; its
/// fields live in one immutable box, so passing it along costs one reference count, and changing a field (as an
/// interceptor may) makes a new box.
public struct ServerContext: Sendable {
    private final class Storage: Sendable {
        let method: MethodDescriptor
        let requestMetadata: Metadata
        let deadline: ContinuousClock.Instant?
        let peer: String
        let response: ResponseMetadata
        let values: ServerContextValues

        init(
            method: MethodDescriptor, requestMetadata: Metadata, deadline: ContinuousClock.Instant?, peer: String,
            response: ResponseMetadata, values: ServerContextValues
        ) {
            self.method = method
            self.requestMetadata = requestMetadata
            self.deadline = deadline
            self.peer = peer
            self.response = response
            self.values = values
        }

        func with(
            method: MethodDescriptor? = nil, requestMetadata: Metadata? = nil,
            deadline: ContinuousClock.Instant?? = nil, peer: String? = nil, values: ServerContextValues? = nil
        ) -> Storage {
            Storage(
                method: method ?? self.method, requestMetadata: requestMetadata ?? self.requestMetadata,
                deadline: deadline ?? self.deadline, peer: peer ?? self.peer, response: response,
                values: values ?? self.values)
        }
    }

    private var storage: Storage

    /// The method being called.
    public var method: MethodDescriptor {
        get { storage.method }
        set { storage = storage.with(method: newValue) }
    }

    /// The client's metadata (request headers other than the reserved HTTP/2 and gRPC ones).
    public var requestMetadata: Metadata {
        get { storage.requestMetadata }
        set { storage = storage.with(requestMetadata: newValue) }
    }

    /// When the call must be finished, from `grpc-timeout`; nil for no deadline.
    public var deadline: ContinuousClock.Instant? {
        get { storage.deadline }
        set { storage = storage.with(deadline: .some(newValue)) }
    }

    /// The remote address, e.g. `ipv4:127.0.0.1:53412`.
    public var peer: String {
        get { storage.peer }
        set { storage = storage.with(peer: newValue) }
    }

    /// Metadata the handler wants sent back; shared by every copy of the context.
    public var response: ResponseMetadata { storage.response }

    /// What the transport and interceptors attached to the call (the authenticated caller, the client
    /// certificate), by key type.
    public subscript<Key: ServerContextKey>(key: Key.Type) -> Key.Value? {
        get { storage.values[key] }
        set {
            var values = storage.values
            values[key] = newValue
            storage = storage.with(values: values)
        }
    }

    /// Creates a context.
    public init(
        method: MethodDescriptor, requestMetadata: Metadata = Metadata(), deadline: ContinuousClock.Instant? = nil,
        peer: String = "unknown"
    ) {
        storage = Storage(
            method: method, requestMetadata: requestMetadata, deadline: deadline, peer: peer,
            response: ResponseMetadata(), values: ServerContextValues())
    }
}

/// The mutable side of a call, shared by the handler and the transport: response headers and trailers, whether to
/// compress responses, and whether the request message just delivered arrived compressed.
///
/// Headers added after the first response message has gone out are sent as trailers.
public final class ResponseMetadata: Sendable {
    private struct State {
        var headers = Metadata()
        var trailers = Metadata()
        var compressMessages = false
        var lastRequestCompressed = false
    }

    private let state = Mutex(State())

    init() {}

    /// Adds a header to the response's initial metadata.
    public func addHeader(_ value: Metadata.Value, forKey key: String) {
        state.withLock { Self.add(value, key, to: &$0.headers) }
    }

    /// Adds a trailer, sent with the status.
    public func addTrailer(_ value: Metadata.Value, forKey key: String) {
        state.withLock { Self.add(value, key, to: &$0.trailers) }
    }

    /// The headers added so far.
    public var headers: Metadata { state.withLock { $0.headers } }
    /// The trailers added so far.
    public var trailers: Metadata { state.withLock { $0.trailers } }

    /// Whether response messages should be compressed, with an encoding the client accepts (gzip when it can).
    /// Off by default; the transport reads it per message.
    public var compressMessages: Bool {
        get { state.withLock { $0.compressMessages } }
        set { state.withLock { $0.compressMessages = newValue } }
    }

    /// Whether the most recently delivered request message was compressed on the wire. Set by the transport.
    public var lastRequestCompressed: Bool {
        get { state.withLock { $0.lastRequestCompressed } }
        set { state.withLock { $0.lastRequestCompressed = newValue } }
    }

    private static func add(_ value: Metadata.Value, _ key: String, to metadata: inout Metadata) {
        switch value {
        case .string(let text): metadata.addString(text, forKey: key)
        case .binary(let data): metadata.addBinary(data, forKey: key)
        }
    }
}
