import LoketRPC

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

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

    /// Validates header fields given as strings (tests and tools; the transport uses ``Builder`` on raw bytes).
    static func parse(_ fields: [(name: String, value: String)], knownPath: String? = nil) -> Result<RequestHead, Rejection> {
        var builder = Builder(knownPath: knownPath)
        for (name, value) in fields {
            var name = name
            var value = value
            name.withUTF8 { nameBytes in
                value.withUTF8 { valueBytes in
                    builder.add(name: UnsafeRawBufferPointer(nameBytes), value: UnsafeRawBufferPointer(valueBytes))
                }
            }
        }
        return builder.finish()
    }

    /// Collects a request head field by field, straight from nghttp2's bytes: fields the server ignores never
    /// become Strings.
    struct Builder {
        /// The path this connection's previous call named: when the next `:path` has the same bytes, its string is
        /// shared rather than decoded into a new allocation (clients mostly call one method over and over).
        private let knownPath: String?
        private var isPOST: Bool?
        private var path: String?
        private var isGRPCContentType: Bool?
        private var head = RequestHead(path: "", metadata: Metadata())
        private var rejection: Rejection?
        /// Bytes of the header list as HTTP/2 counts them (name + value + 32 per field).
        private(set) var size = 0

        init(knownPath: String? = nil) {
            self.knownPath = knownPath
        }

        /// Byte equality with an ASCII literal, without going through Unicode string comparison.
        @inline(__always)
        private static func equals(_ bytes: UnsafeRawBufferPointer, _ literal: StaticString) -> Bool {
            bytes.count == literal.utf8CodeUnitCount
                && (bytes.count == 0 || memcmp(bytes.baseAddress!, literal.utf8Start, bytes.count) == 0)
        }

        /// Byte equality with a string's UTF-8 (contiguous for the native strings compared here, so no copy). Not an
        /// overload of `equals`: a literal argument would then pick this one and become a String.
        @inline(__always)
        private static func equalsUTF8(_ bytes: UnsafeRawBufferPointer, _ string: String) -> Bool {
            var string = string
            return string.withUTF8 { utf8 in
                bytes.count == utf8.count
                    && (bytes.count == 0 || memcmp(bytes.baseAddress!, utf8.baseAddress!, bytes.count) == 0)
            }
        }

        mutating func add(name: UnsafeRawBufferPointer, value: UnsafeRawBufferPointer) {
            size += name.count + value.count + 32
            guard let first = name.first, rejection == nil else { return }
            if first == UInt8(ascii: ":") {
                if Self.equals(name, ":method") {
                    isPOST = Self.equals(value, "POST")
                } else if Self.equals(name, ":path") {
                    if let knownPath, Self.equalsUTF8(value, knownPath) {
                        path = knownPath
                    } else {
                        path = String(decoding: value, as: UTF8.self)
                    }
                }
                return  // :scheme and :authority carry nothing gRPC needs
            }
            if name.count > 5, memcmp(name.baseAddress!, "grpc-", 5) == 0 {
                addReserved(name: name, value: value)
                return
            }
            if Self.equals(name, "content-type") {
                isGRPCContentType = Self.isGRPC(value)
                return
            }
            if Self.equals(name, "te") || Self.equals(name, "connection") { return }
            let key = String(decoding: name, as: UTF8.self)
            if name.count > 4, memcmp(name.baseAddress! + (name.count - 4), "-bin", 4) == 0 {
                for item in value.split(separator: UInt8(ascii: ",")) {
                    let text = String(decoding: item, as: UTF8.self).trimmingSpaces()
                    guard let data = Base64Metadata.decode(text) else {
                        rejection = .grpc(.internal, "metadata \(key) is not valid base64")
                        return
                    }
                    head.metadata.addBinary(data, lowercasedKey: key)
                }
            } else {
                head.metadata.addString(String(decoding: value, as: UTF8.self), lowercasedKey: key)
            }
        }

        private mutating func addReserved(name: UnsafeRawBufferPointer, value: UnsafeRawBufferPointer) {
            if Self.equals(name, "grpc-timeout") {
                let text = String(decoding: value, as: UTF8.self)
                guard let timeout = GRPCTimeout.parse(text) else {
                    rejection = .grpc(.internal, "malformed grpc-timeout header: \(text.prefix(16))")
                    return
                }
                head.timeout = timeout
            } else if Self.equals(name, "grpc-encoding") {
                guard !Self.equals(value, "identity") else { return }
                let text = String(decoding: value, as: UTF8.self)
                head.encoding = MessageCompression(encoding: text)
                if head.encoding == nil { head.unsupportedEncoding = text }
            } else if Self.equals(name, "grpc-accept-encoding") {
                head.acceptEncoding = String(decoding: value, as: UTF8.self)
            }
            // Other grpc- names are reserved: never passed on as metadata.
        }

        /// The request head, or how to refuse the request; the builder starts afresh for the next head.
        ///
        /// Mutating, so that the head moves out rather than being copied field by field and then destroyed with the
        /// builder.
        mutating func finish() -> Result<RequestHead, Rejection> {
            defer { self = Builder(knownPath: knownPath) }
            guard isPOST == true else {
                return .failure(.http(status: 405, message: "gRPC requests use POST"))
            }
            guard isGRPCContentType == true else {
                return .failure(.http(status: 415, message: "content-type must be application/grpc"))
            }
            if let rejection { return .failure(rejection) }
            guard let path, path.hasPrefix("/") else {
                return .failure(.grpc(.unimplemented, "missing :path"))
            }
            var finished = RequestHead(path: "", metadata: Metadata())
            swap(&finished, &head)
            finished.path = path
            return .success(finished)
        }

        /// `application/grpc`, optionally followed by `+proto` or `;parameters`; not `application/grpc-web`.
        private static func isGRPC(_ value: UnsafeRawBufferPointer) -> Bool {
            guard hasPrefixIgnoringCase(value, "application/grpc") else { return false }
            let rest = UnsafeRawBufferPointer(rebasing: value[16...])
            guard let next = rest.first else { return true }
            return next == UInt8(ascii: ";") || hasPrefixIgnoringCase(rest, "+proto")
        }

        private static func hasPrefixIgnoringCase(_ bytes: UnsafeRawBufferPointer, _ prefix: StaticString) -> Bool {
            guard bytes.count >= prefix.utf8CodeUnitCount else { return false }
            for i in 0..<prefix.utf8CodeUnitCount where lower(bytes[i]) != prefix.utf8Start[i] { return false }
            return true
        }

        private static func lower(_ byte: UInt8) -> UInt8 {
            byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte + 32 : byte
        }
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
