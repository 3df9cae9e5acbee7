import CLoketBlockCache
import CNGHTTP2
import LoketNGHTTP2Support

/// A thin owner of an `nghttp2_session` in server mode, driven with `mem_recv`/`mem_send` (no I/O of its own),
/// reporting what it parses to its ``GRPCConnection`` (the connection's `session…` methods), synchronously from
/// inside `receive` and `send`.
///
/// Not thread-safe: it lives on its connection's event loop.
final class NGHTTP2Session {
    /// The HTTP/2 settings and protections a server session starts with.
    struct Limits {
        var maxConcurrentStreams: UInt32 = 100
        var initialWindowSize: UInt32 = 1 << 20
        var connectionWindowSize: Int32 = 8 << 20
        var maxHeaderListSize: UInt32 = 16 << 10
        var maxFrameSize: UInt32 = 1 << 14
        /// RST_STREAM frames a client may send: a burst, then so many per second (rapid reset, CVE-2023-44487).
        var resetBurst: UInt64 = 1000
        var resetRatePerSecond: UInt64 = 33
        /// Queued PING/SETTINGS acknowledgements before the session is torn down (ping floods).
        var maxOutboundAcks: Int = 1000
    }

    private var session: OpaquePointer?
    /// The connection that owns this session and hears its events. Unmanaged, so that a callback reaches it
    /// without a retain and release: nghttp2 calls back several times per request (once per header field), and a
    /// protocol-typed or `unowned` reference cost an atomic retain and release on every call.
    private var owner: Unmanaged<GRPCConnection>?
    /// Free blocks for the session's allocations: every request allocates and frees the same few sizes (its
    /// stream, header buffers, frames), about eight blocks, which come back from here rather than from malloc.
    private let blocks: OpaquePointer

    /// Free blocks a session keeps at most.
    static let cachedBlockBytes = 32 << 10

    init(limits: Limits) {
        var callbacks: OpaquePointer?
        nghttp2_session_callbacks_new(&callbacks)
        defer { nghttp2_session_callbacks_del(callbacks) }
        nghttp2_session_callbacks_set_on_begin_headers_callback(callbacks, onBeginHeaders)
        nghttp2_session_callbacks_set_on_header_callback(callbacks, onHeader)
        nghttp2_session_callbacks_set_on_frame_recv_callback(callbacks, onFrameReceived)
        nghttp2_session_callbacks_set_on_data_chunk_recv_callback(callbacks, onDataChunk)
        nghttp2_session_callbacks_set_on_stream_close_callback(callbacks, onStreamClose)
        nghttp2_session_callbacks_set_on_frame_send_callback(callbacks, onFrameSent)

        var options: OpaquePointer?
        nghttp2_option_new(&options)
        defer { nghttp2_option_del(options) }
        // Windows are reopened as the application consumes bytes, so a slow handler back-pressures its client.
        nghttp2_option_set_no_auto_window_update(options, 1)
        nghttp2_option_set_stream_reset_rate_limit(options, limits.resetBurst, limits.resetRatePerSecond)
        nghttp2_option_set_max_outbound_ack(options, limits.maxOutboundAcks)
        nghttp2_option_set_max_settings(options, 32)
        // gRPC has no use for RFC 7540 priorities: without them nghttp2 keeps no dependency tree and frees a
        // closed stream at once instead of retaining it for that tree.
        nghttp2_option_set_no_closed_streams(options, 1)

        guard let blocks = loket_block_cache_create(Self.cachedBlockBytes) else {
            fatalError("out of memory for an HTTP/2 session")
        }
        self.blocks = blocks
        // nghttp2 copies the hooks; the cache they name lives until the session is deleted (deinit).
        var memory = nghttp2_mem(
            mem_user_data: UnsafeMutableRawPointer(blocks), malloc: loket_block_cache_malloc,
            free: loket_block_cache_free, calloc: loket_block_cache_calloc, realloc: loket_block_cache_realloc)
        let userData = Unmanaged.passUnretained(self).toOpaque()
        let status = nghttp2_session_server_new3(&session, callbacks, userData, options, &memory)
        precondition(status == 0, "nghttp2_session_server_new3 failed: \(status)")

        var settings = [
            nghttp2_settings_entry(
                settings_id: Int32(NGHTTP2_SETTINGS_MAX_CONCURRENT_STREAMS.rawValue), value: limits.maxConcurrentStreams),
            nghttp2_settings_entry(
                settings_id: Int32(NGHTTP2_SETTINGS_INITIAL_WINDOW_SIZE.rawValue), value: limits.initialWindowSize),
            nghttp2_settings_entry(
                settings_id: Int32(NGHTTP2_SETTINGS_MAX_HEADER_LIST_SIZE.rawValue), value: limits.maxHeaderListSize),
            nghttp2_settings_entry(
                settings_id: Int32(NGHTTP2_SETTINGS_MAX_FRAME_SIZE.rawValue), value: limits.maxFrameSize),
            nghttp2_settings_entry(settings_id: Int32(NGHTTP2_SETTINGS_NO_RFC7540_PRIORITIES.rawValue), value: 1),
        ]
        nghttp2_submit_settings(session, UInt8(NGHTTP2_FLAG_NONE.rawValue), &settings, settings.count)
        nghttp2_session_set_local_window_size(session, UInt8(NGHTTP2_FLAG_NONE.rawValue), 0, limits.connectionWindowSize)
    }

