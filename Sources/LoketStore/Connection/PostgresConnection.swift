import CLibPQ
import Logging
import Synchronization

/// One libpq connection, in libpq's non-blocking mode: the calling task sends each statement itself and
/// suspends until a ``PostgresPoller`` thread, woken by the socket, hands it the results. No libpq call ever
/// waits on the caller's thread, so callers on the cooperative pool or on an event loop simply `await`;
/// connecting and reconnecting, which libpq does blocking, run on a thread of their own.
///
/// Obtain connections from a ``PostgresPool``; a pool lends each to one task at a time. Before a statement outside
/// a transaction, a connection whose server went away (a restart) reconnects by itself. Statements that several
/// tasks send on one connection at once run one after another.
public actor PostgresConnection {
    /// Numbers connections in logs and thread names.
    private static let counter = Atomic<Int>(0)

    /// Per-session state: the prepared-statement cache, the session's timeout, and whose turn it is.
    struct Session {
        /// Statements prepared on this connection, by SQL and parameter types.
        var statements: [StatementKey: String] = [:]
        /// How often each not-yet-prepared statement ran; the second run prepares it.
        var statementUses: [StatementKey: Int] = [:]
        var nextStatementNumber = 0
        /// The session's `statement_timeout` in milliseconds as Loket last set it; nil is the server's default.
        var sessionTimeoutMilliseconds: Int?
        /// A task is running statements on the connection; others wait in `turns`.
        var busy = false
        var turns: [UnsafeContinuation<Void, Never>] = []
        /// ``close()`` ran: no reconnecting any more.
        var isClosed = false
    }

    nonisolated let channel: LibPQChannel
    nonisolated let signals = ConnectionSignals()
    nonisolated let canceller = QueryCanceller()
    nonisolated let session = Mutex(Session())
    /// A number for logs.
    public nonisolated let number: Int
    nonisolated let configuration: PostgresConfiguration
    nonisolated let logger: Logger
    nonisolated let notices: NoticeLogger

    init(configuration: PostgresConfiguration, logger: Logger) {
        let number = Self.counter.wrappingAdd(1, ordering: .relaxed).newValue
        self.number = number
        self.channel = LibPQChannel(pollerIndex: number % PostgresPoller.shared.count)
        self.configuration = configuration
        var logger = logger
        logger[metadataKey: "pg.connection"] = "\(number)"
        self.logger = logger
        self.notices = NoticeLogger(logger: logger)
    }

    /// Opens a connection; throws ``StoreError`` `connectionFailed` when the server cannot be reached.
    public static func connect(
        configuration: PostgresConfiguration, logger: Logger = Logger(label: "loket.store")
    ) async throws -> PostgresConnection {
        let connection = PostgresConnection(configuration: configuration, logger: logger)
        try await connection.open()
        return connection
    }

    /// Whether the connection is gone for good; a pool discards such connections.
    public nonisolated var isBroken: Bool { signals.isBroken }

    /// Closes the connection (after a statement still running on it); later statements fail with
    /// ``StoreError/Code/connectionLost``.
    public func close() async {
        await beginTurn()
        session.withLock { $0.isClosed = true }
        channel.close()
        canceller.replace(with: nil)
        signals.isBroken = true
        endTurn()
    }

    deinit {
        // The poller holds the channel while it watches it; closing unregisters it and finishes libpq's handle.
        channel.close()
    }

    /// Connects on a thread of its own and sets the session up there, then hands the handle to the poller.
    nonisolated func open() async throws(StoreError) {
        let handle = try await BlockingCall.run(name: "loket-pg-connect-\(number)") {
            () throws(StoreError) -> LibPQChannel.DetachedHandle in
            let handle = try LibPQ.connect(self.configuration)
            do throws(StoreError) {
                try self.prepareSession(handle)
            } catch {
                PQfinish(handle)
                throw error
            }
            return LibPQChannel.DetachedHandle(pointer: handle)
        }
        channel.attach(handle)
    }

    /// Sets up a fresh session, blocking (on a connecting thread): notices to the log, the settings Loket's
    /// decoders rely on plus the configured ones, a new cancel object, and empty statement caches (prepared
    /// statements die with the session).
    nonisolated func prepareSession(_ connection: OpaquePointer) throws(StoreError) {
        notices.install(on: connection)
        session.withLock { session in
            session.statements.removeAll()
            session.statementUses.removeAll()
            session.sessionTimeoutMilliseconds = nil
        }
        canceller.replace(with: PQgetCancel(connection))
        // The text decoders read ISO dates and hex bytea, so those two win over configured settings.
        var settings = configuration.sessionSettings
        settings["DateStyle"] = "ISO"
        settings["bytea_output"] = "hex"
        // The placeholder list is generated here and every name and value is bound: raw only in form.
        var sql = "SELECT "
        var bindings: [PostgresBinding] = []
        for (name, value) in settings.sorted(by: { $0.key < $1.key }) {
            if !bindings.isEmpty { sql += ", " }
            sql += "set_config($\(bindings.count + 1), $\(bindings.count + 2), false)"
            bindings += [name.postgresBinding(), value.postgresBinding()]
        }
        let result = try LibPQ.withParameters(bindings) { count, types, values, lengths, formats in
            PQexecParams(connection, sql, count, types, values, lengths, formats, PostgresFormat.binary.rawValue)
        }
        defer { if let result { PQclear(result) } }
        _ = try interpret(LibPQChannel.finished(connection, result: result))
        signals.isBroken = false
        signals.isInTransaction = false
    }

    /// Waits until no other task runs statements on this connection.
    nonisolated func beginTurn() async {
        if !tryBeginTurn() { await waitForTurn() }
    }

    /// Takes the turn if no other task has it; synchronous, so that the usual case costs no suspension point.
    nonisolated func tryBeginTurn() -> Bool {
        session.withLock { session in
            guard session.busy else {
                session.busy = true
                return true
            }
            return false
        }
    }

    private nonisolated func waitForTurn() async {
        await withUnsafeContinuation { (continuation: UnsafeContinuation<Void, Never>) in
            let grantedNow = session.withLock { session in
                guard session.busy else {
                    session.busy = true
                    return true
                }
                session.turns.append(continuation)
                return false
            }
            if grantedNow { continuation.resume() }
        }
    }

    /// Passes the turn to the next waiting task, if any.
    nonisolated func endTurn() {
        let next = session.withLock { session -> UnsafeContinuation<Void, Never>? in
            guard !session.turns.isEmpty else {
                session.busy = false
                return nil
            }
            return session.turns.removeFirst()
        }
        next?.resume()
    }
}
