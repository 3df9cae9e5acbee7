import Foundation
import LoketRPC
import LoketStandardServices
import Synchronization
import Testing

private typealias TestService = Grpc_Testing_TestService
private typealias SimpleRequest = Grpc_Testing_SimpleRequest
private typealias SimpleResponse = Grpc_Testing_SimpleResponse
private typealias OutputRequest = Grpc_Testing_StreamingOutputCallRequest
private typealias OutputResponse = Grpc_Testing_StreamingOutputCallResponse

private func payload(_ size: Int) -> Grpc_Testing_Payload {
    .with { $0.body = Data(count: size) }
}

private func parameters(_ sizes: [Int32], intervalUs: Int32 = 0) -> [Grpc_Testing_ResponseParameters] {
    sizes.map { size in .with { $0.size = size; $0.intervalUs = intervalUs } }
}

@Suite("grpc.testing.TestService, as the interop test cases call it")
struct InteropTestServiceTests {
    let harness = RouterHarness(InteropTestService())

    private func unary(_ request: SimpleRequest, context: ServerContext? = nil) async throws -> SimpleResponse? {
        try await harness.call(TestService.Method.unaryCall, [request], as: SimpleResponse.self, context: context).first
    }

    private func expectStatus(
        _ code: StatusCode, sourceLocation: SourceLocation = #_sourceLocation, _ body: () async throws -> Void
    ) async -> RPCError? {
        let error = await #expect(throws: RPCError.self, sourceLocation: sourceLocation) { try await body() }
        #expect(error?.code == code, sourceLocation: sourceLocation)
        return error
    }

    @Test("empty_unary")
    func emptyUnary() async throws {
        let responses = try await harness.call(
            TestService.Method.emptyCall, [Grpc_Testing_Empty()], as: Grpc_Testing_Empty.self)
        #expect(responses == [Grpc_Testing_Empty()])
    }

    @Test("large_unary: a 271,828-byte request gets a 314,159-byte payload of zeros")
    func largeUnary() async throws {
        for method in [TestService.Method.unaryCall, TestService.Method.cacheableUnaryCall] {
            let request = SimpleRequest.with {
                $0.responseSize = 314_159
                $0.payload = payload(271_828)
            }
            let responses = try await harness.call(method, [request], as: SimpleResponse.self)
            #expect(responses.count == 1)
            #expect(responses.first?.payload?.type == .compressable)
            #expect(responses.first?.payload?.body == Data(count: 314_159))
        }
    }

    @Test("status_code_and_message and special_status_message round-trip code and message exactly")
    func statusCodeAndMessage() async throws {
        let message = "\t\ntest with whitespace\r\nand Unicode BMP ☺ and non-BMP 😈\t\n"
        let status = Grpc_Testing_EchoStatus.with {
            $0.code = 2
            $0.message = message
        }
        let unaryError = await expectStatus(.unknown) { _ = try await unary(.with { $0.responseStatus = status }) }
        #expect(unaryError?.message == message)

        let duplexError = await expectStatus(.unknown) {
            _ = try await harness.call(
                TestService.Method.fullDuplexCall, [OutputRequest.with { $0.responseStatus = status }],
                as: OutputResponse.self)
        }
        #expect(duplexError?.message == message)
    }

    @Test("custom_metadata: the initial value comes back as a header, the binary one as a trailer")
    func customMetadata() async throws {
        let trailing = Data([0xAB, 0xAB, 0xAB])
        for method in [TestService.Method.unaryCall, TestService.Method.fullDuplexCall] {
            var metadata = Metadata([("x-grpc-test-echo-initial", "test_initial_metadata_value")])
            metadata.addBinary(trailing, forKey: "x-grpc-test-echo-trailing-bin")
            metadata.addString("not echoed", forKey: "x-other")
            let context = ServerContext(method: method, requestMetadata: metadata)
            if method.kind == .unary {
                _ = try await unary(.with { $0.responseSize = 1 }, context: context)
            } else {
                _ = try await harness.call(
                    method, [OutputRequest.with { $0.responseParameters = parameters([1]) }], as: OutputResponse.self,
                    context: context)
            }
            #expect(context.response.headers["x-grpc-test-echo-initial"] == [.string("test_initial_metadata_value")])
            #expect(context.response.trailers["x-grpc-test-echo-trailing-bin"] == [.binary(trailing)])
            #expect(context.response.headers.count == 1)
            #expect(context.response.trailers.count == 1)
        }
    }

    @Test("client_streaming: the aggregated size of four payloads is 74,922")
    func clientStreaming() async throws {
        let requests = [27182, 8, 1828, 45904].map { size in
            Grpc_Testing_StreamingInputCallRequest.with { $0.payload = payload(size) }
        }
        let responses = try await harness.call(
            TestService.Method.streamingInputCall, requests, as: Grpc_Testing_StreamingInputCallResponse.self)
        #expect(responses.map(\.aggregatedPayloadSize) == [74922])
    }

    @Test("server_streaming: one response per size, in order, with a pause before each")
    func serverStreaming() async throws {
        let sizes: [Int32] = [31415, 9, 2653, 58979]
        let responses = try await harness.call(
            TestService.Method.streamingOutputCall,
            [OutputRequest.with { $0.responseParameters = parameters(sizes, intervalUs: 100) }], as: OutputResponse.self)
        #expect(responses.map { Int32($0.payload?.body.count ?? -1) } == sizes)
        #expect(responses.allSatisfy { $0.payload?.body.allSatisfy { $0 == 0 } == true })
    }

