extension PostgresPool {
    /// An idle connection, if one is free now; synchronous, so that the usual case costs no suspension point.
    func acquireIdle() -> PostgresConnection? {
        // With several pollers, a task running on one of them gets a connection it polls, if one is idle.
        let poller = PostgresPoller.shared.count > 1 ? PostgresPoller.currentIndex() : nil
        let connection = state.withLock { state -> PostgresConnection? in
            guard !state.isClosed else { return nil }
            if let poller, let index = state.idle.lastIndex(where: { $0.channel.pollerIndex == poller }) {
                return state.idle.remove(at: index)
            }
            return state.idle.popLast()
        }
        if let poller, let connection { adopt(connection, poller: poller) }
        return connection
    }

    /// Moves `connection` to the poller the calling task runs on, if it is polled by another one.
    ///
    /// Otherwise a task and a connection polled elsewhere pair up for good whenever the task's own connections
    /// are all lent out when it asks: each result would cross threads, and with as many tasks as connections
    /// per poller the mismatch never resolves by itself.
    func adopt(_ connection: PostgresConnection, poller: Int) {
        if connection.channel.pollerIndex != poller { connection.channel.move(to: poller) }
    }

    /// Takes back a connection that needs no clean-up (not broken, no transaction open) without a suspension
    /// point; false when it needs ``release(_:)``.
    func releaseHealthy(_ connection: PostgresConnection) -> Bool {
        guard !connection.isBroken, !connection.signals.isInTransaction else { return false }
        let handed = state.withLock { state -> (Waiter, Grant)?? in
            if state.isClosed { return .none }
            if !state.waiters.isEmpty { return .some(handOff(connection, state: &state)) }
            state.idle.append(connection)
            return .some(nil)
        }
        switch handed {
        case .none:
            return false
        case .some(let (waiter, grant)?):
            waiter.continuation.resume(returning: grant)
            return true
        case .some(nil):
            return true
        }
    }

    /// A free connection: an idle one, a new one while the pool is below its size, or the next one returned.
    func acquire() async throws -> PostgresConnection {
        guard case .connection(let connection) = try await acquire(for: nil) else {
            preconditionFailure("only a waiting statement leads or is served")
        }
        return connection
    }

    /// ``acquire()`` for a caller that wants to run `statement` alone: it may also be given a pipeline to lead,
    /// or its statement's outcome. Never `.openSlot`: that connection is opened here.
    func acquire(for statement: WaitingStatement?) async throws -> Grant {
        let deadline = ContinuousClock.now + configuration.acquireTimeout
        let connection: PostgresConnection
        switch try await grant(until: deadline, statement: statement) {
        case .connection(let granted): connection = granted
        case .openSlot: connection = try await openConnection()
        case .lead(let granted, let followers):
            adoptForCurrentTask(granted)
            return .lead(granted, followers: followers)
        case .served(let outcome): return .served(outcome)
        }
        adoptForCurrentTask(connection)
        return .connection(connection)
    }

    private func adoptForCurrentTask(_ connection: PostgresConnection) {
        if PostgresPoller.shared.count > 1, let poller = PostgresPoller.currentIndex() {
            adopt(connection, poller: poller)
        }
    }

    /// Runs `own` and the followers' statements on `connection` in one pipeline, hands the connection on, then
    /// gives each follower its outcome; returns the leader's.
    func lead(_ own: WaitingStatement, on connection: PostgresConnection, followers: [Waiter]) async
        -> Result<PostgresRows, StoreError>
    {
        var statements = [own.statement]
        statements.reserveCapacity(followers.count + 1)
        for follower in followers {
            // Followers are chosen among waiting statements only (handOff(_:state:)).
            statements.append(follower.statement!.statement)
        }
        let outcomes = await connection.runPipelined(statements, timeout: own.timeout)
        // Passed on first: the next pipeline can start while the followers resume.
        if !releaseHealthy(connection) { await release(connection) }
        for (follower, outcome) in zip(followers, outcomes.dropFirst()) {
            follower.continuation.resume(returning: .served(outcome))
        }
        return outcomes[0]
    }

    /// Takes the first waiter for a connection that became free: a waiting statement leads a pipeline of the
    /// others waiting with the same SQL text and session timeout (up to ``PostgresConfiguration/pipelineLimit``),
    /// any other waiter gets the connection.
    ///
    /// Only the same text: the hot statements under load (a lookup, the audit insert) are the ones that queue, and
    /// statements of one text cost about the same, so a slow report never holds up the lookups that share its round
    /// trip.
    func handOff(_ connection: PostgresConnection, state: inout State) -> (Waiter, Grant) {
        let first = state.waiters.removeFirst()
        let limit = configuration.pipelineLimit
        guard limit > 1, let statement = first.statement, !state.waiters.isEmpty else {
            return (first, .connection(connection))
        }
        let sql = statement.statement.query.sql
        let length = sql.utf8.count
        var chosen: [Int] = []
        for (index, waiter) in state.waiters.enumerated() where chosen.count < limit - 1 {
            if let other = waiter.statement, other.sessionTimeout == statement.sessionTimeout,
                other.statement.query.sql.utf8.count == length, other.statement.query.sql == sql
            {
                chosen.append(index)
            }
        }
        guard !chosen.isEmpty else { return (first, .connection(connection)) }
        let followers = chosen.map { state.waiters[$0] }
        for index in chosen.reversed() { state.waiters.remove(at: index) }
        state.pipelines += 1
        state.pipelinedStatements += followers.count + 1
        return (first, .lead(connection, followers: followers))
    }

