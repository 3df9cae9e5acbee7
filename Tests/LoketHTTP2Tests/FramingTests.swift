import LoketRPC
import NIOCore
import Testing

@testable import LoketHTTP2

@Suite("gRPC framing without sockets")
struct FramingTests {
    private func framed(_ payloads: [[UInt8]], compression: MessageCompression? = nil) -> [UInt8] {
        var queue = OutboundQueue()
        for payload in payloads { queue.append(message: payload, compression: compression) }
        var bytes = [UInt8](repeating: 0, count: queue.readableBytes)
        let read = bytes.withUnsafeMutableBytes { queue.read(into: $0) }
        #expect(read == bytes.count && queue.readableBytes == 0)
        return bytes
    }

    private func deframe(_ chunks: [[UInt8]], limit: Int = 1 << 20, compression: MessageCompression? = nil)
        throws(MessageDeframer.Failure) -> [[UInt8]]
    {
        var deframer = MessageDeframer(maxMessageBytes: limit, compression: compression)
        var messages: [[UInt8]] = []
        for chunk in chunks {
            chunk.withUnsafeBytes { deframer.append($0) }
            while let message = try deframer.next() { messages.append(message.bytes) }
        }
        return messages
    }

    @Test("a message split across frames at every position is reassembled")
    func splitAnywhere() throws {
        let payload = Array(0..<200).map { UInt8($0) }
        let bytes = framed([payload])
        for cut in 0...bytes.count {
            let messages = try deframe([Array(bytes[..<cut]), Array(bytes[cut...])])
            #expect(messages == [payload])
        }
        let byteByByte = try deframe(bytes.map { [$0] })
        #expect(byteByByte == [payload])
    }

    @Test("several messages in one frame, including empty ones")
    func severalPerFrame() throws {
        let payloads: [[UInt8]] = [[1], [], [2, 3], Array(repeating: 7, count: 1000)]
        #expect(try deframe([framed(payloads)]) == payloads)
    }