    deinit {
        // The session frees its blocks through the cache, so the cache goes after it.
        nghttp2_session_del(session)
        loket_block_cache_destroy(blocks)
    }

    /// Feeds received bytes; false when the connection must be closed (protocol error, flood).
    func receive(_ bytes: UnsafeRawBufferPointer) -> Bool {
        guard let base = bytes.baseAddress else { return true }
        let result = nghttp2_session_mem_recv(session, base.assumingMemoryBound(to: UInt8.self), bytes.count)
        return result >= 0
    }

    /// Hands each chunk of pending output to `write` until nghttp2 has nothing more; false on a fatal error.
    func send(_ write: (UnsafeRawBufferPointer) -> Void) -> Bool {
        while true {
            var data: UnsafePointer<UInt8>?
            let length = nghttp2_session_mem_send(session, &data)
            if length < 0 { return false }
            guard length > 0, let data else { return true }
            // The pointer is only valid until the next mem_send call: the callee copies.
            write(UnsafeRawBufferPointer(start: data, count: length))
        }
    }

    /// Whether the session wants to read or write more; when neither, the connection can close.
    var isActive: Bool { nghttp2_session_want_read(session) != 0 || nghttp2_session_want_write(session) != 0 }

    /// Sends response headers; with `hasBody` the body is pulled through the delegate, else the stream ends here.
    func submitResponse(stream: Int32, headers: [(String, String)], hasBody: Bool) -> Bool {
        HeaderBlock.with(headers) { nva, count in
            if hasBody {
                var provider = nghttp2_data_provider(
                    source: nghttp2_data_source(ptr: nil), read_callback: onReadData)
                return nghttp2_submit_response(session, stream, nva, count, &provider) == 0
            }
            return nghttp2_submit_response(session, stream, nva, count, nil) == 0
        }
    }

    /// Sends constant response headers without copying them.
    func submitResponse(stream: Int32, staticHeaders: StaticHeaders.Block, hasBody: Bool) -> Bool {
        if hasBody {
            var provider = nghttp2_data_provider(source: nghttp2_data_source(ptr: nil), read_callback: onReadData)
            return nghttp2_submit_response(session, stream, staticHeaders.fields, staticHeaders.count, &provider) == 0
        }
        return nghttp2_submit_response(session, stream, staticHeaders.fields, staticHeaders.count, nil) == 0
    }

    /// Sends constant trailers without copying them.
    func submitTrailers(stream: Int32, staticHeaders: StaticHeaders.Block) -> Bool {
        nghttp2_submit_trailer(session, stream, staticHeaders.fields, staticHeaders.count) == 0
    }

    /// Sends trailers, ending the stream. Valid once the body's data provider has signalled EOF with NO_END_STREAM.
    func submitTrailers(stream: Int32, headers: [(String, String)]) -> Bool {
        HeaderBlock.with(headers) { nva, count in
            nghttp2_submit_trailer(session, stream, nva, count) == 0
        }
    }

    /// Tells nghttp2 that a deferred body has more data.
    func resumeData(stream: Int32) {
        nghttp2_session_resume_data(session, stream)
    }

    /// Reopens `count` bytes of flow-control window of the stream and the connection.
    func consume(stream: Int32, count: Int) {
        guard count > 0 else { return }
        nghttp2_session_consume(session, stream, count)
    }

    /// Resets a stream.
    func reset(stream: Int32, errorCode: UInt32) {
        nghttp2_submit_rst_stream(session, UInt8(NGHTTP2_FLAG_NONE.rawValue), stream, errorCode)
    }

    /// Sends the first GOAWAY of a graceful shutdown (the client stops opening streams).
    func submitShutdownNotice() {
        nghttp2_submit_shutdown_notice(session)
    }

