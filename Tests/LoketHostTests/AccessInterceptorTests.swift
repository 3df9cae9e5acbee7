import LoketRPC
import Testing

@testable import LoketHost

@Suite("access interceptor: declared purpose")
struct AccessInterceptorTests {
    static func purpose(_ value: String?) -> String? {
        var metadata = Metadata()
        if let value { metadata.addString(value, forKey: "x-loket-purpose") }
        return AccessInterceptor.purpose(in: metadata)
    }

    @Test("a purpose is taken as sent; leading blanks are dropped; a blank or missing one is none")
    func plain() {
        #expect(Self.purpose("case 2026/114: change of address") == "case 2026/114: change of address")
        #expect(Self.purpose("  \tlegal check ") == "legal check ")
        #expect(Self.purpose("Überprüfung") == "Überprüfung")
        #expect(Self.purpose("   ") == nil)
        #expect(Self.purpose("") == nil)
        #expect(Self.purpose(nil) == nil)
    }

    @Test("long purposes are cut at 500 characters, not bytes")
    func long() {
        #expect(Self.purpose(String(repeating: "a", count: 500)) == String(repeating: "a", count: 500))
        #expect(Self.purpose(String(repeating: "b", count: 501)) == String(repeating: "b", count: 500))
        #expect(Self.purpose(String(repeating: "é", count: 400)) == String(repeating: "é", count: 400))
        #expect(Self.purpose(" " + String(repeating: "é", count: 600)) == String(repeating: "é", count: 500))
    }
}
