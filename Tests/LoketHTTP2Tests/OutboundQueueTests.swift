import Testing

@testable import LoketHTTP2

@Suite("Outbound queue: response bytes pulled by nghttp2")
struct OutboundQueueTests {
    /// Reads the whole queue `chunk` bytes at a time, as nghttp2 does with its frame-sized buffers.
    private func drain(_ queue: inout OutboundQueue, chunk: Int) -> [UInt8] {
        var out: [UInt8] = []
        var buffer = [UInt8](repeating: 0xEE, count: chunk)
        while queue.readableBytes > 0 {
            let before = queue.readableBytes
            let count = buffer.withUnsafeMutableBytes { queue.read(into: $0) }
            #expect(count == min(chunk, before))
            #expect(queue.readableBytes == before - count)
            out += buffer[..<count]
        }
        return out
    }

    @Test("messages get their length prefix; reads of any size give the same bytes")
    func prefixesAndChunks() {
        let messages: [[UInt8]] = [[1, 2, 3], [], Array(repeating: 9, count: 300)]
        var expected: [UInt8] = []
        for message in messages {
            let length = UInt32(message.count)
            expected += [0, UInt8(length >> 24), UInt8((length >> 16) & 0xFF), UInt8((length >> 8) & 0xFF), UInt8(length & 0xFF)]
            expected += message
        }
        for chunk in [1, 2, 4, 5, 6, 7, 100, 1000] {
            var queue = OutboundQueue()
            for message in messages { queue.append(message: message, compression: nil) }
            #expect(queue.readableBytes == expected.count)
            #expect(drain(&queue, chunk: chunk) == expected, "chunk \(chunk)")
        }
    }

    @Test("messages queued while earlier ones are half read keep their order")
    func interleaved() {
        var queue = OutboundQueue()
        queue.append(message: [1, 1, 1, 1], compression: nil)
        var buffer = [UInt8](repeating: 0, count: 7)
        #expect(buffer.withUnsafeMutableBytes { queue.read(into: $0) } == 7)
        #expect(buffer == [0, 0, 0, 0, 4, 1, 1])
        queue.append(message: [2], compression: nil)
        queue.append(message: [3, 3], compression: nil)
        #expect(drain(&queue, chunk: 3) == [1, 1, 0, 0, 0, 0, 1, 2, 0, 0, 0, 0, 2, 3, 3])
        queue.append(message: [4], compression: nil)
        #expect(drain(&queue, chunk: 64) == [0, 0, 0, 0, 1, 4])
    }

    @Test("a plain body goes out as it is; an empty queue reads nothing")
    func body() {
        var queue = OutboundQueue()
        var buffer = [UInt8](repeating: 0, count: 8)
        #expect(buffer.withUnsafeMutableBytes { queue.read(into: $0) } == 0)
        queue.append(body: Array("not found\n".utf8))
        #expect(drain(&queue, chunk: 4) == Array("not found\n".utf8))
    }

    @Test("a compressed message carries flag 1 and the compressed length")
    func compressed() throws {
        let message = [UInt8](repeating: UInt8(ascii: "a"), count: 10_000)
        var queue = OutboundQueue()
        queue.append(message: message, compression: .gzip)
        let bytes = drain(&queue, chunk: 16_384)
        #expect(bytes[0] == 1)
        let length = Int(bytes[1]) << 24 | Int(bytes[2]) << 16 | Int(bytes[3]) << 8 | Int(bytes[4])
        #expect(length == bytes.count - 5 && length < 1000)
        var deframer = MessageDeframer(maxMessageBytes: 1 << 20, compression: .gzip)
        bytes.withUnsafeBytes { deframer.append($0) }
        #expect(try deframer.next()?.bytes == message)
    }
}
