import Foundation
import LoketConformance
import LoketRPC
import LoketWire
import Synchronization
import Testing

@testable import LoketHTTP2

typealias EchoRequest = Loket_Conformance_V1_EchoRequest
typealias EchoResponse = Loket_Conformance_V1_EchoResponse

/// Echo with hooks: records cancellation, and can hang so that deadlines and resets have something to cancel.
/// A flag tests can share with handler tasks.
final class Flag: Sendable {
    private let value = Mutex(false)
    func set() { value.withLock { $0 = true } }
    var isSet: Bool { value.withLock { $0 } }
}

/// A counter tests can share with handler tasks.
final class Counter: Sendable {
    private let value = Mutex(0)
    func increment() { value.withLock { $0 += 1 } }
    var count: Int { value.withLock { $0 } }
}

struct ProbeService: Loket_Conformance_V1_EchoService {
    let cancelled = Flag()
    let written = Counter()

    func get(request: EchoRequest, context: ServerContext) async throws -> EchoResponse {
        if request.text == "hang" {
            do {
                try await Task.sleep(for: .seconds(60))
            } catch {
                cancelled.set()
                throw error
            }
        }
        if request.text == "meta" {
            context.response.addHeader(.string("eerst"), forKey: "x-initial")
            context.response.addTrailer(.binary(.init([0, 1, 2])), forKey: "x-trailing-bin")
        }
        return .with { $0.text = request.text }
    }

    func expand(request: EchoRequest, response: ResponseWriter<EchoResponse>, context: ServerContext) async throws {
        let payload = request.text == "big" ? Loket_Conformance_V1_AllTypes.with { $0.fBytes = Data(count: 1000) } : nil
        for index in 0..<request.repeat {
            try await response.write(.with { $0.index = index; $0.payload = payload })
            written.increment()
        }
        if request.text == "fail" { throw RPCError(code: .aborted, message: "na \(request.repeat) berichten") }
    }

    func collect(requests: RequestStream<EchoRequest>, context: ServerContext) async throws -> EchoResponse {
        var texts: [String] = []
        for try await request in requests { texts.append(request.text) }
        return .with { $0.text = texts.joined(separator: "+") }
    }

    func update(
        requests: RequestStream<EchoRequest>, response: ResponseWriter<EchoResponse>, context: ServerContext
    ) async throws {
        do {
            for try await request in requests { try await response.write(.with { $0.text = request.text }) }
        } catch {
            cancelled.set()
            throw error
        }
    }
}

@Suite("The server's stream handling, driven by an in-memory nghttp2 client")
struct ServerStreamTests {
    let probe = ProbeService()

    private func server(_ configuration: GRPCServerConfiguration = .init()) async throws -> InMemoryServer {
        var router = RPCRouter()
        router.register(probe)
        return try await InMemoryServer(router: router, configuration: configuration)
    }

    private func echo(_ text: String, repeat count: Int32 = 0) -> [UInt8] {
        EchoRequest.with { $0.text = text; $0.repeat = count }.serializedBytes()
    }

    @Test("unary: headers, one message, trailers with grpc-status 0")
    func unary() async throws {
        let server = try await server()
        let stream = server.client.request(path: "/loket.conformance.v1.Echo/Get", body: grpcFrames([echo("hallo")]))
        let response = try await server.waitForClose(stream)
        #expect(response.header(":status") == "200")
        #expect(response.header("content-type") == "application/grpc")
        #expect(try grpcMessages(response.body).map { try EchoResponse(serializedBytes: $0).text } == ["hallo"])
        #expect(response.trailers.map(\.0) == ["grpc-status"])
        #expect(response.grpcStatus == 0)
        #expect(response.headerFrames == 2)
    }

