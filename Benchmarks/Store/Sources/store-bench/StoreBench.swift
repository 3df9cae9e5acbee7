import Foundation
import LoketStore

/// store-bench: a primary-key lookup and a single-row insert through LoketStore's PostgresPool at a fixed
/// concurrency, against the database the standard PG* environment (or DATABASE_URL) names.
///
///     store-bench [--rows N] [--duration S] [--warmup S] [--concurrency C] [--pool-size P]
///                 [--skip-setup] [--phases lookup,insert] [--executor global|store]
///
/// `--executor global` (the default) runs the tasks on Swift's global executor, as most callers are;
/// `--executor store` spreads them over the pool's ``PostgresPool/taskExecutors``, the threads (one per core)
/// that poll the sockets, as code on event loops that drive libpq themselves (pgbench's model: `-j` threads, each
/// polling its connections and running their scripts).
///
/// Prints one human line per phase and one machine line for Benchmarks/Store/run.sh:
///     RESULT phase=lookup ops=123456 errors=0 seconds=5.000 ops_per_s=24691.2 mean_us=405.0
/// Exit status 1 when setup fails or any operation failed.
@main
struct StoreBench {
    struct Options {
        var rows = 100_000
        var duration = 5.0
        var warmup = 1.0
        var concurrency = 10
        var poolSize = 10
        var setup = true
        var phases = ["lookup", "insert"]
        var onStoreExecutor = false
        var pinThreads = false
    }

    /// What one phase measured.
    struct Outcome: Sendable {
        var operations = 0
        var errors = 0
        var busyNanoseconds: UInt64 = 0
        var firstError: String?

        mutating func add(_ other: Outcome) {
            operations += other.operations
            errors += other.errors
            busyNanoseconds += other.busyNanoseconds
            if firstError == nil { firstError = other.firstError }
        }
    }

    static func main() async {
        let options: Options
        do {
            options = try parse(Array(CommandLine.arguments.dropFirst()))
        } catch {
            fail("\(error)\nusage: store-bench [--rows N] [--duration S] [--warmup S] [--concurrency C] "
                + "[--pool-size P] [--skip-setup] [--pin-threads] [--phases lookup,insert] [--executor global|store]")
        }

        var configuration = PostgresConfiguration.fromEnvironment()
        configuration.poolSize = options.poolSize
        configuration.applicationName = "store-bench"
        configuration.acquireTimeout = .seconds(30)
        // Before the pool's first connection starts the polling threads.
        if options.pinThreads { PostgresPool.pinPollingThreads() }
        let pool = PostgresPool(configuration: configuration)

        if options.setup {
            do {
                try await setUp(pool, rows: options.rows)
            } catch {
                await pool.close()
                fail("setup failed: \(String(reflecting: error))")
            }
        }

        var anyErrors = false
        for phase in options.phases {
            let operation: Operation
            switch phase {
            case "lookup": operation = .lookup(rows: options.rows)
            case "insert": operation = .insert
            default: fail("unknown phase \(phase)")
            }
            let executors: [any TaskExecutor]? = options.onStoreExecutor ? pool.taskExecutors : nil
            if options.warmup > 0 {
                _ = await run(
                    pool, concurrency: options.concurrency, seconds: options.warmup, seed: 1, executors: executors,
                    operation)
            }
            let cpuBefore = processCPUMicroseconds()
            let start = ContinuousClock.now
            let outcome = await run(
                pool, concurrency: options.concurrency, seconds: options.duration, seed: 2, executors: executors,
                operation)
            let elapsed = seconds(ContinuousClock.now - start)
            let cpuPerOperation =
                outcome.operations > 0 ? Double(processCPUMicroseconds() - cpuBefore) / Double(outcome.operations) : 0
            let rate = Double(outcome.operations) / elapsed
            let meanMicroseconds =
                outcome.operations > 0 ? Double(outcome.busyNanoseconds) / Double(outcome.operations) / 1000 : 0
            print(
                "store-bench: \(phase): \(outcome.operations) ops, \(outcome.errors) errors in "
                    + "\(format(elapsed, 3)) s: \(format(rate, 1)) ops/s, mean \(format(meanMicroseconds, 1)) us "
                    + "(concurrency \(options.concurrency), pool \(options.poolSize)); client CPU \(format(cpuPerOperation, 1)) us/op")
            if let firstError = outcome.firstError { print("store-bench: \(phase): first error: \(firstError)") }
            print(
                "RESULT phase=\(phase) ops=\(outcome.operations) errors=\(outcome.errors) "
                    + "seconds=\(format(elapsed, 3)) ops_per_s=\(format(rate, 1)) mean_us=\(format(meanMicroseconds, 1)) "
                    + "cpu_us_per_op=\(format(cpuPerOperation, 1))")
            if outcome.errors > 0 { anyErrors = true }
        }
        let statistics = pool.statistics
        print("store-bench: pool at the end: \(statistics.open) open, \(statistics.idle) idle")
        await pool.close()
        if anyErrors { exit(1) }
    }

