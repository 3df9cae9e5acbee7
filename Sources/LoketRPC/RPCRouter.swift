/// Maps `/service/method` paths to handlers.
///
/// Services add themselves with ``RPCService/registerMethods(with:)``; the transport looks handlers up by the
/// request's `:path`.
public struct RPCRouter: Sendable {
    private var handlers: [String: RPCHandler] = [:]

    /// Creates an empty router.
    public init() {}

    /// Adds or replaces the handler for its method's path.
    public mutating func register(_ handler: RPCHandler) {
        handlers[handler.method.path] = handler
    }

    /// Adds every method of `service`.
    public mutating func register(_ service: some RPCService) {
        service.registerMethods(with: &self)
    }

    /// The handler for a `:path`, or nil when no service has that method.
    public func handler(forPath path: String) -> RPCHandler? {
        handlers[path]
    }

    /// Every registered method, sorted by path.
    public var methods: [MethodDescriptor] {
        handlers.values.map(\.method).sorted { $0.path < $1.path }
    }

    /// The fully qualified names of the registered services, sorted.
    public var services: [String] {
        Set(handlers.values.map(\.method.service)).sorted()
    }
}
