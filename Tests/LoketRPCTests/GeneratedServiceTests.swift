import LoketConformance
import LoketRPC
import LoketWire
import Synchronization
import Testing

typealias EchoRequest = Loket_Conformance_V1_EchoRequest
typealias EchoResponse = Loket_Conformance_V1_EchoResponse

/// An implementation of the generated `Echo` service protocol, written as a plugin author would.
struct EchoService: Loket_Conformance_V1_EchoService {
    func get(request: EchoRequest, context: ServerContext) async throws -> EchoResponse {
        if request.text == "fail" { throw RPCError(code: .failedPrecondition, message: "asked to fail") }
        context.response.addTrailer(.string("done"), forKey: "x-echo")
        var response = EchoResponse()
        response.text = request.text
        response.payload = request.payload
        return response
    }

    func expand(request: EchoRequest, response: ResponseWriter<EchoResponse>, context: ServerContext) async throws {
        for index in 0..<request.repeat {
            var message = EchoResponse()
            message.text = request.text
            message.index = index
            try await response.write(message)
        }
    }

    func collect(requests: RequestStream<EchoRequest>, context: ServerContext) async throws -> EchoResponse {
        var texts: [String] = []
        for try await request in requests { texts.append(request.text) }
        var response = EchoResponse()
        response.text = texts.joined(separator: "+")
        response.index = Int32(texts.count)
        return response
    }

    func update(
        requests: RequestStream<EchoRequest>, response: ResponseWriter<EchoResponse>, context: ServerContext
    ) async throws {
        var index: Int32 = 0
        for try await request in requests {
            var message = EchoResponse()
            message.text = request.text.uppercased()
            message.index = index
            index += 1
            try await response.write(message)
        }
    }
}

/// Collects what a handler writes.
final class Sink: Sendable {
    private let messages = Mutex<[[UInt8]]>([])
    var writer: ResponseWriter<[UInt8]> { ResponseWriter { message in self.messages.withLock { $0.append(message) } } }
    func decoded() throws -> [EchoResponse] { try messages.withLock { $0 }.map { try EchoResponse(serializedBytes: $0) } }
}

@Suite("Generated service glue registers typed handlers with the router")
struct GeneratedServiceTests {
    let router: RPCRouter = {
        var router = RPCRouter()
        router.register(EchoService())
        return router
    }()

    private func request(_ text: String, repeat count: Int32 = 0) -> [UInt8] {
        var request = EchoRequest()
        request.text = text
        request.repeat = count
        return request.serializedBytes()
    }

    private func call(_ method: MethodDescriptor, _ requests: [[UInt8]]) async throws -> [EchoResponse] {
        let handler = try #require(router.handler(forPath: method.path))
        #expect(handler.method == method)
        let sink = Sink()
        try await handler.body(RequestStream(requests), sink.writer, ServerContext(method: method))
        return try sink.decoded()
    }

