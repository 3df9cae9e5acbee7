import LoketWire

/// Typed registration, used by generated service glue (streaming methods; a unary method's glue registers its body
/// itself, decoding with ``RPCRouter/decodeRequest(_:from:)``) and by hand-written services: requests are decoded and
/// responses encoded here, so a handler sees only Swift values.
extension RPCRouter {
    /// Registers a method with one request and one response.
    ///
    /// Inlinable, so that it is specialised for its message types where it is registered: every call decodes and
    /// encodes through it. Generated glue does not use it: it registers the byte-level body itself, which saves the
    /// call through `handler` (an extra async frame and executor check per call).
    @inlinable
    public mutating func registerUnary<Request: ProtobufMessage, Response: ProtobufMessage>(
        _ method: MethodDescriptor, request: Request.Type, response: Response.Type,
        handler: @escaping @Sendable (Request, ServerContext) async throws -> Response
    ) {
        register(RPCHandler(method: method) { bytes, context in
            try await handler(try Self.decodeRequest(Request.self, from: bytes), context).serializedBytes()
        })
    }

    /// Registers a method with one request and a stream of responses.
    public mutating func registerServerStreaming<Request: ProtobufMessage, Response: ProtobufMessage>(
        _ method: MethodDescriptor, request: Request.Type, response: Response.Type,
        handler: @escaping @Sendable (Request, ResponseWriter<Response>, ServerContext) async throws -> Void
    ) {
        register(RPCHandler(method: method) { requests, responses, context in
            let request = try await Self.single(requests, as: Request.self, method: method)
            try await handler(request, responses.map { $0.serializedBytes() }, context)
        })
    }

    /// Registers a method with a stream of requests and one response.
    public mutating func registerClientStreaming<Request: ProtobufMessage, Response: ProtobufMessage>(
        _ method: MethodDescriptor, request: Request.Type, response: Response.Type,
        handler: @escaping @Sendable (RequestStream<Request>, ServerContext) async throws -> Response
    ) {
        register(RPCHandler(method: method) { requests, responses, context in
            let typed = requests.map { try Self.decodeRequest(Request.self, from: $0) }
            try await responses.write(try await handler(typed, context).serializedBytes())
        })
    }

    /// Registers a method with streams both ways.
    public mutating func registerBidirectionalStreaming<Request: ProtobufMessage, Response: ProtobufMessage>(
        _ method: MethodDescriptor, request: Request.Type, response: Response.Type,
        handler: @escaping @Sendable (RequestStream<Request>, ResponseWriter<Response>, ServerContext) async throws
            -> Void
    ) {
        register(RPCHandler(method: method) { requests, responses, context in
            let typed = requests.map { try Self.decodeRequest(Request.self, from: $0) }
            try await handler(typed, responses.map { $0.serializedBytes() }, context)
        })
    }

    /// Reads exactly one request; any other count is a cardinality violation.
    private static func single<Request: ProtobufMessage>(
        _ requests: RequestStream<[UInt8]>, as type: Request.Type, method: MethodDescriptor
    ) async throws -> Request {
        try decodeRequest(Request.self, from: try await RPCHandler.single(requests, method: method))
    }

    /// Decodes a request message; a malformed one is INTERNAL. Generated glue of unary methods calls it from the
    /// body it registers. Inlinable, so that the decoding is specialised with the glue (unspecialised, it looked up
    /// generic type metadata on every call).
    @inlinable
    public static func decodeRequest<Request: ProtobufMessage>(_ type: Request.Type, from bytes: [UInt8]) throws -> Request {
        do {
            return try Request(serializedBytes: bytes)
        } catch {
            throw RPCError(
                code: .internal, message: "could not parse the request message as \(Request.wireDescriptor.fullName)",
                cause: error)
        }
    }
}
