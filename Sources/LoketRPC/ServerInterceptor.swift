/// Sees every call before its handler does: logging, authentication, authorization, audit.
///
/// An interceptor may inspect or change the call (its context, or wrap its streams), throw an ``RPCError`` to end
/// the call before the handler runs, or call `next` and act on its outcome. Interceptors compose: the first one
/// added to a router is the outermost.
public protocol ServerInterceptor: Sendable {
    /// Handles `call`, normally by passing it (or a changed copy) to `next`.
    func intercept(_ call: ServerCall, next: @Sendable (ServerCall) async throws -> Void) async throws

    /// Whether calls to `method` pass through this interceptor; decided once, when the method is registered, so
    /// that methods it leaves alone keep the router's direct path. All methods by default.
    func intercepts(_ method: MethodDescriptor) -> Bool
}

extension ServerInterceptor {
    /// Every method.
    public func intercepts(_ method: MethodDescriptor) -> Bool { true }
}

/// One call as interceptors and the transport see it: serialized messages both ways, and the context.
public struct ServerCall: Sendable {
    /// The request messages, serialized.
    public var requests: RequestStream<[UInt8]>
    /// Where serialized response messages go.
    public var responses: ResponseWriter<[UInt8]>
    /// The call's context.
    public var context: ServerContext

    /// Creates a call.
    public init(requests: RequestStream<[UInt8]>, responses: ResponseWriter<[UInt8]>, context: ServerContext) {
        self.requests = requests
        self.responses = responses
        self.context = context
    }
}
