import CNGHTTP2
import Logging
import LoketRPC
import NIOCore
import NIOSSL

/// One client connection: feeds the bytes NIO reads into nghttp2, routes stream events to `ServerStream`s and
/// writes what nghttp2 produces. Everything here runs on the connection's event loop.
final class GRPCConnection: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    let configuration: GRPCServerConfiguration
    let router: RPCRouter
    let logger: Logger
    let eventLoop: any EventLoop
    let taskExecutor: EventLoopTaskExecutor
    let session: NGHTTP2Session
    private(set) var allocator = ByteBufferAllocator()
    private(set) var peer = "unknown"
    /// The client's certificate under mutual TLS, read from the TLS handler once, when the first call needs it
    /// (by then the handshake is over: calls arrive only through it).
    private var peerCertificateState: (loaded: Bool, certificate: PeerCertificate?) = (false, nil)
    private var isShuttingDown = false

    private var streams: [Int32: ServerStream] = [:]
    /// The stream of the latest callback, held by `streams`: nghttp2 reports a stream's headers and data in runs,
    /// so this saves a dictionary lookup per header field, and, unmanaged, a retain and release per callback.
    /// Cleared whenever its stream leaves `streams`.
    private var recentStream: Unmanaged<ServerStream>?
    /// The handler of the latest call on this connection: the next request for the same path skips decoding the
    /// path and looking it up in the router.
    var recentHandler: RPCHandler?
    private var channelContext: ChannelHandlerContext?
    private var flushScheduled = false
    private var inReadLoop = false
    private var closing = false
    private var graceTimer: Scheduled<Void>?
    private var goAwaySent = false
    private let registry: ConnectionRegistry
    /// The loop's poller, when polling after reads is on.
    private let idlePoller: IdlePoller?

    init(
        configuration: GRPCServerConfiguration, router: RPCRouter, logger: Logger, eventLoop: any EventLoop,
        taskExecutor: EventLoopTaskExecutor, registry: ConnectionRegistry, idlePoller: IdlePoller? = nil
    ) {
        self.idlePoller = idlePoller
        self.configuration = configuration
        self.router = router
        self.logger = logger
        self.eventLoop = eventLoop
        self.taskExecutor = taskExecutor
        self.registry = registry
        self.session = NGHTTP2Session(limits: configuration.http2)
        self.session.attach(to: self)
    }

    /// The certificate the client presented, if the connection is TLS with client verification.
    var peerCertificate: PeerCertificate? {
        if !peerCertificateState.loaded {
            peerCertificateState = (true, loadPeerCertificate())
        }
        return peerCertificateState.certificate
    }

    private func loadPeerCertificate() -> PeerCertificate? {
        guard let channelContext,
            let tls = try? channelContext.pipeline.syncOperations.handler(type: NIOSSLServerHandler.self),
            let certificate = tls.peerCertificate, let der = try? certificate.toDERBytes()
        else { return nil }
        return PeerCertificate(der: der)
    }

    // MARK: NIO

    func handlerAdded(context: ChannelHandlerContext) {
        channelContext = context
        allocator = context.channel.allocator
        if let address = context.channel.remoteAddress {
            switch address {
            case .v4(let inner): peer = "ipv4:\(inner.host):\(address.port ?? 0)"
            case .v6(let inner): peer = "ipv6:[\(inner.host)]:\(address.port ?? 0)"
            case .unixDomainSocket: peer = "unix:\(address.pathname ?? "")"
            }
        }
        registry.add(self)
    }

    func channelActive(context: ChannelHandlerContext) {
        flush()
        context.fireChannelActive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let buffer = unwrapInboundIn(data)
        inReadLoop = true
        let ok = buffer.withUnsafeReadableBytes { session.receive($0) }
        inReadLoop = false
        if !ok {
            logger.debug("closing a connection after an HTTP/2 protocol error", metadata: ["peer": "\(peer)"])
            flush()
            context.close(promise: nil)
        }
    }

    func channelReadComplete(context: ChannelHandlerContext) {
        flush()
        idlePoller?.read(by: ObjectIdentifier(self))
        context.fireChannelReadComplete()
    }

    func channelWritabilityChanged(context: ChannelHandlerContext) {
        if context.channel.isWritable { flush() }
        context.fireChannelWritabilityChanged()
    }

    func channelInactive(context: ChannelHandlerContext) {
        for stream in streams.values { stream.streamClosed(errorCode: 0) }
        streams.removeAll()
        recentStream = nil
        graceTimer?.cancel()
        registry.remove(self)
        channelContext = nil
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        logger.debug("connection error", metadata: ["peer": "\(peer)", "error": "\(error)"])
        context.close(promise: nil)
    }

    // MARK: Output

    /// Arranges one flush after the current event-loop task (coalescing the writes of many handlers).
    func scheduleFlush() {
        guard !flushScheduled, !inReadLoop else { return }
        flushScheduled = true
        eventLoop.assumeIsolated().execute { [self] in
            flushScheduled = false
            flush()
        }
    }

    private func flush() {
        guard let context = channelContext, context.channel.isWritable || closing else { return }
        var output: ByteBuffer?
        let ok = session.send { bytes in
            if output == nil { output = context.channel.allocator.buffer(capacity: max(bytes.count, 4096)) }
            output!.writeBytes(bytes)
        }
        if let output { context.writeAndFlush(NIOAny(output), promise: nil) }
        if !ok || (goAwaySent && streams.isEmpty) || !session.isActive {
            closing = true
            context.close(promise: nil)
        }
    }

    // MARK: Graceful shutdown

    /// Sends GOAWAY, refuses new streams, and closes once in-flight calls finish or `gracePeriod` passes.
    func beginGracefulShutdown(gracePeriod: TimeAmount) {
        guard !isShuttingDown else { return }
        isShuttingDown = true
        // First a GOAWAY that only announces the shutdown, so streams the client is opening right now still
        // count; a round trip later the final one names the last stream served.
        session.submitShutdownNotice()
        eventLoop.assumeIsolated().scheduleTask(in: .milliseconds(min(1000, Int64(gracePeriod.nanoseconds / 1_000_000)))) { [self] in
            session.submitGoAway()
            goAwaySent = true
            flush()
        }
        graceTimer = eventLoop.assumeIsolated().scheduleTask(in: gracePeriod) { [self] in
            for stream in streams.values {
                stream.finish(CallStatus(code: .unavailable, message: "the server is shutting down"))
            }
            closing = true
            flush()
            channelContext?.close(promise: nil)
        }
        flush()
    }

    // MARK: nghttp2 events (called by `session` from inside `receive` and `send`)

    /// A client opened a stream with a request HEADERS frame.
    func sessionDidBeginRequest(stream: Int32) {
        let created = ServerStream(id: stream, connection: self)
        streams[stream] = created
        recentStream = Unmanaged.passUnretained(created)
    }

    /// Whether `id` is the recent stream's.
    @inline(__always)
    private func isRecentStream(_ id: Int32) -> Bool {
        recentStream?._withUnsafeGuaranteedRef { $0.id == id } ?? false
    }

    /// Runs `body` with stream `id`, if it is open; nil if not.
    ///
    /// The recent stream is used without a retain: `streams` holds it, and a stream leaves `streams` only in
    /// `sessionDidCloseStream` (nghttp2 calls it from `receive` or `send`, never from inside a stream's own call,
    /// since streams only schedule flushes) and in `channelInactive`.
    @inline(__always)
    private func withStream<Result>(_ id: Int32, _ body: (ServerStream) -> Result) -> Result? {
        if isRecentStream(id), let recent = recentStream { return recent._withUnsafeGuaranteedRef(body) }
        guard let found = streams[id] else { return nil }
        recentStream = Unmanaged.passUnretained(found)
        return body(found)
    }

    /// One request header field (pseudo-headers first, names lower-case, validated by nghttp2).
    func sessionDidReceiveHeader(stream: Int32, name: UnsafeRawBufferPointer, value: UnsafeRawBufferPointer) {
        withStream(stream) { $0.receiveHeader(name: name, value: value) }
    }

    /// The request header block is complete; `endStream` when the request has no body.
    func sessionDidReceiveRequestHead(stream: Int32, endStream: Bool) {
        withStream(stream) { $0.receiveHead(endStream: endStream) }
    }

    /// Request body bytes.
    func sessionDidReceiveData(stream: Int32, bytes: UnsafeRawBufferPointer) {
        if withStream(stream, { $0.receiveData(bytes) }) == nil {
            session.consume(stream: stream, count: bytes.count)
        }
    }

    /// The client half-closed the stream (after DATA or trailers).
    func sessionDidReceiveEndStream(stream: Int32) {
        withStream(stream) { $0.receiveEndStream() }
    }

    /// The stream is closed; `errorCode` is 0 after a normal end, else the RST_STREAM or GOAWAY code.
    func sessionDidCloseStream(stream: Int32, errorCode: UInt32) {
        if isRecentStream(stream) { recentStream = nil }
        streams.removeValue(forKey: stream)?.streamClosed(errorCode: errorCode)
        if goAwaySent && streams.isEmpty { scheduleFlush() }
    }

    /// nghttp2 asks for up to `buffer.count` bytes of response body for `stream`.
    func sessionReadResponseData(stream: Int32, into buffer: UnsafeMutableRawBufferPointer, flags: inout UInt32) -> Int {
        withStream(stream) { $0.readResponseData(into: buffer, flags: &flags) }
            ?? Int(NGHTTP2_ERR_TEMPORAL_CALLBACK_FAILURE.rawValue)
    }

    /// A frame that ends a stream from our side (HEADERS or DATA with END_STREAM) was written out.
    func sessionDidSendEndStream(stream: Int32) {
        withStream(stream) { $0.sentEndStream() }
    }
}
