import CNGHTTP2
import LoketRPC
import NIOCore

/// One gRPC call on one HTTP/2 stream: request parsing, message delivery to the handler task, response framing,
/// and the single place where the call's status is decided.
///
/// Lives on its connection's event loop; the handler task reaches it through `NIOLoopBound`.
final class ServerStream {
    let id: Int32
    unowned let connection: GRPCConnection
    /// Held directly (not through `connection`) because every frame of the call uses it; a stream that outlives
    /// its connection never reaches it, as every path checks `finished` first.
    let session: NGHTTP2Session
    let maxMessageBytes: Int
    let maxHeaderListBytes: Int

    // Request side.
    var builder: RequestHead.Builder
    var deframer = MessageDeframer(maxMessageBytes: 0, compression: nil)
    /// Whether the request head was accepted, so DATA belongs to a call.
    var acceptsData = false
    var kind: MethodDescriptor.Kind = .unary
    /// The handler of a unary or server-streaming call, started once the client half-closes.
    var pendingHandler: RPCHandler?
    /// The request of a unary or server-streaming call, held until the client half-closes.
    var singleRequest: MessageDeframer.Message?
    /// Messages of a streaming request that arrived before the handler asked for them.
    var inbound: [MessageDeframer.Message] = []
    var inboundIndex = 0
    var inboundWaiter: CheckedContinuation<[UInt8]?, any Error>?
    var inboundEnded = false
    var queuedInboundBytes = 0
    var unconsumedBytes = 0
    private(set) var remoteClosed = false

    // Response side.
    var context: ServerContext?
    var outbound = OutboundQueue()
    var headersSent = false
    var responseCompression: MessageCompression?
    enum Trailers {
        /// `grpc-status: 0` alone, from static storage.
        case ok
        case fields([(String, String)])
    }

    var pendingTrailers: Trailers?
    /// A plain HTTP error response (405, 415, 431): a body and no gRPC trailers.
    var httpBodyOnly = false
    var dataDeferred = false
    var writeWaiters: [CheckedContinuation<Void, any Error>] = []

    // Lifetime.
    /// The status is decided; nothing more reaches the handler or the client.
    var finished = false
    private(set) var closed = false
    var task: Task<Void, Never>?
    var deadline: Scheduled<Void>?

    /// Inbound bytes queued for the handler beyond which the flow-control window stays closed.
    static let inboundQueueLimit = 1 << 20
    /// Outbound bytes buffered for the client beyond which `write` suspends.
    static let outboundHighWater = 256 << 10

    init(id: Int32, connection: GRPCConnection) {
        self.id = id
        self.connection = connection
        self.session = connection.session
        self.maxMessageBytes = connection.configuration.maxMessageBytes
        self.maxHeaderListBytes = connection.configuration.maxHeaderListBytes
        self.builder = RequestHead.Builder(knownPath: connection.recentHandler?.method.path)
    }

    // MARK: Request events

    func receiveHeader(name: UnsafeRawBufferPointer, value: UnsafeRawBufferPointer) {
        builder.add(name: name, value: value)
    }

    func receiveHead(endStream: Bool) {
        // One strong reference for the whole method: each read of the unowned property is an atomic retain and
        // release of its own.
        let connection = self.connection
        if builder.size > maxHeaderListBytes {
            respondHTTP(status: 431, message: "request header fields too large")
            return
        }
        let head: RequestHead
        switch builder.finish() {
        case .failure(.http(let status, let message)):
            respondHTTP(status: status, message: message)
            return
        case .failure(.grpc(let code, let message)):
            finish(CallStatus(code: code, message: message))
            return
        case .success(let parsed):
            head = parsed
        }
        if let encoding = head.unsupportedEncoding {
            var trailers = Metadata()
            trailers.addString(MessageCompression.acceptEncodingHeader, forKey: "grpc-accept-encoding")
            finish(CallStatus(code: .unimplemented, message: "message encoding \(encoding) is not supported", trailers: trailers))
            return
        }
        let handler: RPCHandler
        if let recent = connection.recentHandler, recent.method.path == head.path {
            // Usually the very string the builder shared, so the comparison is an identity check.
            handler = recent
        } else {
            guard let found = connection.router.handler(forPath: head.path) else {
                finish(CallStatus(code: .unimplemented, message: Self.unknownMethodMessage(head.path, connection.router)))
                return
            }
            connection.recentHandler = found
            handler = found
        }
        kind = handler.method.kind
        deframer = MessageDeframer(
            maxMessageBytes: maxMessageBytes, compression: head.encoding,
            allocator: connection.allocator)
        acceptsData = true
        responseCompression = MessageCompression.negotiate(acceptEncoding: head.acceptEncoding)
        // The largest grpc-timeout (99999999H) overflows nanoseconds in Int64; a year is "no deadline" in practice.
        var deadlineInstant: ContinuousClock.Instant?
        if let timeout = head.timeout, timeout < .seconds(365 * 86_400) {
            deadlineInstant = ContinuousClock.now.advanced(by: timeout)
            let delay = TimeAmount.nanoseconds(timeout.wholeNanoseconds)
            deadline = connection.eventLoop.assumeIsolated().scheduleTask(in: delay) { [self] in
                finish(CallStatus(code: .deadlineExceeded, message: "the deadline of the call passed"))
            }
        }
        var context = ServerContext(
            method: handler.method, requestMetadata: head.metadata, deadline: deadlineInstant, peer: connection.peer)
        if let certificate = connection.peerCertificate { context[PeerCertificateKey.self] = certificate }
        self.context = context
        if endStream { receiveEndStream() }
        // Single-request methods start once the request is complete, so the handler never waits for it.
        if kind == .clientStreaming || kind == .bidirectionalStreaming || remoteClosed {
            start(handler)
        } else {
            pendingHandler = handler
        }
    }

