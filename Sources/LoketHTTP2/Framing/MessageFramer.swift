import NIOCore

/// Writes gRPC length-prefixed messages, compressing them when asked.
enum MessageFramer {
    /// Appends one framed message to `buffer`.
    static func write(_ message: [UInt8], compression: MessageCompression?, into buffer: inout ByteBuffer) {
        if let compression {
            let compressed = message.withUnsafeBytes { compression.compress($0) }
            buffer.writeInteger(UInt8(1))
            buffer.writeInteger(UInt32(compressed.count))
            buffer.writeBytes(compressed)
        } else {
            buffer.writeInteger(UInt8(0))
            buffer.writeInteger(UInt32(message.count))
            buffer.writeBytes(message)
        }
    }
}
