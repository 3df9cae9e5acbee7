import CNGHTTP2
import LoketRPC
import NIOCore

/// One HTTP/2 connection to the server: feeds the bytes NIO reads into nghttp2, routes stream events to
/// `ClientStream`s and writes what nghttp2 produces. Everything here runs on the channel's event loop.
final class ClientConnection: ChannelInboundHandler, NGHTTP2ClientSessionDelegate {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    /// Identifies the connection to the `ConnectionManager`.
    let id: Int
    let eventLoop: any EventLoop
    /// `host:port`, for `:authority` and messages.
    let authority: String
    private let session: NGHTTP2ClientSession
    /// Told when the connection must not take new calls any more (GOAWAY, closed).
    private let onRetire: @Sendable (Int) -> Void

    private var streams: [Int32: ClientStream] = [:]
    private var channelContext: ChannelHandlerContext?
    private var inReadLoop = false
    /// No new streams: the server sent GOAWAY, we are closing, or the channel is gone.
    private var isDraining = false
    private var isClosed = false
    /// Why the connection failed, for the status message of the calls it takes down.
    private var failure: String?
    private var closePromises: [EventLoopPromise<Void>] = []

    init(id: Int, eventLoop: any EventLoop, authority: String, onRetire: @escaping @Sendable (Int) -> Void) {
        self.id = id
        self.eventLoop = eventLoop
        self.authority = authority
        self.onRetire = onRetire
        self.session = NGHTTP2ClientSession(settings: NGHTTP2ClientSession.Settings())
        self.session.delegate = self
    }

    // MARK: Calls

    /// Opens a stream for `stream`'s request with `headers`; false when this connection takes no new streams
    /// (the caller may try a new connection: nothing was sent).
    func start(_ stream: ClientStream, headers: [(String, String)]) -> Bool {
        eventLoop.preconditionInEventLoop()
        guard !isDraining, channelContext != nil, let id = session.submitRequest(headers: headers) else {
            return false
        }
        streams[id] = stream
        let connection = NIOLoopBound(self, eventLoop: eventLoop)
        let handle = stream.handle
        let attached = handle.attach { [eventLoop] in
            eventLoop.execute { connection.value.cancel(stream: id, handle: handle) }
        }
        // The call ended (cancelled, deadline) while it was on its way here: withdraw the request.
        if !attached { cancel(stream: id, handle: handle) }
        flush()
        return true
    }

    /// Resets a stream whose call ended on the client side (cancellation, deadline).
    func cancel(stream id: Int32, handle: CallHandle) {
        guard let stream = streams[id], stream.handle === handle else { return }
        streams[id] = nil
        session.reset(stream: id, errorCode: UInt32(NGHTTP2_CANCEL.rawValue))
        flush()
        closeIfDrained()
    }

    /// Stops taking calls and closes once the calls in flight have ended.
    func closeGracefully(promise: EventLoopPromise<Void>) {
        closePromises.append(promise)
        guard !isClosed else {
            promise.succeed()
            return
        }
        if !isDraining {
            isDraining = true
            session.submitGoAway()
            flush()
        }
        closeIfDrained()
    }

    private func closeIfDrained() {
        guard isDraining, streams.isEmpty, let context = channelContext else { return }
        flush()
        context.close(promise: nil)
    }

    // MARK: NIO

    func handlerAdded(context: ChannelHandlerContext) {
        channelContext = context
        if context.channel.isActive { flush() }
    }

    func channelActive(context: ChannelHandlerContext) {
        // The connection preface and SETTINGS; NIOSSL holds them until its handshake is done.
        flush()
        context.fireChannelActive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let buffer = unwrapInboundIn(data)
        inReadLoop = true
        let ok = buffer.withUnsafeReadableBytes { session.receive($0) }
        inReadLoop = false
        if !ok {
            failure = "the server broke the HTTP/2 protocol"
            flush()
            context.close(promise: nil)
        }
    }

