import Foundation
import LoketPluginAPI

/// Where the next page of `ListCases` starts: the keyset (time of receipt, id) of the last case of a page, and the
/// status filter that page was listed with. Clients see it as an opaque string (base64url of a versioned text);
/// anything that does not decode to a well-formed token, or that was made for another status filter, is refused.
struct CasePageToken: Equatable, Sendable {
    /// The status filter of the listing, empty for every status.
    var status: String
    /// The last case's time of receipt, RFC 3339 in UTC with microseconds (`2026-03-02T08:15:00.123456Z`): exactly
    /// what the database stores, so that the keyset comparison loses nothing.
    var receivedAt: String
    /// The last case's id.
    var id: UUID

    private static let version = "c1"
    private static let separator: Character = "|"

    init(status: String, receivedAt: String, id: UUID) {
        self.status = status
        self.receivedAt = receivedAt
        self.id = id
    }

    /// Decodes a token; nil when it is not one of ours.
    init?(_ token: String) {
        guard !token.isEmpty, token.count <= 200, let text = Self.base64URLDecoded(token) else { return nil }
        let parts = text.split(separator: Self.separator, omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 4, parts[0] == Self.version,
            parts[1].isEmpty || CaseStatus(rawValue: parts[1]) != nil,
            Self.isTimestamp(parts[2]),
            let id = UUID(uuidString: parts[3])
        else { return nil }
        self.init(status: parts[1], receivedAt: parts[2], id: id)
    }

    /// The opaque form handed to clients.
    var encoded: String {
        let text = [Self.version, status, receivedAt, id.uuidString.lowercased()].joined(separator: String(Self.separator))
        return Data(text.utf8).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// Base64url (without padding) to UTF-8 text.
    private static func base64URLDecoded(_ token: String) -> String? {
        guard token.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }) else {
            return nil
        }
        var base64 = token.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        guard let data = Data(base64Encoded: base64) else { return nil }
        return String(data: data, encoding: .utf8)
    }

    /// True for `YYYY-MM-DDTHH:MM:SS.ffffffZ` naming an existing day and time: what PostgreSQL accepts as a
    /// timestamptz without complaint, so that a forged token cannot make the statement fail.
    static func isTimestamp(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard bytes.count == 27, bytes[10] == UInt8(ascii: "T"), bytes[13] == UInt8(ascii: ":"),
            bytes[16] == UInt8(ascii: ":"), bytes[19] == UInt8(ascii: "."), bytes[26] == UInt8(ascii: "Z"),
            Day(String(decoding: bytes[0..<10], as: UTF8.self)) != nil,
            let hour = number(bytes[11..<13]), let minute = number(bytes[14..<16]),
            let second = number(bytes[17..<19]), number(bytes[20..<26]) != nil
        else { return false }
        return hour < 24 && minute < 60 && second < 60
    }

    private static func number(_ digits: ArraySlice<UInt8>) -> Int? {
        var value = 0
        for byte in digits {
            guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
        }
        return value
    }
}