    /// bench_items with `rows` rows (ids 1...rows) and an empty bench_inserts, both created afresh.
    static func setUp(_ pool: PostgresPool, rows: Int) async throws {
        let start = ContinuousClock.now
        try await pool.withConnection { connection in
            try await connection.query("DROP TABLE IF EXISTS bench_items")
            try await connection.query(
                "CREATE TABLE bench_items (id bigint PRIMARY KEY, name text NOT NULL, amount bigint NOT NULL)")
            try await connection.query(
                """
                INSERT INTO bench_items (id, name, amount)
                SELECT g, 'item-' || g, g * 7 % 100000 FROM generate_series(1, \(rows)) AS g
                """)
            try await connection.query("ANALYZE bench_items")
            try await connection.query("DROP TABLE IF EXISTS bench_inserts")
            try await connection.query("CREATE TABLE bench_inserts (id bigserial, name text, amount bigint)")
        }
        let count = try await pool.query("SELECT count(*) FROM bench_items").first?.decode(Int.self, at: 0)
        guard count == rows else { throw SetupFailure("bench_items has \(count ?? -1) rows, not \(rows)") }
        print("store-bench: setup: bench_items with \(rows) rows in \(format(seconds(.now - start), 2)) s")
    }

    /// `SELECT name, amount FROM bench_items WHERE id = $1`; the row must exist.
    ///
    /// Inlined into the loop, as is ``insert(_:_:)``: each async call costs two switches through the task's
    /// executor, which would count against the pool (pgbench's loop has no such cost).
    @inline(__always)
    static func lookup(_ pool: PostgresPool, rows: Int, _ random: inout SplitMix64) async throws {
        let id = random.next(upTo: rows) + 1
        let result = try await pool.query("SELECT name, amount FROM bench_items WHERE id = \(id)")
        guard let row = result.first else { throw SetupFailure("no row for id \(id)") }
        let (name, amount) = try row.decode(String.self, Int.self)
        guard !name.isEmpty, amount >= 0 else { throw SetupFailure("unexpected row for id \(id)") }
    }

    /// `INSERT INTO bench_inserts (name, amount) VALUES ($1, $2)`; one row must be inserted.
    @inline(__always)
    static func insert(_ pool: PostgresPool, _ random: inout SplitMix64) async throws {
        let amount = random.next(upTo: 1_000_000) + 1
        let result = try await pool.query("INSERT INTO bench_inserts (name, amount) VALUES (\("bench"), \(amount))")
        guard result.affectedRows == 1 else { throw SetupFailure("INSERT reported \(result.commandTag)") }
    }

    /// The measured operation.
    enum Operation: Sendable {
        /// ``lookup(_:rows:_:)`` over `rows` rows.
        case lookup(rows: Int)
        /// ``insert(_:_:)``.
        case insert
    }

