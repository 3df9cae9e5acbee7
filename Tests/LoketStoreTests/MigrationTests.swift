import Foundation
import LoketStore
import Testing

extension DatabaseTests {
    @Suite("migrations")
    struct MigrationTests {
        static let core = MigrationSet(owner: "core", migrations: [
            Migration(id: 2, name: "add_audit", sql: """
                CREATE TABLE audit (id bigserial PRIMARY KEY, what text NOT NULL);
                INSERT INTO runs VALUES ('core 2');
                """),
            Migration(id: 1, name: "create_runs", sql: """
                CREATE TABLE runs (migration text NOT NULL);
                INSERT INTO runs VALUES ('core 1');
                SELECT pg_sleep(0.2);
                """),
        ])
        static let plugin = MigrationSet(owner: "feedback", migrations: [
            Migration(id: 1, name: "create_surveys", sql: """
                CREATE TABLE surveys (id int PRIMARY KEY);
                INSERT INTO runs VALUES ('feedback 1');
                """)
        ])

        static func runs(_ pool: PostgresPool) async throws -> [String] {
            try await pool.query("SELECT migration FROM runs ORDER BY migration").map { try $0.decode(String.self) }
        }

        @Test("migrations apply in order per owner; a second run is a no-op")
        func twice() async throws {
            try await TestDatabase.withSchema { pool, _ in
                let migrator = Migrator([Self.core, Self.plugin])
                let applied = try await migrator.migrate(pool)
                #expect(applied.map(\.description) == [
                    "core #1 \"create_runs\"", "core #2 \"add_audit\"", "feedback #1 \"create_surveys\"",
                ])
                #expect(try await migrator.migrate(pool).isEmpty)
                #expect(try await Self.runs(pool) == ["core 1", "core 2", "feedback 1"])
                let recorded = try await pool.query("SELECT owner, id, checksum FROM loket_migrations ORDER BY 1, 2")
                #expect(recorded.count == 3)
                #expect(try recorded[0].decode(String.self, at: 2) == Self.core.migrations[1].checksum)
            }
        }

        @Test("two pools migrating at once apply each migration exactly once")
        func concurrent() async throws {
            try await TestDatabase.withSchema { pool, configuration in
                let other = PostgresPool(configuration: configuration)
                let migrator = Migrator([Self.core, Self.plugin])
                async let first = migrator.migrate(pool)
                async let second = migrator.migrate(other)
                let (a, b) = try await (first, second)
                await other.close()
                #expect(a.count + b.count == 3)
                #expect(a.isEmpty || b.isEmpty, "the second migrator waited for the lock and found everything done")
                #expect(try await Self.runs(pool) == ["core 1", "core 2", "feedback 1"])
            }
        }

        @Test("an applied migration that was edited stops the run, naming owner, id and name")
        func edited() async throws {
            try await TestDatabase.withSchema { pool, _ in
                try await Migrator([Self.core]).migrate(pool)
                var edited = Self.core
                edited.migrations[0].sql += "\nCREATE INDEX ON audit (what);"
                let error = await expectStoreError { try await Migrator([edited, Self.plugin]).migrate(pool) }
                #expect(error?.code == .migrationChecksumMismatch)
                let message = error?.message ?? ""
                #expect(message.contains("core #2 \"add_audit\""), "\(message)")
                #expect(message.contains("edited"))
                // Nothing else ran: the plugin's migration waits until the edit is undone.
                #expect(try await Self.runs(pool) == ["core 1", "core 2"])
            }
        }

        @Test("a failing migration is rolled back entirely and named")
        func failing() async throws {
            try await TestDatabase.withSchema { pool, _ in
                let broken = MigrationSet(owner: "core", migrations: [
                    Migration(id: 1, name: "half_done", sql: "CREATE TABLE half (id int); SELECT * FROM missing;")
                ])
                let error = await expectStoreError { try await Migrator([broken]).migrate(pool) }
                #expect(error?.code == .migrationFailed)
                #expect(error?.message.contains("core #1 \"half_done\"") == true)
                let half = try await pool.query("SELECT 1 FROM pg_tables WHERE tablename = 'half'")
                #expect(half.isEmpty)
                let recorded = try await pool.query("SELECT 1 FROM loket_migrations")
                #expect(recorded.isEmpty)
            }
        }

        @Test("a new migration numbered below an applied one is refused")
        func outOfOrder() async throws {
            try await TestDatabase.withSchema { pool, _ in
                let late = MigrationSet(owner: "core", migrations: [Migration(id: 5, name: "five", sql: "SELECT 1")])
                try await Migrator([late]).migrate(pool)
                var withEarlier = late
                withEarlier.migrations.append(Migration(id: 3, name: "three", sql: "SELECT 1"))
                let error = await expectStoreError { try await Migrator([withEarlier]).migrate(pool) }
                #expect(error?.code == .migrationFailed)
                #expect(error?.message.contains("core #3 \"three\"") == true)
            }
        }

        @Test("duplicate owners and ids are refused before touching the database")
        func invalidSets() async throws {
            try await TestDatabase.withSchema { pool, _ in
                let duplicateIDs = MigrationSet(owner: "core", migrations: [
                    Migration(id: 1, name: "a", sql: "SELECT 1"), Migration(id: 1, name: "b", sql: "SELECT 1"),
                ])
                #expect(await expectStoreError { try await Migrator([duplicateIDs]).migrate(pool) }?.code == .misuse)
                let twice = MigrationSet(owner: "core", migrations: [])
                #expect(await expectStoreError { try await Migrator([twice, twice]).migrate(pool) }?.code == .misuse)
            }
        }
    }
}
