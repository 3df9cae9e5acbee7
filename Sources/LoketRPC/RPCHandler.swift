/// The serialized-message view of one method: what the transport calls.
///
/// A class (immutable, shared): the transport passes a handler from the router to each call's stream and task,
/// and copying a struct of a descriptor and two closures cost about a dozen reference-count operations per copy.
///
/// The body reads raw request messages and writes raw response messages; typed decoding and encoding happen inside
/// it (see the `RPCRouter.register…` helpers that generated code uses).
public final class RPCHandler: Sendable {
    /// The method this handler serves.
    public let method: MethodDescriptor
    /// Runs one call. Throwing ends the call with the error's status; returning ends it with OK.
    public let body: @Sendable (RequestStream<[UInt8]>, ResponseWriter<[UInt8]>, ServerContext) async throws -> Void
    /// For unary methods without interceptors: one request in, one response out, with no streams to build. A
    /// transport that has the whole request may call this instead of `body`; both behave the same.
    public let unaryBody: (@Sendable ([UInt8], ServerContext) async throws -> [UInt8])?

    /// Creates a handler.
    public init(
        method: MethodDescriptor,
        body: @escaping @Sendable (RequestStream<[UInt8]>, ResponseWriter<[UInt8]>, ServerContext) async throws -> Void
    ) {
        self.method = method
        self.body = body
        self.unaryBody = nil
    }

    /// Creates a handler for a unary method from its one-in, one-out form.
    public init(method: MethodDescriptor, unary: @escaping @Sendable ([UInt8], ServerContext) async throws -> [UInt8]) {
        self.method = method
        self.unaryBody = unary
        self.body = { requests, responses, context in
            let request = try await RPCHandler.single(requests, method: method)
            try await responses.write(try await unary(request, context))
        }
    }

    /// Reads exactly one request; any other count is a cardinality violation.
    static func single(_ requests: RequestStream<[UInt8]>, method: MethodDescriptor) async throws -> [UInt8] {
        var iterator = requests.makeAsyncIterator()
        guard let first = try await iterator.next() else {
            throw RPCError(code: .unimplemented, message: "\(method.path) expects exactly one request message, got none")
        }
        guard try await iterator.next() == nil else {
            throw RPCError(code: .unimplemented, message: "\(method.path) expects exactly one request message, got more")
        }
        return first
    }
}
