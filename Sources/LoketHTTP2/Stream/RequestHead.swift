import LoketRPC

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The validated header block of a gRPC request.
struct RequestHead {
    /// How a request that is not acceptable gRPC is answered.
    enum Rejection: Error, Equatable {
        /// A plain HTTP status (405 for a method other than POST, 415 for a non-gRPC content type).
        case http(status: Int, message: String)
        /// A gRPC status in a trailers-only response.
        case grpc(StatusCode, String)
    }

    var path: String
    var timeout: Duration?
    /// The `grpc-encoding` of request messages; nil for identity.
    var encoding: MessageCompression?
    /// The raw `grpc-encoding` value when it names an encoding the server does not support.
    var unsupportedEncoding: String?
    var acceptEncoding: String?
    var metadata: Metadata

    /// Validates the raw header fields of a request, in arrival order.
    static func parse(_ fields: [(name: String, value: String)]) -> Result<RequestHead, Rejection> {
        var method: String?
        var path: String?
        var contentType: String?
        var head = RequestHead(path: "", metadata: Metadata())
        for (name, value) in fields {
            switch name {
            case ":method": method = value
            case ":path": path = value
            case ":scheme", ":authority": continue
            case "content-type": contentType = value
            case "te", "connection": continue
            case "grpc-timeout":
                guard let timeout = GRPCTimeout.parse(value) else {
                    return .failure(.grpc(.internal, "malformed grpc-timeout header: \(value.prefix(16))"))
                }
                head.timeout = timeout
            case "grpc-encoding":
                if value != "identity" {
                    head.encoding = MessageCompression(encoding: value)
                    if head.encoding == nil { head.unsupportedEncoding = value }
                }
            case "grpc-accept-encoding":
                head.acceptEncoding = value
            default:
                if name.hasPrefix("grpc-") { continue }  // reserved
                if name.hasSuffix("-bin") {
                    for item in value.split(separator: ",") {
                        guard let data = Base64Metadata.decode(item.trimmingSpaces()) else {
                            return .failure(.grpc(.internal, "metadata \(name) is not valid base64"))
                        }
                        head.metadata.addBinary(data, forKey: name)
                    }
                } else {
                    head.metadata.addString(value, forKey: name)
                }
            }
        }
        guard method == "POST" else {
            return .failure(.http(status: 405, message: "gRPC requests use POST"))
        }
        guard let contentType, Self.isGRPC(contentType) else {
            return .failure(.http(status: 415, message: "content-type must be application/grpc"))
        }
        guard let path, path.hasPrefix("/") else {
            return .failure(.grpc(.unimplemented, "missing :path"))
        }
        head.path = path
        return .success(head)
    }

    /// `application/grpc`, optionally followed by `+proto` (or another codec suffix) or `;parameters`.
    private static func isGRPC(_ contentType: String) -> Bool {
        let lowered = contentType.lowercased()
        guard lowered.hasPrefix("application/grpc") else { return false }
        let rest = lowered.dropFirst("application/grpc".count)
        if rest.isEmpty || rest.first == ";" { return true }
        // application/grpc-web is a different protocol.
        return rest.hasPrefix("+proto")
    }
}

/// Base64 for `-bin` metadata: padded and unpadded input, unpadded output.
enum Base64Metadata {
    static func decode(_ text: some StringProtocol) -> Data? {
        var padded = String(text)
        let remainder = padded.utf8.count % 4
        if remainder == 1 { return nil }
        if remainder > 0 { padded += String(repeating: "=", count: 4 - remainder) }
        return Data(base64Encoded: padded)
    }

    static func encode(_ data: Data) -> String {
        var text = data.base64EncodedString()
        while text.hasSuffix("=") { text.removeLast() }
        return text
    }
}