    func receiveData(_ bytes: UnsafeRawBufferPointer) {
        guard !finished, acceptsData else {
            session.consume(stream: id, count: bytes.count)
            return
        }
        do {
            try deframer.process(bytes) { message throws(MessageDeframer.Failure) in
                if kind == .unary || kind == .serverStreaming, singleRequest != nil || task != nil {
                    throw .tooMany
                }
                deliver(message)
            }
        } catch .tooMany {
            finish(CallStatus(code: .unimplemented, message: "\(context!.method.path) expects exactly one request message"))
            return
        } catch .tooLarge(let size) {
            let limit = maxMessageBytes
            finish(CallStatus(code: .resourceExhausted, message: "request message of \(size) bytes exceeds the limit of \(limit) bytes"))
            return
        } catch .compressedWithoutEncoding {
            finish(CallStatus(code: .internal, message: "a compressed message arrived without a grpc-encoding header"))
            return
        } catch {
            finish(CallStatus(code: .internal, message: "a request message could not be decompressed"))
            return
        }
        // Reopen the window for what the handler has room for; the rest waits until it reads.
        if queuedInboundBytes < Self.inboundQueueLimit {
            session.consume(stream: id, count: bytes.count)
        } else {
            unconsumedBytes += bytes.count
        }
    }

    func deliver(_ message: MessageDeframer.Message) {
        if kind == .unary || kind == .serverStreaming {
            singleRequest = message  // the handler starts after END_STREAM and takes it from here
        } else if let waiter = inboundWaiter {
            inboundWaiter = nil
            context?.response.lastRequestCompressed = message.wasCompressed
            waiter.resume(returning: message.bytes)
        } else {
            inbound.append(message)
            queuedInboundBytes += message.bytes.count
        }
    }

    func receiveEndStream() {
        guard !remoteClosed else { return }
        remoteClosed = true
        guard !finished else { return }
        if deframer.hasPartialMessage {
            finish(CallStatus(code: .internal, message: "the request ended inside a message"))
            return
        }
        inboundEnded = true
        if let waiter = inboundWaiter {
            inboundWaiter = nil
            waiter.resume(returning: nil)
        }
        if let handler = pendingHandler {
            pendingHandler = nil
            start(handler)
        }
    }

    /// The stream is gone at the HTTP/2 level (normal end, or the client reset it).
    func streamClosed(errorCode: UInt32) {
        closed = true
        if !finished {
            // The client went away before the call ended: cancel the handler, send nothing.
            finished = true
            deadline?.cancel()
            task?.cancel()
            failWaiters(CancellationError())
        }
    }

    /// Called after our END_STREAM went out; a client still sending gets RST_STREAM(NO_ERROR), as gRPC expects.
    func sentEndStream() {
        if !remoteClosed { session.reset(stream: id, errorCode: UInt32(NGHTTP2_NO_ERROR.rawValue)) }
    }

    private static func unknownMethodMessage(_ path: String, _ router: RPCRouter) -> String {
        let parts = path.dropFirst().split(separator: "/", maxSplits: 1)
        if let service = parts.first, router.services.contains(String(service)) {
            return "method \(parts.count > 1 ? String(parts[1]) : "") is not implemented by \(service)"
        }
        return "service \(parts.first.map(String.init) ?? "") is not implemented"
    }
}

