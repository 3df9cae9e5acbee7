import Foundation
import LoketPluginAPI
import Testing

@testable import CorrespondencePlugin

@Suite("Deadline page tokens")
struct DeadlinePageTokenTests {
    static let id = UUID(uuidString: "3f2a9c4e-1b7d-4e8a-9c2f-5d6e7f809a1b")!

    static func token(department: String = "burgerzaken", dueWithin: Int = 2) throws -> DeadlinePageToken {
        DeadlinePageToken(department: department, dueWithin: dueWithin, dueOn: try #require(Day("2026-03-02")), id: id)
    }

    @Test("A token reads back what it was made with, for one department and for all")
    func roundTrip() throws {
        for token in [try Self.token(), try Self.token(department: "", dueWithin: 60)] {
            let decoded = try #require(DeadlinePageToken(token.encoded))
            #expect(decoded == token)
            #expect(decoded.matches(department: token.department, dueWithin: token.dueWithin))
        }
    }

    @Test("A token made for other filters does not match them")
    func otherFilters() throws {
        let decoded = try #require(DeadlinePageToken(try Self.token().encoded))
        #expect(!decoded.matches(department: "", dueWithin: 2))
        #expect(!decoded.matches(department: "financien", dueWithin: 2))
        #expect(!decoded.matches(department: "burgerzaken", dueWithin: 3))
    }

    @Test("An edited or truncated token is refused")
    func edited() throws {
        let encoded = try Self.token().encoded
        // Each character changed in turn: the digest (or the base64url form) catches every one.
        for index in encoded.indices {
            let replacement: Character = encoded[index] == "A" ? "B" : "A"
            var edited = encoded
            edited.replaceSubrange(index...index, with: String(replacement))
            #expect(DeadlinePageToken(edited) == nil, "\(edited)")
        }
        #expect(DeadlinePageToken(String(encoded.dropLast())) == nil)
        #expect(DeadlinePageToken(encoded + "A") == nil)
        #expect(DeadlinePageToken("") == nil)
    }

    @Test("A token of another listing is refused, even with the same fields")
    func otherPurpose() throws {
        let fields = ["l1", "burgerzaken", "2", "2026-03-02", Self.id.uuidString.lowercased()]
        #expect(DeadlinePageToken(PageToken.encode(fields, purpose: "loket.feedback.case-page")) == nil)
        #expect(DeadlinePageToken(PageToken.encode(fields, purpose: "loket.correspondence.deadline-page")) != nil)
    }

    @Test("Fields out of range are refused although the digest is right", arguments: [
        ["l2", "burgerzaken", "2", "2026-03-02", "3f2a9c4e-1b7d-4e8a-9c2f-5d6e7f809a1b"],
        ["l1", "Burgerzaken", "2", "2026-03-02", "3f2a9c4e-1b7d-4e8a-9c2f-5d6e7f809a1b"],
        ["l1", "burger zaken", "2", "2026-03-02", "3f2a9c4e-1b7d-4e8a-9c2f-5d6e7f809a1b"],
        ["l1", String(repeating: "a", count: 41), "2", "2026-03-02", "3f2a9c4e-1b7d-4e8a-9c2f-5d6e7f809a1b"],
        ["l1", "burgerzaken", "0", "2026-03-02", "3f2a9c4e-1b7d-4e8a-9c2f-5d6e7f809a1b"],
        ["l1", "burgerzaken", "61", "2026-03-02", "3f2a9c4e-1b7d-4e8a-9c2f-5d6e7f809a1b"],
        ["l1", "burgerzaken", "-1", "2026-03-02", "3f2a9c4e-1b7d-4e8a-9c2f-5d6e7f809a1b"],
        ["l1", "burgerzaken", "+2", "2026-03-02", "3f2a9c4e-1b7d-4e8a-9c2f-5d6e7f809a1b"],
        ["l1", "burgerzaken", "002", "2026-03-02", "3f2a9c4e-1b7d-4e8a-9c2f-5d6e7f809a1b"],
        ["l1", "burgerzaken", "2", "2026-02-30", "3f2a9c4e-1b7d-4e8a-9c2f-5d6e7f809a1b"],
        ["l1", "burgerzaken", "2", "2026-3-2", "3f2a9c4e-1b7d-4e8a-9c2f-5d6e7f809a1b"],
        ["l1", "burgerzaken", "2", "0000-01-01", "3f2a9c4e-1b7d-4e8a-9c2f-5d6e7f809a1b"],
        ["l1", "burgerzaken", "2", "10000-01-01", "3f2a9c4e-1b7d-4e8a-9c2f-5d6e7f809a1b"],
        ["l1", "burgerzaken", "2", "2026-03-02", "3F2A9C4E-1B7D-4E8A-9C2F-5D6E7F809A1B"],
        ["l1", "burgerzaken", "2", "2026-03-02", "not-a-uuid"],
    ])
    func outOfRange(_ fields: [String]) {
        #expect(DeadlinePageToken(PageToken.encode(fields, purpose: "loket.correspondence.deadline-page")) == nil)
    }
}