    @Test("all four methods are registered under their paths")
    func registration() {
        #expect(router.services == ["loket.conformance.v1.Echo"])
        #expect(router.methods.map(\.path) == [
            "/loket.conformance.v1.Echo/Collect", "/loket.conformance.v1.Echo/Expand",
            "/loket.conformance.v1.Echo/Get", "/loket.conformance.v1.Echo/Update",
        ])
        #expect(Loket_Conformance_V1_Echo.Method.get.kind == .unary)
        #expect(Loket_Conformance_V1_Echo.Method.expand.kind == .serverStreaming)
        #expect(Loket_Conformance_V1_Echo.Method.collect.kind == .clientStreaming)
        #expect(Loket_Conformance_V1_Echo.Method.update.kind == .bidirectionalStreaming)
        #expect(router.handler(forPath: "/loket.conformance.v1.Echo/get") == nil, "paths are case-sensitive")
    }

    @Test("unary: one request, one response, trailers from the handler")
    func unary() async throws {
        let method = Loket_Conformance_V1_Echo.Method.get
        let handler = try #require(router.handler(forPath: method.path))
        let sink = Sink()
        let context = ServerContext(method: method)
        try await handler.body(RequestStream([request("hallo")]), sink.writer, context)
        #expect(try sink.decoded().map(\.text) == ["hallo"])
        #expect(context.response.trailers.firstString(forKey: "x-echo") == "done")
    }

    @Test("generated glue and a hand-written registerUnary both give the transport a unary body")
    func unaryBodies() async throws {
        let get = Loket_Conformance_V1_Echo.Method.get
        let generated = try #require(router.handler(forPath: get.path)?.unaryBody)
        let echoed = try EchoResponse(serializedBytes: try await generated(request("dag"), ServerContext(method: get)))
        #expect(echoed.text == "dag")

        var manual = RPCRouter()
        let shout = MethodDescriptor(service: "loket.test.v1.Manual", method: "Shout", kind: .unary)
        manual.registerUnary(shout, request: EchoRequest.self, response: EchoResponse.self) { request, _ in
            var response = EchoResponse()
            response.text = request.text.uppercased()
            return response
        }
        let body = try #require(manual.handler(forPath: shout.path)?.unaryBody)
        #expect(try EchoResponse(serializedBytes: try await body(request("hoi"), ServerContext(method: shout))).text == "HOI")
        for unary in [body, generated] {
            let error = await #expect(throws: RPCError.self) { _ = try await unary([0xFF], ServerContext(method: shout)) }
            #expect(error?.code == .internal)
        }
    }

    @Test("server streaming: one request, several responses in order")
    func serverStreaming() async throws {
        let responses = try await call(Loket_Conformance_V1_Echo.Method.expand, [request("x", repeat: 3)])
        #expect(responses.map(\.index) == [0, 1, 2])
    }

    @Test("client streaming: several requests, one response")
    func clientStreaming() async throws {
        let responses = try await call(Loket_Conformance_V1_Echo.Method.collect, ["a", "b", "c"].map { request($0) })
        #expect(responses.map(\.text) == ["a+b+c"])
        let none = try await call(Loket_Conformance_V1_Echo.Method.collect, [])
        #expect(none.map(\.index) == [0])
    }

    @Test("bidirectional streaming: a response per request")
    func bidirectional() async throws {
        let responses = try await call(Loket_Conformance_V1_Echo.Method.update, ["een", "twee"].map { request($0) })
        #expect(responses.map(\.text) == ["EEN", "TWEE"])
    }

    @Test("a unary method given zero or two messages fails with UNIMPLEMENTED")
    func cardinality() async throws {
        for requests in [[], [request("a"), request("b")]] {
            let error = await #expect(throws: RPCError.self) {
                _ = try await call(Loket_Conformance_V1_Echo.Method.get, requests)
            }
            #expect(error?.code == .unimplemented)
        }
    }

    @Test("a request that does not parse fails with INTERNAL, without internals in the message")
    func unparsable() async throws {
        let error = await #expect(throws: RPCError.self) {
            _ = try await call(Loket_Conformance_V1_Echo.Method.get, [[0x0a, 0x05, 0x61]])
        }
        #expect(error?.code == .internal)
        #expect(error?.message == "could not parse the request message as loket.conformance.v1.EchoRequest")
        let streamError = await #expect(throws: RPCError.self) {
            _ = try await call(Loket_Conformance_V1_Echo.Method.update, [request("ok"), [0xff]])
        }
        #expect(streamError?.code == .internal)
    }

    @Test("an RPCError thrown by the handler reaches the caller unchanged")
    func handlerError() async throws {
        let error = await #expect(throws: RPCError.self) {
            _ = try await call(Loket_Conformance_V1_Echo.Method.get, [request("fail")])
        }
        #expect(error?.code == .failedPrecondition)
        #expect(error?.message == "asked to fail")
    }

    @Test("the embedded descriptor set lists every file and symbol")
    func descriptorSet() throws {
        let files = LoketConformanceProtoFiles.all
        #expect(files.map(\.name) == ["loket/conformance/v1/all_types.proto", "loket/conformance/v1/echo.proto"])
        let echo = try #require(files.last)
        #expect(echo.dependencies == ["loket/conformance/v1/all_types.proto"])
        #expect(echo.symbols.contains("loket.conformance.v1.Echo"))
        #expect(echo.symbols.contains("loket.conformance.v1.Echo.Update"))
        #expect(files[0].symbols.contains("loket.conformance.v1.AllTypes.Nested"))
        #expect(files[0].symbols.contains("loket.conformance.v1.AllTypes.Level"))
        #expect(files.allSatisfy { !$0.serializedBytes.isEmpty })
    }
}
