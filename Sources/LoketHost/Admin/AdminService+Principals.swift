import Foundation
import LoketPluginAPI
import LoketStore

extension AdminService {
    func createPrincipal(
        request: Loket_Admin_V1_CreatePrincipalRequest, context: ServerContext
    ) async throws -> Principal {
        guard Self.isValidPrincipalName(request.name) else {
            throw RPCError(.invalidArgument, AdminMessages.invalidPrincipalName, for: context)
        }
        let role: Role
        switch request.role {
        case .administrator: role = .administrator
        case .clerk: role = .clerk
        case .integration: role = .integration
        case .unspecified, .unrecognized: throw RPCError(.invalidArgument, AdminMessages.roleRequired, for: context)
        }
        let department = request.departmentId.isEmpty ? nil : request.departmentId
        if role != .administrator, department == nil {
            throw RPCError(.invalidArgument, AdminMessages.departmentRequired, for: context)
        }
        if role != .integration, !request.scopes.isEmpty {
            throw RPCError(.invalidArgument, AdminMessages.scopesOnlyForIntegrations, for: context)
        }
        let grantable = plugins.integrationPermissions
        if let unknown = request.scopes.first(where: { !grantable.contains($0) }) {
            throw RPCError(.invalidArgument, AdminMessages.unknownScope, for: context, unknown)
        }
        do {
            return try await change(context) { transaction in
                if let department {
                    let found = try await transaction.query(
                        "SELECT 1 FROM core.departments WHERE id = \(department) AND active FOR SHARE")
                    guard found.count == 1 else {
                        throw RPCError(.notFound, AdminMessages.departmentNotFound, for: context, department)
                    }
                }
                let rows = try await transaction.query(
                    """
                    INSERT INTO core.principals (name, role, department_id, scopes)
                    VALUES (\(request.name), \(role.rawValue), \(department), \(Array(Set(request.scopes)).sorted()))
                    RETURNING \(unsafeRawSQL: Self.principalColumns)
                    """)
                let principal = try Self.principal(rows[0])
                let record = AuditRecord(
                    .create, subjects: [AuditSubject(kind: "principal", id: principal.id)],
                    information: ["name", "role", "department", "scopes"])
                return (principal, record)
            }
        } catch let error as StoreError where error.code == .uniqueViolation {
            throw RPCError(.alreadyExists, AdminMessages.principalExists, for: context, request.name)
        }
    }

    func listPrincipals(
        request: Loket_Admin_V1_ListPrincipalsRequest, context: ServerContext
    ) async throws -> Loket_Admin_V1_ListPrincipalsResponse {
        let rows = try await pool.query(
            """
            SELECT \(unsafeRawSQL: Self.principalColumns) FROM core.principals
            WHERE \(request.departmentId) = '' OR department_id = \(request.departmentId) ORDER BY name
            """, timeout: context.storeTimeout)
        return .with { $0.principals = rows.compactMap { try? Self.principal($0) } }
    }

    static let principalColumns = "id, name, role, department_id, scopes, \(rfc3339("created_at"))"

    static func principal(_ row: PostgresRow) throws -> Principal {
        let (id, name, role, department, scopes, createdAt) = try row.decode(
            UUID.self, String.self, String.self, String?.self, [String].self, String.self)
        return .with {
            $0.id = id.uuidString.lowercased()
            $0.name = name
            $0.role =
                switch Role(rawValue: role) {
                case .administrator: .administrator
                case .clerk: .clerk
                case .integration: .integration
                case .anonymous, nil: .unspecified
                }
            $0.departmentId = department ?? ""
            $0.scopes = scopes
            $0.createdAt = createdAt
        }
    }

    static func isValidPrincipalName(_ name: String) -> Bool {
        let bytes = Array(name.utf8)
        guard let first = bytes.first, (1...100).contains(bytes.count) else { return false }
        func isAlphanumeric(_ byte: UInt8) -> Bool {
            (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
        }
        return isAlphanumeric(first) && bytes.allSatisfy { isAlphanumeric($0) || "._@-".utf8.contains($0) }
    }

    /// The principal with `id`, or NOT_FOUND.
    func requirePrincipal(_ id: String, _ context: ServerContext, in transaction: PostgresTransaction) async throws -> UUID {
        guard let uuid = UUID(uuidString: id) else {
            throw RPCError(.invalidArgument, AdminMessages.invalidID, for: context, id)
        }
        let found = try await transaction.query("SELECT 1 FROM core.principals WHERE id = \(uuid) FOR SHARE")
        guard found.count == 1 else {
            throw RPCError(.notFound, AdminMessages.principalNotFound, for: context, id)
        }
        return uuid
    }
}
