import LoketPluginAPI
import LoketStore

extension AdminService {
    func createDepartment(
        request: Loket_Admin_V1_CreateDepartmentRequest, context: ServerContext
    ) async throws -> Department {
        guard PluginManifest.isValidID(request.id) else {
            throw RPCError(.invalidArgument, AdminMessages.invalidDepartmentID, for: context)
        }
        let name = try Self.validName(request.name, context)
        do {
            return try await change(context) { transaction in
                let rows = try await transaction.query(
                    """
                    INSERT INTO core.departments (id, name) VALUES (\(request.id), \(name))
                    RETURNING id, name, active, \(unsafeRawSQL: Self.rfc3339("created_at"))
                    """)
                return (try Self.department(rows[0]), Self.record(.create, request.id, ["id", "name"]))
            }
        } catch let error as StoreError where error.code == .uniqueViolation {
            throw RPCError(.alreadyExists, AdminMessages.departmentExists, for: context, request.id)
        }
    }

    func listDepartments(
        request: Loket_Admin_V1_ListDepartmentsRequest, context: ServerContext
    ) async throws -> Loket_Admin_V1_ListDepartmentsResponse {
        let rows = try await pool.query(
            """
            SELECT id, name, active, \(unsafeRawSQL: Self.rfc3339("created_at")) FROM core.departments
            WHERE active OR \(request.includeInactive) ORDER BY active DESC, id
            """, timeout: context.storeTimeout)
        return .with { $0.departments = rows.compactMap { try? Self.department($0) } }
    }

    func renameDepartment(
        request: Loket_Admin_V1_RenameDepartmentRequest, context: ServerContext
    ) async throws -> Department {
        let name = try Self.validName(request.name, context)
        return try await updateDepartment(
            request.id, context,
            "UPDATE core.departments SET name = \(name) WHERE id = \(request.id)", information: ["name"])
    }

    func deactivateDepartment(
        request: Loket_Admin_V1_DeactivateDepartmentRequest, context: ServerContext
    ) async throws -> Department {
        try await updateDepartment(
            request.id, context,
            """
            UPDATE core.departments SET active = false, deactivated_at = coalesce(deactivated_at, now())
            WHERE id = \(request.id)
            """, information: ["active"])
    }

    private func updateDepartment(
        _ id: String, _ context: ServerContext, _ update: PostgresQuery, information: [String]
    ) async throws -> Department {
        try await change(context) { transaction in
            let updated = try await transaction.query(update)
            guard updated.affectedRows == 1 else {
                throw RPCError(.notFound, AdminMessages.departmentNotFound, for: context, id)
            }
            let rows = try await transaction.query(
                """
                SELECT id, name, active, \(unsafeRawSQL: Self.rfc3339("created_at")) FROM core.departments
                WHERE id = \(id)
                """)
            return (try Self.department(rows[0]), Self.record(.update, id, information))
        }
    }

    static func department(_ row: PostgresRow) throws -> Department {
        let (id, name, active, createdAt) = try row.decode(String.self, String.self, Bool.self, String.self)
        return .with {
            $0.id = id
            $0.name = name
            $0.active = active
            $0.createdAt = createdAt
        }
    }

    static func validName(_ name: String, _ context: ServerContext) throws -> String {
        let trimmed = String(name.trimmingPrefix(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
        guard (1...200).contains(trimmed.count) else {
            throw RPCError(.invalidArgument, AdminMessages.invalidName, for: context)
        }
        return trimmed
    }

    static func record(_ action: AuditAction, _ department: String, _ information: [String]) -> AuditRecord {
        AuditRecord(action, subjects: [AuditSubject(kind: "department", id: department)], information: information)
    }
}