    @Test("server streaming ends with the requested status after its responses")
    func serverStreamingStatus() async throws {
        let request = OutputRequest.with {
            $0.responseParameters = parameters([3])
            $0.responseStatus = .with { $0.code = 9; $0.message = "na de antwoorden" }
        }
        let error = await expectStatus(.failedPrecondition) {
            _ = try await harness.call(TestService.Method.streamingOutputCall, [request], as: OutputResponse.self)
        }
        #expect(error?.message == "na de antwoorden")
    }

    @Test("ping_pong: full duplex answers each request; half duplex answers the same, after all of them")
    func pingPong() async throws {
        let sizes: [Int32] = [31415, 9, 2653, 58979]
        let requests = sizes.enumerated().map { index, size in
            OutputRequest.with {
                $0.responseParameters = parameters([size])
                $0.payload = payload([27182, 8, 1828, 45904][index])
            }
        }
        for method in [TestService.Method.fullDuplexCall, TestService.Method.halfDuplexCall] {
            let responses = try await harness.call(method, requests, as: OutputResponse.self)
            #expect(responses.map { Int32($0.payload?.body.count ?? -1) } == sizes, "\(method)")
        }
    }

    @Test("full duplex answers each request before reading the next; half duplex reads all requests first")
    func duplexTiming() async throws {
        let requests = [Int32(1), 2].map { size in
            OutputRequest.with { $0.responseParameters = parameters([size]) }.serializedBytes()
        }
        for (method, expected) in [
            (TestService.Method.fullDuplexCall, ["read", "write", "read", "write", "read"]),
            (TestService.Method.halfDuplexCall, ["read", "read", "read", "write", "write"]),
        ] {
            let events = Mutex<[String]>([])
            let pending = Mutex(requests[...])
            let stream = RequestStream<[UInt8]> {
                events.withLock { $0.append("read") }
                return pending.withLock { $0.popFirst() }
            }
            let writer = ResponseWriter<[UInt8]> { _ in events.withLock { $0.append("write") } }
            let handler = try #require(harness.router.handler(forPath: method.path))
            try await handler.body(stream, writer, ServerContext(method: method))
            #expect(events.withLock { $0 } == expected, "\(method)")
        }
    }

    @Test("empty_stream: no requests, no responses, OK")
    func emptyStream() async throws {
        for method in [TestService.Method.fullDuplexCall, TestService.Method.halfDuplexCall] {
            #expect(try await harness.call(method, [OutputRequest](), as: OutputResponse.self).isEmpty)
        }
    }

    @Test("client_compressed: a request claiming compression that arrived plain is refused")
    func expectCompressed() async throws {
        let request = SimpleRequest.with {
            $0.expectCompressed = .with { $0.value = true }
            $0.responseSize = 10
        }
        _ = await expectStatus(.invalidArgument) { _ = try await unary(request) }
        let compressed = ServerContext(method: TestService.Method.unaryCall)
        compressed.response.lastRequestCompressed = true
        #expect(try await unary(request, context: compressed)?.payload?.body.count == 10)

        let streamed = [Grpc_Testing_StreamingInputCallRequest.with { $0.expectCompressed = .with { $0.value = true } }]
        _ = await expectStatus(.invalidArgument) {
            _ = try await harness.call(
                TestService.Method.streamingInputCall, streamed, as: Grpc_Testing_StreamingInputCallResponse.self)
        }
    }

    @Test("server_compressed: the handler asks the transport to compress when the request says so")
    func responseCompressed() async throws {
        let context = ServerContext(method: TestService.Method.unaryCall)
        _ = try await unary(.with { $0.responseCompressed = .with { $0.value = true } }, context: context)
        #expect(context.response.compressMessages)
        let plain = ServerContext(method: TestService.Method.unaryCall)
        _ = try await unary(.with { $0.responseCompressed = .with { $0.value = false } }, context: plain)
        #expect(!plain.response.compressMessages)
    }

    @Test("sizes above 4 MiB or below zero are refused before anything is allocated or sent")
    func oversize() async throws {
        _ = await expectStatus(.invalidArgument) { _ = try await unary(.with { $0.responseSize = 4 * 1024 * 1024 + 1 }) }
        _ = await expectStatus(.invalidArgument) { _ = try await unary(.with { $0.responseSize = -1 }) }
        #expect(try await unary(.with { $0.responseSize = 4 * 1024 * 1024 })?.payload?.body.count == 4 * 1024 * 1024)
        let request = OutputRequest.with { $0.responseParameters = parameters([1, .max]) }
        for method in [TestService.Method.fullDuplexCall, TestService.Method.halfDuplexCall] {
            _ = await expectStatus(.invalidArgument) {
                _ = try await harness.call(method, [request], as: OutputResponse.self)
            }
        }
    }

    @Test("unimplemented_method: UnimplementedCall answers UNIMPLEMENTED")
    func unimplemented() async throws {
        _ = await expectStatus(.unimplemented) {
            _ = try await harness.call(
                TestService.Method.unimplementedCall, [Grpc_Testing_Empty()], as: Grpc_Testing_Empty.self)
        }
    }

    @Test("cancel_after_first_response: a cancelled stream stops during its pause")
    func cancelDuringInterval() async throws {
        let request = OutputRequest.with {
            $0.responseParameters = [.with { $0.size = 1 }] + parameters([1], intervalUs: 60_000_000)
        }
        let call = try harness.start(TestService.Method.streamingOutputCall, request, as: OutputResponse.self)
        var responses = call.responses.makeAsyncIterator()
        #expect(await responses.next()?.payload?.body.count == 1)
        let started = ContinuousClock.now
        call.task.cancel()
        let result = await call.task.result
        #expect(throws: CancellationError.self) { try result.get() }
        #expect(ContinuousClock.now - started < .seconds(5))
        #expect(await responses.next() == nil)
    }
}
