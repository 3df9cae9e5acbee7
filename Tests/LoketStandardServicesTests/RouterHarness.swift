import LoketRPC
import LoketStandardServices
import LoketWire
import Synchronization

/// Calls handlers through an `RPCRouter` the way a transport does: serialized messages in, serialized messages out.
struct RouterHarness {
    let router: RPCRouter

    init(_ services: any RPCService...) {
        var router = RPCRouter()
        for service in services { router.register(service) }
        self.router = router
    }

    /// Runs one call to completion and decodes what the handler wrote.
    func call<Request: ProtobufMessage, Response: ProtobufMessage>(
        _ method: MethodDescriptor, _ requests: [Request], as response: Response.Type,
        context: ServerContext? = nil
    ) async throws -> [Response] {
        let handler = try handler(method)
        let collected = Mutex<[[UInt8]]>([])
        let writer = ResponseWriter<[UInt8]> { bytes in collected.withLock { $0.append(bytes) } }
        try await handler.body(
            RequestStream(requests.map { $0.serializedBytes() }), writer, context ?? ServerContext(method: method))
        return try collected.withLock { $0 }.map { try Response(serializedBytes: $0) }
    }

    /// Starts a call in a task and hands its responses over one by one, for calls that do not end by themselves.
    func start<Request: ProtobufMessage, Response: ProtobufMessage>(
        _ method: MethodDescriptor, _ request: Request, as response: Response.Type
    ) throws -> (task: Task<Void, any Error>, responses: AsyncStream<Response>) {
        let handler = try handler(method)
        let (stream, continuation) = AsyncStream.makeStream(of: Response.self)
        let writer = ResponseWriter<[UInt8]> { bytes in continuation.yield(try Response(serializedBytes: bytes)) }
        let task = Task {
            defer { continuation.finish() }
            try await handler.body(RequestStream([request.serializedBytes()]), writer, ServerContext(method: method))
        }
        return (task, stream)
    }

    private func handler(_ method: MethodDescriptor) throws -> RPCHandler {
        guard let handler = router.handler(forPath: method.path) else {
            throw RPCError(code: .unimplemented, message: "\(method.path) is not registered")
        }
        return handler
    }
}
