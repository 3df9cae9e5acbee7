import Foundation
import LoketPluginAPI
import Testing

@testable import CivilRegistryPlugin

@Suite("ListPersonDuplicates page tokens")
struct DuplicatePageTokenTests {
    static let person = UUID(uuidString: "5f0c8a4e-1b2d-4c3e-9f10-0a1b2c3d4e5f")!
    static let flag = UUID(uuidString: "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d")!
    /// 2026-11-22T10:11:12.123457Z: microseconds matter.
    static let time: Int64 = 1_795_342_272_123_457

    static let open = DuplicatePageToken(
        includeResolved: false, person: nil, part: .open, microseconds: time, id: flag)
    static let resolved = DuplicatePageToken(
        includeResolved: true, person: person, part: .resolved, microseconds: time, id: flag)

    @Test("a token decodes to what was encoded, filters, part, time and id")
    func roundTrip() throws {
        for token in [Self.open, Self.resolved] {
            let decoded = try #require(DuplicatePageToken(token.encoded))
            #expect(decoded == token)
        }
        // An open part with include_resolved, and the edges of the time range.
        for microseconds in [Int64(0), DuplicatePageToken.microsecondRange.upperBound - 1] {
            let token = DuplicatePageToken(
                includeResolved: true, person: Self.person, part: .open, microseconds: microseconds, id: Self.flag)
            #expect(DuplicatePageToken(token.encoded) == token)
        }
    }

    @Test("the opaque form is base64url without padding and says nothing readable")
    func opaque() {
        let encoded = Self.resolved.encoded
        #expect(encoded.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") })
        #expect(!encoded.contains(Self.flag.uuidString.lowercased()))
        #expect(encoded.utf8.count <= 256)
    }

    @Test("an altered, truncated or foreign token is refused")
    func tampering() {
        let encoded = Self.resolved.encoded
        // Every single-character change of the opaque form, to each of a few other characters.
        var accepted: [String] = []
        for index in encoded.indices {
            for replacement in ["A", "z", "0", "-", "_"] where String(encoded[index]) != replacement {
                var altered = encoded
                altered.replaceSubrange(index...index, with: replacement)
                if DuplicatePageToken(altered) != nil { accepted.append(altered) }
            }
        }
        #expect(accepted.isEmpty)
        #expect(DuplicatePageToken(String(encoded.dropLast())) == nil)
        #expect(DuplicatePageToken(String(encoded.dropLast(4))) == nil)
        #expect(DuplicatePageToken(encoded + "AA") == nil)
        #expect(DuplicatePageToken("") == nil)
        #expect(DuplicatePageToken("not a token") == nil)
        #expect(DuplicatePageToken(encoded + "=") == nil)
        #expect(DuplicatePageToken(String(repeating: "A", count: 400)) == nil)
    }

    @Test("a forged token with a correct digest is still refused when a field makes no sense")
    func forgedFields() {
        // The digest is right for each of these, so what refuses them is the field checks.
        #expect(Self.decode(forging: ["d1", "1", "", "r", "-1", Self.flag.uuidString]) == nil)
        #expect(Self.decode(forging: ["d1", "1", "", "r", "9007199254740992", Self.flag.uuidString]) == nil)
        #expect(Self.decode(forging: ["d1", "1", "", "r", "+12", Self.flag.uuidString]) == nil)
        #expect(Self.decode(forging: ["d1", "1", "", "r", "", Self.flag.uuidString]) == nil)
        #expect(Self.decode(forging: ["d1", "0", "", "r", "12", Self.flag.uuidString]) == nil)  // resolved part
        #expect(Self.decode(forging: ["d1", "2", "", "o", "12", Self.flag.uuidString]) == nil)
        #expect(Self.decode(forging: ["d1", "0", "someone", "o", "12", Self.flag.uuidString]) == nil)
        #expect(Self.decode(forging: ["d1", "0", "", "x", "12", Self.flag.uuidString]) == nil)
        #expect(Self.decode(forging: ["d1", "0", "", "o", "12", "flag"]) == nil)
        #expect(Self.decode(forging: ["d2", "0", "", "o", "12", Self.flag.uuidString]) == nil)
        // The same shape with sane fields is accepted: the checks above are about the fields, not the digest.
        #expect(Self.decode(forging: ["d1", "0", "", "o", "12", Self.flag.uuidString]) != nil)
    }

    @Test("a token is for the filters it was made with only")
    func filters() {
        #expect(Self.open.matches(includeResolved: false, person: nil))
        #expect(!Self.open.matches(includeResolved: true, person: nil))
        #expect(!Self.open.matches(includeResolved: false, person: Self.person))
        #expect(Self.resolved.matches(includeResolved: true, person: Self.person))
        #expect(!Self.resolved.matches(includeResolved: true, person: nil))
        #expect(!Self.resolved.matches(includeResolved: true, person: Self.flag))
        #expect(!Self.resolved.matches(includeResolved: false, person: Self.person))
        // The filters are inside the digest: changing them in the token is tampering.
        let encoded = Self.open.encoded
        let text = String(decoding: Data(base64Encoded: Self.padded(encoded))!, as: UTF8.self)
        let flipped = text.replacingOccurrences(of: "d1|0|", with: "d1|1|")
        #expect(DuplicatePageToken(Self.base64URL(flipped)) == nil)
    }

    /// Decodes a token made of these fields and the digest a forger who read the code would compute.
    static func decode(forging fields: [String]) -> DuplicatePageToken? {
        DuplicatePageToken(base64URL(fields.joined(separator: "|") + "|" + forgedDigest(fields)))
    }

    /// The digest of a body as ``DuplicatePageToken`` computes it, recomputed here from the same recipe.
    static func forgedDigest(_ fields: [String]) -> String {
        let body = "loket.civilregistry.duplicate-page|" + fields.joined(separator: "|")
        return SHA256.hash(Array(body.utf8)).prefix(8).map { String(format: "%02x", $0) }.joined()
    }

    static func base64URL(_ text: String) -> String {
        Data(text.utf8).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    static func padded(_ token: String) -> String {
        let base64 = token.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        return base64 + String(repeating: "=", count: (4 - base64.count % 4) % 4)
    }
}
