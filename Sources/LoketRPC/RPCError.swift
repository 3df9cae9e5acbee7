/// The one error type that handlers throw to end a call with a status other than OK.
///
/// `message` goes to the client (as `grpc-message`) and must be safe to show; `cause` is logged on the server
/// and never sent. Any other error a handler throws reaches the client as UNKNOWN with a generic message.
public struct RPCError: Error, Sendable, CustomStringConvertible {
    /// The status code sent to the client.
    public var code: StatusCode
    /// The message sent to the client.
    public var message: String
    /// Trailing metadata sent with the status.
    public var metadata: Metadata
    /// Typed error details for clients, sent as `grpc-status-details-bin` (a `google.rpc.Status`).
    public var details: [ErrorDetail]
    /// The underlying error, for server logs only.
    public var cause: (any Error)?

    /// Creates an error with a status code and a client-visible message.
    public init(
        code: StatusCode, message: String, metadata: Metadata = Metadata(), details: [ErrorDetail] = [],
        cause: (any Error)? = nil
    ) {
        self.code = code
        self.message = message
        self.metadata = metadata
        self.details = details
        self.cause = cause
    }

    public var description: String {
        var text = "\(code): \(message)"
        if let cause { text += " (cause: \(cause))" }
        return text
    }
}
