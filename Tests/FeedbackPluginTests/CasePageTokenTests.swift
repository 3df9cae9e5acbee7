import Foundation
import LoketPluginAPI
import Testing

@testable import FeedbackPlugin

@Suite struct CasePageTokenTests {
    let id = UUID(uuidString: "0b6f8f3e-5d1c-4a47-9c55-2f3d0c7e9a11")!

    @Test func aTokenDecodesToWhatItWasMadeOf() throws {
        for status in ["", "received", "in_treatment", "answered", "closed"] {
            let token = CasePageToken(status: status, receivedAt: "2026-03-02T08:15:00.123456Z", id: id)
            #expect(CasePageToken(token.encoded) == token)
        }
    }

    @Test func theTokenIsOpaqueAndSafeInAURL() {
        let encoded = CasePageToken(status: "closed", receivedAt: "2026-03-02T08:15:00.000001Z", id: id).encoded
        #expect(!encoded.contains("2026") && !encoded.contains("closed"))
        #expect(encoded.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") })
    }

    @Test func garbageIsNoToken() {
        // Well-formed tokens (correct digest) whose fields are wrong, and a first version token without digest.
        let encode = { (text: String) in
            PageToken.encode(text.split(separator: "|", omittingEmptySubsequences: false).map(String.init),
                             purpose: "loket.feedback.case-page")
        }
        let plain = { (text: String) in
            Data(text.utf8).base64EncodedString().replacingOccurrences(of: "=", with: "")
                .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
        }
        let refused = [
            "", "abc", "not a token!", "====", String(repeating: "A", count: 300),
            plain("c1|closed|2026-03-02T08:15:00.123456Z|\(id.uuidString)"),  // version 1: no digest
            encode("c2|closed|2026-03-02T08:15:00.123456Z"),  // a part missing
            encode("c3|closed|2026-03-02T08:15:00.123456Z|\(id.uuidString)"),  // another version
            encode("c2|archived|2026-03-02T08:15:00.123456Z|\(id.uuidString)"),  // no such status
            encode("c2||2026-02-30T08:15:00.123456Z|\(id.uuidString)"),  // no such day
            encode("c2||2026-03-02T24:15:00.123456Z|\(id.uuidString)"),  // no such hour
            encode("c2||2026-03-02T08:15:00Z|\(id.uuidString)"),  // no microseconds
            encode("c2||2026-03-02 08:15:00.123456+01|\(id.uuidString)"),  // another format
            encode("c2||2026-03-02T08:15:00.123456Z|42"),  // no id
        ]
        for token in refused {
            #expect(CasePageToken(token) == nil, "\(token)")
        }
    }

    @Test func anEditedTokenIsRefused() {
        let encoded = CasePageToken(status: "closed", receivedAt: "2026-03-02T08:15:00.000001Z", id: id).encoded
        var bytes = Array(encoded.utf8)
        for index in bytes.indices {
            let original = bytes[index]
            bytes[index] = original == UInt8(ascii: "A") ? UInt8(ascii: "B") : UInt8(ascii: "A")
            #expect(CasePageToken(String(decoding: bytes, as: UTF8.self)) == nil, "position \(index)")
            bytes[index] = original
        }
        #expect(CasePageToken(String(encoded.dropLast(2))) == nil)
    }

    @Test func timestampsAreCheckedStrictly() {
        #expect(CasePageToken.isTimestamp("2024-02-29T23:59:59.999999Z"))
        #expect(!CasePageToken.isTimestamp("2023-02-29T23:59:59.999999Z"))
        #expect(!CasePageToken.isTimestamp("2024-02-28T23:60:00.000000Z"))
        #expect(!CasePageToken.isTimestamp("2024-02-28T23:59:60.000000Z"))
        #expect(!CasePageToken.isTimestamp("2024-02-28T23:59:59.99999xZ"))
    }
}
