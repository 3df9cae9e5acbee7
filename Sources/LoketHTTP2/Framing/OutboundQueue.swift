/// Response bytes waiting for nghttp2 to pull them into DATA frames.
///
/// Messages stay the arrays the handler produced; the 5-byte gRPC prefix is made as it is read. So a message is
/// copied once, straight into nghttp2's frame, and a one-message response (every unary call) allocates nothing
/// here: the first entry is held inline, only later ones go to an array.
struct OutboundQueue {
    private struct Entry {
        var bytes: [UInt8]
        /// The gRPC prefix's flag byte (1 for a compressed message); nil for a plain HTTP body without prefix.
        var flag: UInt8?
        /// Bytes of this entry (prefix included) already read.
        var offset = 0

        var prefixCount: Int { flag == nil ? 0 : 5 }
        var count: Int { prefixCount + bytes.count }

        /// The prefix byte at `index` (0..<5): the flag, then the length, big-endian.
        func prefixByte(_ index: Int) -> UInt8 {
            index == 0 ? flag! : UInt8(truncatingIfNeeded: UInt32(bytes.count) >> (8 * (4 - index)))
        }
    }

    private var head: Entry?
    private var rest: [Entry] = []
    private var restIndex = 0
    /// Bytes queued and not yet read.
    private(set) var readableBytes = 0

    /// Queues one gRPC message, compressed with `compression` when given.
    mutating func append(message: [UInt8], compression: MessageCompression?) {
        if let compression {
            let compressed = message.withUnsafeBytes { compression.compress($0) }
            append(Entry(bytes: compressed, flag: 1))
        } else {
            append(Entry(bytes: message, flag: 0))
        }
    }

    /// Queues bytes sent as they are, without a gRPC prefix (the body of a plain HTTP error response).
    mutating func append(body: [UInt8]) {
        append(Entry(bytes: body, flag: nil))
    }

    private mutating func append(_ entry: Entry) {
        readableBytes += entry.count
        if head == nil {
            head = entry
        } else {
            rest.append(entry)
        }
    }

    /// Moves up to `buffer.count` queued bytes into `buffer`; returns how many.
    mutating func read(into buffer: UnsafeMutableRawBufferPointer) -> Int {
        var written = 0
        while written < buffer.count, var entry = head {
            while entry.offset < entry.prefixCount, written < buffer.count {
                buffer[written] = entry.prefixByte(entry.offset)
                entry.offset += 1
                written += 1
            }
            let bodyOffset = entry.offset - entry.prefixCount
            let count = min(buffer.count - written, entry.bytes.count - bodyOffset)
            if count > 0 {
                entry.bytes.withUnsafeBytes { source in
                    (buffer.baseAddress! + written).copyMemory(from: source.baseAddress! + bodyOffset, byteCount: count)
                }
                entry.offset += count
                written += count
            }
            if entry.offset == entry.count {
                advance()
            } else {
                head = entry
            }
        }
        readableBytes -= written
        return written
    }

    private mutating func advance() {
        if restIndex < rest.count {
            head = rest[restIndex]
            restIndex += 1
            if restIndex == rest.count {
                rest.removeAll(keepingCapacity: true)
                restIndex = 0
            }
        } else {
            head = nil
        }
    }
}
