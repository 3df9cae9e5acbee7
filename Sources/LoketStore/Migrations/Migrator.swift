import Logging

/// Brings the database's schema up to date at startup: applies every migration not yet recorded in the
/// `loket_migrations` table, set by set in the order given (`core` first, then plugins), by id within a set.
///
/// Runs under a session advisory lock, so that servers starting together apply each migration once: the others
/// wait, then find it recorded. Before changing anything it compares the checksum of every recorded migration with
/// the SQL at hand, and stops with ``StoreError/Code/migrationChecksumMismatch`` when one was edited.
public struct Migrator: Sendable {
    /// The advisory lock key: the bytes of "LoketMig".
    public static let defaultLockKey: Int64 = 0x4C6F_6B65_744D_6967

    /// The sets to apply, in order.
    public var sets: [MigrationSet]
    /// The advisory lock that serializes migrating servers.
    public var lockKey: Int64

    /// Creates a migrator for sets applied in the given order.
    public init(_ sets: [MigrationSet], lockKey: Int64 = Migrator.defaultLockKey) {
        self.sets = sets
        self.lockKey = lockKey
    }

    /// Applies what is missing and returns it (empty when the schema was up to date). Throws ``StoreError``.
    @discardableResult
    public func migrate(
        _ pool: PostgresPool, logger: Logger = Logger(label: "loket.store.migrations")
    ) async throws -> [AppliedMigration] {
        try validate()
        return try await pool.withConnection { connection in
            try await connection.query("SELECT pg_advisory_lock(\(lockKey))")
            do {
                let applied = try await migrate(on: connection, logger: logger)
                try await connection.query("SELECT pg_advisory_unlock(\(lockKey))")
                return applied
            } catch {
                // A lost connection released the lock with the session; otherwise release it here.
                await connection.rollback()
                _ = try? await connection.query("SELECT pg_advisory_unlock(\(lockKey))")
                throw error
            }
        }
    }

    private func migrate(on connection: PostgresConnection, logger: Logger) async throws -> [AppliedMigration] {
        try await connection.query(
            """
            CREATE TABLE IF NOT EXISTS loket_migrations (
                owner text NOT NULL,
                id integer NOT NULL,
                name text NOT NULL,
                checksum text NOT NULL,
                applied_at timestamptz NOT NULL DEFAULT now(),
                PRIMARY KEY (owner, id)
            )
            """)
        let recorded = try await recordedChecksums(on: connection)
        try check(against: recorded)
        var applied: [AppliedMigration] = []
        for set in sets {
            for migration in set.migrations.sorted(by: { $0.id < $1.id })
            where recorded[Key(owner: set.owner, id: migration.id)] == nil {
                try await apply(migration, owner: set.owner, on: connection)
                let entry = AppliedMigration(owner: set.owner, id: migration.id, name: migration.name)
                logger.info("applied migration", metadata: ["migration": "\(entry)"])
                applied.append(entry)
            }
        }
        return applied
    }

    private struct Key: Hashable {
        var owner: String
        var id: Int
    }

    private func recordedChecksums(on connection: PostgresConnection) async throws -> [Key: String] {
        var recorded: [Key: String] = [:]
        for row in try await connection.query("SELECT owner, id, checksum FROM loket_migrations") {
            let (owner, id, checksum) = try row.decode(String.self, Int.self, String.self)
            recorded[Key(owner: owner, id: id)] = checksum
        }
        return recorded
    }

    /// Refuses edited migrations, and new ones numbered below one already applied (they would run out of order).
    private func check(against recorded: [Key: String]) throws {
        for set in sets {
            let highestApplied = recorded.keys.filter { $0.owner == set.owner }.map(\.id).max() ?? 0
            for migration in set.migrations.sorted(by: { $0.id < $1.id }) {
                let label = "\(set.owner) #\(migration.id) \"\(migration.name)\""
                if let checksum = recorded[Key(owner: set.owner, id: migration.id)] {
                    guard checksum == migration.checksum else {
                        throw StoreError(
                            .migrationChecksumMismatch,
                            message: "Migration \(label) was edited after it was applied (recorded checksum "
                                + "\(checksum.prefix(12))…, now \(migration.checksum.prefix(12))…). Restore its "
                                + "original SQL and put the change in a new migration.")
                    }
                } else if migration.id < highestApplied {
                    throw StoreError(
                        .migrationFailed,
                        message: "Migration \(label) is new but \(set.owner) #\(highestApplied) is already applied; "
                            + "give it a number above \(highestApplied).")
                }
            }
        }
    }

    private func apply(_ migration: Migration, owner: String, on connection: PostgresConnection) async throws {
        do {
            try await connection.begin(.readCommitted, timeout: nil)
            try await connection.unsafeExecuteRawScript(migration.sql)
            try await connection.query(
                """
                INSERT INTO loket_migrations (owner, id, name, checksum)
                VALUES (\(owner), \(migration.id), \(migration.name), \(migration.checksum))
                """)
            try await connection.commit()
        } catch {
            await connection.rollback()
            throw StoreError(
                .migrationFailed, message: "Migration \(owner) #\(migration.id) \"\(migration.name)\" failed.",
                cause: (error as? StoreError) ?? StoreError(.queryFailed, cause: LibPQError("\(error)")))
        }
    }

    private func validate() throws {
        var owners = Set<String>()
        for set in sets {
            guard !set.owner.isEmpty, owners.insert(set.owner).inserted else {
                throw StoreError(.misuse, message: "Migration owners must be named and unique (\"\(set.owner)\").")
            }
            var ids = Set<Int>()
            for migration in set.migrations {
                guard migration.id > 0, ids.insert(migration.id).inserted else {
                    throw StoreError(
                        .misuse, message: "Migration \(set.owner) #\(migration.id) has a duplicate or non-positive id.")
                }
            }
        }
    }
}
