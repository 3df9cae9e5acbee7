/// A Swift value that can be sent as a bound parameter.
///
/// Conforming types pick a PostgreSQL type and wire format and write their bytes; `Optional` sends nil as NULL.
public protocol PostgresEncodable: Sendable {
    /// The type the server is told the parameter has.
    static var postgresType: PostgresDataType { get }
    /// The wire format `encode(into:)` writes.
    static var postgresFormat: PostgresFormat { get }
    /// Appends the value's bytes in ``postgresFormat``.
    func encode(into bytes: inout [UInt8])
    /// The complete parameter; the default encodes the value, `Optional` answers NULL for nil.
    func postgresBinding() -> PostgresBinding
}

extension PostgresEncodable {
    /// Encodes the value with its static type and format.
    public func postgresBinding() -> PostgresBinding {
        var bytes: [UInt8] = []
        encode(into: &bytes)
        return PostgresBinding(type: Self.postgresType, format: Self.postgresFormat, bytes: bytes)
    }
}

extension Optional: PostgresEncodable where Wrapped: PostgresEncodable {
    /// The wrapped type's PostgreSQL type, so that NULL is typed too.
    public static var postgresType: PostgresDataType { Wrapped.postgresType }
    /// The wrapped type's format.
    public static var postgresFormat: PostgresFormat { Wrapped.postgresFormat }

    /// Appends the wrapped value's bytes; nothing for nil (which ``postgresBinding()`` sends as NULL).
    public func encode(into bytes: inout [UInt8]) {
        self?.encode(into: &bytes)
    }

    /// NULL for nil, the wrapped value's binding otherwise.
    public func postgresBinding() -> PostgresBinding {
        switch self {
        case .none: PostgresBinding(type: Wrapped.postgresType, format: Wrapped.postgresFormat, bytes: nil)
        case .some(let value): value.postgresBinding()
        }
    }
}
