import CLibPQ
import Synchronization


/// One `PGconn` in libpq's non-blocking mode, shared by the task that sends statements and the
/// ``PostgresPoller`` thread that reads their results: every libpq call on the connection happens under one lock,
/// so the two never use it at the same time, and neither ever waits in libpq while holding it.
///
/// A statement is sent by the calling task (`PQsendQuery…` and `PQflush`, which only write to the socket), which
/// then suspends; the poller, woken by the socket, consumes the input and resumes the task with the results.
/// Blocking calls (connect, reset) detach the handle first and run on a thread of their own (``BlockingCall``).
final class LibPQChannel: Sendable {
    /// What one exchange produced, captured under the lock when it completed.
    struct Exchange: @unchecked Sendable {
        // @unchecked: `result` is a PGresult that only the receiver of the exchange uses and frees; a PGresult
        // does not refer to its connection, so any thread may read it.
        /// The first failed result of the exchange, else its last result; nil if libpq produced none.
        var result: OpaquePointer?
        /// `PQstatus` was `CONNECTION_OK` at the end.
        var connectionOK: Bool
        /// `PQtransactionStatus` at the end.
        var transactionStatus: PGTransactionStatusType
        /// `PQerrorMessage` when the exchange failed (no result, an error result, a lost connection).
        var errorMessage: String?
        /// A pipeline's segments, one exchange per sync point in the order sent; empty for a plain exchange.
        var segments: [Exchange] = []
    }

    /// Who may use the `PGconn` now.
    private enum Phase {
        /// Nobody: the poller consumes whatever arrives (under the lock).
        case idle
        /// The sending task, without the lock: libpq writes to the socket, and the kernel may switch to the
        /// server there, so holding the lock would make the poller wait for a descheduled thread.
        case sending
        /// The poller, under the lock, until the answer is complete.
        case awaiting
    }

    private struct State {
        var handle: OpaquePointer?
        /// The socket as the poller watches it; nil while not registered.
        var registration: PostgresPoller.Registration?
        var phase = Phase.idle
        /// The socket became readable while the sender owned the connection: the poller stopped watching it,
        /// and the sender reads the answer itself (then watching resumes).
        var missedReadiness = false
        /// Output is still buffered in libpq: the poller also waits for writability.
        var wantsWrite = false
        /// The task waiting for the current exchange.
        var waiter: UnsafeContinuation<Exchange, Never>?
        /// The results gathered so far for the current exchange.
        var collector = ExchangeCollector()
    }

    // Mutex<State> holds raw libpq pointers; the lock, together with `phase`, is what makes sharing them safe.
    private let state = Mutex(State())
    /// The poller watching the socket, as an index into ``PostgresPoller/shared``; changed only under the lock
    /// (``move(to:)``), read without it as a hint where the connection's results are read.
    private let pollerNumber: Atomic<Int>

    /// The poller that reads this connection's results.
    var poller: PostgresPoller { PostgresPoller.shared[pollerNumber.load(ordering: .relaxed)] }
    /// ``poller``'s index in ``PostgresPoller/shared``.
    var pollerIndex: Int { pollerNumber.load(ordering: .relaxed) }

    init(pollerIndex: Int) {
        precondition(PostgresPoller.shared.indices.contains(pollerIndex), "no poller \(pollerIndex)")
        self.pollerNumber = Atomic(pollerIndex)
    }

    /// Hands the socket to another poller, so that a task running on that poller gets the results of its
    /// statements on its own thread. Only when no exchange is in flight.
    func move(to pollerIndex: Int) {
        precondition(PostgresPoller.shared.indices.contains(pollerIndex), "no poller \(pollerIndex)")
        state.withLock { state in
            precondition(state.phase == .idle, "moving a connection during a statement")
            guard pollerIndex != pollerNumber.load(ordering: .relaxed) else { return }
            let old = state.registration.map { registration in
                poller.unregister(registration)
                return registration.socket
            }
            pollerNumber.store(pollerIndex, ordering: .relaxed)
            // Events the old poller took out of the kernel before the move are ignored (handleReadiness);
            // the socket is level-triggered, so the new poller sees whatever is still to be read.
            state.registration = old.map { poller.register(self, socket: $0) }
            if state.wantsWrite, let registration = state.registration {
                poller.update(registration, readable: true, writable: true)
            }
        }
    }

    deinit {
        // The poller keeps registered channels alive, so only an unregistered one ends here.
        state.withLock { state in
            state.collector.discard()
            if let handle = state.handle { PQfinish(handle) }
        }
    }

