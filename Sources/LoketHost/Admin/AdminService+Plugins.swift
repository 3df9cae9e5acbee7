import Foundation
import LoketPluginAPI
import LoketStore

extension AdminService {
    func listPlugins(
        request: Loket_Admin_V1_ListPluginsRequest, context: ServerContext
    ) async throws -> Loket_Admin_V1_ListPluginsResponse {
        let rows = try await pool.query(
            """
            SELECT d.id, e.plugin_id FROM core.departments d
            LEFT JOIN core.plugin_enablement e ON e.department_id = d.id AND e.enabled
            WHERE d.active AND (\(request.departmentId) = '' OR d.id = \(request.departmentId))
            ORDER BY d.id
            """, timeout: context.storeTimeout)
        var departments: [String] = []
        var enabled: Set<[String]> = []
        for row in rows {
            let (department, plugin) = try row.decode(String.self, String?.self)
            if departments.last != department { departments.append(department) }
            if let plugin { enabled.insert([department, plugin]) }
        }
        let language = context.language
        return .with { response in
            response.plugins = plugins.plugins.map { plugin in
                let manifest = plugin.manifest
                return .with {
                    $0.id = manifest.id
                    $0.version = manifest.version
                    $0.title = manifest.title.text(in: language)
                    $0.departments = departments.map { department in
                        .with {
                            $0.pluginId = manifest.id
                            $0.departmentId = department
                            $0.enabled = enabled.contains([department, manifest.id])
                        }
                    }
                }
            }
        }
    }

    func enablePlugin(
        request: Loket_Admin_V1_PluginEnablementRequest, context: ServerContext
    ) async throws -> Loket_Admin_V1_PluginStatus {
        try await setPlugin(request, enabled: true, context)
    }

    func disablePlugin(
        request: Loket_Admin_V1_PluginEnablementRequest, context: ServerContext
    ) async throws -> Loket_Admin_V1_PluginStatus {
        try await setPlugin(request, enabled: false, context)
    }

    private func setPlugin(
        _ request: Loket_Admin_V1_PluginEnablementRequest, enabled: Bool, _ context: ServerContext
    ) async throws -> Loket_Admin_V1_PluginStatus {
        guard plugins.plugins.contains(where: { $0.manifest.id == request.pluginId }) else {
            throw RPCError(.notFound, AdminMessages.pluginNotFound, for: context, request.pluginId)
        }
        let caller = try context.caller
        let changedBy = UUID(uuidString: caller.principalID)
        return try await change(context) { transaction in
            let department = try await transaction.query(
                "SELECT 1 FROM core.departments WHERE id = \(request.departmentId) FOR SHARE")
            guard department.count == 1 else {
                throw RPCError(.notFound, AdminMessages.departmentNotFound, for: context, request.departmentId)
            }
            try await transaction.query(
                """
                INSERT INTO core.plugin_enablement (department_id, plugin_id, enabled, changed_by)
                VALUES (\(request.departmentId), \(request.pluginId), \(enabled), \(changedBy))
                ON CONFLICT (department_id, plugin_id)
                DO UPDATE SET enabled = excluded.enabled, changed_at = now(), changed_by = excluded.changed_by
                """)
            let status = Loket_Admin_V1_PluginStatus.with {
                $0.pluginId = request.pluginId
                $0.departmentId = request.departmentId
                $0.enabled = enabled
            }
            let record = AuditRecord(
                .update,
                subjects: [
                    AuditSubject(kind: "department", id: request.departmentId),
                    AuditSubject(kind: "plugin", id: request.pluginId),
                ], information: ["enabled"])
            return (status, record)
        }
    }
}
