import CLibPQ

extension PostgresConnection {
    /// Sets the session's `statement_timeout` when it differs from what Loket last set; nil restores the
    /// server's default. Only between transactions.
    func setSessionTimeout(_ timeout: Duration?, on connection: OpaquePointer) throws(StoreError) {
        let wanted = timeout.map(Self.milliseconds)
        guard wanted != sessionTimeoutMilliseconds else { return }
        // SET takes no parameters; the value is an integer formatted here, never input.
        let script = wanted.map { "SET statement_timeout = \($0)" } ?? "SET statement_timeout TO DEFAULT"
        try unsafeExecuteRawScript(script, on: connection)
        sessionTimeoutMilliseconds = wanted
    }

    /// Opens a transaction block, with its own statement timeout when one is given, in one round trip.
    func begin(_ isolation: IsolationLevel, timeout: Duration?) throws(StoreError) {
        let connection = try usableHandle()
        guard !signals.isInTransaction else {
            throw StoreError(.misuse, cause: LibPQError("a transaction is already open on this connection"))
        }
        // Both spliced values come from Swift (an enum's raw value, an integer), never from input.
        var script = "BEGIN ISOLATION LEVEL \(isolation.rawValue)"
        if let timeout {
            script += "; SET LOCAL statement_timeout = \(Self.milliseconds(timeout))"
        } else if sessionTimeoutMilliseconds != nil {
            script += "; SET LOCAL statement_timeout TO DEFAULT"
        }
        canceller.beginStatement()
        try unsafeExecuteRawScript(script, on: connection)
    }

    /// Commits; a transaction that had failed is rolled back by COMMIT, which is reported as an error here.
    func commit() throws(StoreError) {
        let connection = try usableHandle()
        canceller.beginStatement()
        let rows = try unsafeExecuteRawScript("COMMIT", on: connection)
        if rows.commandTag == "ROLLBACK" {
            let failure = LibPQError("COMMIT rolled back: a statement of the transaction had failed")
            throw StoreError(.queryFailed, cause: failure)
        }
    }

    /// Rolls back whatever is open; a lost connection has nothing to roll back, so failures are ignored.
    func rollback() {
        guard let handle, PQstatus(handle) == CONNECTION_OK else { return }
        _ = try? unsafeExecuteRawScript("ROLLBACK", on: handle)
    }

    /// Runs a migration's SQL text (several statements) in the current transaction.
    func unsafeExecuteRawScript(_ sql: String) throws(StoreError) {
        let connection = try usableHandle()
        canceller.beginStatement()
        try unsafeExecuteRawScript(sql, on: connection)
    }

    /// Whole milliseconds, rounded up and at least one (0 would mean no timeout at all).
    static func milliseconds(_ duration: Duration) -> Int {
        let (seconds, attoseconds) = duration.components
        let millis = Int(seconds) * 1000 + Int((attoseconds + 999_999_999_999_999) / 1_000_000_000_000_000)
        return max(1, millis)
    }
}
