import LoketPluginAPI
import Testing

@testable import LoketHost

@Suite("Audit rows")
struct AuditRowTests {
    @Test("a batch travels column by column; text arrays as quoted, escaped array literals")
    func columns() throws {
        let caller = Caller(
            principalID: "9F1C7A52-3E1B-4C1A-9D7E-2B5A0C3D4E5F", principalName: "an.peeters", role: .clerk,
            department: nil, purpose: "dossier 12")
        let anonymous = Caller(principalID: "", principalName: "anonymous", role: .anonymous, department: "x")
        let record = AuditRecord(
            .read, subjects: [.person("85073003328"), AuditSubject(kind: "act", id: #"a"b\c,{d}"#)],
            information: [])
        let rows = AuditRows([
            AuditRow(record, caller: caller, method: "/a.B/C"),
            AuditRow(AuditRecord(.update, subjects: [], information: ["name"]), caller: anonymous, method: "/a.B/D"),
        ])
        #expect(rows.principalIDs == ["9f1c7a52-3e1b-4c1a-9d7e-2b5a0c3d4e5f", nil])
        #expect(rows.principalNames == ["an.peeters", "anonymous"])
        #expect(rows.roles == ["clerk", "anonymous"])
        #expect(rows.departmentIDs == [nil, "x"])
        #expect(rows.methods == ["/a.B/C", "/a.B/D"])
        #expect(rows.actions == ["read", "update"])
        #expect(rows.subjects == [#"{"person:85073003328","act:a\"b\\c,{d}"}"#, "{}"])
        #expect(rows.information == ["{}", #"{"name"}"#])
        #expect(rows.purposes == ["dossier 12", nil])
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
