import CNGHTTP2
import Logging
import LoketRPC
import NIOCore

/// The handler side of a stream: starting the task and feeding it requests; all on the event loop.
extension ServerStream {
    func start(_ handler: RPCHandler) {
        guard let context, !finished else { return }
        // One strong reference for the call's start (a read of the unowned property costs a retain and release).
        let connection = self.connection
        let loop = connection.eventLoop
        let bound = NIOLoopBound(self, eventLoop: loop)
        if let unary = handler.unaryBody, kind == .unary, remoteClosed, let message = singleRequest {
            singleRequest = nil
            // The flag starts false and this is the call's only message: the lock is taken only to set it.
            if message.wasCompressed { context.response.lastRequestCompressed = true }
            startUnary(unary, request: message.bytes, context: context, bound: bound, connection: connection)
            return
        }
        let requests: RequestStream<[UInt8]>
        if remoteClosed, kind == .unary || kind == .serverStreaming {
            // The whole single-message request is here: the handler reads it without suspending.
            if let message = singleRequest {
                if message.wasCompressed { context.response.lastRequestCompressed = true }
                requests = RequestStream([message.bytes])
                singleRequest = nil
            } else {
                requests = RequestStream([])
            }
        } else {
            requests = RequestStream<[UInt8]> {
                try await withCheckedThrowingContinuation { continuation in
                    bound.withStreamOnLoop(continuation) { $0.nextMessage($1) }
                }
            }
        }
        let responses = ResponseWriter<[UInt8]> { message in
            // On the connection's loop (the usual case) a write below the high-water mark completes at once.
            if loop.inEventLoop, try bound.value.writeWithoutWaiting(message) { return }
            try await withCheckedThrowingContinuation { continuation in
                bound.withStreamOnLoop((message, continuation)) { $0.write($1.0, $1.1) }
            }
        }
        launch(context: context, bound: bound, connection: connection) {
            try await handler.body(requests, responses, context)
        }
    }

    /// The unary fast path: no request stream or response writer, the response goes straight to the stream.
    private func startUnary(
        _ unary: @escaping @Sendable ([UInt8], ServerContext) async throws -> [UInt8], request: [UInt8],
        context: ServerContext, bound: NIOLoopBound<ServerStream>, connection: GRPCConnection
    ) {
        let logger = connection.logger
        // The task runs the handler itself rather than through `launch`'s closure: each async closure call costs
        // two switches through the task's executor, and with an executor preference each takes the task's lock.
        task = Task.immediate(executorPreference: connection.taskExecutor) {
            let status: CallStatus
            do {
                let response = try await unary(request, context)
                if bound.eventLoop.inEventLoop {
                    try bound.value.enqueue(response)
                } else {
                    try await writeFromElsewhere(response, to: bound)
                }
                status = .ok
            } catch {
                status = callStatus(endingWith: error, context: context, logger: logger)
            }
            bound.withStreamOnLoop(status) { $0.finish($1, fromHandler: true) }
        }
    }

    /// Runs `operation` as the call's task and decides the status from how it ends.
    ///
    /// Immediate: the handler starts right here on the event loop and runs until its first suspension (a unary
    /// handler that never suspends completes without being scheduled at all); later resumptions come back to this
    /// loop through the task executor.
    private func launch(
        context: ServerContext, bound: NIOLoopBound<ServerStream>, connection: GRPCConnection,
        _ operation: @escaping @Sendable () async throws -> Void
    ) {
        let logger = connection.logger
        task = Task.immediate(executorPreference: connection.taskExecutor) {
            let status: CallStatus
            do {
                try await operation()
                status = .ok
            } catch {
                status = callStatus(endingWith: error, context: context, logger: logger)
            }
            bound.withStreamOnLoop(status) { $0.finish($1, fromHandler: true) }
        }
    }

    func nextMessage(_ continuation: CheckedContinuation<[UInt8]?, any Error>) {
        // Once the status is decided (deadline, reset, bad input) queued messages are moot, and the connection
        // may be gone: check before touching anything else.
        if finished {
            continuation.resume(throwing: CancellationError())
        } else if inboundIndex < inbound.count {
            let message = inbound[inboundIndex]
            inboundIndex += 1
            if inboundIndex == inbound.count {
                inbound.removeAll(keepingCapacity: true)
                inboundIndex = 0
            }
            queuedInboundBytes -= message.bytes.count
            if unconsumedBytes > 0, queuedInboundBytes < Self.inboundQueueLimit {
                session.consume(stream: id, count: unconsumedBytes)
                unconsumedBytes = 0
                connection.scheduleFlush()
            }
            context?.response.lastRequestCompressed = message.wasCompressed
            continuation.resume(returning: message.bytes)
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

    func write(_ message: [UInt8], _ continuation: CheckedContinuation<Void, any Error>) {
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

    func enqueue(_ message: [UInt8]) throws {
        guard !finished, let context else { throw CancellationError() }
        guard message.count <= maxMessageBytes else {
            throw RPCError(
                code: .resourceExhausted,
                message: "response message of \(message.count) bytes exceeds the limit of \(maxMessageBytes) bytes")
        }
        let compression = context.response.compressMessages ? responseCompression : nil
        outbound.append(message: message, compression: compression)
        if !headersSent {
            headersSent = true
            let metadata = context.response.headers
            if compression == nil, metadata.isEmpty {
                _ = session.submitResponse(stream: id, staticHeaders: StaticHeaders.response, hasBody: true)
            } else {
                var headers: [(String, String)] = [(":status", "200"), ("content-type", "application/grpc")]
                if let compression { headers.append(("grpc-encoding", compression.rawValue)) }
                headers.append(("grpc-accept-encoding", MessageCompression.acceptEncodingHeader))
                headers.append(contentsOf: MetadataFields.encode(metadata))
                _ = session.submitResponse(stream: id, headers: headers, hasBody: true)
            }
        } else {
            resumeIfDeferred()
        }
        connection.scheduleFlush()
    }
}

/// The status of a call whose handler threw `error`; an error that is neither an ``RPCError`` nor a
/// cancellation is logged, since the client only learns UNKNOWN.
private func callStatus(endingWith error: any Error, context: ServerContext, logger: Logger) -> CallStatus {
    if !(error is RPCError), !(error is CancellationError) {
        logger.error("handler failed", metadata: ["method": "\(context.method.path)", "error": "\(error)"])
    }
    return CallStatus(error: error)
}

/// Hands a response to the stream from off its loop (a handler that ended elsewhere). Not inlined into the
/// call's task: its continuation would enlarge the task's frame for every call, though it is rarely taken.
@inline(never)
private func writeFromElsewhere(_ response: [UInt8], to bound: NIOLoopBound<ServerStream>) async throws {
    try await withCheckedThrowingContinuation { continuation in
        bound.withStreamOnLoop((response, continuation)) { $0.write($1.0, $1.1) }
    }
}

extension NIOLoopBound<ServerStream> {
    /// Runs `action` with the stream on its loop: at once when already there (the usual case), else enqueued.
    ///
    /// `action` captures nothing and its input travels beside it: an escaping closure's context is a heap
    /// allocation, made wherever the closure is formed, so only a hop forms one (a single closure for both cases
    /// had allocated on every call).
    @inline(__always)
    func withStreamOnLoop<Input: Sendable>(_ input: Input, _ action: @escaping @Sendable (ServerStream, Input) -> Void) {
        if eventLoop.inEventLoop {
            action(value, input)
        } else {
            eventLoop.execute { action(self.value, input) }
        }
    }
}
