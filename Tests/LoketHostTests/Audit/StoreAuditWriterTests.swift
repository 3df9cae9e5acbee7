import LoketPluginAPI
import LoketStore
import Testing

@testable import LoketHost

@Suite("Store audit writer", .serialized)
struct StoreAuditWriterTests {
    @Test("a refused call's record is appended with outcome denied, an ordinary one with ok")
    func outcomes() async throws {
        try await CoreDatabase.with { pool, _ in
            let caller = Caller(
                principalID: "9f1c7a52-3e1b-4c1a-9d7e-2b5a0c3d4e5f", principalName: "an.peeters", role: .clerk,
                department: "burgerzaken", purpose: "dossier 12")
            let record = AuditRecord(.read, subjects: [.person("85073003328")], information: ["name"])
            try await pool.query(StoreAuditWriter.insert(record, caller: caller, method: "/a.B/C", outcome: "denied"))
            try await pool.withTransaction { transaction in
                try await transaction.query(
                    StoreAuditWriter.insert(record, caller: caller, method: "/a.B/D", outcome: "ok"))
            }
            let rows = try await pool.query("""
                SELECT principal_id::text, method, subjects, information, purpose, outcome
                FROM core.audit_log ORDER BY id
                """)
            #expect(rows.count == 2)
            for (row, expected) in zip(rows, [("/a.B/C", "denied"), ("/a.B/D", "ok")]) {
                #expect(try row.decode(String?.self, at: 0) == "9f1c7a52-3e1b-4c1a-9d7e-2b5a0c3d4e5f")
                #expect(try row.decode(String.self, at: 1) == expected.0)
                #expect(try row.decode([String].self, at: 2) == ["person:85073003328"])
                #expect(try row.decode([String].self, at: 3) == ["name"])
                #expect(try row.decode(String?.self, at: 4) == "dossier 12")
                #expect(try row.decode(String.self, at: 5) == expected.1)
            }
        }
    }
}
