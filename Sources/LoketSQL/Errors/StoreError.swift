/// An error from the store: what went wrong (`code`), a message that is safe to show a client, and the cause.
///
/// The cause (usually a ``PostgresServerError`` with the SQLSTATE and the server's own message, which can quote
/// values and names) is for server logs only; ``StoreError/rpcError`` and `message` never carry it or any SQL.
public struct StoreError: Error, Sendable, CustomStringConvertible {
    /// What kind of failure this is; decides the gRPC status and whether a transaction is retried.
    public enum Code: String, Sendable, Hashable, CaseIterable {
        /// A unique constraint or primary key refused a duplicate (SQLSTATE 23505).
        case uniqueViolation
        /// A foreign key refused a reference to a missing row, or the removal of a referenced one (23503).
        case foreignKeyViolation
        /// A check constraint refused a value (23514).
        case checkViolation
        /// A NOT NULL column got no value (23502).
        case notNullViolation
        /// A value had the wrong format or was out of range for its column (class 22).
        case invalidValue
        /// A concurrent transaction made this one impossible to serialize (40001); retrying may succeed.
        case serializationFailure
        /// PostgreSQL broke a deadlock by aborting this transaction (40P01); retrying may succeed.
        case deadlock
        /// No connection to the server could be made.
        case connectionFailed
        /// The connection broke while in use, or the server is shutting down.
        case connectionLost
        /// A statement ran past its statement timeout, or waited too long for a lock.
        case timeout
        /// The calling task was cancelled and the statement with it.
        case cancelled
        /// No pooled connection became free within the acquire timeout.
        case poolTimeout
        /// The pool was closed.
        case poolClosed
        /// Any other server-side failure of a statement.
        case queryFailed
        /// A result value could not be read as the requested Swift type.
        case decoding
        /// A migration failed to apply.
        case migrationFailed
        /// An applied migration's SQL was edited afterwards.
        case migrationChecksumMismatch
        /// The store was used against its rules (a transaction used after it ended, invalid migration sets).
        case misuse
    }

    /// What kind of failure this is.
    public var code: Code
    /// A message safe to send to a client: no SQL, no values, no server text.
    public var message: String
    /// The underlying failure, for server logs only.
    public var cause: (any Error & Sendable)?

    /// Creates an error; `message` defaults to the client-safe text for `code`.
    public init(_ code: Code, message: String? = nil, cause: (any Error & Sendable)? = nil) {
        self.code = code
        self.message = message ?? Self.defaultMessage(for: code)
        self.cause = cause
    }

    /// The server's diagnostic, when the server reported the failure.
    public var serverError: PostgresServerError? { cause as? PostgresServerError }

    /// The five-character SQLSTATE the server reported, e.g. `23505`.
    public var sqlState: String? { serverError?.sqlState }

    /// The constraint the server named (unique, foreign key, check), for handlers that explain which rule failed.
    public var constraint: String? { serverError?.constraint }

    /// Whether running the whole transaction again may succeed.
    public var isTransient: Bool { code == .serializationFailure || code == .deadlock }

    public var description: String {
        var text = "StoreError.\(code.rawValue): \(message)"
        if let cause { text += " (cause: \(cause))" }
        return text
    }

    static func defaultMessage(for code: Code) -> String {
        switch code {
        case .uniqueViolation: "A record with these values already exists."
        case .foreignKeyViolation: "The operation refers to a record that does not exist or is still in use."
        case .checkViolation: "A value is outside the allowed range."
        case .notNullViolation: "A required value is missing."
        case .invalidValue: "A value has an invalid format or is out of range."
        case .serializationFailure, .deadlock: "The operation conflicted with a concurrent one; try again."
        case .connectionFailed, .connectionLost, .poolClosed: "The database is not available; try again later."
        case .timeout: "The operation took too long."
        case .cancelled: "The operation was cancelled."
        case .poolTimeout: "The database is busy; try again later."
        case .queryFailed, .decoding, .migrationFailed, .migrationChecksumMismatch, .misuse:
            "An internal database error occurred."
        }
    }
}
