import Foundation
import LoketStore
import Testing

@testable import LoketHost

/// A database of its own with the core's schema migrated, on the PostgreSQL server the test command starts (found
/// through the `PG*` variables or `DATABASE_URL`); dropped afterwards.
enum CoreDatabase {
    struct SetupError: Error, CustomStringConvertible {
        var description: String
    }

    static func with<Result>(
        poolSize: Int = 4, _ body: (PostgresPool, PostgresConfiguration) async throws -> Result
    ) async throws -> Result {
        let environment = ProcessInfo.processInfo.environment
        let url = environment["DATABASE_URL"] ?? ""
        guard !url.isEmpty || !(environment["PGHOST"] ?? "").isEmpty else {
            throw SetupError(
                description: "PGHOST is not set: these tests need a running PostgreSQL. Run them through "
                    + "scripts/test.sh, or `scripts/postgres.sh start` and `eval \"$(scripts/postgres.sh env)\"` first.")
        }
        let name = "loket_host_test_" + UUID().uuidString.prefix(8).lowercased()
        let admin = PostgresPool(configuration: PostgresConfiguration(connectionString: url, poolSize: 1))
        try await admin.query("CREATE DATABASE \(identifier: name)")
        let configuration = PostgresConfiguration(
            connectionString: try connectionString(url, database: name), poolSize: poolSize)
        let pool = PostgresPool(configuration: configuration)
        do {
            _ = try await Migrator([try LoketApplication.coreMigrations()]).migrate(pool)
            let result = try await body(pool, configuration)
            await pool.close()
            try await drop(name, with: admin)
            await admin.close()
            return result
        } catch {
            await pool.close()
            try? await drop(name, with: admin)
            await admin.close()
            throw error
        }
    }

    /// Drops the database; retried a few times, because an autovacuum worker that has just started on it cannot be
    /// terminated by a non-superuser (42501) and ends within moments.
    private static func drop(_ name: String, with admin: PostgresPool) async throws {
        var attempt = 0
        while true {
            do {
                try await admin.query("DROP DATABASE \(identifier: name) WITH (FORCE)")
                return
            } catch let error as StoreError where error.sqlState == "42501" && attempt < 20 {
                attempt += 1
                try await Task.sleep(for: .milliseconds(100))
            }
        }
    }

    /// `url` (a `postgresql://` URL, or empty for the `PG*` variables) with another database.
    private static func connectionString(_ url: String, database: String) throws -> String {
        guard !url.isEmpty else { return "dbname=\(database)" }
        guard var components = URLComponents(string: url) else {
            throw SetupError(description: "DATABASE_URL is not a URL")
        }
        components.path = "/" + database
        return components.string ?? url
    }
}
