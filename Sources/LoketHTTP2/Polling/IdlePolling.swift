/// Decides when an event loop keeps polling its sockets for a moment after a read instead of going to sleep in
/// `epoll_wait`: the state machine of ``IdlePoller``, free of NIO and clocks so that it is tested alone.
///
/// A client that calls one method after another on one connection waits for each answer before it sends the next
/// request, so the loop serving it falls asleep after every answer and the next request has to wake it. On a
/// virtual machine without guest halt polling that wake-up is a VM exit and an interrupt, about as long as the call
/// itself. Polling for a few tens of microseconds after a read catches the next request awake, as the kernel's
/// `haltpoll` and `busy_poll` do below the process.
///
/// Only while the loop serves a single connection: with several busy connections the loop is rarely idle for
/// long, and a polling loop would take the CPU that another thread (a client on the same machine, another loop)
/// would have been woken onto. Which connections read is observed over ``observationNanoseconds``; a second one in
/// that span stops polling until a span passes with one. While polling, the loop yields its CPU whenever a poll
/// found nothing, so that any other runnable thread goes first.
struct IdlePolling: Sendable {
    /// What the driver does next.
    enum Action: Equatable, Sendable {
        /// Nothing: the loop sleeps as usual when it runs out of work.
        case none
        /// Schedule the first poll.
        case startPolling
        /// Schedule the next poll; yield the CPU first when `yield` (the last poll found nothing).
        case pollAgain(yield: Bool)
    }

    /// How long the loop keeps polling after the latest read, in nanoseconds; 0 turns polling off.
    let windowNanoseconds: UInt64
    /// The span over which the connections that read are counted.
    static let observationNanoseconds: UInt64 = 1_000_000

    private var deadline: UInt64 = 0
    private var polling = false
    private var readSinceLastPoll = false
    private var observationEnd: UInt64 = 0
    private var observedConnection: ObjectIdentifier?
    private var crowded = false

    init(windowNanoseconds: UInt64) {
        self.windowNanoseconds = windowNanoseconds
    }

    /// Whether a chain of polls is under way.
    var isPolling: Bool { polling }

    /// A connection finished reading at `now` (nanoseconds of a monotonic clock).
    mutating func read(by connection: ObjectIdentifier, at now: UInt64) -> Action {
        guard windowNanoseconds > 0 else { return .none }
        if now >= observationEnd {
            observationEnd = now &+ Self.observationNanoseconds
            observedConnection = connection
            crowded = false
        } else if observedConnection != connection {
            crowded = true
        }
        guard !crowded else { return .none }
        deadline = now &+ windowNanoseconds
        readSinceLastPoll = true
        if polling { return .none }
        polling = true
        return .startPolling
    }

    /// A scheduled poll ran at `now`: the loop has looked at its sockets once more.
    mutating func poll(at now: UInt64) -> Action {
        guard polling else { return .none }
        guard !crowded, now < deadline else {
            polling = false
            return .none
        }
        defer { readSinceLastPoll = false }
        return .pollAgain(yield: !readSinceLastPoll)
    }
}
