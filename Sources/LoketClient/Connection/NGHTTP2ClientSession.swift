import CNGHTTP2
import LoketNGHTTP2Support

/// What an nghttp2 client session reports while it parses input; called synchronously from inside `receive` and
/// `send`.
protocol NGHTTP2ClientSessionDelegate: AnyObject {
    /// One response header field; `isTrailers` for the block after the first (final) response HEADERS.
    func sessionDidReceiveHeader(
        stream: Int32, isTrailers: Bool, name: UnsafeRawBufferPointer, value: UnsafeRawBufferPointer)
    /// Response body bytes.
    func sessionDidReceiveData(stream: Int32, bytes: UnsafeRawBufferPointer)
    /// The stream is closed; `errorCode` is 0 after a normal end, else the RST_STREAM or GOAWAY code.
    func sessionDidCloseStream(stream: Int32, errorCode: UInt32)
    /// The server sent GOAWAY: streams above `lastStreamID` were not and will not be processed.
    func sessionDidReceiveGoAway(lastStreamID: Int32, errorCode: UInt32)
    /// A request's HEADERS could not be sent (typically: the server sent GOAWAY while the request waited for a
    /// stream slot); the stream never existed on the wire.
    func sessionDidFailToSendRequest(stream: Int32, error: Int32)
    /// nghttp2 asks for up to `buffer.count` bytes of request body for `stream`.
    func sessionReadRequestData(stream: Int32, into buffer: UnsafeMutableRawBufferPointer, flags: inout UInt32) -> Int
}

/// A thin owner of an `nghttp2_session` in client mode, driven with `mem_recv`/`mem_send` (no I/O of its own).
///
/// Not thread-safe: it lives on its connection's event loop.
final class NGHTTP2ClientSession {
    /// The HTTP/2 settings the client announces.
    struct Settings {
        /// The per-stream receive window: large enough that a 4 MiB response needs few WINDOW_UPDATE round trips.
        var initialWindowSize: UInt32 = 1 << 20
        var connectionWindowSize: Int32 = 8 << 20
        /// The largest response header block we accept (metadata from the server).
        var maxHeaderListSize: UInt32 = 64 << 10
    }

    private var session: OpaquePointer?
    unowned(unsafe) var delegate: (any NGHTTP2ClientSessionDelegate)!

    init(settings: Settings) {
        var callbacks: OpaquePointer?
        nghttp2_session_callbacks_new(&callbacks)
        defer { nghttp2_session_callbacks_del(callbacks) }
        nghttp2_session_callbacks_set_on_header_callback(callbacks, onHeader)
        nghttp2_session_callbacks_set_on_frame_recv_callback(callbacks, onFrameReceived)
        nghttp2_session_callbacks_set_on_data_chunk_recv_callback(callbacks, onDataChunk)
        nghttp2_session_callbacks_set_on_stream_close_callback(callbacks, onStreamClose)
        nghttp2_session_callbacks_set_on_frame_not_send_callback(callbacks, onFrameNotSent)

        var options: OpaquePointer?
        nghttp2_option_new(&options)
        defer { nghttp2_option_del(options) }
        // Window updates stay automatic: a unary response is held in memory anyway and capped by the message size
        // limit, so there is no consumer to back-pressure.
        nghttp2_option_set_max_settings(options, 32)

        let userData = Unmanaged.passUnretained(self).toOpaque()
        let status = nghttp2_session_client_new2(&session, callbacks, userData, options)
        precondition(status == 0, "nghttp2_session_client_new2 failed: \(status)")

        // The connection preface itself is written by nghttp2 with the first mem_send; SETTINGS follow it.
        var entries = [
            nghttp2_settings_entry(settings_id: Int32(NGHTTP2_SETTINGS_ENABLE_PUSH.rawValue), value: 0),
            nghttp2_settings_entry(
                settings_id: Int32(NGHTTP2_SETTINGS_INITIAL_WINDOW_SIZE.rawValue), value: settings.initialWindowSize),
            nghttp2_settings_entry(
                settings_id: Int32(NGHTTP2_SETTINGS_MAX_HEADER_LIST_SIZE.rawValue), value: settings.maxHeaderListSize),
        ]
        nghttp2_submit_settings(session, UInt8(NGHTTP2_FLAG_NONE.rawValue), &entries, entries.count)
        nghttp2_session_set_local_window_size(
            session, UInt8(NGHTTP2_FLAG_NONE.rawValue), 0, settings.connectionWindowSize)
    }

    deinit {
        nghttp2_session_del(session)
    }