    /// Whether a handle is attached and libpq considers it connected.
    var isConnected: Bool {
        state.withLock { state in state.handle.map { PQstatus($0) == CONNECTION_OK } ?? false }
    }

    /// libpq's last error message for the connection.
    var errorMessage: String {
        state.withLock { state in state.handle.map(LibPQ.errorMessage) ?? "the connection is closed" }
    }

    /// Whether a handle is attached at all (it may be broken).
    var hasHandle: Bool { state.withLock { $0.handle != nil } }

    /// A handle detached from its channel, which one thread at a time uses for blocking work.
    struct DetachedHandle: @unchecked Sendable {
        // @unchecked: a detached PGconn is reachable only through this value, which is handed to one thread and
        // then attached again; libpq allows a connection to move between threads when it is not used concurrently.
        let pointer: OpaquePointer
    }

    /// Results on their way from the sending task into the channel's state, for the poller to complete.
    private struct PendingResults: @unchecked Sendable {
        // @unchecked: only the thread that owns the exchange at the moment touches the results.
        let collector: ExchangeCollector
    }

    /// Takes a freshly connected or reset handle: non-blocking mode, watched by the poller.
    func attach(_ detached: DetachedHandle) {
        _ = PQsetnonblocking(detached.pointer, 1)
        let socket = PQsocket(detached.pointer)
        state.withLock { state in
            state.handle = detached.pointer
            // A reset that failed leaves no socket; such a connection is only closed, never watched.
            state.registration = socket >= 0 ? poller.register(self, socket: socket) : nil
            state.phase = .idle
            state.missedReadiness = false
            state.wantsWrite = false
        }
    }

    /// Hands the handle over for blocking work (a reset): the poller no longer looks at it, and libpq is back in
    /// blocking mode. Only when no exchange is in flight.
    func detach() -> OpaquePointer? {
        let handle = unwatch()
        if let handle { _ = PQsetnonblocking(handle, 0) }
        return handle
    }

    /// Takes the handle out of the channel and the poller's set.
    private func unwatch() -> OpaquePointer? {
        let handle = state.withLock { state in
            precondition(state.phase == .idle, "detaching a connection during a statement")
            // Before the socket closes: a number the kernel reuses must not lose its new registration.
            if let registration = state.registration { poller.unregister(registration) }
            defer {
                state.handle = nil
                state.registration = nil
                state.wantsWrite = false
            }
            return state.handle.map(DetachedHandle.init)
        }
        return handle?.pointer
    }

    /// Runs one exchange: `send` queues the statement(s) on the connection (returning libpq's 1 or 0), and the
    /// results come back when the server has answered. Never blocks; only one exchange at a time.
    @inline(__always)
    func exchange(_ send: (OpaquePointer) -> Int32) async -> Exchange {
        await exchange { send($0) == 1 ? ExchangeCollector() : nil }
    }

    /// Runs a pipeline: `send` enters pipeline mode and queues statements, each segment ended by a sync point,
    /// returning how many sync points it sent (0 when it failed). The exchange's ``Exchange/segments`` hold one
    /// result per sync point; the connection has left pipeline mode when it returns, unless it broke.
    func pipelineExchange(_ send: (OpaquePointer) -> Int) async -> Exchange {
        await exchange { handle in
            let syncs = send(handle)
            return syncs > 0 ? ExchangeCollector(pipelineSegments: syncs) : nil
        }
    }

