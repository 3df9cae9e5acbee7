import LoketPluginAPI

/// A batch of ``AuditRow``s column by column: one `text[]` parameter per column, which the journal's statement
/// unnests. Binary arrays cost PostgreSQL far less to read than a JSON document of the same rows.
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

    /// The columns of `rows`, in order.
    init(_ rows: some Collection<AuditRow>) {
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
    }
}
