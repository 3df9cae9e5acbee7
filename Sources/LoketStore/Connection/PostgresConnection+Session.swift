import CLibPQ

extension PostgresConnection {
    /// Whether ``setSessionTimeout(_:)`` has something to do.
    nonisolated func sessionTimeoutDiffers(_ timeout: Duration?) -> Bool {
        timeout.map(Self.sessionMilliseconds) != session.withLock { $0.sessionTimeoutMilliseconds }
    }

    /// The session timeout set for a statement that must finish within `timeout`: rounded up to 1, 2 or 5 times a
    /// power of ten milliseconds. Each call's remaining time differs, and setting the exact value would cost a
    /// round trip before nearly every statement; rounded, a connection keeps its setting across most calls. The
    /// statement may run at most 2.5 times longer than asked, never shorter: the timeout is the server's backstop,
    /// the RPC deadline itself is enforced by cancelling the call (and with it the statement).
    static func sessionMilliseconds(_ timeout: Duration) -> Int {
        let exact = milliseconds(timeout)
        var step = 1
        while true {
            for factor in [1, 2, 5] where exact <= factor * step { return factor * step }
            guard step <= Int.max / 100 else { return exact }
            step *= 10
        }
    }

    /// Sets the session's `statement_timeout` when it differs from what Loket last set; nil restores the
    /// server's default. Only between transactions; the caller holds the turn.
    nonisolated func setSessionTimeout(_ timeout: Duration?) async throws(StoreError) {
        let wanted = timeout.map(Self.sessionMilliseconds)
        guard wanted != session.withLock({ $0.sessionTimeoutMilliseconds }) else { return }
        // SET takes no parameters; the value is an integer formatted here, never input.
        let script = wanted.map { "SET statement_timeout = \($0)" } ?? "SET statement_timeout TO DEFAULT"
        try await sendRawScript(script)
        session.withLock { $0.sessionTimeoutMilliseconds = wanted }
    }

    /// Opens a transaction block, with its own statement timeout when one is given, in one round trip.
    nonisolated func begin(_ isolation: IsolationLevel, timeout: Duration?) async throws(StoreError) {
        await beginTurn()
        defer { endTurn() }
        try await ensureUsable()
        guard !signals.isInTransaction else {
            throw StoreError(.misuse, cause: LibPQError("a transaction is already open on this connection"))
        }
        // Both spliced values come from Swift (an enum's raw value, an integer), never from input.
        var script = "BEGIN ISOLATION LEVEL \(isolation.rawValue)"
        if let timeout {
            script += "; SET LOCAL statement_timeout = \(Self.milliseconds(timeout))"
        } else if session.withLock({ $0.sessionTimeoutMilliseconds }) != nil {
            script += "; SET LOCAL statement_timeout TO DEFAULT"
        }
        canceller.beginStatement()
        try await sendRawScript(script)
    }

    /// Commits; a transaction that had failed is rolled back by COMMIT, which is reported as an error here.
    nonisolated func commit() async throws(StoreError) {
        await beginTurn()
        defer { endTurn() }
        try await ensureUsable()
        canceller.beginStatement()
        let rows = try await sendRawScript("COMMIT")
        if rows.commandTag == "ROLLBACK" {
            let failure = LibPQError("COMMIT rolled back: a statement of the transaction had failed")
            throw StoreError(.queryFailed, cause: failure)
        }
    }

    /// Rolls back whatever is open; a lost connection has nothing to roll back, so failures are ignored.
    nonisolated func rollback() async {
        await beginTurn()
        defer { endTurn() }
        guard channel.isConnected else { return }
        _ = try? await sendRawScript("ROLLBACK")
    }

    /// Runs a migration's SQL text (several statements) in the current transaction.
    nonisolated func unsafeExecuteRawScript(_ sql: String) async throws(StoreError) {
        await beginTurn()
        defer { endTurn() }
        try await ensureUsable()
        canceller.beginStatement()
        try await sendRawScript(sql)
    }

    /// Whole milliseconds, rounded up and at least one (0 would mean no timeout at all).
    static func milliseconds(_ duration: Duration) -> Int {
        let (seconds, attoseconds) = duration.components
        let millis = Int(seconds) * 1000 + Int((attoseconds + 999_999_999_999_999) / 1_000_000_000_000_000)
        return max(1, millis)
    }
}
