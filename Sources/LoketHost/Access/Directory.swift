import Foundation
import LoketPluginAPI
import LoketStore

/// A snapshot of who may call what: departments, plugin enablement, principals and their live credentials.
///
/// The tables are small (tens of departments, hundreds of principals), so every instance keeps the whole
/// directory in memory and reloads it when another instance announces a change (``DirectoryCache``).
struct Directory: Sendable {
    struct Department: Sendable, Hashable {
        var id: String
        var name: String
        var active: Bool
    }

    struct Principal: Sendable, Hashable {
        var id: String
        var name: String
        var role: Role
        var department: String?
        var scopes: Set<String>
    }

    struct KeyCredential: Sendable, Hashable {
        var principalID: String
        var secretHash: [UInt8]
    }

    struct Enablement: Sendable, Hashable {
        var department: String
        var plugin: String
    }

    var departments: [String: Department] = [:]
    var enabled: Set<Enablement> = []
    var principals: [String: Principal] = [:]
    /// Unrevoked API keys by key id.
    var keys: [String: KeyCredential] = [:]
    /// Principal ids of unrevoked client certificates, by the hex SHA-256 of the certificate.
    var certificates: [String: String] = [:]

    /// Whether `plugin` is enabled in `department` (and the department is active).
    func isEnabled(plugin: String, in department: String) -> Bool {
        guard let found = departments[department], found.active else { return false }
        return enabled.contains(Enablement(department: department, plugin: plugin))
    }

    /// Reads the whole directory in one snapshot.
    static func load(from pool: PostgresPool) async throws -> Directory {
        try await pool.withTransaction(isolation: .repeatableRead) { transaction in
            var directory = Directory()
            for row in try await transaction.query("SELECT id, name, active FROM core.departments") {
                let (id, name, active) = try row.decode(String.self, String.self, Bool.self)
                directory.departments[id] = Department(id: id, name: name, active: active)
            }
            for row in try await transaction.query(
                "SELECT department_id, plugin_id FROM core.plugin_enablement WHERE enabled")
            {
                let (department, plugin) = try row.decode(String.self, String.self)
                directory.enabled.insert(Enablement(department: department, plugin: plugin))
            }
            for row in try await transaction.query(
                "SELECT id, name, role, department_id, scopes FROM core.principals")
            {
                let (id, name, role, department, scopes) = try row.decode(
                    UUID.self, String.self, String.self, String?.self, [String].self)
                guard let role = Role(rawValue: role) else { continue }
                let key = id.uuidString.lowercased()
                directory.principals[key] = Principal(
                    id: key, name: name, role: role, department: department, scopes: Set(scopes))
            }
            for row in try await transaction.query(
                """
                SELECT principal_id, key_id, secret_sha256, certificate_sha256 FROM core.credentials
                WHERE revoked_at IS NULL
                """)
            {
                let (principal, keyID, secret, certificate) = try row.decode(
                    UUID.self, String?.self, [UInt8]?.self, [UInt8]?.self)
                let principalID = principal.uuidString.lowercased()
                if let keyID, let secret {
                    directory.keys[keyID] = KeyCredential(principalID: principalID, secretHash: secret)
                } else if let certificate {
                    directory.certificates[Hex.encode(certificate)] = principalID
                }
            }
            return directory
        }
    }
}
