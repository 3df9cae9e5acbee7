import Foundation
import LoketRPC
import Testing

@Suite("Metadata")
struct MetadataTests {
    @Test("keys are case-insensitive, order and repeats are kept")
    func orderAndCase() {
        var metadata = Metadata()
        metadata.addString("a", forKey: "X-Trace")
        metadata.addBinary(Data([0, 1]), forKey: "x-blob-bin")
        metadata.addString("b", forKey: "x-trace")
        #expect(metadata["x-trace"] == [.string("a"), .string("b")])
        #expect(metadata.firstString(forKey: "X-TRACE") == "a")
        #expect(metadata["x-blob-bin"] == [.binary(Data([0, 1]))])
        #expect(metadata.map(\.key) == ["x-trace", "x-blob-bin", "x-trace"])
        metadata.removeAll(forKey: "x-trace")
        #expect(metadata.count == 1)
    }

    @Test("status codes have their gRPC numbers and names")
    func statusCodes() {
        #expect(StatusCode.allCases.map(\.rawValue) == Array(0...16))
        #expect(StatusCode.resourceExhausted.description == "RESOURCE_EXHAUSTED")
        #expect(StatusCode(rawValue: 13) == .internal)
    }

    @Test("an RPC error keeps its cause out of the client message")
    func errorCause() {
        struct DatabaseDown: Error {}
        let error = RPCError(code: .unavailable, message: "try again later", cause: DatabaseDown())
        #expect(error.message == "try again later")
        #expect(error.description.contains("DatabaseDown"))
    }
}
