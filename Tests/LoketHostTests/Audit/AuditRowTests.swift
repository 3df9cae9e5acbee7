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
        #expect(rows.outcomes == ["ok", "ok"])
    }

    @Test("rows sharing an information array share its literal; a different array gets its own")
    func informationLiterals() {
        let caller = Caller(principalID: "", principalName: "x", role: .clerk, department: "d")
        let shared = ["name", "address"]
        let informations = [shared, shared, ["name"], shared, [], shared]
        let rows = AuditRows(informations.map {
            AuditRow(AuditRecord(.read, subjects: [], information: $0), caller: caller, method: "/a.B/C")
        })
        #expect(rows.information == informations.map(AuditRow.arrayLiteral))
        #expect(rows.information == [
            #"{"name","address"}"#, #"{"name","address"}"#, #"{"name"}"#, #"{"name","address"}"#, "{}",
            #"{"name","address"}"#,
        ])
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
