import Foundation
import LoketPluginAPI
import Testing

@Suite("Migration files")
struct MigrationFilesTests {
    func folder(_ files: [String: String]) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("migrations-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        for (name, text) in files { try text.write(to: url.appendingPathComponent(name), atomically: true, encoding: .utf8) }
        return url
    }

    @Test("files load in number order with their names; other files are ignored")
    func load() throws {
        let url = try folder([
            "0002_add_index.sql": "CREATE INDEX i ON t (a);", "0001_create_t.sql": "CREATE TABLE t (a int);",
            "10_later.sql": "SELECT 1;", "README.md": "notes",
        ])
        defer { try? FileManager.default.removeItem(at: url) }
        let migrations = try Migration.load(from: url)
        #expect(migrations.map(\.id) == [1, 2, 10])
        #expect(migrations.map(\.name) == ["create_t", "add_index", "later"])
        #expect(migrations[0].sql == "CREATE TABLE t (a int);")
    }

    @Test("a malformed name or a repeated number is an error", arguments: [
        ["create.sql": "x"], ["0001_a.sql": "x", "1_b.sql": "y"], ["0_zero.sql": "x"],
    ])
    func malformed(files: [String: String]) throws {
        let url = try folder(files)
        defer { try? FileManager.default.removeItem(at: url) }
        #expect(throws: MigrationFileError.self) { try Migration.load(from: url) }
    }
}
