import CLoketAffinity
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
    static let shared: [PostgresPoller] = (0..<pollerCount).map { PostgresPoller(index: $0) }

    /// One poller per core, so that tasks running on the pollers (``PostgresPool/taskExecutors``) use every core,
    /// as event loops do. `LOKET_PG_POLLERS` overrides it (1...64), for measurements.
    static let pollerCount: Int = {
        let cores = ProcessInfo.processInfo.activeProcessorCount
        let configured = ProcessInfo.processInfo.environment["LOKET_PG_POLLERS"].flatMap { Int($0) } ?? cores
        return min(max(configured, 1), 64)
    }()

    /// The index in ``shared`` of the poller whose thread runs the caller, if any: the one a task that prefers a
    /// poller as its executor runs on.
    ///
    /// A thread-specific value: asking the current task for its executor preference takes the task's status lock,
    /// and this is asked for every statement.
    static func currentIndex() -> Int? {
        guard let value = pthread_getspecific(threadIndexKey) else { return nil }
        return Int(bitPattern: value) - 1
    }

    /// Holds `index + 1` on a poller's thread (never 0, which reads as "no value").
    private static let threadIndexKey: pthread_key_t = {
        var key = pthread_key_t()
        precondition(pthread_key_create(&key, nil) == 0, "cannot create a thread-specific key")
        return key
    }()

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
        /// Jobs of tasks that prefer this poller as their executor (see ``PostgresPool/taskExecutors``).
        var jobs: [UnownedJob] = []
        /// The thread waits in epoll without a time-out: an enqueued job must wake it through the pipe.
        var sleeping = false
    }

    private let index: Int
    private let name: String
    private let epoll = Epoll()
    private let state = Mutex(State())
    /// A pipe in the epoll set (token 0) that wakes the thread for jobs.
    private let wakeRead: Int32
    private let wakeWrite: Int32

    private init(index: Int) {
        self.index = index
        self.name = "loket-pg-poll-\(index)"
        var descriptors: [Int32] = [-1, -1]
        precondition(pipe(&descriptors) == 0, "cannot create a pipe: errno \(errno)")
        for descriptor in descriptors {
            _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC)
            _ = fcntl(descriptor, F_SETFL, O_NONBLOCK)
        }
        wakeRead = descriptors[0]
        wakeWrite = descriptors[1]
        epoll.control(Epoll.add, socket: wakeRead, events: Epoll.readable, token: 0)
    }

    private func startThreadIfNeeded() {
        let start = state.withLock { state in
            defer { state.threadStarted = true }
            return !state.threadStarted
        }
        guard start else { return }
        let thread = Thread { [self] in run() }
        thread.name = name
        thread.start()
    }

    /// Starts watching `socket` for `channel`; the thread starts with the first registration.
    func register(_ channel: LibPQChannel, socket: Int32) -> Registration {
        let token = UInt64(UInt(bitPattern: Unmanaged.passRetained(channel).toOpaque()))
        let registration = Registration(socket: socket, token: token)
        epoll.control(Epoll.add, socket: socket, events: Epoll.readable, token: token)
        startThreadIfNeeded()
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

    /// Whether polling threads pin themselves to one CPU each as they start (``PostgresPool/pinPollingThreads()``).
    static let pinsThreads = Atomic(false)

    private func run() {
        // Named from the thread itself: only then does Foundation give the kernel the name (`top -H`, perf).
        Thread.current.name = name
        _ = pthread_setspecific(Self.threadIndexKey, UnsafeRawPointer(bitPattern: index + 1))
        if Self.pinsThreads.load(ordering: .relaxed) {
            // Poller i on the CPU of event loop i (GRPCServerConfiguration.pinThreads): same numbering.
            let cpu = loket_cpu_for_thread(Int32(index))
            if cpu >= 0 { _ = loket_pin_current_thread(cpu) }
        }
        let capacity = 64
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: capacity * Epoll.eventSize, alignment: 8)
        var jobs: [UnownedJob] = []
        while true {
            let block = state.withLock { state in
                swap(&jobs, &state.jobs)
                state.sleeping = jobs.isEmpty
                return state.sleeping
            }
            for job in jobs { job.runSynchronously(on: asUnownedTaskExecutor()) }
            jobs.removeAll(keepingCapacity: true)
            let count = epoll.wait(into: buffer, capacity: capacity, milliseconds: block ? -1 : 0)
            if block { state.withLock { $0.sleeping = false } }
            for index in 0..<max(count, 0) {
                let (events, token) = Epoll.event(at: index, in: buffer)
                guard let pointer = UnsafeRawPointer(bitPattern: UInt(token)) else {
                    var drained = (UInt64(0), UInt64(0), UInt64(0), UInt64(0))
                    while withUnsafeMutableBytes(of: &drained, { read(wakeRead, $0.baseAddress, $0.count) }) > 0 {}
                    continue
                }
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

extension PostgresPoller: TaskExecutor {
    /// Runs a job on the poller's thread, between two waits for sockets: a task that prefers this executor
    /// sends its statements and is resumed with their results on one thread, like an event loop.
    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        let wake = state.withLock { state in
            state.jobs.append(job)
            defer { state.sleeping = false }
            return state.sleeping
        }
        startThreadIfNeeded()
        if wake {
            var byte: UInt8 = 1
            _ = write(wakeWrite, &byte, 1)
        }
    }
}
