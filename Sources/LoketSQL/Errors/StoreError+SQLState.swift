extension StoreError {
    /// Classifies a server diagnostic by its SQLSTATE (see PostgreSQL's "Error Codes" appendix).
    ///
    /// `cancelRequested` tells a cancellation Loket asked for (57014 after `PQcancel`) from a statement timeout,
    /// which reports the same SQLSTATE.
    package init(server: PostgresServerError, cancelRequested: Bool = false) {
        self.init(Self.code(forSQLState: server.sqlState, cancelRequested: cancelRequested), cause: server)
    }

    package static func code(forSQLState state: String, cancelRequested: Bool) -> Code {
        switch state {
        case "23505": return .uniqueViolation
        case "23503": return .foreignKeyViolation
        case "23514": return .checkViolation
        case "23502": return .notNullViolation
        case "40001": return .serializationFailure
        case "40P01": return .deadlock
        case "57014": return cancelRequested ? .cancelled : .timeout
        case "55P03": return .timeout  // lock_not_available: lock_timeout passed
        // Shutdown, crash and startup states of the server, and too many connections: it is unavailable for now.
        case "57P01", "57P02", "57P03", "53300": return .connectionLost
        default: break
        }
        switch state.prefix(2) {
        case "08": return .connectionLost
        case "22": return .invalidValue
        default: return .queryFailed
        }
    }
}
