// grpc.testing.TestService on grpc-swift-2, for Benchmarks/run.sh.
//
// UnaryCall answers SimpleResponse{payload: {body: response_size zero bytes}}, like loketd's interop
// service and the C++ peer; EmptyCall answers Empty; every other method throws UNIMPLEMENTED.
//
// Usage: grpc-swift-peer PORT   (listens on 127.0.0.1:PORT, plaintext, the transport's default config
// and NIO's singleton event loop group, which has one thread per core).

import GRPCCore
import GRPCNIOTransportHTTP2Posix
import SwiftProtobuf

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

struct TestService: Grpc_Testing_TestService.SimpleServiceProtocol {
    func emptyCall(request: Grpc_Testing_Empty, context: ServerContext) async throws -> Grpc_Testing_Empty {
        Grpc_Testing_Empty()
    }

    func unaryCall(
        request: Grpc_Testing_SimpleRequest, context: ServerContext
    ) async throws -> Grpc_Testing_SimpleResponse {
        guard request.responseSize >= 0 else {
            throw RPCError(code: .invalidArgument, message: "response_size must not be negative")
        }
        var response = Grpc_Testing_SimpleResponse()
        response.payload.body = Data(count: Int(request.responseSize))
        return response
    }

    func cacheableUnaryCall(
        request: Grpc_Testing_SimpleRequest, context: ServerContext
    ) async throws -> Grpc_Testing_SimpleResponse {
        throw Self.unimplemented("CacheableUnaryCall")
    }

    func streamingOutputCall(
        request: Grpc_Testing_StreamingOutputCallRequest,
        response: RPCWriter<Grpc_Testing_StreamingOutputCallResponse>,
        context: ServerContext
    ) async throws {
        throw Self.unimplemented("StreamingOutputCall")
    }

    func streamingInputCall(
        request: RPCAsyncSequence<Grpc_Testing_StreamingInputCallRequest, any Error>,
        context: ServerContext
    ) async throws -> Grpc_Testing_StreamingInputCallResponse {
        throw Self.unimplemented("StreamingInputCall")
    }

    func fullDuplexCall(
        request: RPCAsyncSequence<Grpc_Testing_StreamingOutputCallRequest, any Error>,
        response: RPCWriter<Grpc_Testing_StreamingOutputCallResponse>,
        context: ServerContext
    ) async throws {
        throw Self.unimplemented("FullDuplexCall")
    }

    func halfDuplexCall(
        request: RPCAsyncSequence<Grpc_Testing_StreamingOutputCallRequest, any Error>,
        response: RPCWriter<Grpc_Testing_StreamingOutputCallResponse>,
        context: ServerContext
    ) async throws {
        throw Self.unimplemented("HalfDuplexCall")
    }

    func unimplementedCall(request: Grpc_Testing_Empty, context: ServerContext) async throws -> Grpc_Testing_Empty {
        throw Self.unimplemented("UnimplementedCall")
    }

    private static func unimplemented(_ method: String) -> RPCError {
        RPCError(code: .unimplemented, message: "grpc-swift-peer does not implement \(method)")
    }
}

/// Writes to file descriptor 2 directly (the C `stderr` global is not concurrency-safe in Swift 6).
func writeToStandardError(_ text: String) {
    var text = text
    text.withUTF8 { bytes in _ = write(2, bytes.baseAddress, bytes.count) }
}

@main
struct Peer {
    static func main() async throws {
        let arguments = CommandLine.arguments
        guard arguments.count == 2, let port = Int(arguments[1]), (1...65535).contains(port) else {
            writeToStandardError("usage: grpc-swift-peer PORT\n")
            exit(2)
        }
        // The benchmark stops the peer with SIGTERM; ending the process at once is all it needs.
        signal(SIGTERM) { _ in _exit(0) }
        signal(SIGINT) { _ in _exit(0) }

        let server = GRPCServer(
            transport: .http2NIOPosix(
                address: .ipv4(host: "127.0.0.1", port: port),
                transportSecurity: .plaintext
            ),
            services: [TestService()]
        )
        writeToStandardError("grpc-swift-peer: serving on 127.0.0.1:\(port)\n")
        try await server.serve()
    }
}