    @Test("a message split into 1-byte DATA frames, and several messages in one frame")
    func frameBoundaries() async throws {
        let server = try await server()
        let split = server.client.request(
            path: "/loket.conformance.v1.Echo/Get", body: grpcFrames([echo("in stukjes")]), chunk: 1)
        let several = server.client.request(
            path: "/loket.conformance.v1.Echo/Collect", body: grpcFrames([echo("a"), echo("b"), echo("c")]))
        let first = try await server.waitForClose(split)
        let second = try await server.waitForClose(several)
        #expect(try EchoResponse(serializedBytes: grpcMessages(first.body)[0]).text == "in stukjes")
        #expect(try EchoResponse(serializedBytes: grpcMessages(second.body)[0]).text == "a+b+c")
    }

    @Test("initial and trailing metadata, binary values unpadded base64")
    func metadata() async throws {
        let server = try await server()
        let stream = server.client.request(path: "/loket.conformance.v1.Echo/Get", body: grpcFrames([echo("meta")]))
        let response = try await server.waitForClose(stream)
        #expect(response.header("x-initial") == "eerst")
        #expect(response.trailer("x-trailing-bin") == "AAEC")
        #expect(response.grpcStatus == 0)
    }

    @Test("unknown service and method: trailers-only UNIMPLEMENTED in a single HEADERS frame")
    func trailersOnly() async throws {
        let server = try await server()
        let service = server.client.request(path: "/nope.Service/Get", body: grpcFrames([[]]))
        let method = server.client.request(path: "/loket.conformance.v1.Echo/Nope", body: grpcFrames([[]]))
        for (stream, message) in [(service, "service nope.Service is not implemented"),
                                  (method, "method Nope is not implemented by loket.conformance.v1.Echo")] {
            let response = try await server.waitForClose(stream)
            #expect(response.headerFrames == 1)
            #expect(response.body.isEmpty)
            #expect(response.header(":status") == "200")
            #expect(response.header("grpc-status") == "12")
            #expect(response.header("grpc-message") == message)
        }
    }

    @Test("a handler error after some messages: the messages, then its status in trailers")
    func errorAfterMessages() async throws {
        let server = try await server()
        let stream = server.client.request(
            path: "/loket.conformance.v1.Echo/Expand", body: grpcFrames([echo("fail", repeat: 2)]))
        let response = try await server.waitForClose(stream)
        #expect(grpcMessages(response.body).count == 2)
        #expect(response.grpcStatus == 10)
        #expect(response.grpcMessage == "na 2 berichten")
    }

    @Test("HTTP 415 for a non-gRPC content type, 405 for GET")
    func httpErrors() async throws {
        let server = try await server()
        let json = server.client.request(path: "/loket.conformance.v1.Echo/Get", contentType: "application/json")
        let get = server.client.request(path: "/loket.conformance.v1.Echo/Get", method: "GET")
        #expect(try await server.waitForClose(json).header(":status") == "415")
        #expect(try await server.waitForClose(get).header(":status") == "405")
    }

    @Test("two messages to a unary method: UNIMPLEMENTED")
    func cardinality() async throws {
        let server = try await server()
        let stream = server.client.request(
            path: "/loket.conformance.v1.Echo/Get", body: grpcFrames([echo("a"), echo("b")]))
        let response = try await server.waitForClose(stream)
        #expect(response.grpcStatus == 12)
    }

    @Test("a message over the limit: RESOURCE_EXHAUSTED, refused from its length prefix")
    func tooLarge() async throws {
        let server = try await server(.init(maxMessageBytes: 1024))
        let prefix: [UInt8] = [0, 0, 0, 0x10, 0x00]  // 4096 bytes announced, none sent
        let stream = server.client.request(path: "/loket.conformance.v1.Echo/Get", body: prefix, endStream: false)
        let response = try await server.waitForClose(stream)
        #expect(response.grpcStatus == 8)
        #expect(response.grpcMessage == "request message of 4096 bytes exceeds the limit of 1024 bytes")
    }

    @Test("a client reset cancels the handler")
    func clientReset() async throws {
        let server = try await server()
        let stream = server.client.request(
            path: "/loket.conformance.v1.Echo/Update", body: grpcFrames([echo("een")]), endStream: false)
        try await server.pump { server.client.responses[stream]?.body.isEmpty == false }
        #expect(grpcMessages(server.client.responses[stream]?.body ?? []).count == 1)
        server.client.reset(stream: stream)
        try await server.pump { probe.cancelled.isSet }
        #expect(probe.cancelled.isSet)
    }

