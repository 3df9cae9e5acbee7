import Logging
import LoketHTTP2
import LoketRPC
import LoketStandardServices
import ServiceLifecycle

/// Assembles a Loket server from its configuration: the RPC router with the standard services (health,
/// reflection, and the interop test service when enabled) plus the given services, and the HTTP/2 transport.
///
/// Run ``services`` in one `ServiceGroup`; they shut down in reverse order, so health turns NOT_SERVING before
/// the transport stops accepting calls.
public struct LoketServer: Sendable {
    /// Per-service health, which the host and plugins may change at any time.
    public let health: HealthStatusBoard
    /// The transport.
    public let transport: GRPCServer
    /// The router every call goes through.
    public let router: RPCRouter

    /// Builds the router and transport; `interceptors` see every call, outermost first.
    public init(
        configuration: LoketConfiguration, logger: Logger, services: [any RPCService] = [],
        protoFiles: [ProtoFileDescriptor] = [], interceptors: [any ServerInterceptor] = []
    ) {
        var router = RPCRouter()
        for service in services { router.register(service) }
        if configuration.server.interopTestService {
            router.register(InteropTestService())
        }
        let health = HealthStatusBoard()
        router.register(HealthService(statusBoard: health))
        let reflection = ReflectionService(
            files: StandardServices.protoFiles + protoFiles,
            serviceNames: router.services + StandardServices.reflectionServiceNames)
        router.register(reflection)
        for service in router.services { health.setStatus(.serving, forService: service) }
        for interceptor in interceptors { router.addInterceptor(interceptor) }

        self.health = health
        self.router = router
        self.transport = GRPCServer(
            configuration: GRPCServerConfiguration(
                host: configuration.server.host, port: configuration.server.port,
                eventLoopThreads: configuration.server.eventLoopThreads,
                maxMessageBytes: configuration.server.maxMessageBytes,
                gracePeriod: .milliseconds(Int64(configuration.server.gracePeriodSeconds * 1000)),
                tls: configuration.tls.certificatePath.map { certificate in
                    TLSSettings(
                        certificatePath: certificate, privateKeyPath: configuration.tls.privateKeyPath ?? "",
                        clientCAPath: configuration.tls.clientCAPath)
                }, pinThreads: configuration.server.pinThreads,
                idlePollWindow: .microseconds(configuration.server.idlePollMicroseconds)),
            router: router, logger: logger)
    }

    /// The names of the services anyone may call without credentials: health, reflection and the interop test
    /// service (which is off unless a test rig turns it on).
    public static var openServices: Set<String> {
        Set([StandardServices.healthServiceName, StandardServices.interopTestServiceName, "grpc.testing.UnimplementedService"]
            + StandardServices.reflectionServiceNames)
    }

    /// The long-lived services, in start order.
    public var services: [any Service] {
        [transport, HealthShutdownService(board: health)]
    }
}

/// Turns every health status to NOT_SERVING when graceful shutdown begins, so that load balancers and probes stop
/// sending calls while in-flight ones finish.
struct HealthShutdownService: Service {
    let board: HealthStatusBoard

    func run() async throws {
        try? await gracefulShutdown()
        board.markAllNotServing()
    }
}
