import Foundation
import LoketRPC
import LoketStore
import Testing

extension DatabaseTests {
    @Suite("transactions")
    struct TransactionTests {
        struct Refusal: Error {}

        @Test("a transaction commits when its body returns")
        func commit() async throws {
            try await TestDatabase.withSchema { pool, _ in
                try await pool.query("CREATE TABLE t (id int)")
                let inserted = try await pool.withTransaction { transaction in
                    try await transaction.query("INSERT INTO t VALUES (1), (2)").affectedRows
                }
                #expect(inserted == 2)
                #expect(try #require(try await pool.query("SELECT count(*) FROM t").first).decode(Int.self) == 2)
            }
        }

        @Test("a transaction whose body throws leaves nothing behind, and its error comes out unchanged")
        func rollback() async throws {
            try await TestDatabase.withSchema { pool, _ in
                try await pool.query("CREATE TABLE t (id int)")
                await #expect(throws: Refusal.self) {
                    try await pool.withTransaction { transaction in
                        try await transaction.query("INSERT INTO t VALUES (1)")
                        try await transaction.query("CREATE TABLE u (id int)")
                        throw Refusal()
                    }
                }
                #expect(try #require(try await pool.query("SELECT count(*) FROM t").first).decode(Int.self) == 0)
                let tables = try await pool.query("SELECT 1 FROM pg_tables WHERE tablename = 'u'")
                #expect(tables.isEmpty)
            }
        }

        @Test("a transaction value used after its body returned is refused")
        func useAfterEnd() async throws {
            try await TestDatabase.withSchema { pool, _ in
                let escaped = try await pool.withTransaction { $0 }
                let error = await expectStoreError { try await escaped.query("SELECT 1") }
                #expect(error?.code == .misuse)
            }
        }

