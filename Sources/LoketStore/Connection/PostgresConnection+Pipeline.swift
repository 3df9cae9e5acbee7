import CLibPQ
import LoketSQL

extension PostgresConnection {
    /// One statement of a pipeline, as a caller of ``PostgresPool/query(_:format:timeout:)`` asked for it.
    struct PipelinedStatement: Sendable {
        var query: PostgresQuery
        var format: PostgresFormat
    }

    /// Runs independent statements in one round trip (libpq's pipeline mode), each with a sync point of its own:
    /// each runs in its own implicit transaction, as if sent alone, and a failing statement fails alone. Returns
    /// their outcomes in the order of `statements`.
    ///
    /// For statements of several callers that queued in the pool, all with the same session timeout. It cannot be
    /// cancelled (a cancel request would stop whichever of them runs); the statement timeout bounds it.
    nonisolated func runPipelined(_ statements: [PipelinedStatement], timeout: Duration?) async
        -> [Result<PostgresRows, StoreError>]
    {
        if !tryBeginTurn() { await beginTurn() }
        defer { endTurn() }
        do throws(StoreError) {
            if !channel.isConnected { try await ensureUsable() }
            guard !signals.isInTransaction else {
                throw StoreError(.misuse, cause: LibPQError("a transaction is open on this connection"))
            }
            if sessionTimeoutDiffers(timeout) { try await setSessionTimeout(timeout) }
        } catch {
            return Array(repeating: .failure(error), count: statements.count)
        }
        canceller.beginStatement()
        let plans = plan(statements)
        var parameterFailures: [Int: StoreError] = [:]
        var sendFailed = false
        let exchange = await channel.pipelineExchange { connection in
            guard PQenterPipelineMode(connection) == 1 else {
                sendFailed = true
                return 0
            }
            var syncs = 0
            for (index, statement) in statements.enumerated() {
                let plan = plans[index]
                if plan.prepares {
                    // A segment of its own, so that its outcome is known: the statement is cached only if it worked.
                    guard plan.key.sendPrepare(as: plan.name, on: connection) == 1,
                        PQpipelineSync(connection) == 1
                    else {
                        sendFailed = true
                        return syncs
                    }
                    syncs += 1
                }
                let sent: Int32
                do throws(StoreError) {
                    sent = try LibPQ.sendQuery(
                        statement.query, named: plan.name, format: statement.format, on: connection)
                } catch {
                    parameterFailures[index] = error
                    continue
                }
                guard sent == 1, PQpipelineSync(connection) == 1 else {
                    sendFailed = true
                    return syncs
                }
                syncs += 1
            }
            // Nothing was sent (every statement had unusable parameters): leave pipeline mode at once.
            if syncs == 0, PQexitPipelineMode(connection) != 1 { sendFailed = true }
            return syncs
        }
        recordState(exchange)
        if sendFailed || (exchange.segments.isEmpty && parameterFailures.count < statements.count) {
            // Statements may sit in a pipeline no one reads (a send or a flush failed): the connection is not
            // used again.
            signals.isBroken = true
        }
        return outcomes(of: exchange, plans: plans, parameterFailures: parameterFailures)
    }

    /// How a pipelined statement is sent: under its prepared name, prepared first in a segment of its own, or
    /// unprepared (``preparation(for:)``, as for a statement sent alone).
    private struct Plan {
        var key: StatementKey
        var name: String?
        var prepares: Bool
        /// The earlier statement of the pipeline that prepares this one's name, if any.
        var preparedBy: Int?
    }

    private nonisolated func plan(_ statements: [PipelinedStatement]) -> [Plan] {
        var plans: [Plan] = []
        plans.reserveCapacity(statements.count)
        // Statements prepared by this pipeline, by key: later ones with the same key use the name right away.
        var preparing: [StatementKey: Int] = [:]
        for statement in statements {
            let key = StatementKey(statement.query)
            if let index = preparing[key] {
                plans.append(Plan(key: key, name: plans[index].name, prepares: false, preparedBy: index))
                continue
            }
            switch preparation(for: key) {
            case .prepared(let name): plans.append(Plan(key: key, name: name, prepares: false))
            case .unprepared: plans.append(Plan(key: key, name: nil, prepares: false))
            case .prepare(let name):
                preparing[key] = plans.count
                plans.append(Plan(key: key, name: name, prepares: true))
            }
        }
        return plans
    }

    /// Matches the pipeline's segments to its statements, frees their results, and caches what was prepared.
    private nonisolated func outcomes(
        of exchange: LibPQChannel.Exchange, plans: [Plan], parameterFailures: [Int: StoreError]
    ) -> [Result<PostgresRows, StoreError>] {
        var segments = exchange.segments[...]
        defer {
            for segment in segments { if let result = segment.result { PQclear(result) } }
        }
        let lost = StoreError(
            exchange.connectionOK ? .queryFailed : .connectionLost,
            cause: LibPQError(exchange.errorMessage ?? "the pipeline was not sent"))
        var outcomes: [Result<PostgresRows, StoreError>] = []
        outcomes.reserveCapacity(plans.count)
        var preparationFailures: [Int: StoreError] = [:]
        for (index, plan) in plans.enumerated() {
            var preparing = plan.preparedBy.flatMap { preparationFailures[$0] }
            if plan.prepares {
                guard let segment = segments.popFirst() else {
                    outcomes.append(.failure(lost))
                    continue
                }
                defer { if let result = segment.result { PQclear(result) } }
                do throws(StoreError) {
                    _ = try interpret(segment, recording: false)
                    session.withLock { $0.statements[plan.key.stored] = plan.name }
                } catch {
                    preparing = error
                    preparationFailures[index] = error
                }
            }
            if let failure = parameterFailures[index] {
                outcomes.append(.failure(failure))
                continue
            }
            guard let segment = segments.popFirst() else {
                outcomes.append(.failure(lost))
                continue
            }
            defer { if let result = segment.result { PQclear(result) } }
            if let preparing {
                // The statement failed for want of its prepared statement; the preparation says why.
                outcomes.append(.failure(preparing))
                continue
            }
            let outcome = Result { () throws(StoreError) in try interpret(segment, recording: false) }
            if case .failure(let error) = outcome, plan.name != nil, error.sqlState == "0A000" {
                // "cached plan must not change result type": forget the statement; the caller runs it afresh.
                session.withLock { $0.statements[plan.key] = nil }
            }
            outcomes.append(outcome)
        }
        return outcomes
    }
}
