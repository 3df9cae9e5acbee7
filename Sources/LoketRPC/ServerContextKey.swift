/// A key for a value that the transport or an interceptor attaches to a ``ServerContext``.
///
/// Declare an uninhabited type per value; the key's type identity, not a string, finds the value, so two modules
/// cannot collide by name:
/// ```swift
/// enum CallerKey: ServerContextKey { typealias Value = Caller }
/// context[CallerKey.self] = caller
/// ```
public protocol ServerContextKey {
    /// The type of the value stored under this key.
    associatedtype Value: Sendable
}