    /// Sends the final GOAWAY naming the last stream the server will process.
    func submitGoAway(errorCode: UInt32 = 0) {
        let lastStream = nghttp2_session_get_last_proc_stream_id(session)
        nghttp2_submit_goaway(session, UInt8(NGHTTP2_FLAG_NONE.rawValue), lastStream, errorCode, nil, 0)
    }

    /// Makes `connection`, which owns this session, the receiver of its events.
    func attach(to connection: GRPCConnection) {
        owner = Unmanaged.passUnretained(connection)
    }

    /// Runs `body` with the connection of the session that `userData` names, retaining neither: the connection
    /// owns the session and is inside `receive` or `send` whenever nghttp2 calls back.
    @inline(__always)
    fileprivate static func withConnection<Result>(
        _ userData: UnsafeMutableRawPointer?, _ body: (GRPCConnection) -> Result
    ) -> Result {
        Unmanaged<NGHTTP2Session>.fromOpaque(userData!)._withUnsafeGuaranteedRef { session in
            session.owner!._withUnsafeGuaranteedRef(body)
        }
    }
}

// MARK: C callbacks (no captures: the session arrives through user_data).

private let onBeginHeaders: nghttp2_on_begin_headers_callback = { _, frame, userData in
    guard let frame, frame.pointee.hd.type == UInt8(NGHTTP2_HEADERS.rawValue),
        frame.pointee.headers.cat == NGHTTP2_HCAT_REQUEST
    else { return 0 }
    NGHTTP2Session.withConnection(userData) { $0.sessionDidBeginRequest(stream: frame.pointee.hd.stream_id) }
    return 0
}

private let onHeader: nghttp2_on_header_callback = { _, frame, name, nameLength, value, valueLength, _, userData in
    guard let frame, frame.pointee.hd.type == UInt8(NGHTTP2_HEADERS.rawValue),
        frame.pointee.headers.cat == NGHTTP2_HCAT_REQUEST
    else { return 0 }  // request trailers carry nothing gRPC uses
    NGHTTP2Session.withConnection(userData) {
        $0.sessionDidReceiveHeader(
            stream: frame.pointee.hd.stream_id,
            name: UnsafeRawBufferPointer(start: name, count: nameLength),
            value: UnsafeRawBufferPointer(start: value, count: valueLength))
    }
    return 0
}

private let onFrameReceived: nghttp2_on_frame_recv_callback = { _, frame, userData in
    guard let frame else { return 0 }
    let header = frame.pointee.hd
    let endStream = header.flags & UInt8(NGHTTP2_FLAG_END_STREAM.rawValue) != 0
    NGHTTP2Session.withConnection(userData) { connection in
        switch header.type {
        case UInt8(NGHTTP2_HEADERS.rawValue):
            if frame.pointee.headers.cat == NGHTTP2_HCAT_REQUEST {
                connection.sessionDidReceiveRequestHead(stream: header.stream_id, endStream: endStream)
            } else if endStream {
                connection.sessionDidReceiveEndStream(stream: header.stream_id)
            }
        case UInt8(NGHTTP2_DATA.rawValue):
            if endStream { connection.sessionDidReceiveEndStream(stream: header.stream_id) }
        default:
            break
        }
    }
    return 0
}

private let onDataChunk: nghttp2_on_data_chunk_recv_callback = { _, _, stream, data, length, userData in
    NGHTTP2Session.withConnection(userData) {
        $0.sessionDidReceiveData(stream: stream, bytes: UnsafeRawBufferPointer(start: data, count: length))
    }
    return 0
}

private let onStreamClose: nghttp2_on_stream_close_callback = { _, stream, errorCode, userData in
    NGHTTP2Session.withConnection(userData) { $0.sessionDidCloseStream(stream: stream, errorCode: errorCode) }
    return 0
}

private let onFrameSent: nghttp2_on_frame_send_callback = { _, frame, userData in
    guard let frame else { return 0 }
    let header = frame.pointee.hd
    let endsStream = header.flags & UInt8(NGHTTP2_FLAG_END_STREAM.rawValue) != 0
    if endsStream, header.type == UInt8(NGHTTP2_HEADERS.rawValue) || header.type == UInt8(NGHTTP2_DATA.rawValue) {
        NGHTTP2Session.withConnection(userData) { $0.sessionDidSendEndStream(stream: header.stream_id) }
    }
    return 0
}

private let onReadData: nghttp2_data_source_read_callback = { _, stream, buffer, length, flags, _, userData in
    var dataFlags = flags!.pointee
    let written = NGHTTP2Session.withConnection(userData) {
        $0.sessionReadResponseData(
            stream: stream, into: UnsafeMutableRawBufferPointer(start: buffer, count: length), flags: &dataFlags)
    }
    flags!.pointee = dataFlags
    return written
}
