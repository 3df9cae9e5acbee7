import LoketPluginAPI
import LoketStore

/// `loket.admin.v1.Admin`: departments, plugin enablement, principals, credentials and the audit log.
///
/// Every method needs the administrator role; every change is audited and announced to every instance's
/// ``DirectoryCache`` in its own transaction.
struct AdminService: Loket_Admin_V1_AdminService {
    typealias Department = Loket_Admin_V1_Department
    typealias Principal = Loket_Admin_V1_Principal
    typealias Credential = Loket_Admin_V1_Credential

    let pool: PostgresPool
    let plugins: PluginHost
    let directory: DirectoryCache
    let auditWriter: any AuditWriter
    let clock: any WallClock

    /// The permission every admin method needs; only administrators hold it.
    static let permission = Permission("loket.admin", roles: [.administrator])

    /// The policy of every method; the audit queries read personal data (who consulted whom).
    static var methods: [MethodPolicy] {
        let service = Loket_Admin_V1_Admin.serviceName
        let names = [
            "CreateDepartment", "ListDepartments", "RenameDepartment", "DeactivateDepartment", "ListPlugins",
            "EnablePlugin", "DisablePlugin", "CreatePrincipal", "ListPrincipals", "IssueApiKey", "RegisterCertificate",
            "ListCredentials", "RevokeCredential",
        ]
        return names.map { MethodPolicy(service: service, method: $0, permission: permission) }
            + [MethodPolicy(service: service, method: "QueryAudit", permission: permission, personalData: .reads)]
    }

    /// Runs a change in one transaction with its audit record, and tells every instance the directory changed.
    func change<Result: Sendable>(
        _ context: ServerContext, _ body: (PostgresTransaction) async throws -> (Result, AuditRecord)
    ) async throws -> Result {
        let result = try await pool.withTransaction(timeout: context.storeTimeout) { transaction in
            let (result, record) = try await body(transaction)
            try await auditWriter.write(record, context: context, using: transaction)
            try await DirectoryCache.announceChange(in: transaction)
            return result
        }
        // This instance reads its own writes at once; the others follow on the notification within a second.
        try? await directory.reload()
        return result
    }

    /// A PostgreSQL expression rendering a `timestamptz` column as RFC 3339 in UTC.
    static func rfc3339(_ column: String) -> String {
        "to_char(\(column) AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"')"
    }
}
