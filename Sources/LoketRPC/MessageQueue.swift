import Synchronization

/// A thread-safe FIFO of messages, used to feed a ``RequestStream`` from a fixed list.
final class MessageQueue<Message: Sendable>: Sendable {
    private let storage: Mutex<(items: [Message], next: Int)>

    init(_ items: [Message]) {
        storage = Mutex((items, 0))
    }

    func pop() -> Message? {
        storage.withLock { state in
            guard state.next < state.items.count else { return nil }
            defer { state.next += 1 }
            return state.items[state.next]
        }
    }
}
