import Foundation
import Synchronization

/// A thread that waits, with epoll, for the sockets of many libpq connections and lets each ``LibPQChannel``
/// read what arrived and resume the task that waits for it.
///
/// Statements are sent by the calling task itself (libpq's non-blocking API never waits), so a statement costs
/// one wake-up of this thread for all connections that became readable together, instead of two thread switches
/// per statement with a thread per connection. Sockets stay registered (level-triggered) while their
/// connection lives, so a statement needs no system call here besides the wait.
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

    /// A registered socket. The token is the channel, retained while registered, so that an event the thread
    /// already took out of the kernel never refers to a freed channel.
    struct Registration: Sendable, Equatable {
        let socket: Int32
        let token: UInt64
    }

    private struct State {
        /// Tokens unregistered since the thread last finished a batch of events; released after it.
        var retired: [UInt64] = []
        var threadStarted = false
    }

    private let name: String
    private let epoll = Epoll()
    private let state = Mutex(State())

    private init(name: String) {
        self.name = name
    }

    /// Starts watching `socket` for `channel`; the thread starts with the first registration.
    func register(_ channel: LibPQChannel, socket: Int32) -> Registration {
        let token = UInt64(UInt(bitPattern: Unmanaged.passRetained(channel).toOpaque()))
        let registration = Registration(socket: socket, token: token)
        epoll.control(Epoll.add, socket: socket, events: Epoll.readable, token: token)
        let startThread = state.withLock { state in
            defer { state.threadStarted = true }
            return !state.threadStarted
        }
        if startThread {
            let thread = Thread { [self] in run() }
            thread.name = name
            thread.start()
        }
        return registration
    }

    /// Changes what the thread waits for: readability unless the sender reads itself, writability while libpq
    /// holds unsent output.
    func update(_ registration: Registration, readable: Bool, writable: Bool) {
        let events = (readable ? Epoll.readable : 0) | (writable ? Epoll.writable : 0)
        epoll.control(Epoll.modify, socket: registration.socket, events: events, token: registration.token)
    }

    /// Stops watching; must come before the socket is closed (libpq's reset or finish).
    func unregister(_ registration: Registration) {
        epoll.control(Epoll.delete, socket: registration.socket, events: 0, token: registration.token)
        state.withLock { $0.retired.append(registration.token) }
    }

    private func run() {
        let capacity = 64
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: capacity * Epoll.eventSize, alignment: 8)
        while true {
            let count = epoll.wait(into: buffer, capacity: capacity, milliseconds: -1)
            for index in 0..<max(count, 0) {
                let (events, token) = Epoll.event(at: index, in: buffer)
                guard let pointer = UnsafeRawPointer(bitPattern: UInt(token)) else { continue }
                let channel = Unmanaged<LibPQChannel>.fromOpaque(pointer).takeUnretainedValue()
                channel.handleReadiness(events: events, token: token, poller: self)
            }
            // No event taken out before this point can still name a retired channel.
            let retired = state.withLock { state -> [UInt64] in
                defer { state.retired.removeAll(keepingCapacity: true) }
                return state.retired
            }
            for token in retired {
                guard let pointer = UnsafeRawPointer(bitPattern: UInt(token)) else { continue }
                Unmanaged<LibPQChannel>.fromOpaque(pointer).release()
            }
        }
    }
}
