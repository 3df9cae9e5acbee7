import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A thread that waits, with one `poll`, for the sockets of many libpq connections and lets each
/// ``LibPQChannel`` read what arrived and resume the task that waits for it.
///
/// Statements are sent by the calling task itself (libpq's non-blocking API never waits), so a statement costs
/// one wake-up of this thread for all connections that became readable together, instead of two thread switches
/// per statement with a thread per connection. `poll` rather than epoll: the sets are small (a pool's size), it
/// needs no system call to change them, and it works on every platform Loket builds on.
final class PostgresPoller: Sendable {
    /// The pollers all connections share, picked by connection number.
    static let shared: [PostgresPoller] = (0..<pollerCount).map { PostgresPoller(name: "loket-pg-poll-\($0)") }

    /// One poller by default: on a small machine a second thread only adds wake-ups. `LOKET_PG_POLLERS` overrides
    /// it (1...16) for measurements.
    static let pollerCount: Int = {
        let configured = ProcessInfo.processInfo.environment["LOKET_PG_POLLERS"].flatMap { Int($0) } ?? 1
        return min(max(configured, 1), 16)
    }()

    /// The poller for connection `number`.
    static func poller(for number: Int) -> PostgresPoller {
        shared[number % shared.count]
    }

    private struct Registry {
        var channels: [LibPQChannel] = []
        /// Bumped on every change of the set or of a channel's interest, so that the thread rebuilds its list.
        var version = 0
        var threadStarted = false
    }

    private let name: String
    private let registry = Mutex(Registry())
    private let wakeup = WakeupPipe()

    private init(name: String) {
        self.name = name
    }

    /// Starts watching `channel`'s socket (again, after a reconnect).
    func register(_ channel: LibPQChannel) {
        let startThread = registry.withLock { registry in
            if !registry.channels.contains(where: { $0 === channel }) { registry.channels.append(channel) }
            registry.version &+= 1
            defer { registry.threadStarted = true }
            return !registry.threadStarted
        }
        if startThread {
            let thread = Thread { [self] in run() }
            thread.name = name
            thread.start()
        } else {
            wakeup.signal()
        }
    }

    /// Stops watching `channel`; `signal` false when the poller thread itself calls (it rebuilds anyway).
    func unregister(_ channel: LibPQChannel, signal: Bool = true) {
        registry.withLock { registry in
            registry.channels.removeAll { $0 === channel }
            registry.version &+= 1
        }
        if signal { wakeup.signal() }
    }

    /// A channel wants to wait for writability, or no longer does.
    func interestChanged(signal: Bool = true) {
        registry.withLock { $0.version &+= 1 }
        if signal { wakeup.signal() }
    }

    private func run() {
        var channels: [LibPQChannel] = []
        var descriptors: [pollfd] = []
        var seenVersion = -1
        while true {
            let changed = registry.withLock { registry -> Bool in
                guard registry.version != seenVersion else { return false }
                seenVersion = registry.version
                channels = registry.channels
                return true
            }
            if changed {
                descriptors.removeAll(keepingCapacity: true)
                descriptors.append(pollfd(fd: wakeup.readDescriptor, events: Int16(POLLIN), revents: 0))
                for channel in channels {
                    let (socket, events) = channel.watchedDescriptor()
                    descriptors.append(pollfd(fd: socket, events: events, revents: 0))
                }
            }
            let ready = descriptors.withUnsafeMutableBufferPointer { buffer in
                poll(buffer.baseAddress, nfds_t(buffer.count), -1)
            }
            guard ready > 0 else { continue }  // EINTR
            if descriptors[0].revents != 0 { wakeup.drain() }
            for index in 1..<descriptors.count where descriptors[index].revents != 0 {
                let descriptor = descriptors[index]
                descriptors[index].revents = 0
                let readiness = channels[index - 1].handleReadiness(
                    socket: descriptor.fd, events: descriptor.revents, poller: self)
                if readiness == .ignoreUntilRebuild { descriptors[index].fd = -1 }
            }
            descriptors[0].revents = 0
        }
    }
}
