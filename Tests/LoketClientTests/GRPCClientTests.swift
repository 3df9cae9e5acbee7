import Foundation
import LoketClient
import LoketRPC
import LoketStandardServices
import Testing

/// Unary calls against a real in-process Loket server running `grpc.testing.TestService`.
@Suite struct GRPCClientTests {
    static let emptyCall = "/grpc.testing.TestService/EmptyCall"
    static let unaryCall = "/grpc.testing.TestService/UnaryCall"

    @Test func emptyCall() async throws {
        try await TestServer.with { port, _ in
            let client = GRPCClient(host: "127.0.0.1", port: port)
            let response = try await client.unary(
                Self.emptyCall, request: Grpc_Testing_Empty(), as: Grpc_Testing_Empty.self)
            #expect(response == Grpc_Testing_Empty())
            await client.close()
        }
    }

    @Test func largeUnaryCall() async throws {
        try await TestServer.with { port, _ in
            let client = GRPCClient(host: "127.0.0.1", port: port)
            let request = Grpc_Testing_SimpleRequest.with {
                $0.responseSize = 314_159
                $0.payload = .with { $0.body = Data(count: 271_828) }
            }
            let response = try await client.unary(Self.unaryCall, request: request, as: Grpc_Testing_SimpleResponse.self)
            #expect(response.payload?.body == Data(count: 314_159))
            await client.close()
        }
    }

