/// The wire format of a parameter or result value, as libpq numbers them.
public enum PostgresFormat: Int32, Sendable, Hashable {
    /// The type's text representation, as `psql` shows it.
    case text = 0
    /// The type's binary send/receive representation (network byte order); cheaper to read for most types.
    case binary = 1
}
