import Foundation
import LoketPluginAPI
import LoketStore
import Testing

@testable import LoketHost

@Suite("Store audit journal", .serialized)
struct StoreAuditJournalTests {
    static let method = MethodDescriptor(service: "loket.test.v1.Test", method: "Read", kind: .unary)

    static func context(_ index: Int) -> ServerContext {
        var context = ServerContext(method: method)
        context[CallerKey.self] = Caller(
            principalID: UUID().uuidString, principalName: "clerk.\(index)", role: .clerk, department: "burgerzaken",
            language: .dutch, purpose: "test \(index)")
        return context
    }

    static func record(_ index: Int) -> AuditRecord {
        AuditRecord(.read, subjects: [.person(String(format: "%011d", index))], information: ["name", "address"])
    }

    @Test("concurrent reads' records all commit, many per transaction, each with its caller and subject")
    func concurrentRecordsShareCommits() async throws {
        try await CoreDatabase.with(poolSize: 1) { pool, _ in
            let journal = StoreAuditJournal(pool: pool)
            let calls = 50
            // The pool's only connection is busy while the calls queue, so they cannot each commit alone.
            try await withThrowingTaskGroup(of: Void.self) { group in
                try await pool.withConnection { _ in
                    for index in 0..<calls {
                        group.addTask { try await journal.commit([Self.record(index)], context: Self.context(index)) }
                    }
                    // The first call's batch waits for the connection; every other one queues behind it.
                    while journal.queuedCount < calls - 1 {
                        try await Task.sleep(for: .milliseconds(5))
                    }
                }
                // The calls return only after the commit that holds their records.
                try await group.waitForAll()
            }
            let rows = try await pool.query("""
                SELECT principal_name, role, department_id, method, action, subjects, information, purpose, outcome
                FROM core.audit_log ORDER BY principal_name
                """)
            #expect(rows.count == calls)
            let transactions = try await pool.query("SELECT count(DISTINCT xmin::text)::int8 FROM core.audit_log")
            #expect(try transactions.first?.decode(Int.self, at: 0) == 2)
            for row in rows {
                let name = try row.decode(String.self, at: 0)
                let index = Int(name.dropFirst("clerk.".count)) ?? -1
                #expect(try row.decode(String.self, at: 1) == "clerk")
                #expect(try row.decode(String?.self, at: 2) == "burgerzaken")
                #expect(try row.decode(String.self, at: 3) == "/loket.test.v1.Test/Read")
                #expect(try row.decode(String.self, at: 4) == "read")
                #expect(try row.decode([String].self, at: 5) == [String(format: "person:%011d", index)])
                #expect(try row.decode([String].self, at: 6) == ["name", "address"])
                #expect(try row.decode(String?.self, at: 7) == "test \(index)")
                #expect(try row.decode(String.self, at: 8) == "ok")
            }
        }
    }

    @Test("cancelling the call whose records started a batch fails none of the calls in it")
    func cancelledLeader() async throws {
        try await CoreDatabase.with(poolSize: 1) { pool, _ in
            let journal = StoreAuditJournal(pool: pool)
            let followers = 10
            try await withThrowingTaskGroup(of: Void.self) { group in
                let leader = try await pool.withConnection { _ in
                    let leader = Task { try await journal.commit([Self.record(0)], context: Self.context(0)) }
                    // The first call's batch waits for the pool's only connection, the others queue behind it.
                    while pool.statistics.waiting < 1 { try await Task.sleep(for: .milliseconds(5)) }
                    for index in 1...followers {
                        group.addTask { try await journal.commit([Self.record(index)], context: Self.context(index)) }
                    }
                    while journal.queuedCount < followers { try await Task.sleep(for: .milliseconds(5)) }
                    leader.cancel()
                    return leader
                }
                try await group.waitForAll()
                try await leader.value
            }
            let rows = try await pool.query("SELECT count(*)::int8 FROM core.audit_log")
            #expect(try rows.first?.decode(Int.self, at: 0) == followers + 1)
        }
    }

