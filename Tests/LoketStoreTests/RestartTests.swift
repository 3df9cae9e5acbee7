import Foundation
import LoketStore
import Testing

extension DatabaseTests {
    /// Stops and starts the embedded cluster (scripts/postgres.sh), so it runs only when that cluster is the server.
    @Suite("server restart", .enabled(if: TestDatabase.isEmbeddedCluster, "needs the embedded cluster"))
    struct RestartTests {
        @Test("while PostgreSQL is down calls fail with UNAVAILABLE; after it is back they succeed again")
        func restart() async throws {
            try await TestDatabase.withSchema(poolSize: 2) { pool, configuration in
                let channel = "loket_test_restart"
                try await withListener(configuration: configuration, channels: [channel]) { _, log in
                    let listening = await eventually(within: .seconds(5)) {
                        await log.listeningCount(afterReconnect: false) == 1
                    }
                    #expect(listening)
                    try await pool.query("SELECT 1")
                    try await Self.whileStopped {
                        let error = await expectStoreError { try await pool.query("SELECT 1") }
                        #expect(error?.rpcError.code == .unavailable, "\(String(describing: error))")
                    }
                    // Idle connections find their old session gone and reconnect before the next statement.
                    let recovered = await eventually(within: .seconds(10)) {
                        (try? await pool.query("SELECT 1").count) == 1
                    }
                    #expect(recovered)
                    let relistened = await eventually(within: .seconds(10)) {
                        await log.listeningCount(afterReconnect: true) >= 1
                    }
                    #expect(relistened)
                    try await pool.notify(channel: channel, payload: "back")
                    let arrived = await eventually(within: .seconds(1)) {
                        await !log.notifications(on: channel).isEmpty
                    }
                    #expect(arrived)
                }
            }
        }

        /// Runs `body` with the cluster stopped, and starts it again whatever happens.
        static func whileStopped(_ body: () async throws -> Void) async throws {
            #expect(await runPostgresScript("stop") == 0)
            do {
                try await body()
            } catch {
                _ = await runPostgresScript("start")
                throw error
            }
            #expect(await runPostgresScript("start") == 0)
        }
    }
}
