import LoketRPC
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The rules the interop test cases share across methods.
extension InteropTestService {
    /// The largest payload a request may ask for: the default gRPC message limit, so a request cannot make the
    /// server allocate at will.
    static let maximumPayloadSize = 4 * 1024 * 1024

    /// Copies the interop client's echo headers into the response (custom_metadata test case).
    static func echoMetadata(_ context: ServerContext) {
        for value in context.requestMetadata["x-grpc-test-echo-initial"] {
            context.response.addHeader(value, forKey: "x-grpc-test-echo-initial")
        }
        for value in context.requestMetadata["x-grpc-test-echo-trailing-bin"] {
            context.response.addTrailer(value, forKey: "x-grpc-test-echo-trailing-bin")
        }
    }

    /// INVALID_ARGUMENT when the client said it compressed the request but the transport received it plain, which
    /// is how the client_compressed test cases probe whether the server checks.
    static func checkCompression(expected: Grpc_Testing_BoolValue?, context: ServerContext) throws {
        guard expected?.value == true, !context.response.lastRequestCompressed else { return }
        throw RPCError(code: .invalidArgument, message: "expected a compressed request message, got an uncompressed one")
    }

    /// Ends the call with the status the request asks for, if it asks for one other than OK.
    static func throwIfRequested(_ status: Grpc_Testing_EchoStatus?) throws {
        guard let status, status.code != 0 else { return }
        throw RPCError(code: StatusCode(rawValue: Int(status.code)) ?? .unknown, message: status.message)
    }

    /// A payload of `size` zero bytes.
    static func payload(type: Grpc_Testing_PayloadType, size: Int32) throws -> Grpc_Testing_Payload {
        try checkPayload(type: type, size: size)
        return .with {
            $0.type = .compressable
            $0.body = Data(count: Int(size))
        }
    }

    /// Refuses a streaming request before any of its responses go out.
    static func validate(_ request: Grpc_Testing_StreamingOutputCallRequest) throws {
        for parameters in request.responseParameters {
            try checkPayload(type: request.responseType, size: parameters.size)
        }
    }

    /// Sends the responses `request` asks for, pausing before each as asked.
    static func answer(
        _ request: Grpc_Testing_StreamingOutputCallRequest,
        response: ResponseWriter<Grpc_Testing_StreamingOutputCallResponse>, context: ServerContext
    ) async throws {
        try validate(request)
        for parameters in request.responseParameters {
            if parameters.intervalUs > 0 {
                // Task.sleep throws on cancellation, so a client that goes away does not hold the handler.
                try await Task.sleep(for: .microseconds(parameters.intervalUs))
            }
            let payload = try payload(type: request.responseType, size: parameters.size)
            context.response.compressMessages = parameters.compressed?.value ?? false
            try await response.write(.with { $0.payload = payload })
        }
    }

    private static func checkPayload(type: Grpc_Testing_PayloadType, size: Int32) throws {
        guard type == .compressable else {
            throw RPCError(code: .invalidArgument, message: "payload type \(type.rawValue) is not supported")
        }
        guard size >= 0, Int(size) <= maximumPayloadSize else {
            throw RPCError(
                code: .invalidArgument,
                message: "payload size \(size) is outside 0...\(maximumPayloadSize) bytes")
        }
    }
}
