import LoketRPC
import LoketWire
import NIOCore
import NIOPosix

/// A gRPC client for unary calls over one HTTP/2 connection (nghttp2 on NIO), for tools and tests.
///
/// The connection opens on the first call; concurrent calls share it as separate streams. When the server sends
/// GOAWAY or the connection drops, the next call opens a new one. Calls fail with ``RPCError``: the server's
/// status and trailing metadata, UNAVAILABLE when the server cannot be reached, DEADLINE_EXCEEDED after the
/// timeout, CANCELLED when the calling task is cancelled (the stream is then reset).
///
/// Messages are sent uncompressed and only `identity` is accepted back.
public final class GRPCClient: Sendable {
    /// The server's host name or IP address.
    public let host: String
    /// The server's TCP port.
    public let port: Int
    /// The largest response message accepted; a larger one ends the call with RESOURCE_EXHAUSTED.
    public let maxResponseMessageBytes: Int

    private let manager: ConnectionManager
    private let group: any EventLoopGroup
    private let scheme: String
    private let userAgent = "loket-client/1.0"

    /// Creates a client; nothing connects until the first call.
    ///
    /// - Parameters:
    ///   - tls: TLS settings; nil speaks cleartext HTTP/2 (prior knowledge).
    ///   - maxResponseMessageBytes: the response size limit, 4 MiB by default as in other gRPC clients.
    ///   - connectTimeout: how long opening a connection (TCP, not the TLS handshake) may take.
    ///   - eventLoopGroup: where the connection runs; NIO's shared group by default.
    public init(
        host: String, port: Int, tls: ClientTLS? = nil, maxResponseMessageBytes: Int = 4 << 20,
        connectTimeout: Duration = .seconds(10),
        eventLoopGroup: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton
    ) {
        self.host = host
        self.port = port
        self.maxResponseMessageBytes = maxResponseMessageBytes
        self.group = eventLoopGroup
        self.scheme = tls == nil ? "http" : "https"
        self.manager = ConnectionManager(
            host: host, port: port, group: eventLoopGroup, tls: tls?.makeContext(host: host),
            connectTimeout: TimeAmount(connectTimeout))
    }

    deinit {
        manager.closeNow()
    }

    /// Calls a unary method and returns its response message.
    ///
    /// - Parameters:
    ///   - path: the method's path, `/package.Service/Method`.
    ///   - metadata: custom request metadata; reserved keys (`grpc-*`, `te`, `content-type`, pseudo-headers) are
    ///     refused with INTERNAL, as are text values that are not printable ASCII.
    ///   - timeout: the call's deadline, sent as `grpc-timeout` and enforced here as well.
    public func unary<Request: ProtobufMessage, Response: ProtobufMessage>(
        _ path: String, request: Request, metadata: Metadata = Metadata(), timeout: Duration? = nil,
        as responseType: Response.Type = Response.self
    ) async throws(RPCError) -> Response {
        try await unaryCall(path, request: request, metadata: metadata, timeout: timeout, as: responseType).message
    }

    /// Calls a unary method and returns its response message with the response headers and trailers.
    ///
    /// See ``unary(_:request:metadata:timeout:as:)`` for the parameters.
    public func unaryCall<Request: ProtobufMessage, Response: ProtobufMessage>(
        _ path: String, request: Request, metadata: Metadata = Metadata(), timeout: Duration? = nil,
        as responseType: Response.Type = Response.self
    ) async throws(RPCError) -> UnaryResponse<Response> {
        let call = try PreparedCall(
            path: path, metadata: metadata, scheme: scheme, authority: manager.authority, userAgent: userAgent,
            message: request.serializedBytes(), timeout: timeout, maxResponseBytes: maxResponseMessageBytes)
        let raw = try await perform(call)
        do {
            return UnaryResponse(
                message: try Response(serializedBytes: raw.message), headers: raw.headers, trailers: raw.trailers)
        } catch {
            throw RPCError(
                code: .internal, message: "cannot decode the response as \(Response.wireDescriptor.fullName): \(error)",
                metadata: raw.trailers, cause: error)
        }
    }

    /// Calls a unary method named by its descriptor. See ``unary(_:request:metadata:timeout:as:)``.
    public func unary<Request: ProtobufMessage, Response: ProtobufMessage>(
        _ method: MethodDescriptor, request: Request, metadata: Metadata = Metadata(), timeout: Duration? = nil,
        as responseType: Response.Type = Response.self
    ) async throws(RPCError) -> Response {
        try await unary(method.path, request: request, metadata: metadata, timeout: timeout, as: responseType)
    }

    /// Refuses new calls, lets the calls in flight finish, then closes the connection. Idempotent.
    public func close() async {
        await manager.close()
    }

    // MARK: Running a call

    private func perform(_ call: PreparedCall) async throws(RPCError) -> RawResponse {
        let handle = CallHandle()
        if Task.isCancelled { throw PreparedCall.cancelled }
        var timer: Scheduled<Void>?
        if let deadline = call.deadline {
            guard deadline > .now() else { throw PreparedCall.deadlineExceeded }
            timer = group.any().scheduleTask(deadline: deadline) {
                handle.finish(.failure(PreparedCall.deadlineExceeded), resetStream: true)
            }
        }
        defer { timer?.cancel() }
        let outcome = await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                handle.wait(continuation)
                if !handle.isFinished { dispatch(call, handle: handle, mayRetry: true) }
            }
        } onCancel: {
            handle.finish(.failure(PreparedCall.cancelled), resetStream: true)
        }
        return try outcome.get()
    }

    /// Hands the call to a connection; when that connection turns out to take no new streams (it just got
    /// GOAWAY or closed), tries once more on a new one, since nothing was sent.
    private func dispatch(_ call: PreparedCall, handle: CallHandle, mayRetry: Bool) {
        let manager = manager
        manager.connection().whenComplete { [self] result in
            switch result {
            case .failure(let error):
                let failure = error as? RPCError ?? RPCError(code: .unavailable, message: "\(error)", cause: error)
                handle.finish(.failure(failure), resetStream: false)
            case .success(let reference):
                reference.eventLoop.execute {
                    guard !handle.isFinished else { return }
                    let stream = ClientStream(
                        handle: handle, request: call.framedMessage, maxResponseBytes: call.maxResponseBytes)
                    if reference.connection.value.start(stream, headers: call.headers(now: .now())) { return }
                    manager.retire(reference.id)
                    if mayRetry {
                        self.dispatch(call, handle: handle, mayRetry: false)
                    } else {
                        handle.finish(
                            .failure(RPCError(code: .unavailable, message: "the connection to \(manager.authority) is closing")),
                            resetStream: false)
                    }
                }
            }
        }
    }
}
