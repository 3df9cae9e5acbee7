import LoketPluginAPI
import Testing

@Suite("Page tokens")
struct PageTokenTests {
    let fields = ["v1", "", "2026-03-02T08:15:00.123456Z", "0b6f8f3e-5d1c-4a47-9c55-2f3d0c7e9a11"]

    @Test("a token gives back its fields, empty ones included, and is safe in a URL")
    func roundTrip() throws {
        let token = PageToken.encode(fields, purpose: "test.listing")
        #expect(PageToken.decode(token, purpose: "test.listing", fieldCount: 4) == fields)
        #expect(token.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") })
        #expect(!token.contains("2026"))
    }

    @Test("another listing's token, another field count, an edit, a cut or an overlong text is refused")
    func refusals() {
        let token = PageToken.encode(fields, purpose: "test.listing")
        #expect(PageToken.decode(token, purpose: "test.other", fieldCount: 4) == nil)
        #expect(PageToken.decode(token, purpose: "test.listing", fieldCount: 3) == nil)
        #expect(PageToken.decode(String(token.dropLast(3)), purpose: "test.listing", fieldCount: 4) == nil)
        var edited = Array(token.utf8)
        edited[5] = edited[5] == UInt8(ascii: "x") ? UInt8(ascii: "y") : UInt8(ascii: "x")
        #expect(PageToken.decode(String(decoding: edited, as: UTF8.self), purpose: "test.listing", fieldCount: 4) == nil)
        for garbage in ["", "not a token!", "====", String(repeating: "A", count: PageToken.maximumLength + 1)] {
            #expect(PageToken.decode(garbage, purpose: "test.listing", fieldCount: 4) == nil)
        }
    }

    @Test("a decimal field is digits only, 1 to maxDigits of them")
    func decimals() {
        #expect(PageToken.decimal("7", maxDigits: 2) == 7)
        #expect(PageToken.decimal("60", maxDigits: 2) == 60)
        #expect(PageToken.decimal("007", maxDigits: 3) == 7)
        #expect(PageToken.decimal("999999999999999999", maxDigits: 18) == 999_999_999_999_999_999)
        for refused in ["", "123", "+1", "-1", " 1", "1 ", "1a", "٣"] {
            #expect(PageToken.decimal(refused, maxDigits: 2) == nil, "\(refused)")
        }
    }
}
