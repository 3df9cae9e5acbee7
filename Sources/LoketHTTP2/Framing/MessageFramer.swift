import NIOCore

/// Writes gRPC length-prefixed messages, compressing them when asked.
enum MessageFramer {
    /// Appends one framed message to `buffer`.
    static func write(_ message: [UInt8], compression: MessageCompression?, into buffer: inout ByteBuffer) {
        if let compression {
            let compressed = message.withUnsafeBytes { compression.compress($0) }
            buffer.reserveCapacity(minimumWritableBytes: 5 + compressed.count)
            buffer.writeInteger(UInt8(1))
            buffer.writeInteger(UInt32(compressed.count))
            buffer.writeBytes(compressed)
        } else {
            // One allocation of the right size, rather than growing the buffer from the prefix's first byte.
            buffer.reserveCapacity(minimumWritableBytes: 5 + message.count)
            buffer.writeInteger(UInt8(0))
            buffer.writeInteger(UInt32(message.count))
            buffer.writeBytes(message)
        }
    }
}
