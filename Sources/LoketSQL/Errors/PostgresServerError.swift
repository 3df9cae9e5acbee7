/// The diagnostic PostgreSQL sent with a failed statement; kept as a ``StoreError`` cause, never sent to clients.
public struct PostgresServerError: Error, Sendable, CustomStringConvertible {
    /// The five-character SQLSTATE, e.g. `23505`.
    public var sqlState: String
    /// The severity, not localized (`ERROR`, `FATAL`, `PANIC`).
    public var severity: String?
    /// The primary message; may quote names and values.
    public var message: String
    /// The optional detail; often quotes the offending values.
    public var detail: String?
    /// The optional hint.
    public var hint: String?
    /// The constraint involved, if any.
    public var constraint: String?
    /// The table involved, if any.
    public var table: String?
    /// The column involved, if any.
    public var column: String?

    /// Creates a diagnostic.
    public init(
        sqlState: String, severity: String? = nil, message: String, detail: String? = nil, hint: String? = nil,
        constraint: String? = nil, table: String? = nil, column: String? = nil
    ) {
        self.sqlState = sqlState
        self.severity = severity
        self.message = message
        self.detail = detail
        self.hint = hint
        self.constraint = constraint
        self.table = table
        self.column = column
    }

    public var description: String {
        var text = "\(severity ?? "ERROR") \(sqlState): \(message)"
        if let detail { text += " DETAIL: \(detail)" }
        if let constraint { text += " [constraint \(constraint)]" }
        return text
    }
}
