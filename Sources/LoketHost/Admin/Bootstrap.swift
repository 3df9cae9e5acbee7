import Foundation
import Logging
import LoketPluginAPI
import LoketStore

/// The first administrator of a fresh installation, written straight into the database.
///
/// Every admin RPC needs an administrator's credential, so the very first one cannot come from the admin service:
/// `loketctl bootstrap` calls ``createFirstAdministrator(configuration:name:logger:)``, which needs nothing but a
/// connection to the database. That is no new way in: whoever can write to the database already holds every right.
/// Once any administrator exists it refuses, so a leaked database URL cannot be turned into a fresh key silently
/// (and the attempt changes nothing).
public enum Bootstrap {
    /// The `principal_name` of the audit row a bootstrap appends (no principal made the change).
    public static let auditPrincipalName = "loketctl-bootstrap"
    /// The `method` of the audit row a bootstrap appends.
    public static let auditMethod = "loketctl bootstrap"
    /// The principal name used when none is given.
    public static let defaultName = "admin"

    /// Applies the core migrations, then creates an administrator principal with one API key, in one serializable
    /// transaction that is audited and announced to every running loketd's directory cache.
    ///
    /// Only the core's migrations are applied; the plugins' are applied by loketd when it starts.
    ///
    /// - Parameters:
    ///   - configuration: the database settings are used (`database.url`, else libpq's PG* variables).
    ///   - name: the principal's name: lowercase letters, digits and `._@-`, at most 100 characters.
    /// - Returns: the principal and the key's text, which exists nowhere else: the database keeps only its hash.
    /// - Throws: ``BootstrapError`` when the name is not valid or an administrator already exists; a
    ///   `StoreError` or `MigrationFileError` when the database cannot be reached or migrated.
    public static func createFirstAdministrator(
        configuration: LoketConfiguration, name: String = defaultName, logger: Logger
    ) async throws -> BootstrapResult {
        guard AdminService.isValidPrincipalName(name) else { throw BootstrapError.invalidName(name) }
        var settings = configuration.database.postgresConfiguration
        settings.poolSize = 1
        let pool = PostgresPool(configuration: settings, logger: logger)
        do {
            let core = MigrationSet(owner: "core", migrations: try Migration.load(fromBundle: .module))
            // The migrator logs each migration it applies.
            _ = try await Migrator([core]).migrate(pool, logger: logger)
            let result = try await pool.withTransaction(isolation: .serializable, timeout: .seconds(30)) {
                transaction in
                try await insertAdministrator(name: name, in: transaction)
            }
            await pool.close()
            logger.info("first administrator created", metadata: ["principal": "\(result.principalID)"])
            return result
        } catch {
            await pool.close()
            throw error
        }
    }

    /// The body of the bootstrap transaction; run again as a whole when PostgreSQL reports a serialization
    /// failure (two bootstraps at once: the second attempt then sees the first one's administrator).
    static func insertAdministrator(name: String, in transaction: PostgresTransaction) async throws -> BootstrapResult {
        let existing = try await transaction.query(
            "SELECT name FROM core.principals WHERE role = 'administrator' ORDER BY name")
        if !existing.isEmpty {
            throw BootstrapError.administratorExists(names: existing.compactMap { try? $0.decode(String.self) })
        }
        let taken = try await transaction.query("SELECT 1 FROM core.principals WHERE name = \(name)")
        if !taken.isEmpty { throw BootstrapError.nameTaken(name) }
        let key = APIKey.generate()
        let principalRows = try await transaction.query(
            """
            INSERT INTO core.principals (name, role) VALUES (\(name), \(Role.administrator.rawValue))
            RETURNING id
            """)
        let principal = try principalRows[0].decode(UUID.self)
        let credentialRows = try await transaction.query(
            """
            INSERT INTO core.credentials (principal_id, kind, key_id, secret_sha256, label)
            VALUES (\(principal), 'api_key', \(key.keyID), \(key.secretHash), 'loketctl bootstrap')
            RETURNING id
            """)
        let credential = try credentialRows[0].decode(UUID.self)
        let principalID = principal.uuidString.lowercased()
        let credentialID = credential.uuidString.lowercased()
        // No principal made this change: the audit row names the tool, with no principal id.
        let record = AuditRecord(
            .create,
            subjects: [
                AuditSubject(kind: "principal", id: principalID), AuditSubject(kind: "credential", id: credentialID),
            ], information: ["name", "role", "credential"])
        let caller = Caller(principalID: "", principalName: auditPrincipalName, role: .administrator, department: nil)
        try await transaction.query(StoreAuditWriter.insert(record, caller: caller, method: auditMethod, outcome: "ok"))
        try await DirectoryCache.announceChange(in: transaction)
        return BootstrapResult(principalID: principalID, name: name, credentialID: credentialID, apiKey: key.text)
    }
}

/// What ``Bootstrap/createFirstAdministrator(configuration:name:logger:)`` made.
public struct BootstrapResult: Sendable, Hashable {
    /// The administrator principal's id (a UUID in lowercase text form).
    public var principalID: String
    /// The administrator principal's name.
    public var name: String
    /// The API key credential's id.
    public var credentialID: String
    /// The API key, `lk_<key id>_<secret>`: shown once, stored nowhere but as a hash.
    public var apiKey: String

    /// Creates a result.
    public init(principalID: String, name: String, credentialID: String, apiKey: String) {
        self.principalID = principalID
        self.name = name
        self.credentialID = credentialID
        self.apiKey = apiKey
    }
}

/// Why ``Bootstrap/createFirstAdministrator(configuration:name:logger:)`` refused; nothing was changed.
public enum BootstrapError: Error, Sendable, Hashable, CustomStringConvertible {
    /// An administrator exists already; further principals and keys are made with the admin RPCs.
    case administratorExists(names: [String])
    /// The name is not a valid principal name.
    case invalidName(String)
    /// A principal (not an administrator) already has the name.
    case nameTaken(String)

    public var description: String {
        switch self {
        case .administratorExists(let names):
            let list = names.isEmpty ? "" : " (\(names.joined(separator: ", ")))"
            return "this database already has an administrator\(list); bootstrap only creates the first one. "
                + "Issue further keys with `loketctl key issue` using an administrator's key."
        case .invalidName(let name):
            return "\"\(name)\" is not a valid principal name: lowercase letters, digits and ._@-, starting with a "
                + "letter or digit, at most 100 characters"
        case .nameTaken(let name):
            return "a principal named \"\(name)\" already exists; choose another name with --name"
        }
    }
}
