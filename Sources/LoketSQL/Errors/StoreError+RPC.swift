import LoketRPC

extension StoreError {
    /// The gRPC status for this error's code.
    public var statusCode: StatusCode {
        switch code {
        case .uniqueViolation: .alreadyExists
        case .foreignKeyViolation: .failedPrecondition
        case .checkViolation, .notNullViolation, .invalidValue: .invalidArgument
        case .serializationFailure, .deadlock: .aborted
        case .connectionFailed, .connectionLost, .poolTimeout, .poolClosed: .unavailable
        case .timeout: .deadlineExceeded
        case .cancelled: .cancelled
        case .queryFailed, .decoding, .migrationFailed, .migrationChecksumMismatch, .misuse: .internal
        }
    }

    /// The error to end a call with: the client-safe message, and this error (with the server's text) as the
    /// cause that only the server logs.
    public var rpcError: RPCError {
        RPCError(code: statusCode, message: message, cause: self)
    }
}

extension RPCError {
    /// Creates the error a handler throws for a store failure; see ``StoreError/rpcError``.
    public init(_ storeError: StoreError) {
        self = storeError.rpcError
    }
}
