import LoketRPC
import NIOCore

/// Everything a connection needs to send one unary call, built and validated before a connection is involved.
struct PreparedCall: Sendable {
    static let cancelled = RPCError(code: .cancelled, message: "the call was cancelled by the caller")
    static let deadlineExceeded = RPCError(code: .deadlineExceeded, message: "the deadline of the call passed")

    /// Request headers without `grpc-timeout`, which is computed when the request leaves.
    private let baseHeaders: [(String, String)]
    /// The 5-byte prefix (uncompressed, big-endian length) and the serialized request.
    let framedMessage: [UInt8]
    let deadline: NIODeadline?
    let maxResponseBytes: Int

    init(
        path: String, metadata: Metadata, scheme: String, authority: String, userAgent: String, message: [UInt8],
        timeout: Duration?, maxResponseBytes: Int
    ) throws(RPCError) {
        guard path.hasPrefix("/"), path.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7f }) else {
            throw RPCError(code: .internal, message: "the method path '\(path)' is not of the form /package.Service/Method")
        }
        var headers: [(String, String)] = [
            (":method", "POST"), (":scheme", scheme), (":path", path), (":authority", authority),
            ("content-type", "application/grpc"), ("te", "trailers"), ("grpc-accept-encoding", "identity"),
        ]
        // A caller's own user-agent replaces the default one.
        if metadata["user-agent"].isEmpty { headers.append(("user-agent", userAgent)) }
        for (key, value) in metadata {
            try Self.checkKey(key)
            switch value {
            case .string(let text):
                guard text.utf8.allSatisfy({ $0 >= 0x20 && $0 <= 0x7e }) else {
                    throw RPCError(
                        code: .internal,
                        message: "the metadata value of '\(key)' is not printable ASCII; use a -bin key for other bytes")
                }
                headers.append((key, text))
            case .binary(let data):
                guard key.hasSuffix("-bin") else {
                    throw RPCError(code: .internal, message: "the binary metadata key '\(key)' does not end in -bin")
                }
                headers.append((key, BinaryMetadataCoding.encode(data)))
            }
        }
        baseHeaders = headers
        var framed: [UInt8] = [0]
        framed.reserveCapacity(5 + message.count)
        let length = UInt32(message.count)
        framed.append(contentsOf: [UInt8(length >> 24), UInt8(length >> 16 & 0xff), UInt8(length >> 8 & 0xff), UInt8(length & 0xff)])
        framed.append(contentsOf: message)
        framedMessage = framed
        deadline = timeout.map { NIODeadline.now() + TimeAmount($0) }
        self.maxResponseBytes = maxResponseBytes
    }

    /// The headers to send at `now`, with the time left as `grpc-timeout`.
    func headers(now: NIODeadline) -> [(String, String)] {
        guard let deadline else { return baseHeaders }
        let left = (deadline - now).nanoseconds
        return baseHeaders + [("grpc-timeout", GRPCTimeoutEncoding.encode(nanoseconds: left))]
    }

    /// Metadata keys are lower-case `[0-9a-z_.-]` (Metadata lower-cases them) and must not collide with what
    /// the transport sends itself.
    private static func checkKey(_ key: String) throws(RPCError) {
        let valid = !key.isEmpty && key.utf8.allSatisfy { byte in
            (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
                || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ".")
        }
        guard valid else { throw RPCError(code: .internal, message: "'\(key)' is not a valid metadata key") }
        let reserved = ["te", "content-type", "host", "connection"]
        guard !key.hasPrefix("grpc-"), !reserved.contains(key) else {
            throw RPCError(code: .internal, message: "the metadata key '\(key)' is reserved for the transport")
        }
    }
}
