import Synchronization

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
    /// The fields of the context made with this object: a call's context and its response side are one
    /// allocation, and a context only boxes its fields anew when an interceptor changes one.
    let contextFields: ServerContext.Fields

    init(contextFields: ServerContext.Fields) {
        self.contextFields = contextFields
    }

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
