import CLibPQ

extension PostgresConnection {
    /// A statement's identity for the prepared-statement cache: its SQL and its parameter types.
    ///
    /// It holds the statement's bindings rather than an array of their types, so that looking a statement up
    /// allocates nothing; a key kept in the cache is ``stored`` first, without the parameter values.
    struct StatementKey: Hashable {
        var sql: String
        /// The parameters, read for their types only.
        private var parameters: [PostgresBinding]

        /// The key of `query`'s text and parameter types.
        init(_ query: PostgresQuery) {
            sql = query.sql
            parameters = query.bindings
        }

        /// The parameter types, in placeholder order.
        var types: [UInt32] { parameters.map(\.type.rawValue) }

        /// This key without the parameter values, to be kept in the cache (a value may be large).
        var stored: StatementKey {
            var key = self
            key.parameters = parameters.map { PostgresBinding(type: $0.type, format: $0.format, bytes: nil) }
            return key
        }

        static func == (left: StatementKey, right: StatementKey) -> Bool {
            guard left.sql == right.sql, left.parameters.count == right.parameters.count else { return false }
            for index in left.parameters.indices where left.parameters[index].type != right.parameters[index].type {
                return false
            }
            return true
        }

        func hash(into hasher: inout Hasher) {
            hasher.combine(sql)
            hasher.combine(parameters.count)
            for parameter in parameters { hasher.combine(parameter.type.rawValue) }
        }

        /// Queues the preparation of this statement as `name` on `connection`; libpq's 1 or 0.
        func sendPrepare(as name: String?, on connection: OpaquePointer) -> Int32 {
            let types = types
            return PQsendPrepare(connection, name, sql, Int32(types.count), types)
        }
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

    /// Runs a statement in the calling task (no thread switch to send it); a cancelled task sends the server a
    /// cancel request.
    nonisolated func execute(
        _ query: PostgresQuery, format: PostgresFormat, timeout: Duration?
    ) async throws -> PostgresRows {
        try await withTaskCancellationHandler {
            try await self.executeInTurn(query, format: format, timeout: timeout)
        } onCancel: {
            self.canceller.cancel()
        }
    }

    @inline(__always)
    private nonisolated func executeInTurn(
        _ query: PostgresQuery, format: PostgresFormat, timeout: Duration?
    ) async throws(StoreError) -> PostgresRows {
        // Each step is awaited only when it has work to do: an await of an async function is a switch through
        // the task's executor, which costs as much as the statement's own bookkeeping.
        if !tryBeginTurn() { await beginTurn() }
        defer { endTurn() }
        guard !Task.isCancelled else { throw StoreError(.cancelled) }
        if !channel.isConnected { try await ensureUsable() }
        // Inside a transaction the timeout was set with SET LOCAL at BEGIN.
        if !signals.isInTransaction, sessionTimeoutDiffers(timeout) { try await setSessionTimeout(timeout) }
        canceller.beginStatement()
        return try await run(query, format: format, allowPrepared: true)
    }

    /// Runs a statement; one that ran before on this connection is prepared and from then on only executed.
    /// The caller holds the turn.
    ///
    /// Inlined, and a loop rather than recursive so that it can be: each async call a statement makes costs two
    /// switches through the task's executor (on entry and on return), as much as the statement's bookkeeping.
    @inline(__always)
    nonisolated func run(
        _ query: PostgresQuery, format: PostgresFormat, allowPrepared: Bool
    ) async throws(StoreError) -> PostgresRows {
        let key = StatementKey(query)
        var allowPrepared = allowPrepared
        while true {
            let name: String?
            switch allowPrepared ? preparation(for: key) : .unprepared {
            case .prepared(let prepared): name = prepared
            case .unprepared: name = nil
            case .prepare(let new): name = try await prepare(key, as: new)
            }
            let wasInTransaction = signals.isInTransaction
            var parameterFailure: StoreError?
            let exchange = await channel.exchange { connection in
                do throws(StoreError) {
                    return try LibPQ.sendQuery(query, named: name, format: format, on: connection)
                } catch {
                    parameterFailure = error
                    return -1
                }
            }
            if let parameterFailure { throw parameterFailure }
            defer { if let result = exchange.result { PQclear(result) } }
            do {
                return try interpret(exchange)
            } catch where name != nil && error.sqlState == "0A000" && !wasInTransaction {
                // "cached plan must not change result type": the table changed under a prepared `SELECT *`.
                // Outside a transaction nothing was done yet, so forget the statement and run it afresh once.
                session.withLock { $0.statements[key] = nil }
                allowPrepared = false
            }
        }
    }

    /// Runs SQL text through the simple query protocol, which allows several statements and no parameters.
    ///
    /// Only for SQL written in Loket's code or shipped as migrations, never for anything a user supplied.
    @discardableResult
    nonisolated func sendRawScript(_ sql: String) async throws(StoreError) -> PostgresRows {
        let exchange = await channel.exchange { connection in PQsendQuery(connection, sql) }
        defer { if let result = exchange.result { PQclear(result) } }
        return try interpret(exchange)
    }