    /// Feeds received bytes; false when the connection must be closed (protocol error).
    func receive(_ bytes: UnsafeRawBufferPointer) -> Bool {
        guard let base = bytes.baseAddress else { return true }
        return nghttp2_session_mem_recv(session, base.assumingMemoryBound(to: UInt8.self), bytes.count) >= 0
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

    /// Submits a request whose body is pulled through the delegate and ends the stream; returns the new stream's
    /// id, or nil when nghttp2 refuses (for example after GOAWAY, or when stream ids are exhausted).
    func submitRequest(headers: [(String, String)]) -> Int32? {
        let id = HeaderBlock.with(headers) { nva, count in
            var provider = nghttp2_data_provider(source: nghttp2_data_source(ptr: nil), read_callback: onReadData)
            return nghttp2_submit_request(session, nil, nva, count, &provider, nil)
        }
        return id > 0 ? id : nil
    }

    /// Resets a stream; a request still queued (not yet sent) is dropped by nghttp2 without reaching the wire.
    func reset(stream: Int32, errorCode: UInt32) {
        nghttp2_submit_rst_stream(session, UInt8(NGHTTP2_FLAG_NONE.rawValue), stream, errorCode)
    }

    /// Sends GOAWAY(NO_ERROR): we open no more streams on this connection.
    func submitGoAway() {
        nghttp2_submit_goaway(session, UInt8(NGHTTP2_FLAG_NONE.rawValue), 0, 0, nil, 0)
    }

    fileprivate static func from(_ userData: UnsafeMutableRawPointer?) -> NGHTTP2ClientSession {
        Unmanaged<NGHTTP2ClientSession>.fromOpaque(userData!).takeUnretainedValue()
    }
}

// MARK: C callbacks (no captures: the session arrives through user_data).

private let onHeader: nghttp2_on_header_callback = { _, frame, name, nameLength, value, valueLength, _, userData in
    guard let frame, frame.pointee.hd.type == UInt8(NGHTTP2_HEADERS.rawValue) else { return 0 }
    // nghttp2 files the first HEADERS of a response (informational or final) under HCAT_RESPONSE and later
    // blocks under HCAT_HEADERS; after a 1xx the final response also arrives as HCAT_HEADERS, which the stream
    // tells apart by its `:status`.
    NGHTTP2ClientSession.from(userData).delegate.sessionDidReceiveHeader(
        stream: frame.pointee.hd.stream_id, isTrailers: frame.pointee.headers.cat == NGHTTP2_HCAT_HEADERS,
        name: UnsafeRawBufferPointer(start: name, count: nameLength),
        value: UnsafeRawBufferPointer(start: value, count: valueLength))
    return 0
}

private let onFrameReceived: nghttp2_on_frame_recv_callback = { _, frame, userData in
    guard let frame, frame.pointee.hd.type == UInt8(NGHTTP2_GOAWAY.rawValue) else { return 0 }
    NGHTTP2ClientSession.from(userData).delegate.sessionDidReceiveGoAway(
        lastStreamID: frame.pointee.goaway.last_stream_id, errorCode: frame.pointee.goaway.error_code)
    return 0
}

private let onDataChunk: nghttp2_on_data_chunk_recv_callback = { _, _, stream, data, length, userData in
    NGHTTP2ClientSession.from(userData).delegate.sessionDidReceiveData(
        stream: stream, bytes: UnsafeRawBufferPointer(start: data, count: length))
    return 0
}

private let onStreamClose: nghttp2_on_stream_close_callback = { _, stream, errorCode, userData in
    NGHTTP2ClientSession.from(userData).delegate.sessionDidCloseStream(stream: stream, errorCode: errorCode)
    return 0
}

private let onFrameNotSent: nghttp2_on_frame_not_send_callback = { _, frame, error, userData in
    guard let frame, frame.pointee.hd.type == UInt8(NGHTTP2_HEADERS.rawValue) else { return 0 }
    NGHTTP2ClientSession.from(userData).delegate.sessionDidFailToSendRequest(
        stream: frame.pointee.hd.stream_id, error: error)
    return 0
}

private let onReadData: nghttp2_data_source_read_callback = { _, stream, buffer, length, flags, _, userData in
    var dataFlags = flags!.pointee
    let written = NGHTTP2ClientSession.from(userData).delegate.sessionReadRequestData(
        stream: stream, into: UnsafeMutableRawBufferPointer(start: buffer, count: length), flags: &dataFlags)
    flags!.pointee = dataFlags
    return written
}
