import Logging
import Synchronization

/// A fixed-size pool of ``PostgresConnection``s: statements, transactions and notifications for the whole server.
///
/// Connections open lazily up to ``PostgresConfiguration/poolSize``; a caller that finds none free waits in line
/// up to ``PostgresConfiguration/acquireTimeout``. A connection that broke is closed on its return and its place
/// reopened on demand, and idle connections reconnect before use after a server restart, so the pool recovers by
/// itself: while the server is down calls fail with UNAVAILABLE-class errors, and afterwards they succeed again.
public final class PostgresPool: Sendable {
    /// What a waiting caller is given: a connection, or the right to open one (a place became free).
    enum Grant: Sendable {
        case connection(PostgresConnection)
        case openSlot
    }

    struct Waiter: Sendable {
        var id: Int
        var continuation: CheckedContinuation<Grant, any Error>
        /// When the pool's acquire timeout fails this waiter.
        var deadline: ContinuousClock.Instant
    }

    struct State: Sendable {
        var idle: [PostgresConnection] = []
        /// Connections that exist or are being opened; never more than the pool size.
        var opened = 0
        var waiters: [Waiter] = []
        var nextWaiterID = 0
        var isClosed = false
        /// The task that enforces waiters' deadlines while any wait.
        var sweeper: Task<Void, Never>?
    }

    /// The configuration the pool was made with.
    public let configuration: PostgresConfiguration
    let logger: Logger
    let state = Mutex(State())

    /// Creates a pool; no connection is opened until the first statement.
    public init(configuration: PostgresConfiguration, logger: Logger = Logger(label: "loket.store")) {
        self.configuration = configuration
        self.logger = logger
    }

    /// The threads that wait for the pool's sockets (one per core), as task executors: event loops that drive
    /// libpq. A task that prefers one of them (`group.addTask(executorPreference: pool.taskExecutors[i])`) sends
    /// its statements and gets their results on that one thread, without the switch to another thread that
    /// resuming a task elsewhere costs: it is lent a connection that thread polls when one is idle, and any other
    /// connection it is lent moves to that thread (one `epoll_ctl` delete and add). Such tasks
    /// share the thread with every connection's results, so they must never block and should do little besides
    /// database work. The executors are shared by all pools of the process.
    public var taskExecutors: [any TaskExecutor] { PostgresPoller.shared }

    /// Makes the polling threads behind ``taskExecutors`` pin themselves to one CPU each (thread *i* to the *i*-th
    /// CPU the process may use, as `GRPCServerConfiguration.pinThreads` does for event loops), so that they never
    /// migrate between cores. Applies to threads that start afterwards: call it before the first connection
    /// opens. For machines given to Loket, and measurements.
    public static func pinPollingThreads() {
        PostgresPoller.pinsThreads.store(true, ordering: .relaxed)
    }

    /// Connections open, idle and callers waiting, for health checks and tests.
    public var statistics: PostgresPoolStatistics {
        state.withLock { state in
            PostgresPoolStatistics(open: state.opened, idle: state.idle.count, waiting: state.waiters.count)
        }
    }

    /// Lends a connection to `body` and takes it back afterwards, rolling back a transaction `body` left open.
    @discardableResult
    public func withConnection<Result>(
        isolation: isolated (any Actor)? = #isolation,
        _ body: (PostgresConnection) async throws -> Result
    ) async throws -> Result {
        let connection = try await acquire()
        do {
            let result = try await body(connection)
            await release(connection)
            return result
        } catch {
            await release(connection)
            throw error
        }
    }

    /// Runs one statement on a pooled connection, outside any transaction.
    ///
    /// `timeout` becomes the statement's `statement_timeout` (``StoreError/Code/timeout`` when it passes); pass
    /// the RPC's remaining time (``LoketRPC/ServerContext/storeTimeout``). Throws ``StoreError``.
    @discardableResult
    public func query(
        _ query: PostgresQuery, format: PostgresFormat = .binary, timeout: Duration? = nil
    ) async throws -> PostgresRows {
        if let timeout, timeout <= .zero { throw StoreError(.timeout) }
        // Awaited only when there is something to wait for: every await of an async function switches through
        // the task's executor.
        let connection: PostgresConnection
        if let idle = acquireIdle() {
            connection = idle
        } else {
            connection = try await acquire()
        }
        do {
            let rows = try await connection.execute(query, format: format, timeout: timeout)
            if !releaseHealthy(connection) { await release(connection) }
            return rows
        } catch {
            if !releaseHealthy(connection) { await release(connection) }
            throw error
        }
    }

    /// Sends a notification to every listener of `channel` (delivered at once, outside a transaction).
    public func notify(channel: String, payload: String = "") async throws {
        try await query("SELECT pg_notify(\(channel), \(payload))")
    }

    /// Closes idle connections and refuses further use; connections still lent out close on their return.
    public func close() async {
        let (idle, waiters, sweeper) = state.withLock { state in
            state.isClosed = true
            defer {
                state.opened -= state.idle.count
                state.idle = []
                state.waiters = []
                state.sweeper = nil
            }
            return (state.idle, state.waiters, state.sweeper)
        }
        sweeper?.cancel()
        for waiter in waiters {
            waiter.continuation.resume(throwing: StoreError(.poolClosed))
        }
        for connection in idle { await connection.close() }
    }
}