    @Test func fiftyConcurrentCallsShareOneClient() async throws {
        try await TestServer.with { port, _ in
            let client = GRPCClient(host: "127.0.0.1", port: port)
            let sizes = try await withThrowingTaskGroup(of: Int.self) { group in
                for index in 0..<50 {
                    group.addTask {
                        let request = Grpc_Testing_SimpleRequest.with { $0.responseSize = Int32(index * 1000) }
                        let response = try await client.unary(
                            Self.unaryCall, request: request, as: Grpc_Testing_SimpleResponse.self)
                        return response.payload?.body.count ?? -1
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(sizes.sorted() == (0..<50).map { $0 * 1000 })
            await client.close()
        }
    }

    @Test func statusAndNonASCIIMessageReachTheClient() async throws {
        let message = "\t\ntest with whitespace\r\nand Unicode BMP ☺ and non-BMP 😈 and 100% percent\t\n"
        try await TestServer.with { port, _ in
            let client = GRPCClient(host: "127.0.0.1", port: port)
            let request = Grpc_Testing_SimpleRequest.with {
                $0.responseStatus = .with {
                    $0.code = 2
                    $0.message = message
                }
            }
            let error = await #expect(throws: RPCError.self) {
                _ = try await client.unary(Self.unaryCall, request: request, as: Grpc_Testing_SimpleResponse.self)
            }
            #expect(error?.code == .unknown)
            #expect(error?.message == message)
            await client.close()
        }
    }

    @Test func metadataIsEchoedInHeadersAndTrailers() async throws {
        try await TestServer.with { port, _ in
            let client = GRPCClient(host: "127.0.0.1", port: port)
            var metadata = Metadata()
            metadata.addString("test_initial_metadata_value", forKey: "x-grpc-test-echo-initial")
            metadata.addBinary(Data([0xab, 0xab, 0xab]), forKey: "x-grpc-test-echo-trailing-bin")
            let response = try await client.unaryCall(
                Self.unaryCall, request: Grpc_Testing_SimpleRequest.with { $0.responseSize = 10 }, metadata: metadata,
                as: Grpc_Testing_SimpleResponse.self)
            #expect(response.headers.firstString(forKey: "x-grpc-test-echo-initial") == "test_initial_metadata_value")
            #expect(response.trailers["x-grpc-test-echo-trailing-bin"] == [.binary(Data([0xab, 0xab, 0xab]))])
            #expect(response.message.payload?.body.count == 10)

            // An error status carries its trailing metadata too.
            let failing = Grpc_Testing_SimpleRequest.with { $0.responseStatus = .with { $0.code = 9 } }
            let error = await #expect(throws: RPCError.self) {
                _ = try await client.unary(
                    Self.unaryCall, request: failing, metadata: metadata, as: Grpc_Testing_SimpleResponse.self)
            }
            #expect(error?.code == .failedPrecondition)
            #expect(error?.metadata["x-grpc-test-echo-trailing-bin"] == [.binary(Data([0xab, 0xab, 0xab]))])
            await client.close()
        }
    }

    @Test func unknownMethodsAndServicesAreUnimplemented() async throws {
        try await TestServer.with { port, _ in
            let client = GRPCClient(host: "127.0.0.1", port: port)
            for path in ["/grpc.testing.TestService/NoSuchMethod", "/grpc.testing.NoSuchService/EmptyCall"] {
                let error = await #expect(throws: RPCError.self) {
                    _ = try await client.unary(path, request: Grpc_Testing_Empty(), as: Grpc_Testing_Empty.self)
                }
                #expect(error?.code == .unimplemented)
            }
            // UnimplementedCall exists and answers UNIMPLEMENTED from its handler.
            let error = await #expect(throws: RPCError.self) {
                _ = try await client.unary(
                    "/grpc.testing.TestService/UnimplementedCall", request: Grpc_Testing_Empty(),
                    as: Grpc_Testing_Empty.self)
            }
            #expect(error?.code == .unimplemented)
            await client.close()
        }
    }

    @Test func callWithinItsTimeoutSucceeds() async throws {
        try await TestServer.with { port, _ in
            let client = GRPCClient(host: "127.0.0.1", port: port)
            let response = try await client.unary(
                Self.unaryCall, request: Grpc_Testing_SimpleRequest.with { $0.responseSize = 1000 },
                timeout: .seconds(30), as: Grpc_Testing_SimpleResponse.self)
            #expect(response.payload?.body.count == 1000)
            await client.close()
        }
    }

    @Test func passedDeadlineEndsTheCallAndTheConnectionStaysUsable() async throws {
        try await TestServer.with { port, _ in
            let client = GRPCClient(host: "127.0.0.1", port: port)
            _ = try await client.unary(Self.emptyCall, request: Grpc_Testing_Empty(), as: Grpc_Testing_Empty.self)

            // A deadline already passed fails before anything is sent.
            let immediate = await #expect(throws: RPCError.self) {
                _ = try await client.unary(
                    Self.emptyCall, request: Grpc_Testing_Empty(), timeout: .zero, as: Grpc_Testing_Empty.self)
            }
            #expect(immediate?.code == .deadlineExceeded)

            // 3 MiB cannot cross HTTP/2 flow control within a millisecond: the local timer (or the server) ends it.
            let request = Grpc_Testing_SimpleRequest.with { $0.responseSize = 3 << 20 }
            let expired = await #expect(throws: RPCError.self) {
                _ = try await client.unary(
                    Self.unaryCall, request: request, timeout: .milliseconds(1), as: Grpc_Testing_SimpleResponse.self)
            }
            #expect(expired?.code == .deadlineExceeded)

            let after = try await client.unary(Self.unaryCall, request: request, as: Grpc_Testing_SimpleResponse.self)
            #expect(after.payload?.body.count == 3 << 20)
            await client.close()
        }
    }

    @Test func cancelledCallerGetsCancelled() async throws {
        try await TestServer.with { port, _ in
            let client = GRPCClient(host: "127.0.0.1", port: port)
            let task = Task {
                withUnsafeCurrentTask { $0?.cancel() }
                return try await client.unary(
                    Self.unaryCall, request: Grpc_Testing_SimpleRequest.with { $0.responseSize = 1 << 20 },
                    as: Grpc_Testing_SimpleResponse.self)
            }
            let error = await #expect(throws: RPCError.self) { _ = try await task.value }
            #expect(error?.code == .cancelled)

            // Cancelled while in flight: either outcome is legal, and the connection must stay usable.
            let racing = Task {
                try await client.unary(
                    Self.unaryCall, request: Grpc_Testing_SimpleRequest.with { $0.responseSize = 3 << 20 },
                    as: Grpc_Testing_SimpleResponse.self)
            }
            try await Task.sleep(for: .milliseconds(2))
            racing.cancel()
            switch await racing.result {
            case .success(let response): #expect(response.payload?.body.count == 3 << 20)
            case .failure(let error): #expect((error as? RPCError)?.code == .cancelled)
            }
            _ = try await client.unary(Self.emptyCall, request: Grpc_Testing_Empty(), as: Grpc_Testing_Empty.self)
            await client.close()
        }
    }

    @Test func responseLargerThanTheLimitIsResourceExhausted() async throws {
        try await TestServer.with { port, _ in
            let client = GRPCClient(host: "127.0.0.1", port: port, maxResponseMessageBytes: 1000)
            let error = await #expect(throws: RPCError.self) {
                _ = try await client.unary(
                    Self.unaryCall, request: Grpc_Testing_SimpleRequest.with { $0.responseSize = 2000 },
                    as: Grpc_Testing_SimpleResponse.self)
            }
            #expect(error?.code == .resourceExhausted)
            // A response under the limit still passes on the same connection.
            let small = try await client.unary(
                Self.unaryCall, request: Grpc_Testing_SimpleRequest.with { $0.responseSize = 500 },
                as: Grpc_Testing_SimpleResponse.self)
            #expect(small.payload?.body.count == 500)
            await client.close()
        }
    }

    @Test func invalidMetadataIsRefusedBeforeSending() async throws {
        let client = GRPCClient(host: "127.0.0.1", port: 1)
        for (key, value) in [("grpc-timeout", "1S"), ("bad key", "x"), ("x-text", "caf\u{e9}")] {
            var metadata = Metadata()
            metadata.addString(value, forKey: key)
            let error = await #expect(throws: RPCError.self) {
                _ = try await client.unary(
                    Self.emptyCall, request: Grpc_Testing_Empty(), metadata: metadata, as: Grpc_Testing_Empty.self)
            }
            #expect(error?.code == .internal)
        }
        await client.close()
    }

    @Test func refusedConnectionIsUnavailable() async throws {
        // Port 1 (tcpmux) is privileged and unused on test machines: connecting is refused.
        let client = GRPCClient(host: "127.0.0.1", port: 1)
        let error = await #expect(throws: RPCError.self) {
            _ = try await client.unary(Self.emptyCall, request: Grpc_Testing_Empty(), as: Grpc_Testing_Empty.self)
        }
        #expect(error?.code == .unavailable)
        #expect(error?.message.contains("127.0.0.1:1") == true)
        await client.close()
    }

    @Test func closedClientRefusesCalls() async throws {
        try await TestServer.with { port, _ in
            let client = GRPCClient(host: "127.0.0.1", port: port)
            _ = try await client.unary(Self.emptyCall, request: Grpc_Testing_Empty(), as: Grpc_Testing_Empty.self)
            await client.close()
            let error = await #expect(throws: RPCError.self) {
                _ = try await client.unary(Self.emptyCall, request: Grpc_Testing_Empty(), as: Grpc_Testing_Empty.self)
            }
            #expect(error?.code == .unavailable)
        }
    }

    @Test func callsAfterGoAwayUseANewConnection() async throws {
        let (client, port) = try await TestServer.with { port, _ in
            let client = GRPCClient(host: "127.0.0.1", port: port)
            _ = try await client.unary(Self.emptyCall, request: Grpc_Testing_Empty(), as: Grpc_Testing_Empty.self)
            return (client, port)
        }
        // The first server said GOAWAY and is gone; a new one listens on the same port.
        try await TestServer.with(port: port) { _, _ in
            _ = try await client.unary(Self.emptyCall, request: Grpc_Testing_Empty(), as: Grpc_Testing_Empty.self)
        }
        await client.close()
    }

    @Test func serverShutdownRetiresTheConnection() async throws {
        try await TestServer.with { port, stop in
            let client = GRPCClient(host: "127.0.0.1", port: port)
            _ = try await client.unary(Self.emptyCall, request: Grpc_Testing_Empty(), as: Grpc_Testing_Empty.self)
            // The server sends GOAWAY and stops listening: the next call needs a new connection, which is refused.
            await stop()
            let deadline = ContinuousClock.now + .seconds(10)
            var lastError: RPCError?
            while ContinuousClock.now < deadline {
                do {
                    _ = try await client.unary(
                        Self.emptyCall, request: Grpc_Testing_Empty(), timeout: .seconds(5), as: Grpc_Testing_Empty.self)
                    try await Task.sleep(for: .milliseconds(20))
                } catch {
                    lastError = error as? RPCError
                    break
                }
            }
            #expect(lastError?.code == .unavailable)
            await client.close()
        }
    }
}

