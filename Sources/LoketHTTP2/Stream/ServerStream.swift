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

    // Request side.
    private var builder = RequestHead.Builder()
    private var deframer = MessageDeframer(maxMessageBytes: 0, compression: nil)
    /// Whether the request head was accepted, so DATA belongs to a call.
    private var acceptsData = false
    private var kind: MethodDescriptor.Kind = .unary
    private var inbound: [MessageDeframer.Message] = []
    private var inboundIndex = 0
    private var inboundWaiter: CheckedContinuation<[UInt8]?, any Error>?
    private var inboundEnded = false
    private var queuedInboundBytes = 0
    private var unconsumedBytes = 0
    private(set) var remoteClosed = false

    // Response side.
    private var context: ServerContext?
    private var outbound: ByteBuffer
    private var headersSent = false
    private var responseCompression: MessageCompression?
    private enum Trailers {
        /// `grpc-status: 0` alone, from static storage.
        case ok
        case fields([(String, String)])
    }

    private var pendingTrailers: Trailers?
    private var dataDeferred = false
    private var writeWaiters: [CheckedContinuation<Void, any Error>] = []

    // Lifetime.
    private(set) var finished = false
    private(set) var closed = false
    private var task: Task<Void, Never>?
    private var deadline: Scheduled<Void>?

    /// Inbound bytes queued for the handler beyond which the flow-control window stays closed.
    private static let inboundQueueLimit = 1 << 20
    /// Outbound bytes buffered for the client beyond which `write` suspends.
    private static let outboundHighWater = 256 << 10

    init(id: Int32, connection: GRPCConnection) {
        self.id = id
        self.connection = connection
        self.outbound = connection.allocator.buffer(capacity: 0)
    }

    // MARK: Request events

    func receiveHeader(name: UnsafeRawBufferPointer, value: UnsafeRawBufferPointer) {
        builder.add(name: name, value: value)
    }

    func receiveHead(endStream: Bool) {
        if builder.size > connection.configuration.maxHeaderListBytes {
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
        builder = RequestHead.Builder()
        if let encoding = head.unsupportedEncoding {
            var trailers = Metadata()
            trailers.addString(MessageCompression.acceptEncodingHeader, forKey: "grpc-accept-encoding")
            finish(CallStatus(code: .unimplemented, message: "message encoding \(encoding) is not supported", trailers: trailers))
            return
        }
        guard let handler = connection.router.handler(forPath: head.path) else {
            finish(CallStatus(code: .unimplemented, message: Self.unknownMethodMessage(head.path, connection.router)))
            return
        }
        kind = handler.method.kind
        deframer = MessageDeframer(
            maxMessageBytes: connection.configuration.maxMessageBytes, compression: head.encoding,
            allocator: connection.allocator)
        acceptsData = true
        responseCompression = MessageCompression.negotiate(acceptEncoding: head.acceptEncoding)
        var context = ServerContext(
            method: handler.method, requestMetadata: head.metadata, peer: connection.peer)
        if let timeout = head.timeout {
            context.deadline = ContinuousClock.now.advanced(by: timeout)
            let nanoseconds = timeout.components.seconds * 1_000_000_000 + timeout.components.attoseconds / 1_000_000_000
            deadline = connection.eventLoop.assumeIsolated().scheduleTask(in: .nanoseconds(nanoseconds)) { [self] in
                finish(CallStatus(code: .deadlineExceeded, message: "the deadline of the call passed"))
            }
        }
        self.context = context
        if endStream { receiveEndStream() }
        // Single-request methods start once the request is complete, so the handler never waits for it.
        if kind == .clientStreaming || kind == .bidirectionalStreaming || remoteClosed {
            start(handler)
        } else {
            pendingHandler = handler
        }
    }

    private var pendingHandler: RPCHandler?

    func receiveData(_ bytes: UnsafeRawBufferPointer) {
        guard !finished, acceptsData else {
            connection.session.consume(stream: id, count: bytes.count)
            return
        }
        do {
            try deframer.process(bytes) { message throws(MessageDeframer.Failure) in
                if kind == .unary || kind == .serverStreaming, inbound.count - inboundIndex >= 1 || task != nil {
                    throw .tooMany
                }
                deliver(message)
            }
        } catch .tooMany {
            finish(CallStatus(code: .unimplemented, message: "\(context!.method.path) expects exactly one request message"))
            return
        } catch .tooLarge(let size) {
            let limit = connection.configuration.maxMessageBytes
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
            connection.session.consume(stream: id, count: bytes.count)
        } else {
            unconsumedBytes += bytes.count
        }
    }

    private func deliver(_ message: MessageDeframer.Message) {
        if let waiter = inboundWaiter {
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
        if !remoteClosed { connection.session.reset(stream: id, errorCode: UInt32(NGHTTP2_NO_ERROR.rawValue)) }
    }

    // MARK: Handler side (called on the event loop)

    private func start(_ handler: RPCHandler) {
        guard let context, !finished else { return }
        let bound = NIOLoopBound(self, eventLoop: connection.eventLoop)
        let loop = connection.eventLoop
        let requests: RequestStream<[UInt8]>
        if remoteClosed, kind == .unary || kind == .serverStreaming {
            // The whole single-message request is here: the handler reads it without suspending.
            requests = RequestStream(inbound[inboundIndex...].map { message in
                context.response.lastRequestCompressed = message.wasCompressed
                return message.bytes
            })
            inbound = []
            inboundIndex = 0
            queuedInboundBytes = 0
        } else {
            requests = RequestStream<[UInt8]> {
                try await withCheckedThrowingContinuation { continuation in
                    loop.executeOrRun { bound.value.nextMessage(continuation) }
                }
            }
        }
        let responses = ResponseWriter<[UInt8]> { message in
            // On the connection's loop (the usual case) a write below the high-water mark completes at once.
            if loop.inEventLoop, try bound.value.writeWithoutWaiting(message) { return }
            try await withCheckedThrowingContinuation { continuation in
                loop.executeOrRun { bound.value.write(message, continuation) }
            }
        }
        let logger = connection.logger
        task = Task(executorPreference: connection.taskExecutor) {
            let status: CallStatus
            do {
                try await handler.body(requests, responses, context)
                status = .ok
            } catch {
                if !(error is RPCError), !(error is CancellationError) {
                    logger.error("handler failed", metadata: ["method": "\(context.method.path)", "error": "\(error)"])
                }
                status = CallStatus(error: error)
            }
            loop.executeOrRun { bound.value.finish(status, fromHandler: true) }
        }
    }

    private func nextMessage(_ continuation: CheckedContinuation<[UInt8]?, any Error>) {
        if inboundIndex < inbound.count {
            let message = inbound[inboundIndex]
            inboundIndex += 1
            if inboundIndex == inbound.count {
                inbound.removeAll(keepingCapacity: true)
                inboundIndex = 0
            }
            queuedInboundBytes -= message.bytes.count
            if unconsumedBytes > 0, queuedInboundBytes < Self.inboundQueueLimit {
                connection.session.consume(stream: id, count: unconsumedBytes)
                unconsumedBytes = 0
                connection.scheduleFlush()
            }
            context?.response.lastRequestCompressed = message.wasCompressed
            continuation.resume(returning: message.bytes)
        } else if finished {
            continuation.resume(throwing: CancellationError())
        } else if inboundEnded {
            continuation.resume(returning: nil)
        } else {
            inboundWaiter = continuation
        }
    }

    /// Queues a response message; true when the writer may go on at once, false when it must wait for the client
    /// to read (then nothing was written).
    func writeWithoutWaiting(_ message: [UInt8]) throws -> Bool {
        guard outbound.readableBytes <= Self.outboundHighWater, writeWaiters.isEmpty else { return false }
        try enqueue(message)
        return true
    }

    private func write(_ message: [UInt8], _ continuation: CheckedContinuation<Void, any Error>) {
        do {
            try enqueue(message)
        } catch {
            continuation.resume(throwing: error)
            return
        }
        if outbound.readableBytes > Self.outboundHighWater {
            writeWaiters.append(continuation)
        } else {
            continuation.resume()
        }
    }

    private func enqueue(_ message: [UInt8]) throws {
        guard !finished, let context else { throw CancellationError() }
        guard message.count <= connection.configuration.maxMessageBytes else {
            throw RPCError(
                code: .resourceExhausted,
                message: "response message of \(message.count) bytes exceeds the limit of \(connection.configuration.maxMessageBytes) bytes")
        }
        let compression = context.response.compressMessages ? responseCompression : nil
        MessageFramer.write(message, compression: compression, into: &outbound)
        if !headersSent {
            headersSent = true
            let metadata = context.response.headers
            if compression == nil, metadata.isEmpty {
                _ = connection.session.submitResponse(stream: id, staticHeaders: StaticHeaders.response, hasBody: true)
            } else {
                var headers: [(String, String)] = [(":status", "200"), ("content-type", "application/grpc")]
                if let compression { headers.append(("grpc-encoding", compression.rawValue)) }
                headers.append(("grpc-accept-encoding", MessageCompression.acceptEncodingHeader))
                headers.append(contentsOf: MetadataFields.encode(metadata))
                _ = connection.session.submitResponse(stream: id, headers: headers, hasBody: true)
            }
        } else {
            resumeIfDeferred()
        }
        connection.scheduleFlush()
    }

    /// Decides the call's status once: trailers after a body, or a trailers-only response.
    func finish(_ status: CallStatus, fromHandler: Bool = false) {
        guard !finished else { return }
        finished = true
        deadline?.cancel()
        if !fromHandler { task?.cancel() }
        failWaiters(CancellationError())
        guard !closed else { return }
        let extraTrailers = context?.response.trailers ?? Metadata()
        if headersSent, status.code == .ok, status.trailers.isEmpty, extraTrailers.isEmpty {
            pendingTrailers = .ok
            resumeIfDeferred()
            connection.scheduleFlush()
            return
        }
        var trailers = status.headerFields()
        trailers.append(contentsOf: MetadataFields.encode(extraTrailers))
        if headersSent {
            pendingTrailers = .fields(trailers)
            resumeIfDeferred()
        } else {
            var headers: [(String, String)] = [(":status", "200"), ("content-type", "application/grpc")]
            if let context { headers.append(contentsOf: MetadataFields.encode(context.response.headers)) }
            headers.append(contentsOf: trailers)
            _ = connection.session.submitResponse(stream: id, headers: headers, hasBody: false)
        }
        connection.scheduleFlush()
    }

    private func respondHTTP(status: Int, message: String) {
        finished = true
        let headers = [(":status", String(status)), ("content-type", "text/plain; charset=utf-8")]
        outbound.writeString(message + "\n")
        pendingTrailers = nil
        headersSent = true
        httpBodyOnly = true
        _ = connection.session.submitResponse(stream: id, headers: headers, hasBody: true)
        connection.scheduleFlush()
    }

    private var httpBodyOnly = false

    private func resumeIfDeferred() {
        if dataDeferred {
            dataDeferred = false
            connection.session.resumeData(stream: id)
        }
    }

    private func failWaiters(_ error: any Error) {
        if let waiter = inboundWaiter {
            inboundWaiter = nil
            waiter.resume(throwing: error)
        }
        let waiters = writeWaiters
        writeWaiters = []
        for waiter in waiters { waiter.resume(throwing: error) }
    }

    // MARK: Body pull from nghttp2

    func readResponseData(into buffer: UnsafeMutableRawBufferPointer, flags: inout UInt32) -> Int {
        let count = min(buffer.count, outbound.readableBytes)
        if count > 0 {
            outbound.readWithUnsafeReadableBytes { source in
                buffer.baseAddress!.copyMemory(from: source.baseAddress!, byteCount: count)
                return count
            }
            if outbound.readableBytes == 0 { outbound.clear() }
            if outbound.readableBytes <= Self.outboundHighWater / 2, !writeWaiters.isEmpty {
                let waiters = writeWaiters
                writeWaiters = []
                for waiter in waiters { waiter.resume() }
            }
        }
        if outbound.readableBytes == 0 {
            if httpBodyOnly {
                flags |= UInt32(NGHTTP2_DATA_FLAG_EOF.rawValue)
                return count
            }
            if let trailers = pendingTrailers {
                pendingTrailers = nil
                flags |= UInt32(NGHTTP2_DATA_FLAG_EOF.rawValue) | UInt32(NGHTTP2_DATA_FLAG_NO_END_STREAM.rawValue)
                switch trailers {
                case .ok: _ = connection.session.submitTrailers(stream: id, staticHeaders: StaticHeaders.okTrailers)
                case .fields(let fields): _ = connection.session.submitTrailers(stream: id, headers: fields)
                }
                return count
            }
            if count == 0 {
                dataDeferred = true
                return Int(NGHTTP2_ERR_DEFERRED.rawValue)
            }
        }
        return count
    }

    private static func unknownMethodMessage(_ path: String, _ router: RPCRouter) -> String {
        let parts = path.dropFirst().split(separator: "/", maxSplits: 1)
        if let service = parts.first, router.services.contains(String(service)) {
            return "method \(parts.count > 1 ? String(parts[1]) : "") is not implemented by \(service)"
        }
        return "service \(parts.first.map(String.init) ?? "") is not implemented"
    }
}

extension EventLoop {
    /// Runs `body` now when already on this loop, else enqueues it.
    @inline(__always)
    func executeOrRun(_ body: @escaping @Sendable () -> Void) {
        if inEventLoop { body() } else { execute(body) }
    }
}
