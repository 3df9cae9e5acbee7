import CZlib

/// gzip and deflate for individual gRPC messages, through zlib.
enum MessageCompression: String, Sendable, CaseIterable {
    case gzip
    case deflate

    /// The value of `grpc-accept-encoding` the server sends.
    static let acceptEncodingHeader = "gzip, deflate, identity"

    /// The algorithm for a `grpc-encoding` value; nil for `identity` and unknown names.
    init?(encoding: some StringProtocol) {
        switch encoding.lowercased() {
        case "gzip": self = .gzip
        case "deflate": self = .deflate
        default: return nil
        }
    }

    /// The first algorithm in a `grpc-accept-encoding` list that the server supports, gzip preferred.
    static func negotiate(acceptEncoding: String?) -> MessageCompression? {
        guard let acceptEncoding else { return nil }
        let offered = acceptEncoding.split(separator: ",").map { $0.trimmingSpaces().lowercased() }
        if offered.contains("gzip") { return .gzip }
        if offered.contains("deflate") { return .deflate }
        return nil
    }

    // zlib's windowBits: 15 for a zlib (deflate) stream, +16 for gzip framing.
    private var windowBits: Int32 { self == .gzip ? 15 + 16 : 15 }

    enum Failure: Error {
        case corrupt
        case tooLarge
    }

    /// Inflates `input`; refuses output larger than `limit` bytes (zip bombs) without producing it.
    func decompress(_ input: UnsafeRawBufferPointer, limit: Int) throws(Failure) -> [UInt8] {
        var stream = z_stream()
        guard inflateInit2_(&stream, windowBits, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw .corrupt
        }
        defer { inflateEnd(&stream) }
        var output: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: min(max(input.count * 4, 1024), 64 * 1024))
        stream.next_in = UnsafeMutablePointer(mutating: input.baseAddress?.assumingMemoryBound(to: UInt8.self))
        stream.avail_in = UInt32(input.count)
        while true {
            let status = chunk.withUnsafeMutableBufferPointer { buffer -> Int32 in
                stream.next_out = buffer.baseAddress
                stream.avail_out = UInt32(buffer.count)
                return inflate(&stream, Z_NO_FLUSH)
            }
            let produced = chunk.count - Int(stream.avail_out)
            if output.count + produced > limit { throw .tooLarge }
            output.append(contentsOf: chunk[..<produced])
            switch status {
            case Z_STREAM_END:
                return output
            case Z_OK:
                continue
            case Z_BUF_ERROR where stream.avail_in == 0:
                throw .corrupt  // input ended before the stream did
            default:
                throw .corrupt
            }
        }
    }

    /// Deflates `input`.
    func compress(_ input: UnsafeRawBufferPointer) -> [UInt8] {
        var stream = z_stream()
        guard deflateInit2_(
            &stream, Z_DEFAULT_COMPRESSION, Z_DEFLATED, windowBits, 8, Z_DEFAULT_STRATEGY, ZLIB_VERSION,
            Int32(MemoryLayout<z_stream>.size)) == Z_OK
        else { fatalError("zlib could not initialise a deflate stream") }
        defer { deflateEnd(&stream) }
        let bound = Int(deflateBound(&stream, uLong(input.count))) + 32
        var output = [UInt8](repeating: 0, count: bound)
        stream.next_in = UnsafeMutablePointer(mutating: input.baseAddress?.assumingMemoryBound(to: UInt8.self))
        stream.avail_in = UInt32(input.count)
        let written = output.withUnsafeMutableBufferPointer { buffer -> Int in
            stream.next_out = buffer.baseAddress
            stream.avail_out = UInt32(buffer.count)
            let status = CZlib.deflate(&stream, Z_FINISH)
            precondition(status == Z_STREAM_END, "deflate with a deflateBound-sized buffer must finish")
            return buffer.count - Int(stream.avail_out)
        }
        output.removeLast(output.count - written)
        return output
    }
}

extension StringProtocol {
    /// The text without leading and trailing spaces and tabs.
    func trimmingSpaces() -> Substring {
        var text = Substring(self)
        while let first = text.first, first == " " || first == "\t" { text.removeFirst() }
        while let last = text.last, last == " " || last == "\t" { text.removeLast() }
        return text
    }
}
