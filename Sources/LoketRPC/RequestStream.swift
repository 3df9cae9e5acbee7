/// The requests of a streaming call, as an async sequence.
///
/// Iterating ends when the client half-closes; it throws when the call fails (cancellation, a malformed message).
/// A stream can be iterated once.
public struct RequestStream<Message: Sendable>: AsyncSequence, Sendable {
    public typealias Element = Message

    private let produce: @Sendable () async throws -> Message?

    /// Creates a stream whose iterator calls `next` until it returns nil.
    public init(next: @escaping @Sendable () async throws -> Message?) {
        self.produce = next
    }

    /// A stream that yields `messages` and ends.
    public init(_ messages: [Message]) {
        let box = MessageQueue(messages)
        self.produce = { box.pop() }
    }

    /// A stream that decodes each element of `base` with `transform`.
    public func map<Other: Sendable>(
        _ transform: @escaping @Sendable (Message) throws -> Other
    ) -> RequestStream<Other> {
        let produce = self.produce
        return RequestStream<Other> {
            guard let message = try await produce() else { return nil }
            return try transform(message)
        }
    }

    public func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(produce: produce)
    }

    /// Iterates the requests.
    public struct AsyncIterator: AsyncIteratorProtocol {
        let produce: @Sendable () async throws -> Message?

        public mutating func next() async throws -> Message? {
            try await produce()
        }
    }
}
