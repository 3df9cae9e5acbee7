import LoketConformance
import LoketRPC
import LoketWire
import Synchronization
import Testing

/// Records the order in which interceptors run and can refuse calls.
struct Recorder: ServerInterceptor {
    let name: String
    let log: Mutex<[String]>.Box
    var refuse = false

    func intercept(_ call: ServerCall, next: @Sendable (ServerCall) async throws -> Void) async throws {
        log.append("\(name) before \(call.context.method.method)")
        if refuse { throw RPCError(code: .unauthenticated, message: "no credentials") }
        try await next(call)
        log.append("\(name) after")
    }
}

extension Mutex where Value == [String] {
    /// A shareable log.
    final class Box: Sendable {
        let mutex = Mutex<[String]>([])
        func append(_ line: String) { mutex.withLock { $0.append(line) } }
        var lines: [String] { mutex.withLock { $0 } }
    }
}

@Suite("Interceptors")
struct InterceptorTests {
    private func get(_ router: RPCRouter) async throws -> [EchoResponse] {
        let method = Loket_Conformance_V1_Echo.Method.get
        let handler = try #require(router.handler(forPath: method.path))
        let sink = Sink()
        try await handler.body(RequestStream([EchoRequest.with { $0.text = "x" }.serializedBytes()]), sink.writer, ServerContext(method: method))
        return try sink.decoded()
    }

    @Test("interceptors wrap every method, the first added outermost, also for services registered earlier")
    func order() async throws {
        let log = Mutex<[String]>.Box()
        var router = RPCRouter()
        router.register(EchoService())
        router.addInterceptor(Recorder(name: "outer", log: log))
        router.addInterceptor(Recorder(name: "inner", log: log))
        let responses = try await get(router)
        #expect(responses.map(\.text) == ["x"])
        #expect(log.lines == ["outer before Get", "inner before Get", "inner after", "outer after"])
    }

    @Test("an interceptor can end the call before the handler runs")
    func refusal() async throws {
        let log = Mutex<[String]>.Box()
        var router = RPCRouter()
        router.addInterceptor(Recorder(name: "auth", log: log, refuse: true))
        router.register(EchoService())
        let error = await #expect(throws: RPCError.self) { _ = try await get(router) }
        #expect(error?.code == .unauthenticated)
        #expect(log.lines == ["auth before Get"])
    }

    @Test("error details encode as google.rpc.Status")
    func statusDetails() {
        let detail = ErrorDetail(EchoResponse.with { $0.text = "d" })
        #expect(detail.typeURL == "type.googleapis.com/loket.conformance.v1.EchoResponse")
        let error = RPCError(code: .invalidArgument, message: "bad", details: [detail])
        let any: [UInt8] = [0x0a, 0x35] + Array(detail.typeURL.utf8) + [0x12, 0x03, 0x0a, 0x01, 0x64]
        #expect(error.statusDetails() == [0x08, 0x03, 0x12, 0x03, 0x62, 0x61, 0x64, 0x1a, UInt8(any.count)] + any)
    }
}
