/// The requests of a streaming call, as an async sequence.
///
/// Iterating ends when the client half-closes; it throws when the call fails (cancellation, a malformed message).
/// A stream can be iterated once.
public struct RequestStream<Message: Sendable>: AsyncSequence, Sendable {
    public typealias Element = Message

    /// Messages that had already arrived when the stream was made (a complete unary request costs no suspension).
    private let buffered: [Message]
    /// Produces the messages after `buffered`; nil when there are none.
    private let produce: (@Sendable () async throws -> Message?)?

    /// Creates a stream whose iterator calls `next` until it returns nil.
    public init(next: @escaping @Sendable () async throws -> Message?) {
        self.buffered = []
        self.produce = next
    }

    /// A stream that yields `messages` and ends.
    public init(_ messages: [Message]) {
        self.buffered = messages
        self.produce = nil
    }

    /// A stream that decodes each element with `transform`.
    public func map<Other: Sendable>(
        _ transform: @escaping @Sendable (Message) throws -> Other
    ) -> RequestStream<Other> {
        if produce == nil {
            // Decode eagerly only the messages that already arrived; errors surface on iteration all the same.
            let results = buffered.map { message in Result { try transform(message) } }
            let queue = MessageQueue(results)
            return RequestStream<Other> { try queue.pop()?.get() }
        }
        let buffered = MessageQueue(self.buffered)
        let produce = self.produce!
        return RequestStream<Other> {
            if let message = buffered.pop() { return try transform(message) }
            guard let message = try await produce() else { return nil }
            return try transform(message)
        }
    }

    public func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(buffered: buffered, produce: produce)
    }

    /// Iterates the requests.
    public struct AsyncIterator: AsyncIteratorProtocol {
        let buffered: [Message]
        var index = 0
        let produce: (@Sendable () async throws -> Message?)?

        public mutating func next() async throws -> Message? {
            if index < buffered.count {
                defer { index += 1 }
                return buffered[index]
            }
            return try await produce?()
        }
    }
}
