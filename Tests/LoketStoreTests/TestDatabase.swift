import Foundation
import LoketStore
import Testing

/// The PostgreSQL server the tests run against: the one `scripts/test.sh` starts (found through the `PG*`
/// variables it exports), or `DATABASE_URL`. Each test gets a schema of its own, dropped afterwards.
enum TestDatabase {
    struct SetupError: Error, CustomStringConvertible {
        var description: String
    }

    /// The server's configuration, or a failure that says how to run these tests.
    static func configuration() throws -> PostgresConfiguration {
        let environment = ProcessInfo.processInfo.environment
        if let url = environment["DATABASE_URL"], !url.isEmpty {
            return PostgresConfiguration(connectionString: url)
        }
        guard let host = environment["PGHOST"], !host.isEmpty else {
            throw SetupError(
                description: "PGHOST is not set: the LoketStore tests need a running PostgreSQL. Run them through "
                    + "scripts/test.sh, which starts one, or run `scripts/postgres.sh start` and "
                    + "`eval \"$(scripts/postgres.sh env)\"` first.")
        }
        return PostgresConfiguration()
    }

    /// Whether the server is the embedded cluster of scripts/postgres.sh, which a test may stop and start.
    static var isEmbeddedCluster: Bool {
        (ProcessInfo.processInfo.environment["DATABASE_URL"] ?? "").isEmpty
    }

    /// Runs `body` with a pool whose connections use a fresh schema (their `search_path`), dropped afterwards.
    static func withSchema<Result>(
        poolSize: Int = 4,
        configure: (inout PostgresConfiguration) -> Void = { _ in },
        _ body: (PostgresPool, PostgresConfiguration) async throws -> Result
    ) async throws -> Result {
        let base = try configuration()
        let admin = PostgresPool(configuration: PostgresConfiguration(
            connectionString: base.connectionString, poolSize: 1))
        let schema = "loket_test_" + UUID().uuidString.prefix(8).lowercased()
        try await admin.query("CREATE SCHEMA \(identifier: schema)")
        var configuration = base
        configuration.poolSize = poolSize
        configuration.sessionSettings["search_path"] = schema
        configure(&configuration)
        let pool = PostgresPool(configuration: configuration)
        do {
            let result = try await body(pool, configuration)
            await pool.close()
            try await admin.query("DROP SCHEMA \(identifier: schema) CASCADE")
            await admin.close()
            return result
        } catch {
            await pool.close()
            _ = try? await admin.query("DROP SCHEMA \(identifier: schema) CASCADE")
            await admin.close()
            throw error
        }
    }

    /// Runs `body` with a one-connection pool outside any test schema, for administrative statements.
    @discardableResult
    static func withAdminPool<Result>(_ body: (PostgresPool) async throws -> Result) async throws -> Result {
        let base = try configuration()
        let admin = PostgresPool(configuration: PostgresConfiguration(
            connectionString: base.connectionString, poolSize: 1))
        do {
            let result = try await body(admin)
            await admin.close()
            return result
        } catch {
            await admin.close()
            throw error
        }
    }
}

/// Every test that needs the server, run one at a time: one of them restarts the server.
@Suite("LoketStore against PostgreSQL", .serialized)
struct DatabaseTests {}