/// Calls the server never answers: only the client's own deadline and cancellation can end them.
@Suite struct ClientSideEndTests {
    @Test func deadlineIsEnforcedLocally() async throws {
        try await SilentServer.with { port in
            let client = GRPCClient(host: "127.0.0.1", port: port)
            let started = ContinuousClock.now
            let error = await #expect(throws: RPCError.self) {
                _ = try await client.unary(
                    GRPCClientTests.emptyCall, request: Grpc_Testing_Empty(), timeout: .milliseconds(200),
                    as: Grpc_Testing_Empty.self)
            }
            #expect(error?.code == .deadlineExceeded)
            #expect(ContinuousClock.now - started >= .milliseconds(200))
            await client.close()
        }
    }

    @Test func cancellationEndsACallInFlight() async throws {
        try await SilentServer.with { port in
            let client = GRPCClient(host: "127.0.0.1", port: port)
            let call = Task {
                try await client.unary(
                    GRPCClientTests.emptyCall, request: Grpc_Testing_Empty(), as: Grpc_Testing_Empty.self)
            }
            try await Task.sleep(for: .milliseconds(100))
            call.cancel()
            let error = await #expect(throws: RPCError.self) { _ = try await call.value }
            #expect(error?.code == .cancelled)
            await client.close()
        }
    }
}
