import Foundation
import LoketPluginAPI

/// Where the next page of `ListCases` starts: the keyset (time of receipt, id) of the last case of a page, and the
/// status filter that page was listed with. Clients see an opaque ``LoketPluginAPI/PageToken`` (versioned fields
/// and a digest); anything that does not decode to a well-formed token, or that was made for another status filter,
/// is refused.
struct CasePageToken: Equatable, Sendable {
    /// The status filter of the listing, empty for every status.
    var status: String
    /// The last case's time of receipt, RFC 3339 in UTC with microseconds (`2026-03-02T08:15:00.123456Z`): exactly
    /// what the database stores, so that the keyset comparison loses nothing.
    var receivedAt: String
    /// The last case's id.
    var id: UUID

    /// Version 2 added the digest; version 1 tokens (short-lived, a listing's next page) are refused.
    private static let version = "c2"
    private static let purpose = "loket.feedback.case-page"

    init(status: String, receivedAt: String, id: UUID) {
        self.status = status
        self.receivedAt = receivedAt
        self.id = id
    }

    /// Decodes a token; nil when it is not one of ours.
    init?(_ token: String) {
        guard let parts = PageToken.decode(token, purpose: Self.purpose, fieldCount: 4), parts[0] == Self.version,
            parts[1].isEmpty || CaseStatus(rawValue: parts[1]) != nil,
            Self.isTimestamp(parts[2]),
            let id = UUID(uuidString: parts[3])
        else { return nil }
        self.init(status: parts[1], receivedAt: parts[2], id: id)
    }

    /// The opaque form handed to clients.
    var encoded: String {
        PageToken.encode([Self.version, status, receivedAt, id.uuidString.lowercased()], purpose: Self.purpose)
    }

    /// True for `YYYY-MM-DDTHH:MM:SS.ffffffZ` naming an existing day and time: what PostgreSQL accepts as a
    /// timestamptz without complaint, so that a forged token cannot make the statement fail.
    static func isTimestamp(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard bytes.count == 27, bytes[10] == UInt8(ascii: "T"), bytes[13] == UInt8(ascii: ":"),
            bytes[16] == UInt8(ascii: ":"), bytes[19] == UInt8(ascii: "."), bytes[26] == UInt8(ascii: "Z"),
            Day(String(decoding: bytes[0..<10], as: UTF8.self)) != nil,
            let hour = Day.number(bytes[11..<13]), let minute = Day.number(bytes[14..<16]),
            let second = Day.number(bytes[17..<19]), Day.number(bytes[20..<26]) != nil
        else { return false }
        return hour < 24 && minute < 60 && second < 60
    }
}
