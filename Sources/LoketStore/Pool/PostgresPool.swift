import Logging
import Synchronization

/// A fixed-size pool of ``PostgresConnection``s: statements, transactions and notifications for the whole server.
///
/// Connections open lazily up to ``PostgresConfiguration/poolSize``; a caller that finds none free waits in line
/// up to ``PostgresConfiguration/acquireTimeout``. A connection that broke is closed on its return and its place
/// reopened on demand, and idle connections reconnect before use after a server restart, so the pool recovers by
/// itself: while the server is down calls fail with UNAVAILABLE-class errors, and afterwards they succeed again.
///
/// Callers of ``query(_:format:timeout:)`` that wait for a connection share round trips: when a connection comes
/// free, the first of them sends its statement together with those of others waiting with the same SQL text and
/// session timeout (``PostgresConfiguration/pipelineLimit`` in all), in libpq's pipeline mode, each statement in its own implicit transaction as if sent
/// alone. Under load this replaces a wake-up of the server and of the store's thread per statement with one per
/// pipeline (``PostgresPoolStatistics/pipelines``).
public final class PostgresPool: Sendable {
    /// What a waiting caller is given: a connection, or the right to open one (a place became free); a caller
    /// of ``query(_:format:timeout:)`` may instead lead a pipeline of its statement and other waiting ones, or
    /// be served by another caller's pipeline.
    enum Grant: Sendable {
        case connection(PostgresConnection)
        case openSlot
        case lead(PostgresConnection, followers: [Waiter])
        case served(Result<PostgresRows, StoreError>)
    }

    struct Waiter: Sendable {
        var id: Int
        var continuation: CheckedContinuation<Grant, any Error>
        /// When the pool's acquire timeout fails this waiter.
        var deadline: ContinuousClock.Instant
        /// The single statement the waiter wants to run, if that is all it wants (``query(_:format:timeout:)``):
        /// such waiters can share one round trip.
        var statement: WaitingStatement?
    }

    /// A statement waiting for a connection, and the session timeout it needs (pipelined statements share one).
    struct WaitingStatement: Sendable {
        var statement: PostgresConnection.PipelinedStatement
        var timeout: Duration?
        /// ``PostgresConnection/sessionMilliseconds(_:)`` of `timeout`: statements with the same one can share a
        /// pipeline.
        var sessionTimeout: Int?
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
        var pipelines = 0
        var pipelinedStatements = 0
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
            PostgresPoolStatistics(
                open: state.opened, idle: state.idle.count, waiting: state.waiters.count, pipelines: state.pipelines,
                pipelinedStatements: state.pipelinedStatements)
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

    /// Runs one statement on a pooled connection, outside any transaction (in its own, like an autocommitted
    /// statement); when it has to wait for a connection it may be sent in a pipeline with other waiting callers'
    /// statements. That changes one thing: once sent in a pipeline, cancelling the calling task no longer stops the
    /// statement on the server (that would stop the others' too); it completes, and its outcome is returned.
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
            let statement = PostgresConnection.PipelinedStatement(query: query, format: format)
            let waiting = WaitingStatement(
                statement: statement, timeout: timeout,
                sessionTimeout: timeout.map(PostgresConnection.sessionMilliseconds))
            switch try await acquire(for: waiting) {
            case .connection(let granted):
                connection = granted
            case .lead(let granted, let followers):
                return try await rerunIfStale(await lead(waiting, on: granted, followers: followers), waiting)
            case .served(let outcome):
                return try await rerunIfStale(outcome, waiting)
            case .openSlot:
                preconditionFailure("acquire(for:) opens the connection itself")
            }
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

    /// A pipelined statement's outcome; one whose prepared plan went stale ("cached plan must not change result
    /// type", after a table changed under a prepared `SELECT *`) runs once more, as a statement sent alone would.
    private func rerunIfStale(_ outcome: Result<PostgresRows, StoreError>, _ waiting: WaitingStatement) async throws
        -> PostgresRows
    {
        if case .failure(let error) = outcome, error.sqlState == "0A000" {
            return try await query(waiting.statement.query, format: waiting.statement.format, timeout: waiting.timeout)
        }
        return try outcome.get()
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
