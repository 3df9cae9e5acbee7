/// A SQL statement whose interpolated values are bound parameters, never SQL text.
///
/// ```swift
/// let query: PostgresQuery = "SELECT name FROM citizens WHERE id = \(id) AND city = \(city)"
/// // sql: "SELECT name FROM citizens WHERE id = $1 AND city = $2", bindings: [id, city]
/// ```
///
/// Identifiers that cannot be parameters (a schema in `SET search_path`, a channel in `LISTEN`) go through
/// `\(identifier: name)`, which quotes them. Text that must become SQL as it is goes through the loudly named
/// ``unsafeRawSQL(_:)`` or `\(unsafeRawSQL: text)`, which a reviewer should question every time.
public struct PostgresQuery: Sendable, Hashable, ExpressibleByStringInterpolation, CustomStringConvertible {
    /// The SQL with `$1`, `$2`, … placeholders.
    public private(set) var sql: String
    /// The parameter values, in placeholder order.
    public private(set) var bindings: [PostgresBinding]

    /// A statement written as a literal, without parameters.
    public init(stringLiteral value: String) {
        sql = value
        bindings = []
    }

    /// A statement with interpolated values bound as parameters.
    public init(stringInterpolation: StringInterpolation) {
        sql = stringInterpolation.sql
        bindings = stringInterpolation.bindings
    }

    /// SQL text taken as it is, with explicit bindings for its placeholders.
    ///
    /// Never pass text that contains anything a user supplied: that is SQL injection. Prefer interpolation.
    public static func unsafeRawSQL(_ sql: String, bindings: [PostgresBinding] = []) -> PostgresQuery {
        var query = PostgresQuery(stringLiteral: sql)
        query.bindings = bindings
        return query
    }

    /// The SQL only; parameter values are left out so that logging a query never logs data.
    public var description: String { sql }
}