    /// `concurrency` tasks, each running `operation` back to back until `seconds` have passed; spread over
    /// `executors` when given, else on the global executor.
    static func run(
        _ pool: PostgresPool, concurrency: Int, seconds: Double, seed: UInt64, executors: [any TaskExecutor]?,
        _ operation: Operation
    ) async -> Outcome {
        let deadline = ContinuousClock.now + .nanoseconds(Int64(seconds * 1e9))
        return await withTaskGroup(of: Outcome.self) { group in
            for worker in 0..<concurrency {
                group.addTask(executorPreference: executors.map { $0[worker % $0.count] }) {
                    var random = SplitMix64(seed: seed &* 0x9E37_79B9 &+ UInt64(worker) &+ 1)
                    var outcome = Outcome()
                    var now = ContinuousClock.now
                    while now < deadline {
                        do {
                            // A switch rather than a closure: calling an async closure costs two executor switches.
                            switch operation {
                            case .lookup(let rows): try await lookup(pool, rows: rows, &random)
                            case .insert: try await insert(pool, &random)
                            }
                            outcome.operations += 1
                        } catch {
                            outcome.errors += 1
                            if outcome.firstError == nil { outcome.firstError = String(reflecting: error) }
                        }
                        let after = ContinuousClock.now
                        outcome.busyNanoseconds += UInt64(nanoseconds(after - now))
                        now = after
                    }
                    return outcome
                }
            }
            var total = Outcome()
            for await outcome in group { total.add(outcome) }
            return total
        }
    }

    static func parse(_ arguments: [String]) throws -> Options {
        var options = Options()
        var iterator = arguments.makeIterator()
        func value(_ name: String) throws -> String {
            guard let value = iterator.next() else { throw SetupFailure("\(name) needs a value") }
            return value
        }
        func positive<T: LosslessStringConvertible & Comparable & Numeric>(_ name: String, _: T.Type) throws -> T {
            let text = try value(name)
            guard let number = T(text), number > 0 else { throw SetupFailure("\(name): not a positive number: \(text)") }
            return number
        }
        while let argument = iterator.next() {
            switch argument {
            case "--rows": options.rows = try positive(argument, Int.self)
            case "--duration": options.duration = try positive(argument, Double.self)
            case "--warmup":
                let text = try value(argument)
                guard let warmup = Double(text), warmup >= 0 else { throw SetupFailure("--warmup: \(text)") }
                options.warmup = warmup
            case "--concurrency": options.concurrency = try positive(argument, Int.self)
            case "--pool-size": options.poolSize = try positive(argument, Int.self)
            case "--skip-setup": options.setup = false
            case "--pin-threads": options.pinThreads = true
            case "--executor":
                let text = try value(argument)
                guard text == "global" || text == "store" else { throw SetupFailure("--executor: \(text)") }
                options.onStoreExecutor = text == "store"
            case "--phases":
                options.phases = try value(argument).split(separator: ",").map(String.init)
            case "-h", "--help": throw SetupFailure("help")
            default: throw SetupFailure("unknown argument \(argument)")
            }
        }
        return options
    }

    static func fail(_ message: String) -> Never {
        FileHandle.standardError.write(Data("store-bench: \(message)\n".utf8))
        exit(2)
    }

    static func seconds(_ duration: Duration) -> Double { Double(nanoseconds(duration)) / 1e9 }

    static func nanoseconds(_ duration: Duration) -> Int64 {
        let (seconds, attoseconds) = duration.components
        return seconds * 1_000_000_000 + attoseconds / 1_000_000_000
    }

    /// User plus system CPU time of this whole process (all threads), in microseconds.
    static func processCPUMicroseconds() -> Int {
        var usage = rusage()
        #if os(Linux)
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
        #else
        getrusage(RUSAGE_SELF, &usage)
        #endif
        return (usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1_000_000
            + Int(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec)
    }

    static func format(_ value: Double, _ decimals: Int) -> String { String(format: "%.\(decimals)f", value) }
}

struct SetupFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// A small, fast generator, so that drawing ids costs nothing next to a query (SystemRandomNumberGenerator may
/// make a system call per draw).
struct SplitMix64: Sendable {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A number in 0..<bound.
    mutating func next(upTo bound: Int) -> Int {
        Int(next() % UInt64(bound))
    }
}
