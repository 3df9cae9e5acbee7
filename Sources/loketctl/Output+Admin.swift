import LoketHost

// The admin messages as JSON objects (proto field names, enums as lowercase words) and as table rows.

extension Loket_Admin_V1_Department {
    var json: JSONValue {
        .object([("id", .string(id)), ("name", .string(name)), ("active", .bool(active)),
                 ("created_at", .string(createdAt))])
    }

    static func table(_ departments: [Self]) -> Table {
        var table = Table("ID", "NAME", "ACTIVE", "CREATED", empty: "No departments.")
        for department in departments {
            table.add(department.id, department.name, department.active ? "yes" : "no", department.createdAt)
        }
        return table
    }
}

extension Loket_Admin_V1_PluginStatus {
    var json: JSONValue {
        .object([("plugin_id", .string(pluginId)), ("department_id", .string(departmentId)),
                 ("enabled", .bool(enabled))])
    }

    var table: Table {
        var table = Table("PLUGIN", "DEPARTMENT", "ENABLED", empty: "")
        table.add(pluginId, departmentId, enabled ? "yes" : "no")
        return table
    }
}

extension Loket_Admin_V1_Plugin {
    var json: JSONValue {
        .object([("id", .string(id)), ("version", .string(version)), ("title", .string(title)),
                 ("departments", .array(departments.map(\.json)))])
    }

    /// One row per plugin and department, or one row for a plugin when no department is listed.
    static func table(_ plugins: [Self]) -> Table {
        var table = Table("PLUGIN", "VERSION", "DEPARTMENT", "ENABLED", "TITLE", empty: "This server runs no plugins.")
        for plugin in plugins {
            if plugin.departments.isEmpty { table.add(plugin.id, plugin.version, "", "", plugin.title) }
            for status in plugin.departments {
                table.add(plugin.id, plugin.version, status.departmentId, status.enabled ? "yes" : "no", plugin.title)
            }
        }
        return table
    }
}

extension Loket_Admin_V1_Role {
    var name: String {
        switch self {
        case .administrator: "administrator"
        case .clerk: "clerk"
        case .integration: "integration"
        case .unspecified: "unspecified"
        case .unrecognized(let number): "role-\(number)"
        }
    }
}

extension Loket_Admin_V1_Principal {
    var json: JSONValue {
        .object([("id", .string(id)), ("name", .string(name)), ("role", .string(role.name)),
                 ("department_id", .optional(departmentId)), ("scopes", .array(scopes.map { .string($0) })),
                 ("created_at", .string(createdAt))])
    }

    static func table(_ principals: [Self]) -> Table {
        var table = Table("ID", "NAME", "ROLE", "DEPARTMENT", "SCOPES", "CREATED", empty: "No principals.")
        for principal in principals {
            table.add(
                principal.id, principal.name, principal.role.name, principal.departmentId,
                principal.scopes.joined(separator: ","), principal.createdAt)
        }
        return table
    }
}

extension Loket_Admin_V1_CredentialKind {
    var name: String {
        switch self {
        case .apiKey: "api_key"
        case .certificate: "certificate"
        case .unspecified: "unspecified"
        case .unrecognized(let number): "kind-\(number)"
        }
    }
}

extension Loket_Admin_V1_Credential {
    var json: JSONValue {
        .object([("id", .string(id)), ("principal_id", .string(principalId)), ("kind", .string(kind.name)),
                 ("key_id", .optional(keyId)), ("certificate_sha256", .optional(certificateSha256)),
                 ("label", .string(label)), ("created_at", .string(createdAt)), ("revoked_at", .optional(revokedAt))])
    }

    /// What identifies the credential to a person: the key's public prefix, or the certificate's fingerprint.
    var identification: String {
        kind == .apiKey ? "lk_\(keyId)_…" : "sha256:\(certificateSha256)"
    }

    static func table(_ credentials: [Self]) -> Table {
        var table = Table("ID", "KIND", "KEY/CERTIFICATE", "LABEL", "CREATED", "REVOKED", empty: "No credentials.")
        for credential in credentials {
            table.add(
                credential.id, credential.kind.name, credential.identification, credential.label, credential.createdAt,
                credential.revokedAt)
        }
        return table
    }
}

extension Loket_Admin_V1_AuditEntry {
    var json: JSONValue {
        .object([
            ("id", .number(id)), ("at", .string(at)), ("principal_id", .optional(principalId)),
            ("principal_name", .string(principalName)), ("role", .string(role)),
            ("department_id", .optional(departmentId)), ("method", .string(method)), ("action", .string(action)),
            ("subjects", .array(subjects.map { .string($0) })),
            ("information", .array(information.map { .string($0) })), ("purpose", .optional(purpose)),
            ("outcome", .string(outcome)),
        ])
    }

    static func table(_ entries: [Self]) -> Table {
        var table = Table(
            "ID", "AT", "PRINCIPAL", "ROLE", "METHOD", "ACTION", "OUTCOME", "SUBJECTS", "PURPOSE",
            empty: "No audit entries.")
        for entry in entries {
            table.add(
                String(entry.id), entry.at, entry.principalName, entry.role, entry.method, entry.action, entry.outcome,
                entry.subjects.joined(separator: ","), entry.purpose)
        }
        return table
    }
}
