import LoketPluginAPI
import Testing

@testable import CorrespondencePlugin

@Suite("Reference numbers, contact keys, hex")
struct ReferenceNumberTests {
    @Test("Formatted as YYYY/IN/000123 and YYYY/OUT/000045")
    func formatting() throws {
        #expect(try #require(ReferenceNumber(year: 2026, direction: .incoming, number: 123)).description == "2026/IN/000123")
        #expect(try #require(ReferenceNumber(year: 2026, direction: .outgoing, number: 45)).description == "2026/OUT/000045")
        #expect(try #require(ReferenceNumber(year: 2026, direction: .incoming, number: 1_234_567)).description
            == "2026/IN/1234567")
        #expect(ReferenceNumber(year: 2026, direction: .incoming, number: 0) == nil)
        #expect(ReferenceNumber(year: 10_000, direction: .incoming, number: 1) == nil)
    }

    @Test("Parsed back, one spelling per reference",
          arguments: ["2026/IN/000123", "2026/OUT/000045", "1999/IN/000001", "2026/IN/1234567"])
    func roundTrip(text: String) throws {
        #expect(try #require(ReferenceNumber(text)).description == text)
    }

    @Test("Malformed references are refused",
          arguments: ["2026/IN/123", "2026/in/000123", "26/IN/000123", "2026/IN/0001234", "2026/IN/000000",
                      "2026/OUT/00004a", "2026-IN-000123", "", "2026/IN/000123/x", "+026/IN/000123"])
    func malformed(text: String) {
        #expect(ReferenceNumber(text) == nil)
    }

    @Test("Contacts are one when the e-mail matches, or the name and address without case, accents or spaces")
    func contactKeys() {
        #expect(ContactKey.key(name: "An Peeters", email: "An.Peeters@Example.be ", postalAddress: "")
            == ContactKey.key(name: "A. Peeters", email: "an.peeters@example.be", postalAddress: "Markt 1"))
        #expect(ContactKey.key(name: "Jérôme  Dupont", email: "", postalAddress: "Rue Haute 5, 1000 Bruxelles")
            == ContactKey.key(name: "jerome dupont", email: "", postalAddress: "rue haute 5 1000 bruxelles"))
        #expect(ContactKey.key(name: "Jérôme Dupont", email: "", postalAddress: "Rue Haute 5")
            != ContactKey.key(name: "Jérôme Dupont", email: "", postalAddress: "Rue Haute 7"))
    }

    @Test("Hex round trip")
    func hex() throws {
        let bytes: [UInt8] = [0, 1, 0x7f, 0x80, 0xfe, 0xff]
        #expect(Hex.encode(bytes) == "00017f80feff")
        #expect(Hex.decode("00017F80FEFF".utf8) == bytes)
        #expect(Hex.decode("0".utf8) == nil)
        #expect(Hex.decode("zz".utf8) == nil)
    }

    @Test("Item languages choose PostgreSQL's text search configurations")
    func languages() {
        #expect(ItemLanguage(rawValue: "nl")?.textSearchConfiguration == "dutch")
        #expect(ItemLanguage(rawValue: "fr")?.textSearchConfiguration == "french")
        #expect(ItemLanguage(rawValue: "en")?.textSearchConfiguration == "english")
        #expect(ItemLanguage(rawValue: "xx") == nil)
    }
}
