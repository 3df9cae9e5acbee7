/// Maps `/service/method` paths to handlers, with the interceptors every call passes through.
///
/// Services add themselves with ``RPCService/registerMethods(with:)``; the transport looks handlers up by the
/// request's `:path`. Interceptors apply to every method, whenever it was registered.
public struct RPCRouter: Sendable {
    private var registered: [String: RPCHandler] = [:]
    private var interceptors: [any ServerInterceptor] = []
    /// `registered` with the interceptors applied, rebuilt on every change (changes happen at startup only).
    private var handlers: [String: RPCHandler] = [:]

    /// Creates an empty router.
    public init() {}

    /// Adds or replaces the handler for its method's path.
    public mutating func register(_ handler: RPCHandler) {
        registered[handler.method.path] = handler
        handlers[handler.method.path] = wrap(handler)
    }

    /// Adds every method of `service`.
    public mutating func register(_ service: some RPCService) {
        service.registerMethods(with: &self)
    }

    /// Adds an interceptor inside those added before it.
    public mutating func addInterceptor(_ interceptor: some ServerInterceptor) {
        interceptors.append(interceptor)
        handlers = registered.mapValues(wrap)
    }

    /// The handler for a `:path`, or nil when no service has that method.
    public func handler(forPath path: String) -> RPCHandler? {
        handlers[path]
    }

    /// Every registered method, sorted by path.
    public var methods: [MethodDescriptor] {
        registered.values.map(\.method).sorted { $0.path < $1.path }
    }

    /// The fully qualified names of the registered services, sorted.
    public var services: [String] {
        Set(registered.values.map(\.method.service)).sorted()
    }

    private func wrap(_ handler: RPCHandler) -> RPCHandler {
        let applicable = interceptors.filter { $0.intercepts(handler.method) }
        guard !applicable.isEmpty else { return handler }
        var body: @Sendable (ServerCall) async throws -> Void = { call in
            try await handler.body(call.requests, call.responses, call.context)
        }
        for interceptor in applicable.reversed() {
            let next = body
            body = { call in try await interceptor.intercept(call, next: next) }
        }
        let chain = body
        return RPCHandler(method: handler.method) { requests, responses, context in
            try await chain(ServerCall(requests: requests, responses: responses, context: context))
        }
    }
}
