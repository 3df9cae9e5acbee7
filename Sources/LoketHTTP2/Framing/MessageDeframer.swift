import NIOCore

/// Splits the DATA bytes of one stream into gRPC messages (1-byte compressed flag, 4-byte big-endian length,
/// payload), whatever the frame boundaries are.
///
/// A length above the limit fails as soon as the 5-byte prefix is in, before any of the payload is buffered.
struct MessageDeframer {
    enum Failure: Error, Equatable {
        /// The declared or decompressed length is above the limit.
        case tooLarge(Int)
        /// The compressed flag is set but the request named no encoding the server knows.
        case compressedWithoutEncoding
        /// The payload does not inflate.
        case corruptCompression
        /// More messages than the method takes (raised by the caller's delivery closure).
        case tooMany
    }

    /// One decoded message.
    struct Message {
        var bytes: [UInt8]
        var wasCompressed: Bool
    }

    let maxMessageBytes: Int
    let compression: MessageCompression?
    private var buffer: ByteBuffer

    init(maxMessageBytes: Int, compression: MessageCompression?, allocator: ByteBufferAllocator = .init()) {
        self.maxMessageBytes = maxMessageBytes
        self.compression = compression
        self.buffer = allocator.buffer(capacity: 0)
    }

    /// Adds received DATA bytes.
    mutating func append(_ bytes: UnsafeRawBufferPointer) {
        buffer.writeBytes(bytes)
    }

    /// Splits `bytes` into messages, calling `deliver` for each complete one. When nothing is buffered, messages
    /// that lie wholly inside `bytes` are taken straight from it, without passing through the buffer.
    mutating func process(
        _ bytes: UnsafeRawBufferPointer, _ deliver: (Message) throws(Failure) -> Void
    ) throws(Failure) {
        var rest = bytes
        if buffer.readableBytes == 0 {
            while rest.count >= 5 {
                let flag = rest[0]
                let length = Int(rest[1]) << 24 | Int(rest[2]) << 16 | Int(rest[3]) << 8 | Int(rest[4])
                guard length <= maxMessageBytes else { throw .tooLarge(length) }
                guard rest.count >= 5 + length, flag & 1 == 0 else { break }
                try deliver(Message(bytes: Array(rest[5..<(5 + length)]), wasCompressed: false))
                rest = UnsafeRawBufferPointer(rebasing: rest[(5 + length)...])
            }
        }
        guard !rest.isEmpty else { return }
        append(rest)
        while let message = try next() { try deliver(message) }
    }

    /// Whether bytes of an incomplete message are buffered (an error if the stream ends now).
    var hasPartialMessage: Bool { buffer.readableBytes > 0 }

    /// The next complete message, nil when more bytes are needed.
    mutating func next() throws(Failure) -> Message? {
        guard let flag = buffer.getInteger(at: buffer.readerIndex, as: UInt8.self),
            let length = buffer.getInteger(at: buffer.readerIndex + 1, as: UInt32.self)
        else { return nil }
        guard Int(length) <= maxMessageBytes else { throw .tooLarge(Int(length)) }
        guard buffer.readableBytes >= 5 + Int(length) else {
            buffer.reserveCapacity(minimumWritableBytes: 5 + Int(length) - buffer.readableBytes)
            return nil
        }
        buffer.moveReaderIndex(forwardBy: 5)
        defer {
            if buffer.readableBytes == 0 { buffer.clear() }
        }
        if flag & 1 == 0 {
            return Message(bytes: buffer.readBytes(length: Int(length))!, wasCompressed: false)
        }
        guard let compression else { throw .compressedWithoutEncoding }
        let slice = buffer.readSlice(length: Int(length))!
        do {
            let inflated = try slice.withUnsafeReadableBytes { bytes throws(MessageCompression.Failure) in
                try compression.decompress(bytes, limit: maxMessageBytes)
            }
            return Message(bytes: inflated, wasCompressed: true)
        } catch .tooLarge {
            throw .tooLarge(maxMessageBytes + 1)
        } catch {
            throw .corruptCompression
        }
    }
}
