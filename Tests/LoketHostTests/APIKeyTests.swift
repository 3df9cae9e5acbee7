import Testing

@testable import LoketHost

@Suite("API keys")
struct APIKeyTests {
    @Test("a generated key parses back and matches its stored hash only")
    func roundTrip() throws {
        let key = APIKey.generate()
        let parsed = try #require(APIKey(text: key.text))
        #expect(parsed == key)
        #expect(parsed.matches(key.secretHash))
        #expect(!parsed.matches(APIKey.generate().secretHash))
        #expect(!parsed.matches([]))
        #expect(key.secretHash.count == 32)
    }

    @Test("keys are unique and random")
    func unique() {
        let keys = Set((0..<1000).map { _ in APIKey.generate().text })
        #expect(keys.count == 1000)
    }

    @Test(
        "malformed keys are refused",
        arguments: [
            "", "lk_", "lk_abc_def", "xx_0123456789ab_" + String(repeating: "0", count: 64),
            "lk_0123456789ab_" + String(repeating: "0", count: 63), "lk_0123456789AB_" + String(repeating: "0", count: 64),
            "lk_0123456789ab_" + String(repeating: "g", count: 64), "lk_0123456789ab_" + String(repeating: "0", count: 64) + "_x",
        ])
    func malformed(text: String) {
        #expect(APIKey(text: text) == nil)
    }

    @Test("the bearer scheme is case-insensitive; anything else is refused")
    func bearer() {
        let key = APIKey.generate()
        #expect(AccessInterceptor.bearerKey("Bearer \(key.text)") == key)
        #expect(AccessInterceptor.bearerKey("bearer \(key.text)") == key)
        #expect(AccessInterceptor.bearerKey("Basic \(key.text)") == nil)
        #expect(AccessInterceptor.bearerKey(key.text) == nil)
    }
}
