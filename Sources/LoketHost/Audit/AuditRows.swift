import LoketPluginAPI

/// ``AuditRow``s column by column: one `text[]` parameter per column, which ``insert`` unnests, so that one
/// statement (and its prepared form) appends one row or a whole batch. Binary arrays cost PostgreSQL far less to
/// read than a JSON document of the same rows.
struct AuditRows: Sendable {
    var principalIDs: [String?] = []
    var principalNames: [String] = []
    var roles: [String] = []
    var departmentIDs: [String?] = []
    var methods: [String] = []
    var actions: [String] = []
    /// Each row's subjects as an array literal, cast back to `text[]` by the statement.
    var subjects: [String] = []
    /// Each row's information as an array literal.
    var information: [String] = []
    var purposes: [String?] = []
    var outcomes: [String] = []

    /// The columns of `rows`, in order.
    init(_ rows: some Collection<AuditRow>) {
        let count = rows.count
        principalIDs.reserveCapacity(count)
        principalNames.reserveCapacity(count)
        roles.reserveCapacity(count)
        departmentIDs.reserveCapacity(count)
        methods.reserveCapacity(count)
        actions.reserveCapacity(count)
        subjects.reserveCapacity(count)
        information.reserveCapacity(count)
        purposes.reserveCapacity(count)
        outcomes.reserveCapacity(count)
        for row in rows { append(row) }
    }

    /// The last information array and its literal: rows of one method usually share the very same array (a
    /// plugin's constant), which `==` recognises at once, so its literal is made once per batch.
    private var lastInformation: ([String], String)?

    private mutating func append(_ row: AuditRow) {
        principalIDs.append(row.principalID)
        principalNames.append(row.principalName)
        roles.append(row.role)
        departmentIDs.append(row.departmentID)
        methods.append(row.method)
        actions.append(row.action)
        subjects.append(AuditRow.arrayLiteral(row.subjects))
        if let (values, literal) = lastInformation, values == row.information {
            information.append(literal)
        } else {
            let literal = AuditRow.arrayLiteral(row.information)
            lastInformation = (row.information, literal)
            information.append(literal)
        }
        purposes.append(row.purpose)
        outcomes.append(row.outcome)
    }

    /// The statement that appends the rows.
    var insert: PostgresQuery {
        """
        INSERT INTO core.audit_log
            (principal_id, principal_name, role, department_id, method, action, subjects, information, purpose,
             outcome)
        SELECT principal_id::uuid, principal_name, role, department_id, method, action, subjects::text[],
               information::text[], purpose, outcome
        FROM unnest(\(principalIDs)::text[], \(principalNames)::text[], \(roles)::text[], \(departmentIDs)::text[],
                    \(methods)::text[], \(actions)::text[], \(subjects)::text[], \(information)::text[],
                    \(purposes)::text[], \(outcomes)::text[])
            AS r(principal_id, principal_name, role, department_id, method, action, subjects, information, purpose,
                 outcome)
        """
    }
}
