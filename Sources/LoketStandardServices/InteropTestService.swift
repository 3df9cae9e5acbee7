import LoketRPC

/// `grpc.testing.TestService`, behaving as the gRPC interop test cases expect, so that the reference clients of
/// every gRPC implementation can check Loket's transport.
public struct InteropTestService: Grpc_Testing_TestServiceProtocol {
    /// Creates the service.
    public init() {}

    /// An empty response.
    public func emptyCall(request: Grpc_Testing_Empty, context: ServerContext) async throws -> Grpc_Testing_Empty {
        Self.echoMetadata(context)
        return Grpc_Testing_Empty()
    }

    /// A payload of the requested size, or the requested status.
    public func unaryCall(
        request: Grpc_Testing_SimpleRequest, context: ServerContext
    ) async throws -> Grpc_Testing_SimpleResponse {
        Self.echoMetadata(context)
        try Self.checkCompression(expected: request.expectCompressed, context: context)
        try Self.throwIfRequested(request.responseStatus)
        let payload = try Self.payload(type: request.responseType, size: request.responseSize)
        if request.responseCompressed?.value == true { context.response.compressMessages = true }
        return .with { $0.payload = payload }
    }

    /// The same as ``unaryCall(request:context:)``; only proxies treat it differently.
    public func cacheableUnaryCall(
        request: Grpc_Testing_SimpleRequest, context: ServerContext
    ) async throws -> Grpc_Testing_SimpleResponse {
        try await unaryCall(request: request, context: context)
    }

    /// A response per ``Grpc_Testing_ResponseParameters``, then the requested status if any.
    public func streamingOutputCall(
        request: Grpc_Testing_StreamingOutputCallRequest,
        response: ResponseWriter<Grpc_Testing_StreamingOutputCallResponse>, context: ServerContext
    ) async throws {
        Self.echoMetadata(context)
        try await Self.answer(request, response: response, context: context)
        try Self.throwIfRequested(request.responseStatus)
    }

    /// The total size of the request payloads.
    public func streamingInputCall(
        requests: RequestStream<Grpc_Testing_StreamingInputCallRequest>, context: ServerContext
    ) async throws -> Grpc_Testing_StreamingInputCallResponse {
        Self.echoMetadata(context)
        var total = 0
        for try await request in requests {
            // The transport updates the flag as each message is delivered, so it describes this request.
            try Self.checkCompression(expected: request.expectCompressed, context: context)
            total += request.payload?.body.count ?? 0
        }
        // Many 4 MiB messages can pass Int32's range; a saturated count is still a clear answer.
        return .with { $0.aggregatedPayloadSize = Int32(clamping: total) }
    }

    /// Answers each request as soon as it arrives.
    public func fullDuplexCall(
        requests: RequestStream<Grpc_Testing_StreamingOutputCallRequest>,
        response: ResponseWriter<Grpc_Testing_StreamingOutputCallResponse>, context: ServerContext
    ) async throws {
        Self.echoMetadata(context)
        for try await request in requests {
            try Self.throwIfRequested(request.responseStatus)
            try await Self.answer(request, response: response, context: context)
        }
    }

    /// Reads every request first, then answers them in order.
    public func halfDuplexCall(
        requests: RequestStream<Grpc_Testing_StreamingOutputCallRequest>,
        response: ResponseWriter<Grpc_Testing_StreamingOutputCallResponse>, context: ServerContext
    ) async throws {
        Self.echoMetadata(context)
        var pending: [Grpc_Testing_StreamingOutputCallRequest] = []
        for try await var request in requests {
            try Self.validate(request)
            // Only the instructions are needed later; holding on to request payloads would let a client pin memory.
            request.payload = nil
            pending.append(request)
        }
        for request in pending {
            try Self.throwIfRequested(request.responseStatus)
            try await Self.answer(request, response: response, context: context)
        }
    }

    /// Always UNIMPLEMENTED: the interop client checks that this status reaches it.
    public func unimplementedCall(
        request: Grpc_Testing_Empty, context: ServerContext
    ) async throws -> Grpc_Testing_Empty {
        Self.echoMetadata(context)
        throw RPCError(code: .unimplemented, message: "grpc.testing.TestService/UnimplementedCall is not implemented")
    }
}
