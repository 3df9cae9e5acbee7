import LoketSQL
import Testing

@testable import LoketStore

extension DatabaseTests {
    @Suite("pipelines")
    struct PipelineTests {
        /// Runs `statement(i)` for `count` callers that queue, in order, for the only connection of a pool of one,
        /// which is held until all of them wait; returns each caller's outcome by index.
        static func queued(
            _ pool: PostgresPool, count: Int, timeout: @escaping @Sendable (Int) -> Duration? = { _ in nil },
            cancelling cancelled: Set<Int> = [],
            _ statement: @escaping @Sendable (Int) -> PostgresQuery
        ) async throws -> [Result<PostgresRows, StoreError>] {
            try await withThrowingTaskGroup(of: (Int, Result<PostgresRows, StoreError>)?.self) { group in
                group.addTask {
                    try await pool.withConnection { _ in
                        // Held until every caller waits for it (or the test gives up).
                        for _ in 0..<2000 where pool.statistics.waiting < count - cancelled.count {
                            try await Task.sleep(for: .milliseconds(5))
                        }
                    }
                    return nil
                }
                while pool.statistics.open == 0 || pool.statistics.idle > 0 {
                    try await Task.sleep(for: .milliseconds(2))
                }
                var tasks: [Int: Task<Void, Never>] = [:]
                for index in 0..<count {
                    let (stream, continuation) = AsyncStream.makeStream(of: Result<PostgresRows, StoreError>.self)
                    tasks[index] = Task {
                        do {
                            continuation.yield(.success(try await pool.query(statement(index), timeout: timeout(index))))
                        } catch let error as StoreError {
                            continuation.yield(.failure(error))
                        } catch {
                            continuation.yield(.failure(StoreError(.misuse)))
                        }
                        continuation.finish()
                    }
                    group.addTask {
                        for await outcome in stream { return (index, outcome) }
                        return nil
                    }
                    // In line one after another, so that the order of the pipeline is known. (Once the last one
                    // is in line, the holder lets go.)
                    guard index < count - 1 else { break }
                    let inLine = index + 1 - cancelled.filter { $0 < index }.count
                    for _ in 0..<2000 where pool.statistics.waiting < inLine {
                        try await Task.sleep(for: .milliseconds(1))
                    }
                    if cancelled.contains(index) { tasks[index]?.cancel() }
                }
                var outcomes: [Int: Result<PostgresRows, StoreError>] = [:]
                for try await case let (index, outcome)? in group { outcomes[index] = outcome }
                return (0..<count).map { outcomes[$0]! }
            }
        }

        static func value(_ outcome: Result<PostgresRows, StoreError>) throws -> Int? {
            try outcome.get().first?.decode(Int?.self, at: 0)
        }

        static func code(_ outcome: Result<PostgresRows, StoreError>) -> StoreError.Code? {
            if case .failure(let error) = outcome { return error.code }
            return nil
        }

        @Test("callers queued for a connection share one round trip, and each gets its own rows")
        func sharedRoundTrip() async throws {
            try await TestDatabase.withSchema(poolSize: 1) { pool, _ in
                let outcomes = try await Self.queued(pool, count: 16) { index in
                    "SELECT \(index)::int * 3, pg_backend_pid()"
                }
                for (index, outcome) in outcomes.enumerated() {
                    #expect(try Self.value(outcome) == index * 3)
                }
                #expect(pool.statistics.pipelines == 1)
                #expect(pool.statistics.pipelinedStatements == 16)
                #expect(pool.statistics.waiting == 0)
                #expect(try await pool.query("SELECT 1").count == 1)
            }
        }

        @Test("a failing statement in a pipeline fails alone, with its own error; the others' writes commit")
        func failureStaysAlone() async throws {
            try await TestDatabase.withSchema(poolSize: 1) { pool, _ in
                try await pool.query("CREATE TABLE t (id int PRIMARY KEY)")
                try await pool.query("INSERT INTO t VALUES (5)")
                let outcomes = try await Self.queued(pool, count: 12) { index in
                    // One text for all; 10 divides by zero, 5 is taken.
                    "INSERT INTO t VALUES (\(index) + 1 / \(index == 10 ? 0 : 1) - 1) RETURNING id"
                }
                for (index, outcome) in outcomes.enumerated() {
                    switch index {
                    case 5: #expect(Self.code(outcome) == .uniqueViolation)
                    case 10: #expect(Self.code(outcome) == .invalidValue)
                    default: #expect(try Self.value(outcome) == index)
                    }
                }
                #expect(pool.statistics.pipelines == 1)
                #expect(pool.statistics.pipelinedStatements == 12)
                let count = try await pool.query("SELECT count(*) FROM t").first?.decode(Int.self)
                #expect(count == 11)
            }
        }