    @Test("a batch that cannot be written fails every call in it; the next batch commits")
    func failedBatchFailsItsCalls() async throws {
        try await CoreDatabase.with { pool, _ in
            let journal = StoreAuditJournal(pool: pool)
            // Without the right to insert, every batch fails.
            try await pool.query("REVOKE INSERT ON core.audit_log FROM CURRENT_USER")
            let outcomes = await withTaskGroup(of: Bool.self, returning: [Bool].self) { group in
                for index in 0..<5 {
                    group.addTask {
                        do {
                            try await journal.commit([Self.record(index)], context: Self.context(index))
                            return true
                        } catch {
                            return false
                        }
                    }
                }
                return await group.reduce(into: []) { $0.append($1) }
            }
            #expect(outcomes == Array(repeating: false, count: 5))
            #expect(journal.queuedCount == 0)
            try await pool.query("GRANT INSERT ON core.audit_log TO CURRENT_USER")
            try await journal.commit([Self.record(9)], context: Self.context(9))
            let rows = try await pool.query("SELECT principal_name FROM core.audit_log")
            #expect(try rows.map { try $0.decode(String.self, at: 0) } == ["clerk.9"])
        }
    }

    @Test("subjects and information with quotes, backslashes, braces, commas and accents arrive unchanged")
    func awkwardText() async throws {
        try await CoreDatabase.with { pool, _ in
            let awkward = [#"act:a"b"#, #"act:c\d"#, "act:{e,f}", "act:NULL", "act:é 中 🙂", "act: spaced ", ""]
            let record = AuditRecord(
                .read, subjects: awkward.map { AuditSubject(kind: "x", id: $0) }, information: awkward)
            try await StoreAuditJournal(pool: pool).commit([record], context: Self.context(1))
            let rows = try await pool.query("SELECT subjects, information FROM core.audit_log")
            let row = try #require(rows.first)
            #expect(try row.decode([String].self, at: 0) == awkward.map { "x:" + $0 })
            #expect(try row.decode([String].self, at: 1) == awkward)
        }
    }

    @Test("a batch that does not finish in time fails with a timeout; the next one commits")
    func batchTimeout() async throws {
        try await CoreDatabase.with { pool, configuration in
            let journal = StoreAuditJournal(pool: pool, timeout: .milliseconds(300))
            // Another session holds a lock that blocks inserts (the table's owner may take it once granted).
            try await pool.query("GRANT UPDATE ON core.audit_log TO CURRENT_USER")
            let locker = PostgresPool(configuration: PostgresConfiguration(
                connectionString: configuration.connectionString, poolSize: 1))
            let started = ContinuousClock.now
            let error = try await locker.withTransaction { transaction in
                try await transaction.query("LOCK TABLE core.audit_log IN EXCLUSIVE MODE")
                do {
                    try await journal.commit([Self.record(1)], context: Self.context(1))
                    return nil as StoreError?
                } catch let error as StoreError {
                    return error
                }
            }
            await locker.close()
            #expect(error?.code == .timeout)
            #expect(ContinuousClock.now - started < .seconds(3))
            try await pool.query("REVOKE UPDATE ON core.audit_log FROM CURRENT_USER")
            try await journal.commit([Self.record(2)], context: Self.context(2))
            let rows = try await pool.query("SELECT principal_name FROM core.audit_log")
            #expect(try rows.map { try $0.decode(String.self, at: 0) } == ["clerk.2"])
        }
    }

    @Test("a caller without credentials leaves a record without principal")
    func anonymousCaller() async throws {
        try await CoreDatabase.with { pool, _ in
            var context = ServerContext(method: Self.method)
            context[CallerKey.self] = Caller(
                principalID: "", principalName: "anonymous", role: .anonymous, department: nil, language: .french,
                purpose: nil)
            try await StoreAuditJournal(pool: pool).commit([Self.record(1)], context: context)
            let rows = try await pool.query(
                "SELECT principal_id IS NULL, department_id IS NULL, purpose IS NULL, role FROM core.audit_log")
            #expect(rows.count == 1)
            let row = try #require(rows.first)
            #expect(try row.decode(Bool.self, at: 0))
            #expect(try row.decode(Bool.self, at: 1))
            #expect(try row.decode(Bool.self, at: 2))
            #expect(try row.decode(String.self, at: 3) == "anonymous")
        }
    }
}
