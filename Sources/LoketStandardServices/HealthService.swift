import LoketRPC

/// `grpc.health.v1.Health`: reports the statuses kept in a ``HealthStatusBoard`` to probes and load balancers.
public struct HealthService: Grpc_Health_V1_HealthService {
    /// The statuses this service reports; the host changes them as services start and stop.
    public let statusBoard: HealthStatusBoard

    /// Creates the service over `statusBoard`.
    public init(statusBoard: HealthStatusBoard = HealthStatusBoard()) {
        self.statusBoard = statusBoard
    }

    /// The status of one service; NOT_FOUND when the board has none for it.
    public func check(
        request: Grpc_Health_V1_HealthCheckRequest, context: ServerContext
    ) async throws -> Grpc_Health_V1_HealthCheckResponse {
        guard let status = statusBoard.status(forService: request.service) else {
            throw RPCError(code: .notFound, message: "no health status is known for service \"\(request.service)\"")
        }
        return .with { $0.status = status }
    }

    /// The status of every known service.
    public func list(
        request: Grpc_Health_V1_HealthListRequest, context: ServerContext
    ) async throws -> Grpc_Health_V1_HealthListResponse {
        let statuses = statusBoard.allStatuses
        return .with { response in
            response.statuses = statuses.mapValues { status in .with { $0.status = status } }
        }
    }

    /// The current status at once, then every change, until the client goes away (the task is cancelled).
    public func watch(
        request: Grpc_Health_V1_HealthCheckRequest, response: ResponseWriter<Grpc_Health_V1_HealthCheckResponse>,
        context: ServerContext
    ) async throws {
        var lastSent: HealthStatusBoard.Status?
        for await status in statusBoard.updates(forService: request.service) {
            // The board drops intermediate statuses for a slow reader, so a flip and flip back arrives as a repeat.
            guard status != lastSent else { continue }
            try await response.write(.with { $0.status = status })
            lastSent = status
        }
        // The updates only end on cancellation; ending with OK would tell the client the watch completed normally.
        try Task.checkCancellation()
    }
}