    /// Takes a connection back: a broken one, or one with a transaction that cannot be rolled back, is closed
    /// and its place handed on; a healthy one goes to the first waiter or back to the idle list.
    func release(_ connection: PostgresConnection) async {
        if !connection.isBroken, connection.signals.isInTransaction {
            await connection.rollback()
        }
        guard !connection.isBroken, !connection.signals.isInTransaction else {
            await discard(connection)
            return
        }
        enum Outcome {
            case handedTo(Waiter, Grant)
            case kept
            case closed
        }
        let outcome = state.withLock { state -> Outcome in
            if state.isClosed { return .closed }
            if !state.waiters.isEmpty {
                let (waiter, grant) = handOff(connection, state: &state)
                return .handedTo(waiter, grant)
            }
            state.idle.append(connection)
            return .kept
        }
        switch outcome {
        case .handedTo(let waiter, let grant):
            waiter.continuation.resume(returning: grant)
        case .kept:
            break
        case .closed:
            await discard(connection)
        }
    }

    private func discard(_ connection: PostgresConnection) async {
        await connection.close()
        placeFreed()
    }

    private func openConnection() async throws -> PostgresConnection {
        do {
            return try await PostgresConnection.connect(configuration: configuration, logger: logger)
        } catch {
            placeFreed()
            throw error
        }
    }

    /// A connection place became free: the first waiter may open a connection in it.
    private func placeFreed() {
        let waiter = state.withLock { state -> Waiter? in
            if !state.isClosed, !state.waiters.isEmpty { return state.waiters.removeFirst() }
            state.opened -= 1
            return nil
        }
        if let waiter {
            waiter.continuation.resume(returning: .openSlot)
        }
    }

    /// Takes what is free now, or waits in line until a connection returns, the deadline passes or the task is
    /// cancelled.
    private func grant(until deadline: ContinuousClock.Instant, statement: WaitingStatement?) async throws -> Grant {
        enum Immediate {
            case grant(Grant)
            case closed
            case wait(Int)
        }
        let immediate = state.withLock { state -> Immediate in
            if state.isClosed { return .closed }
            if let connection = state.idle.popLast() { return .grant(.connection(connection)) }
            if state.opened < configuration.poolSize {
                state.opened += 1
                return .grant(.openSlot)
            }
            state.nextWaiterID += 1
            return .wait(state.nextWaiterID)
        }
        let id: Int
        switch immediate {
        case .grant(let grant): return grant
        case .closed: throw StoreError(.poolClosed)
        case .wait(let waiterID): id = waiterID
        }
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                enqueue(Waiter(id: id, continuation: continuation, deadline: deadline, statement: statement))
                // A cancellation before the waiter was in line found nothing to cancel; look again.
                if Task.isCancelled { failWaiter(id, with: StoreError(.cancelled)) }
            }
        } onCancel: {
            self.failWaiter(id, with: StoreError(.cancelled))
        }
    }

    /// Puts a waiter in line, unless something became free since the caller looked.
    private func enqueue(_ waiter: Waiter) {
        enum Outcome {
            case queued
            case granted(Grant)
            case closed
        }
        let outcome = state.withLock { state -> Outcome in
            if state.isClosed { return .closed }
            if let connection = state.idle.popLast() { return .granted(.connection(connection)) }
            if state.opened < configuration.poolSize {
                state.opened += 1
                return .granted(.openSlot)
            }
            state.waiters.append(waiter)
            guard state.sweeper == nil else { return .queued }
            // The first waiter of a busy spell starts the one task that enforces every waiter's deadline.
            state.sweeper = Task { await self.sweepExpiredWaiters() }
            return .queued
        }
        switch outcome {
        case .queued:
            break
        case .granted(let grant):
            waiter.continuation.resume(returning: grant)
        case .closed:
            waiter.continuation.resume(throwing: StoreError(.poolClosed))
        }
    }

    private func failWaiter(_ id: Int, with error: StoreError) {
        let waiter = state.withLock { state -> Waiter? in
            guard let index = state.waiters.firstIndex(where: { $0.id == id }) else { return nil }
            return state.waiters.remove(at: index)
        }
        if let waiter {
            waiter.continuation.resume(throwing: error)
        }
    }

    /// Fails waiters whose acquire timeout has passed, sleeping until the next deadline; ends when nobody waits.
    ///
    /// One task for all waiters rather than a timer per waiter: waiting is common under load (more calls than
    /// connections), and a task per wait costs a creation, a timer and a cancellation. Deadlines grow in the
    /// order waiters queue (the timeout is the pool's), so the first waiter's is always the next to pass.
    private func sweepExpiredWaiters() async {
        while true {
            let now = ContinuousClock.now
            enum Step {
                case sleep(until: ContinuousClock.Instant, failing: [Waiter])
                case done(failing: [Waiter])
            }
            let step = state.withLock { state -> Step in
                var expired: [Waiter] = []
                state.waiters.removeAll { waiter in
                    guard waiter.deadline <= now else { return false }
                    expired.append(waiter)
                    return true
                }
                guard let next = state.waiters.lazy.map(\.deadline).min(), !state.isClosed else {
                    state.sweeper = nil
                    return .done(failing: expired)
                }
                return .sleep(until: next, failing: expired)
            }
            switch step {
            case .done(let expired):
                for waiter in expired { waiter.continuation.resume(throwing: StoreError(.poolTimeout)) }
                return
            case .sleep(let next, let expired):
                for waiter in expired { waiter.continuation.resume(throwing: StoreError(.poolTimeout)) }
                try? await Task.sleep(until: next, clock: .continuous)
            }
        }
    }
}
