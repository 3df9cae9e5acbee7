import CLoketAffinity
import Logging
import LoketRPC
import NIOCore
import NIOPosix
import NIOSSL
import ServiceLifecycle
import Synchronization

/// A gRPC server over HTTP/2 (nghttp2) and NIO: one event loop per core, each connection and its calls on one
/// loop.
///
/// Run it in a `ServiceGroup`; graceful shutdown sends GOAWAY, stops accepting, lets in-flight calls finish within
/// the grace period, then cancels what is left.
public final class GRPCServer: Service, Sendable {
    private let configuration: GRPCServerConfiguration
    private let router: RPCRouter
    private let logger: Logger
    private let registry = ConnectionRegistry()
    private let binding = Mutex<(port: Int?, waiters: [CheckedContinuation<Int, any Error>])>((nil, []))

    /// Creates a server for the methods registered in `router`.
    public init(configuration: GRPCServerConfiguration, router: RPCRouter, logger: Logger) {
        self.configuration = configuration
        self.router = router
        self.logger = logger
    }

    /// The port the server listens on, once bound.
    public func boundPort() async throws -> Int {
        try await withCheckedThrowingContinuation { continuation in
            let port: Int? = binding.withLock { state in
                if let port = state.port { return port }
                state.waiters.append(continuation)
                return nil
            }
            if let port { continuation.resume(returning: port) }
        }
    }

    /// Serves until graceful shutdown (or cancellation) and until the connections have drained.
    public func run() async throws {
        let threads = configuration.eventLoopThreads > 0 ? configuration.eventLoopThreads : System.coreCount
        let cpus = configuration.pinThreads ? (0..<threads).map { Int(loket_cpu_for_thread(Int32($0))) } : []
        let group =
            cpus.isEmpty || cpus.contains(-1)
            ? MultiThreadedEventLoopGroup(numberOfThreads: threads)
            : MultiThreadedEventLoopGroup(pinnedCPUIDs: cpus)
        if configuration.pinThreads {
            logger.info(
                "event loops pinned", metadata: ["cpus": "\(cpus.contains(-1) ? "unknown, not pinned" : "\(cpus)")"])
        }
        do {
            try await serve(on: group, threads: threads)
        } catch {
            try? await group.shutdownGracefully()
            failWaiters(error)
            throw error
        }
        try await group.shutdownGracefully()
    }

    private func serve(on group: MultiThreadedEventLoopGroup, threads: Int) async throws {
        let configuration = configuration
        let router = router
        let logger = logger
        let registry = registry
        let sslContext = try configuration.tls?.makeContext()
        var pollers: [ObjectIdentifier: IdlePoller] = [:]
        for loop in group.makeIterator() {
            pollers[ObjectIdentifier(loop as AnyObject)] = IdlePoller(
                eventLoop: loop, window: configuration.idlePollWindow)
        }
        let idlePollers = pollers
        let channel = try await ServerBootstrap(group: group)
            .serverChannelOption(.backlog, value: 256)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
            .childChannelOption(.maxMessagesPerRead, value: 16)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    if let sslContext {
                        try channel.pipeline.syncOperations.addHandler(NIOSSLServerHandler(context: sslContext))
                    }
                    let connection = GRPCConnection(
                        configuration: configuration, router: router, logger: logger, eventLoop: channel.eventLoop,
                        taskExecutor: EventLoopTaskExecutor(channel.eventLoop), registry: registry,
                        idlePoller: idlePollers[ObjectIdentifier(channel.eventLoop as AnyObject)])
                    try channel.pipeline.syncOperations.addHandler(connection)
                }
            }
            .bind(host: configuration.host, port: configuration.port).get()
        let port = channel.localAddress?.port ?? configuration.port
        logger.info(
            "gRPC server listening",
            metadata: ["host": "\(configuration.host)", "port": "\(port)", "tls": "\(sslContext == nil ? "off" : configuration.tls?.clientCAPath == nil ? "on" : "mutual")", "event_loops": "\(threads)"])
        for waiter in binding.withLock({ state in
            state.port = port
            defer { state.waiters = [] }
            return state.waiters
        }) { waiter.resume(returning: port) }

        let grace = TimeAmount.nanoseconds(configuration.gracePeriod.wholeNanoseconds)
        try await withGracefulShutdownHandler {
            try await channel.closeFuture.get()
        } onGracefulShutdown: {
            logger.info("gRPC server shutting down", metadata: ["connections": "\(registry.count)"])
            channel.close(promise: nil)
            registry.shutDownAll(gracePeriod: grace)
        }
        // Connections close themselves once their calls finish, or when the grace period ends.
        let deadline = ContinuousClock.now.advanced(by: configuration.gracePeriod + .seconds(2))
        while registry.count > 0, ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(20))
        }
        logger.info("gRPC server stopped")
    }

    private func failWaiters(_ error: any Error) {
        for waiter in binding.withLock({ state in
            defer { state.waiters = [] }
            return state.waiters
        }) { waiter.resume(throwing: error) }
    }
}
