import LoketRPC
import Testing

@Suite("Server context: a value whose copies share the response side")
struct ServerContextTests {
    private enum TicketKey: ServerContextKey {
        typealias Value = String
    }

    private let method = MethodDescriptor(service: "loket.test.v1.Tickets", method: "Get", kind: .unary)

    @Test("changing a field of a copy leaves the original as the transport made it")
    func copiesAreValues() {
        let deadline = ContinuousClock.now.advanced(by: .seconds(5))
        var metadata = Metadata()
        metadata.addString("nl", forKey: "accept-language")
        let original = ServerContext(method: method, requestMetadata: metadata, deadline: deadline, peer: "ipv4:10.0.0.1:5")

        var changed = original
        changed.method = MethodDescriptor(service: "loket.test.v1.Tickets", method: "List", kind: .serverStreaming)
        changed.peer = "ipv4:10.0.0.2:6"
        changed.deadline = nil
        changed.requestMetadata = Metadata()
        changed[TicketKey.self] = "T-1"

        #expect(original.method.path == "/loket.test.v1.Tickets/Get")
        #expect(original.peer == "ipv4:10.0.0.1:5")
        #expect(original.deadline == deadline)
        #expect(original.requestMetadata.firstString(forKey: "accept-language") == "nl")
        #expect(original[TicketKey.self] == nil)

        #expect(changed.method.path == "/loket.test.v1.Tickets/List")
        #expect(changed.peer == "ipv4:10.0.0.2:6")
        #expect(changed.deadline == nil)
        #expect(changed.requestMetadata.isEmpty)
        #expect(changed[TicketKey.self] == "T-1")

        // A second change keeps the first.
        var again = changed
        again.peer = "unix:/run/loket.sock"
        #expect(again[TicketKey.self] == "T-1" && again.deadline == nil && again.peer == "unix:/run/loket.sock")
        #expect(changed.peer == "ipv4:10.0.0.2:6")
    }

    @Test("response headers and trailers added through any copy reach the one response")
    func responseIsShared() {
        let original = ServerContext(method: method)
        var changed = original
        changed[TicketKey.self] = "T-2"
        changed.response.addHeader(.string("1"), forKey: "x-page")
        original.response.addTrailer(.string("done"), forKey: "x-state")
        changed.response.compressMessages = true
        #expect(original.response.headers.firstString(forKey: "x-page") == "1")
        #expect(changed.response.trailers.firstString(forKey: "x-state") == "done")
        #expect(original.response.compressMessages)
        #expect(original.response === changed.response)
    }
}