        @Test("a repeated statement is prepared inside a pipeline; a syntax error fails only its callers")
        func preparesInPipeline() async throws {
            try await TestDatabase.withSchema(poolSize: 1) { pool, _ in
                // A first run alone; the next one prepares the statement.
                let first = try await pool.query("SELECT \(1)::int + 1")
                #expect(try Self.value(.success(first)) == 2)
                let outcomes = try await Self.queued(pool, count: 8) { index in
                    index.isMultiple(of: 4) ? "SELEC \(index)" : "SELECT \(index)::int + 1"
                }
                for (index, outcome) in outcomes.enumerated() {
                    if index.isMultiple(of: 4) {
                        #expect(Self.code(outcome) == .queryFailed)
                    } else {
                        #expect(try Self.value(outcome) == index + 1)
                    }
                }
                let connection = try #require(pool.acquireIdle())
                let prepared = connection.session.withLock { $0.statements.keys.map(\.sql) }
                #expect(prepared.contains("SELECT $1::int + 1"))
                #expect(!prepared.contains("SELEC $1"))
                #expect(pool.releaseHealthy(connection))
                // Two pipelines, one per text; the good statement is now cached and runs under its name.
                #expect(pool.statistics.pipelines == 2)
                let again = try await Self.queued(pool, count: 3) { index in "SELECT \(index)::int + 1" }
                #expect(try again.map(Self.value) == [1, 2, 3])
                // A preparation that fails fails every statement of the pipeline that was to use it.
                let broken = try await Self.queued(pool, count: 3) { index in "SELEC \(index)" }
                #expect(broken.map(Self.code) == [.queryFailed, .queryFailed, .queryFailed])
                #expect(try await pool.query("SELECT 1").count == 1)
            }
        }

        @Test("pipelined statements run under their callers' statement timeout; other timeouts wait their turn")
        func sharedTimeout() async throws {
            try await TestDatabase.withSchema(poolSize: 1) { pool, _ in
                let outcomes = try await Self.queued(
                    pool, count: 6, timeout: { $0 == 5 ? nil : .milliseconds(400) }
                ) { index in
                    "SELECT \(index)::int, pg_sleep(\(index == 2 ? 3 : 0))::text"
                }
                for (index, outcome) in outcomes.enumerated() {
                    switch index {
                    case 2: #expect(Self.code(outcome) == .timeout)
                    default: #expect(try Self.value(outcome) == index)
                    }
                }
                // The caller without a timeout was not in the pipeline of the others.
                #expect(pool.statistics.pipelinedStatements == 5)
            }
        }

        @Test("a backend lost in mid-pipeline fails the statements from there on with connectionLost; the pool recovers")
        func lostMidPipeline() async throws {
            try await TestDatabase.withSchema(poolSize: 1) { pool, _ in
                let outcomes = try await Self.queued(pool, count: 5) { index in
                    "SELECT \(index)::int, CASE WHEN \(index == 2) THEN pg_terminate_backend(pg_backend_pid()) END"
                }
                #expect(try Self.value(outcomes[0]) == 0)
                #expect(try Self.value(outcomes[1]) == 1)
                for outcome in outcomes[2...] {
                    #expect(Self.code(outcome) == .connectionLost)
                }
                let after = try await pool.query("SELECT 7")
                #expect(try Self.value(.success(after)) == 7)
            }
        }

        @Test("only statements of the same text share a pipeline")
        func sameTextOnly() async throws {
            try await TestDatabase.withSchema(poolSize: 1) { pool, _ in
                let outcomes = try await Self.queued(pool, count: 6) { index in
                    index.isMultiple(of: 2) ? "SELECT \(index)::int" : "SELECT \(index)::int, 'odd'"
                }
                for (index, outcome) in outcomes.enumerated() {
                    #expect(try Self.value(outcome) == index)
                }
                #expect(pool.statistics.pipelines == 2)
                #expect(pool.statistics.pipelinedStatements == 6)
            }
        }

        @Test("pipelines carry at most pipelineLimit statements; a limit of 1 sends each alone")
        func limit() async throws {
            try await TestDatabase.withSchema(poolSize: 1, configure: { $0.pipelineLimit = 4 }) { pool, _ in
                let outcomes = try await Self.queued(pool, count: 9) { index in "SELECT \(index)::int" }
                #expect(try outcomes.map(Self.value) == Array(0..<9))
                // 9 in line: the first leads 3 more, then the next 4, then the last runs alone.
                #expect(pool.statistics.pipelines == 2)
                #expect(pool.statistics.pipelinedStatements == 8)
            }
            try await TestDatabase.withSchema(poolSize: 1, configure: { $0.pipelineLimit = 1 }) { pool, _ in
                let outcomes = try await Self.queued(pool, count: 5) { index in "SELECT \(index)::int" }
                #expect(try outcomes.map(Self.value) == Array(0..<5))
                #expect(pool.statistics.pipelines == 0)
            }
        }

        @Test("a caller cancelled while it waits leaves the line; the others are served together")
        func cancelledWaiter() async throws {
            try await TestDatabase.withSchema(poolSize: 1) { pool, _ in
                let outcomes = try await Self.queued(pool, count: 5, cancelling: [2]) { index in
                    "SELECT \(index)::int"
                }
                #expect(Self.code(outcomes[2]) == .cancelled)
                for index in [0, 1, 3, 4] {
                    #expect(try Self.value(outcomes[index]) == index)
                }
                #expect(pool.statistics.pipelinedStatements == 4)
            }
        }
    }
}
