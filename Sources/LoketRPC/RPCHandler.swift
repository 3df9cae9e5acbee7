/// The serialized-message view of one method: what the transport calls.
///
/// The body reads raw request messages and writes raw response messages; typed decoding and encoding happen inside
/// it (see the `RPCRouter.register…` helpers that generated code uses).
public struct RPCHandler: Sendable {
    /// The method this handler serves.
    public let method: MethodDescriptor
    /// Runs one call. Throwing ends the call with the error's status; returning ends it with OK.
    public let body: @Sendable (RequestStream<[UInt8]>, ResponseWriter<[UInt8]>, ServerContext) async throws -> Void

    /// Creates a handler.
    public init(
        method: MethodDescriptor,
        body: @escaping @Sendable (RequestStream<[UInt8]>, ResponseWriter<[UInt8]>, ServerContext) async throws -> Void
    ) {
        self.method = method
        self.body = body
    }
}
