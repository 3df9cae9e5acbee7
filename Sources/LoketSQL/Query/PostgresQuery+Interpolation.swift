extension PostgresQuery {
    /// Builds a ``PostgresQuery``: literal parts become SQL, interpolated values become `$n` parameters.
    public struct StringInterpolation: StringInterpolationProtocol {
        var sql: String
        var bindings: [PostgresBinding]

        /// Reserves room for the SQL.
        public init(literalCapacity: Int, interpolationCount: Int) {
            sql = ""
            sql.reserveCapacity(literalCapacity + interpolationCount * 3)
            bindings = []
            bindings.reserveCapacity(interpolationCount)
        }

        /// Appends SQL written in the source.
        public mutating func appendLiteral(_ literal: String) {
            sql += literal
        }

        /// Binds a value as the next parameter and appends its placeholder.
        public mutating func appendInterpolation<Value: PostgresEncodable>(_ value: Value) {
            bindings.append(value.postgresBinding())
            sql += "$\(bindings.count)"
        }

        /// Binds an optional value (nil as a typed NULL) as the next parameter and appends its placeholder.
        ///
        /// Spelled out so that an optional reads as meant rather than drawing the compiler's warning about
        /// optionals in string interpolation.
        public mutating func appendInterpolation<Value: PostgresEncodable>(_ value: Value?) {
            bindings.append(value.postgresBinding())
            sql += "$\(bindings.count)"
        }

        /// Appends an identifier (a table, schema, column or channel name) double-quoted, so that it cannot end
        /// the identifier early whatever it contains.
        public mutating func appendInterpolation(identifier: String) {
            sql += PostgresQuery.quotedIdentifier(identifier)
        }

        /// Appends text as SQL, unchecked: never with anything a user supplied.
        public mutating func appendInterpolation(unsafeRawSQL text: String) {
            sql += text
        }
    }

    /// An identifier in double quotes, inner quotes doubled, NUL characters (which PostgreSQL refuses) dropped.
    package static func quotedIdentifier(_ name: String) -> String {
        var quoted = "\""
        for scalar in name.unicodeScalars where scalar != "\u{0}" {
            if scalar == "\"" { quoted += "\"" }
            quoted.unicodeScalars.append(scalar)
        }
        return quoted + "\""
    }
}
