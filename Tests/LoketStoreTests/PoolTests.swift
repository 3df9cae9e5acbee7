import Foundation
import LoketRPC
import Testing

@testable import LoketStore

extension DatabaseTests {
    @Suite("pool")
    struct PoolTests {
        @Test("200 concurrent queries through a pool of 8 all succeed on at most 8 connections")
        func concurrency() async throws {
            try await TestDatabase.withSchema(poolSize: 8) { pool, _ in
                let results = try await withThrowingTaskGroup(of: (Int, Int, Int32).self) { group in
                    for index in 0..<200 {
                        group.addTask {
                            let row = try #require(try await pool.query(
                                "SELECT \(index) * 2, pg_backend_pid(), pg_sleep(0.005)::text").first)
                            let (doubled, backend) = try row.decode(Int.self, Int32.self)
                            #expect(pool.statistics.open <= 8)
                            return (index, doubled, backend)
                        }
                    }
                    return try await group.reduce(into: []) { $0.append($1) }
                }
                #expect(results.count == 200)
                #expect(results.allSatisfy { $0.1 == $0.0 * 2 })
                let backends = Set(results.map(\.2))
                #expect(backends.count <= 8)
                #expect(backends.count > 1)
                #expect(pool.statistics.open <= 8)
                #expect(pool.statistics.waiting == 0)
            }
        }

        @Test("tasks on the store's event loops run statements and transactions, also when they outnumber connections")
        func onStoreExecutors() async throws {
            try await TestDatabase.withSchema(poolSize: 3) { pool, _ in
                try await pool.query("CREATE TABLE t (id int)")
                let executors = pool.taskExecutors
                #expect(!executors.isEmpty)
                let sums = try await withThrowingTaskGroup(of: Int.self) { group in
                    for worker in 0..<12 {
                        group.addTask(executorPreference: executors[worker % executors.count]) {
                            var sum = 0
                            for round in 0..<20 {
                                let row = try #require(try await pool.query("SELECT \(worker) + \(round)").first)
                                sum += try row.decode(Int.self)
                            }
                            try await pool.withTransaction { transaction in
                                try await transaction.query("INSERT INTO t VALUES (\(worker))")
                            }
                            return sum
                        }
                    }
                    return try await group.reduce(into: []) { $0.append($1) }
                }
                #expect(sums.sorted() == (0..<12).map { $0 * 20 + 190 })
                let count = try #require(try await pool.query("SELECT count(*) FROM t").first).decode(Int.self)
                #expect(count == 12)
                #expect(pool.statistics.open <= 3)
            }
        }

        @Test("a connection lent to a task on one of the store's event loops moves to that loop's poller")
        func connectionFollowsTheTask() async throws {
            try await TestDatabase.withSchema(poolSize: 1) { pool, _ in
                let executors = pool.taskExecutors
                for round in 0..<(2 * executors.count) {
                    let loop = round % executors.count
                    let value = try await Task(executorPreference: executors[loop]) {
                        try #require(try await pool.query("SELECT \(round)").first).decode(Int.self)
                    }.value
                    #expect(value == round)
                    // The pool's only connection now delivers its results on the thread of the last task.
                    let pollers = pool.state.withLock { $0.idle.map(\.channel.pollerIndex) }
                    #expect(pollers == [loop])
                    let inTransaction = try await Task(executorPreference: executors[(loop + 1) % executors.count]) {
                        try await pool.withTransaction { transaction in
                            try #require(try await transaction.query("SELECT \(round) + 1").first).decode(Int.self)
                        }
                    }.value
                    #expect(inTransaction == round + 1)
                    #expect(pool.state.withLock { $0.idle.map(\.channel.pollerIndex) } == [(loop + 1) % executors.count])
                }
            }
        }

        @Test("a caller that finds no free connection in time gets poolTimeout, mapped to UNAVAILABLE")
        func acquireTimeout() async throws {
            try await TestDatabase.withSchema(poolSize: 1, configure: { $0.acquireTimeout = .milliseconds(200) }) {
                pool, _ in
                try await pool.withConnection { _ in
                    let started = ContinuousClock.now
                    let error = await expectStoreError { try await pool.query("SELECT 1") }
                    #expect(error?.code == .poolTimeout)
                    #expect(error?.rpcError.code == .unavailable)
                    #expect(ContinuousClock.now - started < .seconds(2))
                }
                #expect(try await pool.query("SELECT 1").count == 1)
            }
        }

        @Test("waiters queued at different times each time out at their own deadline; a served one does not")
        func staggeredAcquireTimeouts() async throws {
            try await TestDatabase.withSchema(poolSize: 1, configure: { $0.acquireTimeout = .milliseconds(400) }) {
                pool, _ in
                let waited = try await pool.withConnection { _ in
                    try await withThrowingTaskGroup(of: Duration.self, returning: [Duration].self) { group in
                        for delay in [0, 200] {
                            group.addTask {
                                try await Task.sleep(for: .milliseconds(delay))
                                let started = ContinuousClock.now
                                let error = await expectStoreError { try await pool.query("SELECT 1") }
                                #expect(error?.code == .poolTimeout)
                                return ContinuousClock.now - started
                            }
                        }
                        return try await group.reduce(into: []) { $0.append($1) }
                    }
                }
                #expect(waited.count == 2)
                for duration in waited {
                    #expect(duration >= .milliseconds(350) && duration < .milliseconds(1500))
                }
                // A waiter that gets the connection back before its deadline is served, not failed.
                async let holder: Void = pool.withConnection { _ in try await Task.sleep(for: .milliseconds(200)) }
                try await Task.sleep(for: .milliseconds(50))
                let value = try await pool.query("SELECT 7::int8").first?.decode(Int.self, at: 0)
                try await holder
                #expect(value == 7)
                #expect(try await pool.query("SELECT 1").count == 1)
            }
        }

        @Test("a connection whose backend was terminated is replaced without the caller noticing")
        func terminatedBackend() async throws {
            try await TestDatabase.withSchema(poolSize: 1) { pool, _ in
                let first = try #require(try await pool.query("SELECT pg_backend_pid()").first).decode(Int32.self)
                try await TestDatabase.withAdminPool { admin in
                    try await admin.query("SELECT pg_terminate_backend(\(first))")
                }
                // The server closes the socket shortly after pg_terminate_backend returns.
                try await Task.sleep(for: .milliseconds(100))
                let second = try #require(try await pool.query("SELECT pg_backend_pid()").first).decode(Int32.self)
                #expect(second != first)
            }
        }

        @Test("a connection lost inside a transaction fails it with UNAVAILABLE and is then replaced")
        func lostInTransaction() async throws {
            try await TestDatabase.withSchema(poolSize: 1) { pool, _ in
                try await pool.query("CREATE TABLE t (id int)")
                let error = await expectStoreError {
                    try await pool.withTransaction { transaction in
                        try await transaction.query("INSERT INTO t VALUES (1)")
                        let backend = try #require(
                            try await transaction.query("SELECT pg_backend_pid()").first).decode(Int32.self)
                        try await TestDatabase.withAdminPool { admin in
                            try await admin.query("SELECT pg_terminate_backend(\(backend))")
                        }
                        try await Task.sleep(for: .milliseconds(100))
                        try await transaction.query("INSERT INTO t VALUES (2)")
                    }
                }
                #expect(error?.code == .connectionLost)
                #expect(error?.rpcError.code == .unavailable)
                let count = try #require(try await pool.query("SELECT count(*) FROM t").first).decode(Int.self)
                #expect(count == 0)
            }
        }

        @Test("a statement that runs again on a connection is prepared and reused")
        func preparedStatements() async throws {
            try await TestDatabase.withSchema(poolSize: 1) { pool, _ in
                for value in 0..<3 {
                    let row = try #require(try await pool.query("SELECT \(value) + 1").first)
                    #expect(try row.decode(Int.self) == value + 1)
                }
                let prepared = try #require(try await pool.query(
                    "SELECT count(*) FROM pg_prepared_statements WHERE statement = 'SELECT $1 + 1'").first)
                #expect(try prepared.decode(Int.self) == 1)
            }
        }

        @Test("one text with other parameter types is prepared once per type, each giving its own result")
        func preparedPerParameterTypes() async throws {
            try await TestDatabase.withSchema(poolSize: 1) { pool, _ in
                for _ in 0..<3 {
                    let number = try #require(try await pool.query("SELECT \(41)::text").first)
                    #expect(try number.decode(String.self) == "41")
                    let text = try #require(try await pool.query("SELECT \("tekst")::text").first)
                    #expect(try text.decode(String.self) == "tekst")
                }
                let prepared = try #require(try await pool.query(
                    "SELECT count(*) FROM pg_prepared_statements WHERE statement = 'SELECT $1::text'").first)
                #expect(try prepared.decode(Int.self) == 2)
            }
        }

        @Test("a prepared SELECT * survives a column added to its table")
        func preparedAfterSchemaChange() async throws {
            try await TestDatabase.withSchema(poolSize: 1) { pool, _ in
                try await pool.query("CREATE TABLE t (a int)")
                try await pool.query("INSERT INTO t VALUES (1)")
                for _ in 0..<2 { try await pool.query("SELECT * FROM t WHERE a = \(1)") }
                try await pool.query("ALTER TABLE t ADD COLUMN b text DEFAULT 'x'")
                let rows = try await pool.query("SELECT * FROM t WHERE a = \(1)")
                #expect(rows.columns.map(\.name) == ["a", "b"])
            }
        }

        @Test("a closed pool refuses work with poolClosed")
        func closed() async throws {
            let pool = PostgresPool(configuration: try TestDatabase.configuration())
            try await pool.query("SELECT 1")
            await pool.close()
            let error = await expectStoreError { try await pool.query("SELECT 1") }
            #expect(error?.code == .poolClosed)
        }
    }
}