    /// `send` queues the exchange's statements and returns what gathers their results, or nil when it failed.
    @inline(__always)
    private func exchange(_ send: (OpaquePointer) -> ExchangeCollector?) async -> Exchange {
        let claimed = state.withLock { state -> DetachedHandle? in
            guard let handle = state.handle else { return nil }
            precondition(state.phase == .idle, "two statements at once on one connection")
            state.phase = .sending
            return DetachedHandle(pointer: handle)
        }
        guard let handle = claimed?.pointer else {
            return Exchange(
                result: nil, connectionOK: false, transactionStatus: PQTRANS_UNKNOWN,
                errorMessage: "the connection is closed")
        }
        let sent = send(handle)
        let flushed = sent == nil ? -1 : PQflush(handle)
        guard flushed >= 0, var collector = sent else {
            let exchange = Self.finished(handle, result: nil)
            finishInline(rearm: false)
            return exchange
        }
        return await withUnsafeContinuation { continuation in
            // The poller stopped watching the socket when it found it readable during the send.
            var rearm = false
            while true {
                enum Step {
                    case read
                    case wait
                }
                let pending = PendingResults(collector: collector)
                let step = state.withLock { state -> Step in
                    if state.missedReadiness {
                        state.missedReadiness = false
                        return .read
                    }
                    state.phase = .awaiting
                    state.waiter = continuation
                    state.collector = pending.collector
                    state.wantsWrite = flushed == 1
                    if flushed == 1 || rearm, let registration = state.registration {
                        poller.update(registration, readable: true, writable: flushed == 1)
                    }
                    return .wait
                }
                switch step {
                case .wait:
                    return
                case .read:
                    // Still the sender's: read what the poller saw, and finish here if the answer is complete.
                    _ = PQconsumeInput(handle)
                    if let exchange = collector.collect(handle) {
                        finishInline(rearm: true)
                        continuation.resume(returning: exchange)
                        return
                    }
                    rearm = true
                }
            }
        }
    }

    /// Back to idle after an exchange the sender completed itself, and watched by the poller again if it had
    /// stopped.
    private func finishInline(rearm: Bool) {
        state.withLock { state in
            if rearm || state.missedReadiness, let registration = state.registration {
                poller.update(registration, readable: true, writable: false)
            }
            state.phase = .idle
            state.missedReadiness = false
        }
    }

    /// Called by the poller when the socket is ready: flushes, reads, and completes the exchange once libpq has
    /// the whole answer. Input that arrives while no statement runs (a notice, the FATAL of a server shutting
    /// down, end of file) is consumed here too, and a lost connection is no longer watched.
    func handleReadiness(events: UInt32, token: UInt64, poller: PostgresPoller) {
        // Interest changes happen under the lock, so that they apply in the order the state changed.
        let completed = state.withLock { state -> (UnsafeContinuation<Exchange, Never>, Exchange)? in
            guard let handle = state.handle, let registration = state.registration, registration.token == token,
                poller === self.poller  // not an event the previous poller took before a move(to:)
            else { return nil }
            if state.phase == .sending {
                // The sender owns the connection: it reads the answer itself, and then has the socket watched
                // again. Level-triggered, so stop watching it meanwhile.
                state.missedReadiness = true
                poller.update(registration, readable: false, writable: false)
                return nil
            }
            if state.wantsWrite, events & (Epoll.writable | Epoll.error | Epoll.hangUp) != 0 {
                if PQflush(handle) != 1 {
                    state.wantsWrite = false
                    poller.update(registration, readable: true, writable: false)
                }
            }
            if events & (Epoll.readable | Epoll.error | Epoll.hangUp) != 0 {
                _ = PQconsumeInput(handle)
            }
            guard state.phase == .awaiting, let waiter = state.waiter else {
                // No one waits: notifications are not used on pooled connections; drop them.
                while let notification = PQnotifies(handle) { PQfreemem(notification) }
                if PQstatus(handle) != CONNECTION_OK {
                    // Lost: stop watching a socket that stays readable (end of file) until the reconnect.
                    poller.unregister(registration)
                    state.registration = nil
                }
                return nil
            }
            guard let exchange = state.collector.collect(handle) else { return nil }
            state.waiter = nil
            state.phase = .idle
            if state.wantsWrite {
                state.wantsWrite = false
                poller.update(registration, readable: true, writable: false)
            }
            if !exchange.connectionOK {
                poller.unregister(registration)
                state.registration = nil
            }
            return (waiter, exchange)
        }
        if let (waiter, exchange) = completed { waiter.resume(returning: exchange) }
    }

    /// Closes the connection for good. Only when no exchange is in flight.
    func close() {
        // Still non-blocking, so that closing never waits, whichever thread (an event loop) closes: libpq sends
        // its goodbye if the socket takes it at once.
        if let handle = unwatch() { PQfinish(handle) }
    }

    /// The exchange that ends with `result` on `handle`, for blocking calls as well.
    static func finished(_ handle: OpaquePointer, result: OpaquePointer?) -> Exchange {
        let connectionOK = PQstatus(handle) == CONNECTION_OK
        let failed = !connectionOK || result.map(LibPQ.isFailure) ?? true
        return Exchange(
            result: result, connectionOK: connectionOK, transactionStatus: PQtransactionStatus(handle),
            errorMessage: failed ? LibPQ.errorMessage(handle) : nil)
    }
}
