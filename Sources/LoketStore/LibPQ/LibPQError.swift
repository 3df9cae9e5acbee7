/// A failure libpq reported itself (a refused connection, a broken socket) rather than the server; a
/// ``StoreError`` cause for logs.
public struct LibPQError: Error, Sendable, CustomStringConvertible {
    /// libpq's message, e.g. `connection to server on socket … failed: No such file or directory`.
    public var message: String

    /// Creates an error with libpq's message.
    public init(_ message: String) {
        self.message = message
    }

    public var description: String { "libpq: \(message)" }
}
