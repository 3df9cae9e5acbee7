import Logging
import LoketHTTP2
import LoketRPC
import LoketStandardServices
import ServiceLifecycle

/// A real Loket server with the interop test service on a free local port, for as long as `body` runs.
enum TestServer {
    /// Runs `body` with the server's port; the server shuts down gracefully afterwards, also when `body` throws.
    /// `stop` ends the server early (for GOAWAY tests); `port` 0 picks a free one.
    static func with<T>(
        tls: TLSSettings? = nil, port: Int = 0,
        _ body: (_ port: Int, _ stop: @Sendable () async -> Void) async throws -> T
    ) async throws -> T {
        var router = RPCRouter()
        router.register(InteropTestService())
        let logger = Logger(label: "loket.client-tests") { _ in SwiftLogNoOpLogHandler() }
        let server = GRPCServer(
            configuration: GRPCServerConfiguration(
                host: "127.0.0.1", port: port, eventLoopThreads: 1, gracePeriod: .seconds(2), tls: tls),
            router: router, logger: logger)
        let group = ServiceGroup(services: [server], logger: logger)
        return try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            let result: Result<T, any Error>
            do {
                let port = try await server.boundPort()
                result = .success(try await body(port, { await group.triggerGracefulShutdown() }))
            } catch {
                result = .failure(error)
            }
            await group.triggerGracefulShutdown()
            try await tasks.waitForAll()
            return try result.get()
        }
    }
}
