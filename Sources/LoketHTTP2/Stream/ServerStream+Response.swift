import CNGHTTP2
import LoketRPC
import NIOCore

/// The response side of a stream: the status, trailers, and the body nghttp2 pulls.
extension ServerStream {
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
            _ = session.submitResponse(stream: id, headers: headers, hasBody: false)
        }
        connection.scheduleFlush()
    }

    func respondHTTP(status: Int, message: String) {
        finished = true
        let headers = [(":status", String(status)), ("content-type", "text/plain; charset=utf-8")]
        outbound.append(body: Array((message + "\n").utf8))
        pendingTrailers = nil
        headersSent = true
        httpBodyOnly = true
        _ = session.submitResponse(stream: id, headers: headers, hasBody: true)
        connection.scheduleFlush()
    }

    func resumeIfDeferred() {
        if dataDeferred {
            dataDeferred = false
            session.resumeData(stream: id)
        }
    }

    /// Ends every wait on the stream with `error`, which is made only when someone waits: most calls finish with
    /// nobody waiting, and an existential error is a heap allocation.
    func failWaiters(_ error: @autoclosure () -> any Error) {
        guard inboundWaiter != nil || !writeWaiters.isEmpty else { return }
        let error = error()
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
        let count = outbound.read(into: buffer)
        if count > 0 {
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
                case .ok: _ = session.submitTrailers(stream: id, staticHeaders: StaticHeaders.okTrailers)
                case .fields(let fields): _ = session.submitTrailers(stream: id, headers: fields)
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
}