    @Test("grpc-timeout: DEADLINE_EXCEEDED when the deadline passes, and the handler is cancelled")
    func deadline() async throws {
        let server = try await server()
        let stream = server.client.request(
            path: "/loket.conformance.v1.Echo/Get", headers: [("grpc-timeout", "50m")], body: grpcFrames([echo("hang")]))
        try await server.pump(rounds: 5)
        #expect(server.client.responses[stream]?.closed != true)
        await server.channel.testingEventLoop.advanceTime(by: .milliseconds(60))
        let response = try await server.waitForClose(stream)
        #expect(response.grpcStatus == 4)
        #expect(response.headerFrames == 1, "trailers-only: nothing was sent before the deadline")
        try await server.pump { probe.cancelled.isSet }
        #expect(probe.cancelled.isSet)
    }

    @Test("the largest grpc-timeout values are accepted, not overflowed")
    func hugeTimeout() async throws {
        let server = try await server()
        for timeout in ["99999999H", "99999999M", "99999999S"] {
            let stream = server.client.request(
                path: "/loket.conformance.v1.Echo/Get", headers: [("grpc-timeout", timeout)], body: grpcFrames([echo("x")]))
            #expect(try await server.waitForClose(stream).grpcStatus == 0)
        }
    }

    @Test("a client that stops reading holds the handler back instead of making the server buffer")
    func slowReader() async throws {
        let server = try await server()
        let stream = server.client.request(
            path: "/loket.conformance.v1.Echo/Expand", body: grpcFrames([echo("big", repeat: 5000)]))
        // The client reads nothing: its 64 KiB window fills, then the server's 256 KiB buffer, then write waits.
        try await server.pump(rounds: 100, clientReads: false)
        let stalled = probe.written.count
        #expect(stalled > 50)
        #expect(stalled < 600, "about (64 KiB + 256 KiB) / 1 KiB messages, not all 5000")
        try await server.pump(rounds: 20, clientReads: false)
        #expect(probe.written.count == stalled, "no progress while the client does not read")
        // Once the client reads (and so reopens its window) the call completes.
        let response = try await server.waitForClose(stream)
        #expect(response.grpcStatus == 0)
        #expect(grpcMessages(response.body).count == 5000)
    }

    @Test("a request ending inside a message: INTERNAL")
    func truncatedMessage() async throws {
        let server = try await server()
        let stream = server.client.request(
            path: "/loket.conformance.v1.Echo/Collect", body: Array(grpcFrames([echo("abc")]).dropLast()))
        let response = try await server.waitForClose(stream)
        #expect(response.grpcStatus == 13)
    }

    @Test("gzip request messages are inflated; responses are compressed only when the handler asks")
    func compression() async throws {
        let server = try await server()
        let payload = echo(String(repeating: "gecomprimeerd ", count: 100))
        let compressed = payload.withUnsafeBytes { MessageCompression.gzip.compress($0) }
        let stream = server.client.request(
            path: "/loket.conformance.v1.Echo/Get", headers: [("grpc-encoding", "gzip"), ("grpc-accept-encoding", "gzip")],
            body: grpcFrames([compressed], compressed: true))
        let response = try await server.waitForClose(stream)
        #expect(response.grpcStatus == 0)
        #expect(response.header("grpc-encoding") == nil)
        #expect(try EchoResponse(serializedBytes: grpcMessages(response.body)[0]).text.count == 1400)
        let unknown = server.client.request(
            path: "/loket.conformance.v1.Echo/Get", headers: [("grpc-encoding", "snappy")],
            body: grpcFrames([payload], compressed: true))
        let refused = try await server.waitForClose(unknown)
        #expect(refused.grpcStatus == 12)
        #expect(refused.header("grpc-accept-encoding") == MessageCompression.acceptEncodingHeader)
    }
}
