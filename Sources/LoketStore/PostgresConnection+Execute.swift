import CLibPQ

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension PostgresConnection {
    /// A statement's identity for the prepared-statement cache: its SQL and its parameter types.
    struct StatementKey: Hashable {
        var sql: String
        var types: [UInt32]
    }

    /// At most this many statements are prepared per connection; later ones run unprepared.
    static let preparedStatementLimit = 256
    /// The use counter is cleared when it tracks this many distinct statements, so one-off SQL cannot grow it.
    static let statementUseLimit = 2048

    /// Runs a statement with its interpolated values bound and returns its rows (empty for commands).
    ///
    /// Results come in `format` (binary by default: integers, timestamps, UUIDs and bytea need no parsing).
    /// Cancelling the calling task cancels the statement on the server. Throws ``StoreError``.
    @discardableResult
    public nonisolated func query(_ query: PostgresQuery, format: PostgresFormat = .binary) async throws
        -> PostgresRows
    {
        try await execute(query, format: format, timeout: nil)
    }

    /// Runs a statement on the connection's thread; a cancelled task sends the server a cancel request.
    nonisolated func execute(
        _ query: PostgresQuery, format: PostgresFormat, timeout: Duration?
    ) async throws -> PostgresRows {
        try await withTaskCancellationHandler {
            try await self.executeNow(query, format: format, timeout: timeout)
        } onCancel: {
            self.canceller.cancel()
        }
    }

    private func executeNow(
        _ query: PostgresQuery, format: PostgresFormat, timeout: Duration?
    ) throws(StoreError) -> PostgresRows {
        guard !Task.isCancelled else { throw StoreError(.cancelled) }
        let connection = try usableHandle()
        // Inside a transaction the timeout was set with SET LOCAL at BEGIN.
        if !signals.isInTransaction { try setSessionTimeout(timeout, on: connection) }
        canceller.beginStatement()
        return try run(query, format: format, on: connection, allowPrepared: true)
    }

    /// Runs a statement; one that ran before on this connection is prepared and from then on only executed.
    func run(
        _ query: PostgresQuery, format: PostgresFormat, on connection: OpaquePointer, allowPrepared: Bool
    ) throws(StoreError) -> PostgresRows {
        let key = StatementKey(sql: query.sql, types: query.bindings.map(\.type.rawValue))
        let name = allowPrepared ? try preparedName(for: key, on: connection) : nil
        let wasInTransaction = signals.isInTransaction
        let result = try LibPQ.withParameters(query.bindings) { types, values, lengths, formats in
            if let name {
                PQexecPrepared(connection, name, Int32(values.count), values, lengths, formats, format.rawValue)
            } else {
                PQexecParams(
                    connection, query.sql, Int32(values.count), types, values, lengths, formats, format.rawValue)
            }
        }
        defer { if let result { PQclear(result) } }
        do {
            return try interpret(result, on: connection)
        } catch where name != nil && error.sqlState == "0A000" && !wasInTransaction {
            // "cached plan must not change result type": the table changed under a prepared `SELECT *`.
            // Outside a transaction nothing was done yet, so forget the statement and run it afresh once.
            statements[key] = nil
            return try run(query, format: format, on: connection, allowPrepared: false)
        }
    }

    /// Runs SQL text through the simple query protocol, which allows several statements and no parameters.
    ///
    /// Only for SQL written in Loket's code or shipped as migrations, never for anything a user supplied.
    @discardableResult
    func unsafeExecuteRawScript(_ sql: String, on connection: OpaquePointer) throws(StoreError) -> PostgresRows {
        let result = PQexec(connection, sql)
        defer { if let result { PQclear(result) } }
        return try interpret(result, on: connection)
    }

    /// A connection fit for the next statement: outside a transaction, one whose server went away (a restart
    /// closes idle connections) is reopened first; inside one, the loss is the statement's error.
    func usableHandle() throws(StoreError) -> OpaquePointer {
        guard let connection = handle else {
            throw StoreError(.connectionLost, cause: LibPQError("the connection is closed"))
        }
        if !signals.isInTransaction { Self.readPendingInput(connection) }
        guard PQstatus(connection) != CONNECTION_OK else { return connection }
        guard !signals.isInTransaction else {
            signals.isBroken = true
            throw StoreError(.connectionLost, cause: LibPQError(LibPQ.errorMessage(connection)))
        }
        logger.notice("reconnecting: the server closed the connection")
        PQreset(connection)
        guard PQstatus(connection) == CONNECTION_OK else {
            signals.isBroken = true
            throw StoreError(.connectionLost, cause: LibPQError(LibPQ.errorMessage(connection)))
        }
        try prepareSession(connection)
        return connection
    }

    private func preparedName(for key: StatementKey, on connection: OpaquePointer) throws(StoreError) -> String? {
        if let name = statements[key] { return name }
        let uses = (statementUses[key] ?? 0) + 1
        guard uses >= 2, statements.count < Self.preparedStatementLimit else {
            if statementUses.count >= Self.statementUseLimit { statementUses.removeAll() }
            statementUses[key] = uses
            return nil
        }
        statementUses[key] = nil
        let name = "loket_\(nextStatementNumber)"
        nextStatementNumber += 1
        let result = PQprepare(connection, name, key.sql, Int32(key.types.count), key.types)
        defer { if let result { PQclear(result) } }
        _ = try interpret(result, on: connection)
        statements[key] = name
        return name
    }

    /// Turns a libpq result into rows or the right ``StoreError``, and records the connection's state.
    private func interpret(_ result: OpaquePointer?, on connection: OpaquePointer) throws(StoreError) -> PostgresRows {
        defer { recordState(of: connection) }
        guard let result else { throw failure(of: connection) }
        let status = PQresultStatus(result)
        switch status {
        case PGRES_TUPLES_OK, PGRES_COMMAND_OK, PGRES_EMPTY_QUERY:
            return LibPQ.rows(from: result)
        case PGRES_FATAL_ERROR, PGRES_NONFATAL_ERROR, PGRES_BAD_RESPONSE:
            guard let server = LibPQ.serverError(result) else { throw failure(of: connection) }
            guard PQstatus(connection) == CONNECTION_OK else { throw StoreError(.connectionLost, cause: server) }
            // A cancel that raced with the start of the statement shows in the task, not in the flag.
            throw StoreError(server: server, cancelRequested: canceller.wasRequested || Task.isCancelled)
        default:
            let name = PQresStatus(status).map { String(cString: $0) } ?? "\(status.rawValue)"
            throw StoreError(.queryFailed, cause: LibPQError("unsupported result \(name) (COPY is not supported)"))
        }
    }

    private func failure(of connection: OpaquePointer) -> StoreError {
        let cause = LibPQError(LibPQ.errorMessage(connection))
        return StoreError(PQstatus(connection) == CONNECTION_OK ? .queryFailed : .connectionLost, cause: cause)
    }

    private func recordState(of connection: OpaquePointer) {
        guard PQstatus(connection) == CONNECTION_OK else {
            // The transaction state of a lost connection is unknown; keep the last one so that a reconnect
            // never silently continues a transaction's statements outside it.
            signals.isBroken = true
            return
        }
        let state = PQtransactionStatus(connection)
        signals.isInTransaction = state == PQTRANS_INTRANS || state == PQTRANS_INERROR || state == PQTRANS_ACTIVE
    }

    /// Reads what the server sent an idle connection: a restart's goodbye and then end-of-file, which libpq
    /// notices only when it reads, turning the connection's status bad so that ``usableHandle()`` reconnects.
    private static func readPendingInput(_ connection: OpaquePointer) {
        let socket = PQsocket(connection)
        guard socket >= 0 else { return }
        var descriptor = pollfd(fd: socket, events: Int16(POLLIN), revents: 0)
        for _ in 0..<4 {
            guard poll(&descriptor, 1, 0) > 0 else { return }
            guard PQconsumeInput(connection) == 1, PQstatus(connection) == CONNECTION_OK else { return }
            // Parses what arrived (a FATAL goes to the notice log); pooled connections do not LISTEN.
            while let notification = PQnotifies(connection) { PQfreemem(notification) }
        }
    }
}