        @Test("a serialization failure between two SERIALIZABLE transactions is retried until both commit")
        func serializationRetry() async throws {
            try await TestDatabase.withSchema { pool, _ in
                try await pool.query("CREATE TABLE doctors (id int PRIMARY KEY, on_call bool NOT NULL)")
                try await pool.query("INSERT INTO doctors VALUES (1, true), (2, true)")
                let barrier = Barrier(parties: 2)
                let attempts = Counter()
                // Write skew: each reads both rows, then takes a different one off call.
                @Sendable func goOffCall(_ id: Int) async throws {
                    try await pool.withTransaction(isolation: .serializable) { transaction in
                        let attempt = await attempts.increment("doctor \(id)")
                        let onCall = try #require(try await transaction.query(
                            "SELECT count(*) FROM doctors WHERE on_call").first).decode(Int.self)
                        if attempt == 1 { await barrier.arrive() }
                        if onCall >= 2 {
                            try await transaction.query("UPDATE doctors SET on_call = false WHERE id = \(id)")
                        }
                    }
                }
                async let first: Void = goOffCall(1)
                async let second: Void = goOffCall(2)
                _ = try await (first, second)
                let total = await attempts.value("doctor 1") + attempts.value("doctor 2")
                #expect(total >= 3, "one of the two transactions ran again")
                let onCall = try #require(
                    try await pool.query("SELECT count(*) FROM doctors WHERE on_call").first).decode(Int.self)
                #expect(onCall == 1, "serializable execution keeps one doctor on call")
            }
        }

        @Test("a retry policy of one attempt reports the serialization failure as ABORTED")
        func serializationWithoutRetry() async throws {
            try await TestDatabase.withSchema { pool, _ in
                try await pool.query("CREATE TABLE counter (id int PRIMARY KEY, value int NOT NULL)")
                try await pool.query("INSERT INTO counter VALUES (1, 0)")
                let barrier = Barrier(parties: 2)
                @Sendable func increment() async throws {
                    try await pool.withTransaction(isolation: .repeatableRead, retry: RetryPolicy(maxAttempts: 1)) {
                        transaction in
                        try await transaction.query("SELECT value FROM counter WHERE id = 1")
                        await barrier.arrive()
                        try await transaction.query("UPDATE counter SET value = value + 1 WHERE id = 1")
                    }
                }
                @Sendable func failure() async -> StoreError? {
                    do {
                        try await increment()
                        return nil
                    } catch {
                        return error as? StoreError
                    }
                }
                async let first = failure()
                async let second = failure()
                let failures = await [first, second].compactMap { $0 }
                #expect(failures.count == 1)
                #expect(failures.first?.code == .serializationFailure)
                #expect(failures.first?.rpcError.code == .aborted)
            }
        }

        @Test("a deadlock is retried")
        func deadlockRetry() async throws {
            try await TestDatabase.withSchema { pool, _ in
                try await pool.query("CREATE TABLE accounts (id int PRIMARY KEY, balance int NOT NULL)")
                try await pool.query("INSERT INTO accounts VALUES (1, 100), (2, 100)")
                let barrier = Barrier(parties: 2)
                let attempts = Counter()
                @Sendable func transfer(from: Int, to: Int) async throws {
                    try await pool.withTransaction { transaction in
                        let attempt = await attempts.increment("transfers")
                        try await transaction.query("UPDATE accounts SET balance = balance - 10 WHERE id = \(from)")
                        if attempt <= 2 { await barrier.arrive() }
                        try await transaction.query("UPDATE accounts SET balance = balance + 10 WHERE id = \(to)")
                    }
                }
                async let first: Void = transfer(from: 1, to: 2)
                async let second: Void = transfer(from: 2, to: 1)
                _ = try await (first, second)
                #expect(await attempts.value("transfers") >= 3)
                let total = try #require(
                    try await pool.query("SELECT sum(balance)::int8 FROM accounts").first).decode(Int.self)
                #expect(total == 200)
            }
        }

        @Test("a statement timeout stops pg_sleep with the timeout code, in and outside transactions")
        func statementTimeout() async throws {
            try await TestDatabase.withSchema { pool, _ in
                var started = ContinuousClock.now
                let single = await expectStoreError {
                    try await pool.query("SELECT pg_sleep(5)", timeout: .milliseconds(200))
                }
                #expect(single?.code == .timeout)
                #expect(single?.rpcError.code == .deadlineExceeded)
                #expect(ContinuousClock.now - started < .seconds(2))

                started = ContinuousClock.now
                let inTransaction = await expectStoreError {
                    try await pool.withTransaction(timeout: .milliseconds(200)) { transaction in
                        try await transaction.query("SELECT pg_sleep(5)")
                    }
                }
                #expect(inTransaction?.code == .timeout)
                #expect(ContinuousClock.now - started < .seconds(2))

                // Without a timeout the next statements run as long as they need.
                try await pool.query("SELECT pg_sleep(0.3)")
                try await pool.withTransaction { try await $0.query("SELECT pg_sleep(0.3)") }
            }
        }

        @Test("an RPC deadline drives the statement timeout; a passed deadline fails at once")
        func deadline() async throws {
            try await TestDatabase.withSchema { pool, _ in
                let method = MethodDescriptor(service: "loket.test.v1.Test", method: "Slow", kind: .unary)
                let context = ServerContext(method: method, deadline: .now + .milliseconds(300))
                let error = await expectStoreError {
                    try await pool.query("SELECT pg_sleep(5)", timeout: context.storeTimeout)
                }
                #expect(error?.code == .timeout)
                let late = await expectStoreError {
                    try await pool.withTransaction(deadline: .now - .seconds(1)) { try await $0.query("SELECT 1") }
                }
                #expect(late?.code == .timeout)
            }
        }

        @Test("cancelling the calling task cancels the running statement")
        func cancellation() async throws {
            try await TestDatabase.withSchema { pool, _ in
                let started = ContinuousClock.now
                let task = Task { try await pool.query("SELECT pg_sleep(5)") }
                try await Task.sleep(for: .milliseconds(200))
                task.cancel()
                let error = await expectStoreError { try await task.value }
                #expect(error?.code == .cancelled)
                #expect(ContinuousClock.now - started < .seconds(3))
                #expect(try await pool.query("SELECT 1").count == 1)
            }
        }
    }
}
