import Foundation
import LoketSQL

extension Migration {
    /// The migrations in `directory`: every file named `<number>_<name>.sql` (`0001_create_persons.sql`), ordered by
    /// number. Other files are ignored; a malformed or duplicate number is an error, so that a typo cannot skip a
    /// step silently.
    public static func load(from directory: URL) throws -> [Migration] {
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        var migrations: [Migration] = []
        for name in names where name.hasSuffix(".sql") {
            let stem = name.dropLast(4)
            guard let underscore = stem.firstIndex(of: "_"), let id = Int(stem[..<underscore]), id > 0 else {
                throw MigrationFileError(file: name, problem: "the name must be <number>_<name>.sql")
            }
            if migrations.contains(where: { $0.id == id }) {
                throw MigrationFileError(file: name, problem: "another file has number \(id)")
            }
            let data = try Data(contentsOf: directory.appendingPathComponent(name))
            guard let sql = String(data: data, encoding: .utf8) else {
                throw MigrationFileError(file: name, problem: "the file is not UTF-8 text")
            }
            migrations.append(Migration(id: id, name: String(stem[stem.index(after: underscore)...]), sql: sql))
        }
        return migrations.sorted { $0.id < $1.id }
    }

    /// The migrations in the `Migrations` folder of a module's resource bundle: pass `Bundle.module` from a module
    /// whose target declares `resources: [.copy("Migrations")]`.
    public static func load(fromBundle bundle: Bundle, folder: String = "Migrations") throws -> [Migration] {
        guard let url = bundle.url(forResource: folder, withExtension: nil) else {
            throw MigrationFileError(file: folder, problem: "the folder is missing from \(bundle.bundlePath)")
        }
        return try load(from: url)
    }
}
