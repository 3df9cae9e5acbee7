import Foundation
import Logging
import LoketPluginAPI
import LoketStore
import ServiceLifecycle
import Synchronization

/// The host's ``NotificationSource`` for plugins: one ``PostgresListener`` per server (a connection of its own)
/// that LISTENs on every channel some plugin subscribed to, and hands each notification to that channel's
/// subscribers.
///
/// As a service it runs the listener until graceful shutdown, then ends every subscriber's stream. A subscriber
/// whose buffer is full loses the oldest payloads (they are wake-ups: the newest one is what counts).
final class PluginNotificationHub: NotificationSource, Service, Sendable {
    private struct State {
        var channels: [String] = []
        var subscribers: [String: [UUID: AsyncStream<String>.Continuation]] = [:]
        var listener: PostgresListener?
        var isStopped = false
    }

    let configuration: PostgresConfiguration
    let logger: Logger
    private let state = Mutex(State())

    /// Creates the hub; nothing connects before ``run()``.
    init(configuration: PostgresConfiguration, logger: Logger) {
        self.configuration = configuration
        self.logger = logger
    }

    func notifications(channel: String) -> AsyncStream<String> {
        let (stream, continuation) = AsyncStream.makeStream(of: String.self, bufferingPolicy: .bufferingNewest(16))
        let id = UUID()
        continuation.onTermination = { [weak self] _ in
            self?.state.withLock { state in _ = state.subscribers[channel]?.removeValue(forKey: id) }
        }
        // A new channel is LISTENed at once when the listener runs; otherwise ``run()`` starts with it.
        let (stopped, newChannelListener) = state.withLock { state -> (Bool, PostgresListener?) in
            if state.isStopped { return (true, nil) }
            state.subscribers[channel, default: [:]][id] = continuation
            guard !state.channels.contains(channel) else { return (false, nil) }
            state.channels.append(channel)
            return (false, state.listener)
        }
        if stopped {
            continuation.finish()
            return stream
        }
        newChannelListener?.listen(channel)
        return stream
    }

    func run() async throws {
        let listener = state.withLock { state in
            let listener = PostgresListener(configuration: configuration, channels: state.channels, logger: logger)
            state.listener = listener
            return listener
        }
        defer {
            listener.stop()
            let subscribers = state.withLock { state in
                state.isStopped = true
                state.listener = nil
                defer { state.subscribers = [:] }
                return state.subscribers.values.flatMap(\.values)
            }
            for continuation in subscribers { continuation.finish() }
        }
        for await event in listener.events.cancelOnGracefulShutdown() {
            switch event {
            case .notification(let notification):
                deliver(notification.payload, on: [notification.channel])
            case .listening(afterReconnect: true):
                // Whatever was sent while disconnected is lost: every subscriber reads again.
                deliver("", on: state.withLock { $0.channels })
            case .listening(afterReconnect: false):
                continue
            }
        }
    }

    private func deliver(_ payload: String, on channels: [String]) {
        let continuations = state.withLock { state in
            channels.flatMap { state.subscribers[$0]?.values.map { $0 } ?? [] }
        }
        for continuation in continuations { continuation.yield(payload) }
    }
}
