import CLibPQ
import Logging
import Synchronization

/// One libpq connection. Its methods run on the connection's own thread (a custom actor executor), so libpq's
/// blocking calls never hold a thread of the cooperative pool or an event loop; callers simply `await` them.
///
/// Obtain connections from a ``PostgresPool``; a pool lends each to one task at a time. Before a statement outside
/// a transaction, a connection whose server went away (a restart) reconnects by itself.
public actor PostgresConnection {
    /// Numbers connections in logs and thread names.
    private static let counter = Atomic<Int>(0)

    nonisolated let executor: ThreadExecutor
    nonisolated let signals = ConnectionSignals()
    nonisolated let canceller = QueryCanceller()
    /// A number for logs.
    public nonisolated let number: Int
    let configuration: PostgresConfiguration
    let logger: Logger
    let notices: NoticeLogger

    /// The `PGconn`; nil once closed. Used only on this actor's thread.
    var handle: OpaquePointer?
    /// Statements prepared on this connection, by SQL and parameter types.
    var statements: [StatementKey: String] = [:]
    /// How often each not-yet-prepared statement ran; the second run prepares it.
    var statementUses: [StatementKey: Int] = [:]
    var nextStatementNumber = 0
    /// The session's `statement_timeout` in milliseconds as Loket last set it; nil is the server's default.
    var sessionTimeoutMilliseconds: Int?

    /// Actor jobs run on the connection's thread.
    public nonisolated var unownedExecutor: UnownedSerialExecutor {
        executor.asUnownedSerialExecutor()
    }

    init(configuration: PostgresConfiguration, logger: Logger) {
        let number = Self.counter.wrappingAdd(1, ordering: .relaxed).newValue
        self.number = number
        self.executor = ThreadExecutor(name: "loket-pg-\(number)")
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
        do {
            try await connection.open()
        } catch {
            await connection.close()
            throw error
        }
        return connection
    }

    /// Whether the connection is gone for good; a pool discards such connections.
    public nonisolated var isBroken: Bool { signals.isBroken }

    /// Closes the connection; later statements fail with ``StoreError/Code/connectionLost``.
    public func close() {
        if let handle { PQfinish(handle) }
        handle = nil
        canceller.replace(with: nil)
        signals.isBroken = true
        executor.shutdown()
    }

    // Isolated, so that libpq's connection is finished on the thread that used it.
    isolated deinit {
        if let handle { PQfinish(handle) }
        executor.shutdown()
    }

    func open() throws(StoreError) {
        let connection = try LibPQ.connect(configuration)
        handle = connection
        try prepareSession(connection)
    }

    /// Sets up a fresh session: notices to the log, the settings Loket's decoders rely on plus the configured
    /// ones, a new cancel object, and empty statement caches (prepared statements die with the session).
    func prepareSession(_ connection: OpaquePointer) throws(StoreError) {
        notices.install(on: connection)
        statements.removeAll()
        statementUses.removeAll()
        sessionTimeoutMilliseconds = nil
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
        let query = PostgresQuery.unsafeRawSQL(sql, bindings: bindings)
        _ = try run(query, format: .binary, on: connection, allowPrepared: false)
        signals.isBroken = false
        signals.isInTransaction = false
    }
}