    @Test("an oversized length prefix fails before the payload arrives")
    func tooLarge() {
        let prefix: [UInt8] = [0, 0x00, 0x50, 0x00, 0x01]  // 5 MiB + 1
        #expect(throws: MessageDeframer.Failure.tooLarge(5 * 1024 * 1024 + 1)) {
            try deframe([prefix], limit: 4 << 20)
        }
    }

    @Test("compressed messages inflate; a zip bomb is refused by its inflated size")
    func compression() throws {
        let payload = Array(repeating: UInt8(ascii: "a"), count: 100_000)
        for algorithm in MessageCompression.allCases {
            let bytes = framed([payload], compression: algorithm)
            #expect(bytes.count < 1000)
            #expect(try deframe([bytes], compression: algorithm) == [payload])
            #expect(throws: MessageDeframer.Failure.tooLarge(50_001)) {
                try deframe([bytes], limit: 50_000, compression: algorithm)
            }
        }
        #expect(throws: MessageDeframer.Failure.compressedWithoutEncoding) {
            try deframe([framed([payload], compression: .gzip)])
        }
        #expect(throws: MessageDeframer.Failure.corruptCompression) {
            try deframe([[1, 0, 0, 0, 3, 1, 2, 3]], compression: .gzip)
        }
    }

    @Test("grpc-timeout parsing", arguments: [
        ("1S", Duration.seconds(1)), ("100m", .milliseconds(100)), ("5u", .microseconds(5)), ("7n", .nanoseconds(7)),
        ("2M", .seconds(120)), ("1H", .seconds(3600)), ("99999999S", .seconds(99_999_999)),
    ])
    func timeouts(text: String, expected: Duration) {
        #expect(GRPCTimeout.parse(text) == expected)
    }

    @Test("malformed grpc-timeout values", arguments: ["", "S", "1", "123456789S", "1s", "-1S", "1.5S", "1 S"])
    func badTimeouts(text: String) {
        #expect(GRPCTimeout.parse(text) == nil)
    }

    @Test("grpc-message percent-encoding round-trips whitespace, BMP and non-BMP text")
    func percentEncoding() {
        let message = "\t\ntest with whitespace\r\nand Unicode BMP ☺ and non-BMP 😈\t\n 100%"
        let encoded = PercentEncoding.encode(message)
        #expect(encoded.utf8.allSatisfy { $0 >= 0x20 && $0 <= 0x7e })
        #expect(encoded.hasPrefix("%09%0Atest with whitespace%0D%0A"))
        #expect(encoded.hasSuffix(" 100%25"))
        #expect(PercentEncoding.decode(encoded) == message)
        #expect(PercentEncoding.encode("plain") == "plain")
    }

    @Test("request heads: 405, 415, metadata, -bin values, encodings")
    func requestHeads() throws {
        let base: [(name: String, value: String)] = [
            (":method", "POST"), (":scheme", "http"), (":path", "/a.B/C"), (":authority", "x"),
            ("content-type", "application/grpc+proto"), ("te", "trailers"),
        ]
        let head = try RequestHead.parse(base + [
            ("grpc-timeout", "250m"), ("x-trace", "abc"), ("x-blob-bin", "AAE,AgM="), ("grpc-encoding", "gzip"),
            ("grpc-accept-encoding", "identity,gzip"), ("user-agent", "grpc-python"),
        ]).get()
        #expect(head.path == "/a.B/C")
        #expect(head.timeout == .milliseconds(250))
        #expect(head.encoding == .gzip)
        #expect(head.metadata.firstString(forKey: "x-trace") == "abc")
        #expect(head.metadata["x-blob-bin"] == [.binary(.init([0, 1])), .binary(.init([2, 3]))])
        #expect(head.metadata.firstString(forKey: "user-agent") == "grpc-python")
        #expect(head.metadata["te"].isEmpty)

        var get = base
        get[0] = (":method", "GET")
        #expect(throws: RequestHead.Rejection.http(status: 405, message: "gRPC requests use POST")) {
            try RequestHead.parse(get).get()
        }
        var json = base
        json[4] = ("content-type", "application/json")
        #expect(throws: RequestHead.Rejection.self) { try RequestHead.parse(json).get() }
        var web = base
        web[4] = ("content-type", "application/grpc-web")
        if case .failure(.http(let status, _)) = RequestHead.parse(web) { #expect(status == 415) } else { Issue.record() }
        let snappy = try RequestHead.parse(base + [("grpc-encoding", "snappy")]).get()
        #expect(snappy.unsupportedEncoding == "snappy")
        #expect(throws: RequestHead.Rejection.grpc(.internal, "malformed grpc-timeout header: soon")) {
            try RequestHead.parse(base + [("grpc-timeout", "soon")]).get()
        }
    }

    @Test("a :path equal to the connection's previous one shares its string; any other is decoded")
    func knownPath() throws {
        let fields = [
            (name: ":method", value: "POST"), (":path", "/a.B/C"), ("content-type", "application/grpc"),
        ]
        for known in ["/a.B/C", "/a.B/D", "/a.B/", "/a.B/CC", "", "/ä.B/C"] {
            #expect(try RequestHead.parse(fields, knownPath: known).get().path == "/a.B/C", "known \(known)")
        }
        var other = fields
        other[1] = (":path", "/x.Y/Z")
        #expect(try RequestHead.parse(other, knownPath: "/a.B/C").get().path == "/x.Y/Z")
    }

    @Test("status trailers: percent-encoded message, truncated when huge, binary metadata unpadded")
    func statusTrailers() {
        var trailers = Metadata()
        trailers.addBinary(.init([0xff]), forKey: "x-detail-bin")
        let fields = CallStatus(code: .notFound, message: "geen ☺", trailers: trailers).headerFields()
        #expect(fields.map(\.0) == ["grpc-status", "grpc-message", "x-detail-bin"])
        #expect(fields[0].1 == "5")
        #expect(fields[1].1 == "geen %E2%98%BA")
        #expect(fields[2].1 == "/w")
        let long = CallStatus(code: .internal, message: String(repeating: "é", count: 5000)).headerFields()
        #expect(PercentEncoding.decode(long[1].1).utf8.count <= CallStatus.maxMessageBytes)
        #expect(CallStatus.ok.headerFields().map(\.1) == ["0"])
    }
}
