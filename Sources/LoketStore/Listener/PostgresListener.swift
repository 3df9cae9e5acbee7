import CLibPQ
import Foundation
import Logging
import Synchronization

/// Receives notifications on a connection of its own, with a thread of its own that waits on the socket, and
/// reconnects (re-LISTENing every channel) whenever the connection is lost.
///
/// It runs until ``stop()``. Notifications sent while the listener was disconnected are lost; the
/// `.listening(afterReconnect: true)` event says so, and consumers that cache should then drop their caches.
public final class PostgresListener: Sendable {
    /// What the listener reports.
    public enum Event: Sendable, Hashable {
        /// A notification on one of the channels.
        case notification(PostgresNotification)
        /// The connection is up and every channel listened to; after a reconnect, notifications may have been
        /// missed in between.
        case listening(afterReconnect: Bool)
    }

    struct State {
        var channels: [String]
        var pendingChannels: [String] = []
        var isStopped = false
    }

    /// The events, in the order they arrived. Ends after ``stop()``.
    public let events: AsyncStream<Event>
    let continuation: AsyncStream<Event>.Continuation
    let configuration: PostgresConfiguration
    let logger: Logger
    let notices: NoticeLogger
    let state: Mutex<State>
    let wakeup: WakeupPipe

    /// Starts listening on `channels` with a connection made from `configuration`.
    public init(
        configuration: PostgresConfiguration, channels: [String],
        logger: Logger = Logger(label: "loket.store.listener")
    ) {
        (events, continuation) = AsyncStream.makeStream(of: Event.self, bufferingPolicy: .bufferingNewest(65_536))
        self.configuration = configuration
        self.logger = logger
        self.notices = NoticeLogger(logger: logger)
        self.state = Mutex(State(channels: channels))
        self.wakeup = WakeupPipe()
        continuation.onTermination = { [weak self] _ in self?.stop() }
        let thread = Thread { [self] in run() }
        thread.name = "loket-pg-listener"
        thread.start()
    }

    /// Adds a channel; it is listened to at once when connected, and after every reconnect.
    public func listen(_ channel: String) {
        state.withLock { state in
            guard !state.channels.contains(channel) else { return }
            state.channels.append(channel)
            state.pendingChannels.append(channel)
        }
        wakeup.signal()
    }

    /// Closes the connection and ends ``events``.
    public func stop() {
        let wasStopped = state.withLock { state in
            defer { state.isStopped = true }
            return state.isStopped
        }
        if !wasStopped { wakeup.signal() }
    }

    var isStopped: Bool { state.withLock { $0.isStopped } }
}
