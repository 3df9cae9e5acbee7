import CNGHTTP2

/// A real nghttp2 client session driven in memory, for testing the server without sockets.
final class H2TestClient {
    struct Response {
        var headers: [(String, String)] = []
        var trailers: [(String, String)] = []
        var body: [UInt8] = []
        var headerFrames = 0
        var closed = false
        var errorCode: UInt32 = 0

        func header(_ name: String) -> String? { headers.first { $0.0 == name }?.1 }
        func trailer(_ name: String) -> String? { trailers.first { $0.0 == name }?.1 }
        /// grpc-status from the trailers, or from the headers of a trailers-only response.
        var grpcStatus: Int? { (trailer("grpc-status") ?? header("grpc-status")).flatMap { Int($0) } }
        var grpcMessage: String? { trailer("grpc-message") ?? header("grpc-message") }
    }

    private var session: OpaquePointer?
    private(set) var responses: [Int32: Response] = [:]
    fileprivate var bodies: [Int32: (bytes: [UInt8], offset: Int, end: Bool, chunk: Int)] = [:]

    init() {
        var callbacks: OpaquePointer?
        nghttp2_session_callbacks_new(&callbacks)
        defer { nghttp2_session_callbacks_del(callbacks) }
        nghttp2_session_callbacks_set_on_header_callback(callbacks) { _, frame, name, nameLength, value, valueLength, _, user in
            let client = H2TestClient.from(user)
            let stream = frame!.pointee.hd.stream_id
            let field = (
                String(decoding: UnsafeRawBufferPointer(start: name, count: nameLength), as: UTF8.self),
                String(decoding: UnsafeRawBufferPointer(start: value, count: valueLength), as: UTF8.self)
            )
            if frame!.pointee.headers.cat == NGHTTP2_HCAT_HEADERS {
                client.responses[stream, default: Response()].trailers.append(field)
            } else {
                client.responses[stream, default: Response()].headers.append(field)
            }
            return 0
        }
        nghttp2_session_callbacks_set_on_frame_recv_callback(callbacks) { _, frame, user in
            if frame!.pointee.hd.type == UInt8(NGHTTP2_HEADERS.rawValue) {
                H2TestClient.from(user).responses[frame!.pointee.hd.stream_id, default: Response()].headerFrames += 1
            }
            return 0
        }
        nghttp2_session_callbacks_set_on_data_chunk_recv_callback(callbacks) { _, _, stream, data, length, user in
            H2TestClient.from(user).responses[stream, default: Response()].body
                .append(contentsOf: UnsafeRawBufferPointer(start: data, count: length))
            return 0
        }
        nghttp2_session_callbacks_set_on_stream_close_callback(callbacks) { _, stream, errorCode, user in
            let client = H2TestClient.from(user)
            client.responses[stream, default: Response()].closed = true
            client.responses[stream, default: Response()].errorCode = errorCode
            return 0
        }
        nghttp2_session_client_new(&session, callbacks, Unmanaged.passUnretained(self).toOpaque())
        nghttp2_submit_settings(session, 0, nil, 0)
    }

    deinit { nghttp2_session_del(session) }

    fileprivate static func from(_ user: UnsafeMutableRawPointer?) -> H2TestClient {
        Unmanaged<H2TestClient>.fromOpaque(user!).takeUnretainedValue()
    }

    /// Opens a stream: POST to `path` with gRPC headers (overridable) and `body`, sent `chunk` bytes per DATA frame.
    @discardableResult
    func request(
        path: String, headers extra: [(String, String)] = [], body: [UInt8] = [], endStream: Bool = true,
        contentType: String = "application/grpc", method: String = "POST", chunk: Int = 16_384
    ) -> Int32 {
        let headers = [
            (":method", method), (":scheme", "http"), (":path", path), (":authority", "test"),
            ("content-type", contentType), ("te", "trailers"),
        ] + extra
        var storage: [[UInt8]] = headers.flatMap { [Array($0.0.utf8), Array($0.1.utf8)] }
        let stream: Int32 = storage.withUnsafeMutableBufferPointer { parts in
            var nva: [nghttp2_nv] = []
            for i in stride(from: 0, to: parts.count, by: 2) {
                nva.append(parts[i].withUnsafeMutableBufferPointer { name in
                    parts[i + 1].withUnsafeMutableBufferPointer { value in
                        nghttp2_nv(name: name.baseAddress, value: value.baseAddress, namelen: name.count,
                                   valuelen: value.count, flags: 0)
                    }
                })
            }
            var provider = nghttp2_data_provider(source: nghttp2_data_source(ptr: nil), read_callback: readBody)
            return nghttp2_submit_request(session, nil, nva, nva.count, &provider, nil)
        }
        bodies[stream] = (body, 0, endStream, chunk)
        return stream
    }

    /// Adds request body bytes to an open stream.
    func send(stream: Int32, _ bytes: [UInt8], end: Bool) {
        bodies[stream]!.bytes += bytes
        bodies[stream]!.end = end
        nghttp2_session_resume_data(session, stream)
    }

    func reset(stream: Int32) {
        nghttp2_submit_rst_stream(session, 0, stream, UInt32(NGHTTP2_CANCEL.rawValue))
    }

    func output() -> [UInt8] {
        var bytes: [UInt8] = []
        while true {
            var data: UnsafePointer<UInt8>?
            let length = nghttp2_session_mem_send(session, &data)
            guard length > 0, let data else { return bytes }
            bytes.append(contentsOf: UnsafeBufferPointer(start: data, count: length))
        }
    }

    func input(_ bytes: [UInt8]) {
        let consumed = bytes.withUnsafeBufferPointer { nghttp2_session_mem_recv(session, $0.baseAddress, $0.count) }
        precondition(consumed == bytes.count, "client could not parse the server's bytes: \(consumed)")
    }
}

private let readBody: nghttp2_data_source_read_callback = { _, stream, buffer, length, flags, _, user in
    let client = H2TestClient.from(user)
    guard var body = client.bodies[stream] else { return Int(NGHTTP2_ERR_DEFERRED.rawValue) }
    let count = min(length, body.bytes.count - body.offset, body.chunk)
    if count > 0 {
        body.bytes.withUnsafeBytes { source in
            buffer!.update(from: source.baseAddress!.advanced(by: body.offset).assumingMemoryBound(to: UInt8.self), count: count)
        }
        body.offset += count
    }
    client.bodies[stream] = body
    if body.offset == body.bytes.count {
        if body.end {
            flags!.pointee |= UInt32(NGHTTP2_DATA_FLAG_EOF.rawValue)
        } else if count == 0 {
            return Int(NGHTTP2_ERR_DEFERRED.rawValue)
        }
    }
    return count
}