    /// Makes the connection fit for the next statement: outside a transaction, one whose server went away (a
    /// restart closes idle connections, which the poller notices) is reset first, on a thread of its own;
    /// inside one, the loss is the statement's error. The caller holds the turn.
    nonisolated func ensureUsable() async throws(StoreError) {
        if channel.isConnected { return }
        guard !session.withLock({ $0.isClosed }), channel.hasHandle else {
            throw StoreError(.connectionLost, cause: LibPQError("the connection is closed"))
        }
        guard !signals.isInTransaction else {
            signals.isBroken = true
            throw StoreError(.connectionLost, cause: LibPQError(channel.errorMessage))
        }
        logger.notice("reconnecting: the server closed the connection")
        guard let handle = channel.detach() else {
            throw StoreError(.connectionLost, cause: LibPQError("the connection is closed"))
        }
        let detached = LibPQChannel.DetachedHandle(pointer: handle)
        let outcome = await BlockingCall.run(name: "loket-pg-reset-\(number)") { () -> Result<Void, StoreError> in
            PQreset(detached.pointer)
            guard PQstatus(detached.pointer) == CONNECTION_OK else {
                return .failure(StoreError(
                    .connectionLost, cause: LibPQError(LibPQ.errorMessage(detached.pointer))))
            }
            return Result { () throws(StoreError) in try self.prepareSession(detached.pointer) }
        }
        // Attached even when broken, so that closing the connection finishes the handle.
        channel.attach(detached)
        if case .failure(let error) = outcome {
            signals.isBroken = true
            throw error
        }
    }

    /// What to do about a statement's preparation.
    enum Preparation {
        /// Prepared before under this name.
        case prepared(String)
        /// Runs unprepared (its first run, or the cache is full).
        case unprepared
        /// To be prepared now under this name.
        case prepare(String)
    }

    nonisolated func preparation(for key: StatementKey) -> Preparation {
        session.withLock { session -> Preparation in
            if let name = session.statements[key] { return .prepared(name) }
            let uses = (session.statementUses[key] ?? 0) + 1
            guard uses >= 2, session.statements.count < Self.preparedStatementLimit else {
                if session.statementUses.count >= Self.statementUseLimit { session.statementUses.removeAll() }
                session.statementUses[key.stored] = uses
                return .unprepared
            }
            session.statementUses[key] = nil
            defer { session.nextStatementNumber += 1 }
            return .prepare("loket_\(session.nextStatementNumber)")
        }
    }

    private nonisolated func prepare(_ key: StatementKey, as name: String) async throws(StoreError) -> String {
        let exchange = await channel.exchange { connection in
            key.sendPrepare(as: name, on: connection)
        }
        defer { if let result = exchange.result { PQclear(result) } }
        _ = try interpret(exchange)
        session.withLock { $0.statements[key.stored] = name }
        return name
    }

    /// Turns an exchange into rows or the right ``StoreError``, and records the connection's state (unless the
    /// exchange is one segment of a pipeline, whose state is the pipeline's).
    nonisolated func interpret(_ exchange: LibPQChannel.Exchange, recording: Bool = true) throws(StoreError)
        -> PostgresRows
    {
        if recording { recordState(exchange) }
        guard let result = exchange.result else { throw failure(exchange) }
        let status = PQresultStatus(result)
        switch status {
        case PGRES_TUPLES_OK, PGRES_COMMAND_OK, PGRES_EMPTY_QUERY:
            return LibPQ.rows(from: result)
        case PGRES_FATAL_ERROR, PGRES_NONFATAL_ERROR, PGRES_BAD_RESPONSE:
            guard let server = LibPQ.serverError(result) else { throw failure(exchange) }
            guard exchange.connectionOK else { throw StoreError(.connectionLost, cause: server) }
            // A cancel that raced with the start of the statement shows in the task, not in the flag.
            throw StoreError(server: server, cancelRequested: canceller.wasRequested || Task.isCancelled)
        default:
            let name = PQresStatus(status).map { String(cString: $0) } ?? "\(status.rawValue)"
            throw StoreError(.queryFailed, cause: LibPQError("unsupported result \(name) (COPY is not supported)"))
        }
    }

    private nonisolated func failure(_ exchange: LibPQChannel.Exchange) -> StoreError {
        let cause = LibPQError(exchange.errorMessage ?? "unknown error")
        return StoreError(exchange.connectionOK ? .queryFailed : .connectionLost, cause: cause)
    }

    nonisolated func recordState(_ exchange: LibPQChannel.Exchange) {
        guard exchange.connectionOK else {
            // The transaction state of a lost connection is unknown; keep the last one so that a reconnect
            // never silently continues a transaction's statements outside it.
            signals.isBroken = true
            return
        }
        let state = exchange.transactionStatus
        signals.isInTransaction = state == PQTRANS_INTRANS || state == PQTRANS_INERROR || state == PQTRANS_ACTIVE
    }
}
