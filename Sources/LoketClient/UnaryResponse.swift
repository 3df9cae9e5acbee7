import LoketRPC
import LoketWire

/// The result of a successful unary call: the message and the metadata around it.
public struct UnaryResponse<Message: ProtobufMessage>: Sendable {
    /// The response message.
    public var message: Message
    /// The metadata of the response headers.
    public var headers: Metadata
    /// The metadata of the trailers (besides `grpc-status` and `grpc-message`).
    public var trailers: Metadata

    /// Creates a response.
    public init(message: Message, headers: Metadata, trailers: Metadata) {
        self.message = message
        self.headers = headers
        self.trailers = trailers
    }
}
