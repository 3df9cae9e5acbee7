/// Sends the responses of a streaming call.
///
/// `write` suspends while the transport applies back-pressure (HTTP/2 flow control), so a slow client slows the
/// handler down instead of making the server buffer.
public struct ResponseWriter<Message: Sendable>: Sendable {
    private let sink: @Sendable (Message) async throws -> Void

    /// Creates a writer that hands every message to `sink`.
    public init(sink: @escaping @Sendable (Message) async throws -> Void) {
        self.sink = sink
    }

    /// Sends one message.
    public func write(_ message: Message) async throws {
        try await sink(message)
    }

    /// Sends several messages in order.
    public func write(contentsOf messages: some Sequence<Message>) async throws {
        for message in messages { try await sink(message) }
    }

    /// A writer that encodes each message with `transform` before handing it to this writer.
    public func map<Other: Sendable>(_ transform: @escaping @Sendable (Other) -> Message) -> ResponseWriter<Other> {
        let sink = self.sink
        return ResponseWriter<Other> { try await sink(transform($0)) }
    }
}
