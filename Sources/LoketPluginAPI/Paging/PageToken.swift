#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The opaque form of a keyset paging token: a listing's fields (a version first, then where the next page starts
/// and the filters it was made for), a digest of them, as base64url without padding.
///
/// The digest is a checksum, not a signature (plugins hold no secret): an edited or truncated token fails to decode
/// instead of silently starting somewhere else. It covers `purpose` too, so that a token of one listing never
/// passes for another's. Callers still check every field they decode: a token made with a correct digest can name
/// any position, which is harmless when it only points into a listing the caller may read anyway.
public enum PageToken {
    /// The longest token ``decode(_:purpose:fieldCount:)`` looks at.
    public static let maximumLength = 512

    private static let separator: Character = "|"
    /// Bytes of SHA-256 kept: enough to catch any accidental change.
    private static let digestLength = 8

    /// The token for `fields`; none of them may contain `|`.
    public static func encode(_ fields: [String], purpose: String) -> String {
        precondition(!fields.contains { $0.contains(separator) }, "a page token field contains |")
        let body = fields.joined(separator: String(separator))
        let text = body + String(separator) + digest(of: body, purpose: purpose)
        return Data(text.utf8).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// The `fieldCount` fields of a token ``encode(_:purpose:)`` made for `purpose`; nil for anything else
    /// (malformed, truncated, altered, too long, another purpose's).
    public static func decode(_ token: String, purpose: String, fieldCount: Int) -> [String]? {
        guard !token.isEmpty, token.utf8.count <= maximumLength, let text = base64URLDecoded(token) else { return nil }
        var fields = text.split(separator: separator, omittingEmptySubsequences: false).map(String.init)
        guard fields.count == fieldCount + 1, let digest = fields.popLast(),
            digest == self.digest(of: fields.joined(separator: String(separator)), purpose: purpose)
        else { return nil }
        return fields
    }

    /// The value of a decoded field of 1 to `maxDigits` ASCII digits (no sign, no spaces); nil for anything else.
    /// `maxDigits` is at most 18, so that the value always fits an `Int`.
    public static func decimal(_ field: String, maxDigits: Int) -> Int? {
        precondition((1...18).contains(maxDigits), "maxDigits must be 1 to 18")
        let bytes = Array(field.utf8)
        guard (1...maxDigits).contains(bytes.count) else { return nil }
        return Day.number(bytes[...])
    }

    /// The first ``digestLength`` bytes of SHA-256 over the purpose and the body, in lowercase hex.
    private static func digest(of body: String, purpose: String) -> String {
        let hash = SHA256.hash(Array("\(purpose)|\(body)".utf8))
        return hash.prefix(digestLength).map { byte in
            let hex = String(byte, radix: 16)
            return byte < 16 ? "0" + hex : hex
        }.joined()
    }

    /// Base64url (without padding) to UTF-8 text; nil for anything else, padding included.
    private static func base64URLDecoded(_ token: String) -> String? {
        guard token.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }) else {
            return nil
        }
        var base64 = token.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        guard let data = Data(base64Encoded: base64) else { return nil }
        return String(data: data, encoding: .utf8)
    }
}