    func channelReadComplete(context: ChannelHandlerContext) {
        flush()
        context.fireChannelReadComplete()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        if failure == nil { failure = "\(error)" }
        context.close(promise: nil)
    }

    func channelInactive(context: ChannelHandlerContext) {
        isClosed = true
        isDraining = true
        channelContext = nil
        onRetire(id)
        let reason = failure.map { "the connection to \(authority) failed: \($0)" }
            ?? "the connection to \(authority) closed"
        let pending = streams
        streams.removeAll()
        for stream in pending.values {
            stream.handle.finish(.failure(RPCError(code: .unavailable, message: reason)), resetStream: false)
        }
        for promise in closePromises { promise.succeed() }
        closePromises.removeAll()
        context.fireChannelInactive()
    }

    // MARK: Output

    /// Writes everything nghttp2 has queued. Inside `channelRead` the write waits for `channelReadComplete`, so
    /// the answers to a batch of frames leave together.
    ///
    /// Writability is not checked: what nghttp2 queues is bounded by the requests in flight (each held in
    /// memory by its caller anyway) and by HTTP/2 flow control.
    private func flush() {
        guard !inReadLoop, let context = channelContext else { return }
        var output: ByteBuffer?
        let ok = session.send { bytes in
            if output == nil { output = context.channel.allocator.buffer(capacity: max(bytes.count, 1024)) }
            output!.writeBytes(bytes)
        }
        if let output { context.writeAndFlush(NIOAny(output), promise: nil) }
        if !ok {
            failure = failure ?? "the HTTP/2 session failed"
            context.close(promise: nil)
        } else if !session.isActive {
            context.close(promise: nil)
        }
    }

    // MARK: nghttp2 events

    func sessionDidReceiveHeader(
        stream: Int32, isTrailers: Bool, name: UnsafeRawBufferPointer, value: UnsafeRawBufferPointer
    ) {
        streams[stream]?.receiveHeader(isTrailers: isTrailers, name: String(decoding: name, as: UTF8.self), value: value)
    }

    func sessionDidReceiveData(stream id: Int32, bytes: UnsafeRawBufferPointer) {
        guard let stream = streams[id], let error = stream.receiveData(bytes) else { return }
        streams[id] = nil
        session.reset(stream: id, errorCode: UInt32(NGHTTP2_CANCEL.rawValue))
        stream.handle.finish(.failure(error), resetStream: false)
    }

    func sessionDidCloseStream(stream id: Int32, errorCode: UInt32) {
        guard let stream = streams.removeValue(forKey: id) else { return }
        stream.handle.finish(stream.outcome(errorCode: errorCode), resetStream: false)
        closeIfDrainedLater()
    }

    func sessionDidReceiveGoAway(lastStreamID: Int32, errorCode: UInt32) {
        // nghttp2 closes the streams above lastStreamID with REFUSED_STREAM (UNAVAILABLE); the others may finish.
        isDraining = true
        onRetire(id)
        closeIfDrainedLater()
    }

    func sessionDidFailToSendRequest(stream id: Int32, error: Int32) {
        guard let stream = streams.removeValue(forKey: id) else { return }
        let reason = String(cString: nghttp2_strerror(error))
        stream.handle.finish(
            .failure(RPCError(code: .unavailable, message: "the request to \(authority) was not sent: \(reason)")),
            resetStream: false)
        closeIfDrainedLater()
    }

    func sessionReadRequestData(stream: Int32, into buffer: UnsafeMutableRawBufferPointer, flags: inout UInt32) -> Int {
        guard let target = streams[stream] else { return Int(NGHTTP2_ERR_TEMPORAL_CALLBACK_FAILURE.rawValue) }
        return target.readRequest(into: buffer, flags: &flags)
    }

    /// Closing from inside an nghttp2 callback would re-enter the session: wait for the current event.
    private func closeIfDrainedLater() {
        guard isDraining, streams.isEmpty else { return }
        eventLoop.assumeIsolated().execute { [self] in closeIfDrained() }
    }
}
