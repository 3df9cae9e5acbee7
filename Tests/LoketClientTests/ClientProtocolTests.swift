import Foundation
import LoketRPC
import Testing

@testable import LoketClient

/// The client's reading of responses and encoding of headers, without a server.
@Suite struct ClientProtocolTests {
    private func stream(maxResponseBytes: Int = 1 << 20) -> ClientStream {
        ClientStream(handle: CallHandle(), request: [], maxResponseBytes: maxResponseBytes)
    }

    private func receive(_ stream: ClientStream, _ fields: [(String, String)], trailers: Bool) {
        for (name, value) in fields {
            var value = value
            value.withUTF8 { stream.receiveHeader(isTrailers: trailers, name: name, value: UnsafeRawBufferPointer($0)) }
        }
    }

    private func receive(_ stream: ClientStream, data: [UInt8]) -> RPCError? {
        data.withUnsafeBytes { stream.receiveData($0) }
    }

    @Test func httpStatusesMapToGRPCCodes() {
        let expected: [Int: StatusCode] = [
            400: .internal, 401: .unauthenticated, 403: .permissionDenied, 404: .unimplemented, 429: .unavailable,
            502: .unavailable, 503: .unavailable, 504: .unavailable, 500: .unknown, 415: .unknown,
        ]
        for (status, code) in expected {
            let stream = stream()
            receive(stream, [(":status", "\(status)"), ("content-type", "text/plain")], trailers: false)
            guard case .failure(let error) = stream.outcome(errorCode: 0) else {
                Issue.record("HTTP \(status) succeeded")
                continue
            }
            #expect(error.code == code, "HTTP \(status)")
        }
    }

    @Test func resetWithoutStatusMapsTheHTTP2ErrorCode() {
        for (errorCode, code) in [(UInt32(7), StatusCode.unavailable), (8, .cancelled), (11, .resourceExhausted), (2, .internal)] {
            guard case .failure(let error) = stream().outcome(errorCode: errorCode) else {
                Issue.record("reset \(errorCode) succeeded")
                continue
            }
            #expect(error.code == code)
        }
    }

    @Test func trailersOnlyResponseCarriesStatusAndTrailingMetadata() {
        let stream = stream()
        receive(
            stream,
            [(":status", "200"), ("content-type", "application/grpc"), ("grpc-status", "5"),
                ("grpc-message", "no %E2%98%BA here %"), ("x-note", "kept")], trailers: false)
        guard case .failure(let error) = stream.outcome(errorCode: 0) else {
            Issue.record("succeeded")
            return
        }
        #expect(error.code == .notFound)
        #expect(error.message == "no ☺ here %")
        #expect(error.metadata.firstString(forKey: "x-note") == "kept")
    }

    @Test func messageAndTrailersMakeAResponse() {
        let stream = stream()
        receive(stream, [(":status", "200"), ("content-type", "application/grpc+proto"), ("x-head", "h")], trailers: false)
        // The message split across two DATA chunks.
        #expect(receive(stream, data: [0, 0, 0, 0, 3, 1]) == nil)
        #expect(receive(stream, data: [2, 3]) == nil)
        receive(stream, [("grpc-status", "0"), ("x-tail-bin", "AQI, AQ==")], trailers: true)
        guard case .success(let response) = stream.outcome(errorCode: 0) else {
            Issue.record("failed")
            return
        }
        #expect(response.message == [1, 2, 3])
        #expect(response.headers.firstString(forKey: "x-head") == "h")
        #expect(response.trailers["x-tail-bin"] == [.binary(Data([1, 2])), .binary(Data([1]))])
    }

    @Test func compressedOversizedOrMissingMessagesAreRefused() {
        let head = [(":status", "200"), ("content-type", "application/grpc")]
        let compressed = stream()
        receive(compressed, head, trailers: false)
        #expect(receive(compressed, data: [1, 0, 0, 0, 1, 7])?.code == .internal)

        let oversized = stream(maxResponseBytes: 10)
        receive(oversized, head, trailers: false)
        #expect(receive(oversized, data: [0, 0, 0, 0, 11])?.code == .resourceExhausted)

        let twoMessages = stream()
        receive(twoMessages, head, trailers: false)
        #expect(receive(twoMessages, data: [0, 0, 0, 0, 0, 0, 0, 0, 0, 0])?.code == .internal)

        let none = stream()
        receive(none, head, trailers: false)
        receive(none, [("grpc-status", "0")], trailers: true)
        guard case .failure(let error) = none.outcome(errorCode: 0) else {
            Issue.record("succeeded without a message")
            return
        }
        #expect(error.code == .internal)
    }

    @Test func statusDetailsAreDecoded() {
        let sent = RPCError(
            code: .invalidArgument, message: "bad",
            details: [ErrorDetail(typeURL: "type.googleapis.com/x.Y", value: [1, 2, 3])])
        #expect(StatusDetailsDecoding.details(from: sent.statusDetails()) == sent.details)
        #expect(StatusDetailsDecoding.details(from: [0x1a, 0x05, 0x0a]) == nil)
    }

    @Test func timeoutsUseAtMostEightDigitsAndRoundUp() {
        #expect(GRPCTimeoutEncoding.encode(nanoseconds: 0) == "1n")
        #expect(GRPCTimeoutEncoding.encode(nanoseconds: 99_999_999) == "99999999n")
        #expect(GRPCTimeoutEncoding.encode(nanoseconds: 100_000_001) == "100001u")
        #expect(GRPCTimeoutEncoding.encode(nanoseconds: 30_000_000_000) == "30000000u")
        #expect(GRPCTimeoutEncoding.encode(nanoseconds: 3_600_000_000_000_000) == "3600000S")
        #expect(GRPCTimeoutEncoding.encode(nanoseconds: 100_000_000_000_000_000) == "1666667M")
    }
}
