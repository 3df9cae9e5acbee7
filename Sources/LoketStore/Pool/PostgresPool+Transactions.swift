extension PostgresPool {
    /// Runs `body` in a transaction: commits when it returns, rolls back when it throws.
    ///
    /// A serialization failure or deadlock (in a statement or at COMMIT) runs the whole body again, per the
    /// retry policy (the configuration's unless `retry` is given), so `body` must not have effects outside the
    /// database that cannot be repeated. `timeout` bounds the whole call, retries included: each attempt's
    /// statements get the time that is left as `SET LOCAL statement_timeout`. Errors are ``StoreError``s, except
    /// what `body` itself throws, which is rethrown as it is after the rollback.
    @discardableResult
    public func withTransaction<Result>(
        isolation level: IsolationLevel = .readCommitted,
        timeout: Duration? = nil,
        retry: RetryPolicy? = nil,
        calledFrom isolation: isolated (any Actor)? = #isolation,
        _ body: (PostgresTransaction) async throws -> Result
    ) async throws -> Result {
        let policy = retry ?? configuration.retryPolicy
        let deadline = timeout.map { ContinuousClock.now + $0 }
        var attempt = 1
        while true {
            let remaining = deadline.map { $0 - .now }
            if let remaining, remaining <= .zero { throw StoreError(.timeout) }
            do {
                return try await runTransaction(level, timeout: remaining, body)
            } catch let error as StoreError where error.isTransient && attempt < policy.maxAttempts {
                attempt += 1
                logger.debug(
                    "retrying transaction", metadata: ["reason": "\(error.code.rawValue)", "attempt": "\(attempt)"])
                do {
                    try await Task.sleep(for: policy.backoff(beforeAttempt: attempt))
                } catch {
                    throw StoreError(.cancelled)
                }
            }
        }
    }

    /// ``withTransaction(isolation:timeout:retry:calledFrom:_:)`` bounded by an RPC's deadline.
    @discardableResult
    public func withTransaction<Result>(
        isolation level: IsolationLevel = .readCommitted,
        deadline: ContinuousClock.Instant?,
        retry: RetryPolicy? = nil,
        calledFrom isolation: isolated (any Actor)? = #isolation,
        _ body: (PostgresTransaction) async throws -> Result
    ) async throws -> Result {
        try await withTransaction(
            isolation: level, timeout: deadline.map { $0 - .now }, retry: retry, calledFrom: isolation, body)
    }

    private func runTransaction<Result>(
        _ level: IsolationLevel,
        timeout: Duration?,
        isolation: isolated (any Actor)? = #isolation,
        _ body: (PostgresTransaction) async throws -> Result
    ) async throws -> Result {
        let connection = try await acquire()
        do {
            try await connection.begin(level, timeout: timeout)
        } catch {
            await release(connection)
            throw error
        }
        let transaction = PostgresTransaction(connection: connection, lifetime: PostgresTransaction.Lifetime())
        do {
            let result = try await body(transaction)
            transaction.lifetime.end()
            try await connection.commit()
            await release(connection)
            return result
        } catch {
            transaction.lifetime.end()
            await connection.rollback()
            await release(connection)
            throw error
        }
    }
}
