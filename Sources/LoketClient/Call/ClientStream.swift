import CNGHTTP2
import LoketRPC

/// One unary call on an HTTP/2 stream: the framed request it sends and the response it collects. Lives on its
/// connection's event loop.
final class ClientStream {
    let handle: CallHandle
    private let maxResponseBytes: Int

    /// The length-prefixed request message and how much of it nghttp2 has taken.
    private var request: [UInt8]
    private var requestOffset = 0

    private var httpStatus: Int?
    private var contentType: String?
    private var grpcStatus: String?
    private var grpcMessage: String?
    private var statusDetails: [UInt8]?
    private var headers = Metadata()
    private var trailers = Metadata()
    private var sawTrailers = false
    /// Response bytes not yet assembled into the message.
    private var buffer: [UInt8] = []
    private var message: [UInt8]?

    init(handle: CallHandle, request: [UInt8], maxResponseBytes: Int) {
        self.handle = handle
        self.request = request
        self.maxResponseBytes = maxResponseBytes
    }

    // MARK: Request

    /// Copies the next request bytes for nghttp2 and marks EOF (END_STREAM) after the last one.
    func readRequest(into target: UnsafeMutableRawBufferPointer, flags: inout UInt32) -> Int {
        let count = min(target.count, request.count - requestOffset)
        request.withUnsafeBytes { source in
            target.copyMemory(from: UnsafeRawBufferPointer(rebasing: source[requestOffset..<requestOffset + count]))
        }
        requestOffset += count
        if requestOffset == request.count {
            // END_STREAM goes with this DATA frame (no trailers from the client).
            flags |= NGHTTP2_DATA_FLAG_EOF.rawValue
            request = []
            requestOffset = 0
        }
        return count
    }

    // MARK: Response

    /// One response header field, from the response headers or (once the final `:status` is in) the trailers.
    func receiveHeader(isTrailers: Bool, name: String, value: UnsafeRawBufferPointer) {
        let inTrailers = isTrailers && httpStatus != nil
        if inTrailers { sawTrailers = true }
        switch name {
        case ":status":
            // An informational (1xx) response is followed by the real one.
            if let status = Int(String(decoding: value, as: UTF8.self)), status >= 200 { httpStatus = status }
        case "content-type":
            if !inTrailers { contentType = String(decoding: value, as: UTF8.self) }
        case "grpc-status":
            grpcStatus = String(decoding: value, as: UTF8.self)
        case "grpc-message":
            grpcMessage = PercentEncoding.decode(String(decoding: value, as: UTF8.self))
        default:
            if name.hasPrefix(":") { return }
            if name == "grpc-status-details-bin", let data = BinaryMetadataCoding.decode(Substring(decoding: value, as: UTF8.self)) {
                statusDetails = Array(data)
            }
            // Other reserved names (grpc-encoding, grpc-accept-encoding, ...) describe the transport, not the
            // application; grpc-status-details-bin stays visible as trailing metadata like in other clients.
            if name.hasPrefix("grpc-"), name != "grpc-status-details-bin" { return }
            if inTrailers {
                add(name: name, value: value, to: &trailers)
            } else {
                add(name: name, value: value, to: &headers)
            }
        }
    }

    private func add(name: String, value: UnsafeRawBufferPointer, to metadata: inout Metadata) {
        if name.hasSuffix("-bin") {
            // One field may carry several comma-separated values.
            for item in value.split(separator: UInt8(ascii: ",")) {
                let text = String(decoding: item, as: UTF8.self)
                let trimmed = text.drop { $0 == " " }.reversed().drop { $0 == " " }.reversed()
                // A value that is not base64 is dropped: the call itself is fine, only that entry is unusable.
                if let data = BinaryMetadataCoding.decode(Substring(String(trimmed))) {
                    metadata.addBinary(data, lowercasedKey: name)
                }
            }
        } else {
            metadata.addString(String(decoding: value, as: UTF8.self), lowercasedKey: name)
        }
    }

    /// Response body bytes; returns an error when the response must be refused (the caller resets the stream).
    func receiveData(_ bytes: UnsafeRawBufferPointer) -> RPCError? {
        buffer.append(contentsOf: bytes)
        guard buffer.count >= 5 else { return nil }
        if message != nil {
            return RPCError(code: .internal, message: "the server sent more than one response message to a unary call")
        }
        // We announce only `identity` in grpc-accept-encoding, so a compressed message breaks the protocol.
        if buffer[0] & 0x01 != 0 {
            return RPCError(
                code: .internal,
                message: "the server sent a compressed response message although the client only accepts identity")
        }
        let length = Int(buffer[1]) << 24 | Int(buffer[2]) << 16 | Int(buffer[3]) << 8 | Int(buffer[4])
        if length > maxResponseBytes {
            return RPCError(
                code: .resourceExhausted,
                message: "the response message of \(length) bytes is larger than the limit of \(maxResponseBytes) bytes")
        }
        guard buffer.count >= 5 + length else {
            buffer.reserveCapacity(5 + length)
            return nil
        }
        message = Array(buffer[5..<5 + length])
        buffer.removeSubrange(0..<5 + length)
        if !buffer.isEmpty {
            return RPCError(code: .internal, message: "the server sent more than one response message to a unary call")
        }
        return nil
    }

    /// The call's outcome once the stream has closed with `errorCode` (0, or the RST_STREAM/GOAWAY code).
    func outcome(errorCode: UInt32) -> CallHandle.Outcome {
        guard let httpStatus else {
            if errorCode != 0 { return .failure(reset(errorCode)) }
            return .failure(RPCError(code: .internal, message: "the stream ended without response headers"))
        }
        // In a trailers-only response the one header block carries the status, and its metadata is trailing.
        var trailers = trailers
        var headers = headers
        if !sawTrailers, grpcStatus != nil {
            trailers = headers
            headers = Metadata()
        }
        guard httpStatus == 200 else {
            let code = StatusMapping.code(forHTTPStatus: httpStatus)
            return .failure(
                RPCError(code: code, message: "the server answered with HTTP status \(httpStatus)", metadata: trailers))
        }
        guard let contentType, contentType.hasPrefix("application/grpc") else {
            return .failure(
                RPCError(
                    code: .unknown,
                    message: "the response has content-type \(contentType.map { "'\($0)'" } ?? "(none)"), not application/grpc"))
        }
        guard let grpcStatus else {
            if errorCode != 0 { return .failure(reset(errorCode)) }
            return .failure(RPCError(code: .unknown, message: "the response ended without grpc-status", metadata: trailers))
        }
        guard let rawCode = Int(grpcStatus), let code = StatusCode(rawValue: rawCode) else {
            return .failure(
                RPCError(code: .unknown, message: "the response has an unknown grpc-status '\(grpcStatus)'", metadata: trailers))
        }
        guard code == .ok else {
            let details = statusDetails.flatMap(StatusDetailsDecoding.details(from:)) ?? []
            return .failure(RPCError(code: code, message: grpcMessage ?? "", metadata: trailers, details: details))
        }
        guard buffer.isEmpty else {
            return .failure(RPCError(code: .internal, message: "the response ended inside a message", metadata: trailers))
        }
        guard let message else {
            return .failure(RPCError(code: .internal, message: "the server sent no response message to a unary call", metadata: trailers))
        }
        return .success(RawResponse(headers: headers, message: message, trailers: trailers))
    }

    private func reset(_ errorCode: UInt32) -> RPCError {
        RPCError(
            code: StatusMapping.code(forResetCode: errorCode),
            message: "the server reset the stream (\(StatusMapping.name(ofResetCode: errorCode)))")
    }
}
