import Foundation
import LoketRPC
import LoketStore
import Testing

extension DatabaseTests {
    @Suite("error mapping")
    struct ErrorMappingTests {
        static let schema = """
            CREATE TABLE municipalities (nis_code int PRIMARY KEY);
            CREATE TABLE citizens (
                national_number text NOT NULL CONSTRAINT citizens_national_number_key UNIQUE,
                municipality int REFERENCES municipalities (nis_code),
                age int CHECK (age >= 0)
            );
            INSERT INTO municipalities VALUES (46021);
            """

        /// Sets up the tables through a migration (the only path for multi-statement SQL).
        static func prepare(_ pool: PostgresPool) async throws {
            try await Migrator([
                MigrationSet(owner: "test", migrations: [Migration(id: 1, name: "citizens", sql: schema)])
            ]).migrate(pool)
        }

        /// What the client sees must name neither the SQL, nor the tables, nor the values.
        static func expectClientSafe(_ error: StoreError?, sourceLocation: SourceLocation = #_sourceLocation) {
            guard let error else { return }
            let visible = error.rpcError.message + error.message
            for secret in ["INSERT", "citizens", "municipal", "85073003328", "secret_column", "SELECT", "nowhere"] {
                #expect(!visible.contains(secret), "client message shows \(secret): \(visible)",
                        sourceLocation: sourceLocation)
            }
        }

        @Test("unique violation: ALREADY_EXISTS, constraint kept for the server")
        func unique() async throws {
            try await TestDatabase.withSchema { pool, _ in
                try await Self.prepare(pool)
                try await pool.query("INSERT INTO citizens (national_number) VALUES (\("85073003328"))")
                let error = await expectStoreError {
                    try await pool.query("INSERT INTO citizens (national_number) VALUES (\("85073003328"))")
                }
                #expect(error?.code == .uniqueViolation)
                #expect(error?.sqlState == "23505")
                #expect(error?.constraint == "citizens_national_number_key")
                #expect(error?.rpcError.code == .alreadyExists)
                Self.expectClientSafe(error)
                // The server's own words stay available to logs through the cause.
                let logged = String(describing: error?.rpcError.cause as Any)
                #expect(logged.contains("85073003328"))
            }
        }

        @Test("foreign-key violation: FAILED_PRECONDITION")
        func foreignKey() async throws {
            try await TestDatabase.withSchema { pool, _ in
                try await Self.prepare(pool)
                let error = await expectStoreError {
                    try await pool.query(
                        "INSERT INTO citizens (national_number, municipality) VALUES (\("85073003328"), \(99999))")
                }
                #expect(error?.code == .foreignKeyViolation)
                #expect(error?.rpcError.code == .failedPrecondition)
                Self.expectClientSafe(error)
            }
        }

        @Test("check, not-null and bad-value violations: INVALID_ARGUMENT")
        func invalidArguments() async throws {
            try await TestDatabase.withSchema { pool, _ in
                try await Self.prepare(pool)
                let check = await expectStoreError {
                    try await pool.query("INSERT INTO citizens (national_number, age) VALUES (\("1"), \(-1))")
                }
                #expect(check?.code == .checkViolation)
                #expect(check?.rpcError.code == .invalidArgument)
                let notNull = await expectStoreError {
                    try await pool.query("INSERT INTO citizens (age) VALUES (\(30))")
                }
                #expect(notNull?.code == .notNullViolation)
                #expect(notNull?.rpcError.code == .invalidArgument)
                let badValue = await expectStoreError { try await pool.query("SELECT \("abc")::int") }
                #expect(badValue?.code == .invalidValue)
                #expect(badValue?.rpcError.code == .invalidArgument)
                for error in [check, notNull, badValue] { Self.expectClientSafe(error) }
            }
        }

        @Test("a failing statement is INTERNAL and its SQL never reaches the client")
        func internalError() async throws {
            try await TestDatabase.withSchema { pool, _ in
                let error = await expectStoreError { try await pool.query("SELECT secret_column FROM nowhere") }
                #expect(error?.code == .queryFailed)
                #expect(error?.rpcError.code == .internal)
                #expect(error?.sqlState == "42P01")
                Self.expectClientSafe(error)
                let unwrapped = try #require(error)
                #expect(RPCError(unwrapped).message == "An internal database error occurred.")
            }
        }

        @Test("an unreachable server is connectionFailed, UNAVAILABLE")
        func unreachable() async throws {
            let pool = PostgresPool(configuration: PostgresConfiguration(
                connectionString: "postgresql://loket@127.0.0.1:1/loket", poolSize: 1))
            let error = await expectStoreError { try await pool.query("SELECT 1") }
            #expect(error?.code == .connectionFailed)
            #expect(error?.rpcError.code == .unavailable)
            await pool.close()
        }

        @Test("every code maps to a status and a message without SQL", arguments: StoreError.Code.allCases)
        func everyCode(code: StoreError.Code) {
            let error = StoreError(code)
            #expect(error.rpcError.code != .ok)
            #expect(!error.message.isEmpty)
            #expect(error.rpcError.message == error.message)
        }
    }
}
