import Foundation
import LoketStore
import Testing

@Suite("PostgresQuery")
struct PostgresQueryTests {
    @Test("interpolated values become numbered parameters, never SQL")
    func parameters() {
        let id = 42
        let name = "Robert'); DROP TABLE citizens;--"
        let query: PostgresQuery = "SELECT * FROM citizens WHERE id = \(id) AND name = \(name)"
        #expect(query.sql == "SELECT * FROM citizens WHERE id = $1 AND name = $2")
        #expect(query.bindings.count == 2)
        #expect(query.bindings[0] == PostgresBinding(type: .int8, format: .binary, bytes: [0, 0, 0, 0, 0, 0, 0, 42]))
        #expect(query.bindings[1].bytes == Array(name.utf8))
        #expect(!query.description.contains("DROP"))
    }

    @Test("nil binds a typed NULL")
    func nullParameter() {
        let missing: Int32? = nil
        let query: PostgresQuery = "SELECT \(missing)"
        #expect(query.bindings == [PostgresBinding(type: .int4, format: .binary, bytes: nil)])
    }

    @Test("identifiers are quoted with inner quotes doubled")
    func identifiers() {
        let schema = "odd\"name"
        let query: PostgresQuery = "SET search_path TO \(identifier: schema)"
        #expect(query.sql == "SET search_path TO \"odd\"\"name\"")
        #expect(query.bindings.isEmpty)
    }

    @Test("the raw escape hatch takes text as SQL")
    func unsafeRaw() {
        let order = "name DESC"
        let query: PostgresQuery = "SELECT name FROM t ORDER BY \(unsafeRawSQL: order) LIMIT \(10)"
        #expect(query.sql == "SELECT name FROM t ORDER BY name DESC LIMIT $1")
        #expect(PostgresQuery.unsafeRawSQL("SELECT 1").sql == "SELECT 1")
    }
}
