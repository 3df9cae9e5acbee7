import LoketSQL
import Testing

@testable import LoketStore

@Suite("prepared-statement keys")
struct StatementKeyTests {
    typealias Key = PostgresConnection.StatementKey

    @Test("the same text and parameter types make one key, whatever the values; the kept form matches it")
    func sameStatement() {
        let first = Key("SELECT name FROM persons WHERE id = \(1) AND city = \("Leuven")")
        let second = Key("SELECT name FROM persons WHERE id = \(2) AND city = \("Gent")")
        #expect(first == second)
        #expect(first.hashValue == second.hashValue)
        #expect(first.stored == second)
        #expect(first.stored.hashValue == second.hashValue)
        // Text binds with no declared type, so that the server infers one (a date, an enum, ...).
        #expect(first.stored.types == [PostgresDataType.int8.rawValue, PostgresDataType.unspecified.rawValue])
        var cache: [Key: String] = [first.stored: "loket_1"]
        #expect(cache[second] == "loket_1")
        cache[second] = nil
        #expect(cache.isEmpty)
    }

    @Test("other parameter types, another count or other text make another key")
    func otherStatements() {
        let integer = Key("SELECT \(1)")
        #expect(integer != Key("SELECT \("1")"))
        #expect(integer != Key("SELECT \(Int32(1))"))
        #expect(integer != Key("SELECT $1"))
        #expect(integer != Key("SELECT \(1) + \(1)"))
        #expect(integer != Key("SELECT  \(1)"))
        let null: Int? = nil
        #expect(integer == Key("SELECT \(null)"))
    }
}
