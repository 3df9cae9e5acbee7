import Foundation
import LoketPluginAPI
import Testing

@testable import LoketHost

@Suite("Audit row JSON")
struct AuditRowTests {
    @Test("rows become a JSON array that a JSON parser reads back exactly, whatever the text holds")
    func jsonRoundTrip() throws {
        let awkward = "quote \" backslash \\ newline \n tab \t return \r bell \u{7} é 中 🙂 </script>"
        let caller = Caller(
            principalID: "9F1C7A52-3E1B-4C1A-9D7E-2B5A0C3D4E5F", principalName: awkward, role: .clerk,
            department: nil, purpose: awkward)
        let record = AuditRecord(.read, subjects: [.person("85073003328"), AuditSubject(kind: "act", id: awkward)],
                                 information: [])
        let anonymous = Caller(principalID: "", principalName: "anonymous", role: .anonymous, department: "x")
        let rows = [
            AuditRow(record, caller: caller, method: "/a.B/C"),
            AuditRow(AuditRecord(.update, subjects: []), caller: anonymous, method: "/a.B/D"),
        ]
        let parsed = try #require(
            try JSONSerialization.jsonObject(with: Data(AuditRow.json(rows).utf8)) as? [[String: Any]])
        #expect(parsed.count == 2)
        #expect(parsed[0]["principal_id"] as? String == "9f1c7a52-3e1b-4c1a-9d7e-2b5a0c3d4e5f")
        #expect(parsed[0]["principal_name"] as? String == awkward)
        #expect(parsed[0]["purpose"] as? String == awkward)
        #expect(parsed[0]["department_id"] is NSNull)
        #expect(parsed[0]["subjects"] as? [String] == ["person:85073003328", "act:" + awkward])
        #expect(parsed[0]["information"] as? [String] == [])
        #expect(parsed[0]["action"] as? String == "read")
        #expect(parsed[0]["method"] as? String == "/a.B/C")
        #expect(parsed[1]["principal_id"] is NSNull)
        #expect(parsed[1]["purpose"] is NSNull)
        #expect(parsed[1]["department_id"] as? String == "x")
        #expect(parsed[1]["role"] as? String == "anonymous")
        #expect(AuditRow.json([]) == "[]")
    }

    @Test("only 36-character UUIDs count as principal ids")
    func uuidShape() {
        #expect(AuditRow.isUUID("9f1c7a52-3e1b-4c1a-9d7e-2b5a0c3d4e5f"))
        #expect(AuditRow.isUUID("9F1C7A52-3E1B-4C1A-9D7E-2B5A0C3D4E5F"))
        #expect(!AuditRow.isUUID(""))
        #expect(!AuditRow.isUUID("9f1c7a52-3e1b-4c1a-9d7e-2b5a0c3d4e5"))
        #expect(!AuditRow.isUUID("9f1c7a52-3e1b-4c1a-9d7e-2b5a0c3d4e5f0"))
        #expect(!AuditRow.isUUID("9f1c7a52x3e1b-4c1a-9d7e-2b5a0c3d4e5f"))
        #expect(!AuditRow.isUUID("9f1c7a52-3e1b-4c1a-9d7e-2b5a0c3d4e5g"))
        #expect(!AuditRow.isUUID("anonymous"))
    }
}
