import LoketRPC
import NIOCore
import NIOPosix
import NIOSSL
import Synchronization

/// A connection as the callers see it: usable from any thread by hopping to its event loop.
struct ConnectionReference: Sendable {
    let id: Int
    let eventLoop: any EventLoop
    /// Only touched on `eventLoop`, which NIOLoopBound checks.
    let connection: NIOLoopBound<ClientConnection>
}

/// Opens the client's one HTTP/2 connection when the first call needs it, and a new one when the current one
/// is going away (GOAWAY) or gone.
final class ConnectionManager: Sendable {
    private struct State {
        var current: (id: Int, future: EventLoopFuture<ConnectionReference>)?
        /// Every connection not closed yet, so that `close` reaches the draining ones too.
        var open: [Int: EventLoopFuture<ConnectionReference>] = [:]
        var nextID = 0
        var isClosed = false
    }

    private let host: String
    private let port: Int
    private let group: any EventLoopGroup
    private let tls: Result<(context: NIOSSLContext, serverHostname: String?), RPCError>?
    private let connectTimeout: TimeAmount
    private let state = Mutex(State())

    init(
        host: String, port: Int, group: any EventLoopGroup,
        tls: Result<(context: NIOSSLContext, serverHostname: String?), RPCError>?, connectTimeout: TimeAmount
    ) {
        self.host = host
        self.port = port
        self.group = group
        self.tls = tls
        self.connectTimeout = connectTimeout
    }

    /// `host:port`, with brackets around an IPv6 address.
    var authority: String { host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)" }

    /// The current connection, opening one when there is none. Fails with UNAVAILABLE.
    func connection() -> EventLoopFuture<ConnectionReference> {
        enum Decision {
            case closed(any EventLoop)
            case existing(EventLoopFuture<ConnectionReference>)
            case open(Int, EventLoopPromise<ConnectionReference>)
        }
        // The promise is registered before connecting, so that concurrent first calls share one connection.
        let decision: Decision = state.withLock { state in
            if state.isClosed { return .closed(group.any()) }
            if let current = state.current { return .existing(current.future) }
            let id = state.nextID
            state.nextID += 1
            let promise = group.any().makePromise(of: ConnectionReference.self)
            state.current = (id, promise.futureResult)
            state.open[id] = promise.futureResult
            return .open(id, promise)
        }
        switch decision {
        case .closed(let eventLoop):
            return eventLoop.makeFailedFuture(RPCError(code: .unavailable, message: "the client is closed"))
        case .existing(let future):
            return future
        case .open(let id, let promise):
            // A failed attempt is forgotten, so that the next call tries again.
            promise.futureResult.whenFailure { [self] _ in remove(id) }
            connect(id: id, on: promise.futureResult.eventLoop).cascade(to: promise)
            return promise.futureResult
        }
    }

    /// Takes a connection out of service for new calls (it went away or failed).
    func retire(_ id: Int) {
        state.withLock { state in
            if state.current?.id == id { state.current = nil }
        }
    }

    /// Forgets a closed connection.
    private func remove(_ id: Int) {
        state.withLock { state in
            if state.current?.id == id { state.current = nil }
            state.open[id] = nil
        }
    }

    /// Refuses new calls and closes every connection once its calls in flight have ended.
    func close() async {
        let open = state.withLock { state in
            state.isClosed = true
            state.current = nil
            return Array(state.open.values)
        }
        for future in open {
            guard let reference = try? await future.get() else { continue }
            let closed = reference.eventLoop.makePromise(of: Void.self)
            reference.eventLoop.execute { reference.connection.value.closeGracefully(promise: closed) }
            try? await closed.futureResult.get()
        }
    }

    /// Closes every connection without waiting, for a client released without `close()`.
    func closeNow() {
        let open = state.withLock { state in
            state.isClosed = true
            state.current = nil
            return Array(state.open.values)
        }
        for future in open {
            future.whenSuccess { reference in
                reference.eventLoop.execute {
                    reference.connection.value.closeGracefully(promise: reference.eventLoop.makePromise())
                }
            }
        }
    }

    private func connect(id: Int, on eventLoop: any EventLoop) -> EventLoopFuture<ConnectionReference> {
        let tlsContext: (context: NIOSSLContext, serverHostname: String?)?
        switch tls {
        case .failure(let error)?: return eventLoop.makeFailedFuture(error)
        case .success(let context)?: tlsContext = context
        case nil: tlsContext = nil
        }
        let authority = authority
        let onRetire: @Sendable (Int) -> Void = { [weak self] id in self?.retire(id) }
        let onClose: @Sendable () -> Void = { [weak self] in self?.remove(id) }
        let target = "\(authority)"
        return ClientBootstrap(group: eventLoop)
            .connectTimeout(connectTimeout)
            .channelOption(.socketOption(.tcp_nodelay), value: 1)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    if let tlsContext {
                        try channel.pipeline.syncOperations.addHandler(
                            NIOSSLClientHandler(context: tlsContext.context, serverHostname: tlsContext.serverHostname))
                    }
                    try channel.pipeline.syncOperations.addHandler(
                        ClientConnection(id: id, eventLoop: channel.eventLoop, authority: authority, onRetire: onRetire))
                }
            }
            .connect(host: host, port: port)
            .flatMapErrorThrowing { error in
                throw RPCError(code: .unavailable, message: "cannot connect to \(target): \(error)", cause: error)
            }
            .flatMapThrowing { channel in
                channel.closeFuture.whenComplete { _ in onClose() }
                let connection = try channel.pipeline.syncOperations.handler(type: ClientConnection.self)
                return ConnectionReference(
                    id: id, eventLoop: channel.eventLoop,
                    connection: NIOLoopBound(connection, eventLoop: channel.eventLoop))
            }
    }
}
