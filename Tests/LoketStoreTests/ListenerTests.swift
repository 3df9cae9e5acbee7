import Foundation
import LoketStore
import Testing

extension DatabaseTests {
    @Suite("LISTEN/NOTIFY")
    struct ListenerTests {
        static func channel() -> String { "loket_test_" + UUID().uuidString.prefix(8).lowercased() }

        @Test("a notification sent through the pool reaches a listener on another connection within a second")
        func notify() async throws {
            try await TestDatabase.withSchema { pool, configuration in
                let channel = Self.channel()
                try await withListener(configuration: configuration, channels: [channel]) { _, log in
                    let listening = await eventually(within: .seconds(5)) {
                        await log.listeningCount(afterReconnect: false) == 1
                    }
                    #expect(listening)
                    let sent = ContinuousClock.now
                    try await pool.notify(channel: channel, payload: "citizen 42 changed")
                    let arrived = await eventually(within: .seconds(1)) {
                        await !log.notifications(on: channel).isEmpty
                    }
                    #expect(arrived, "no notification within a second")
                    #expect(ContinuousClock.now - sent < .seconds(1))
                    let notification = try #require(await log.notifications(on: channel).first)
                    #expect(notification.payload == "citizen 42 changed")
                }
            }
        }

        @Test("a transaction's notification arrives only if it commits")
        func transactional() async throws {
            struct Abandon: Error {}
            try await TestDatabase.withSchema { pool, configuration in
                let channel = Self.channel()
                try await withListener(configuration: configuration, channels: []) { listener, log in
                    let listening = await eventually(within: .seconds(5)) {
                        await log.listeningCount(afterReconnect: false) == 1
                    }
                    #expect(listening)
                    listener.listen(channel)
                    // LISTEN runs on the listener's thread; a notification sent before it would be missed.
                    try await Task.sleep(for: .milliseconds(200))
                    _ = try? await pool.withTransaction { transaction in
                        try await transaction.notify(channel: channel, payload: "rolled back")
                        throw Abandon()
                    }
                    try await pool.withTransaction { try await $0.notify(channel: channel, payload: "committed") }
                    let arrived = await eventually(within: .seconds(1)) {
                        await !log.notifications(on: channel).isEmpty
                    }
                    #expect(arrived)
                    try await Task.sleep(for: .milliseconds(100))
                    #expect(await log.notifications(on: channel).map(\.payload) == ["committed"])
                }
            }
        }

        @Test("a listener whose connection is killed reconnects, re-listens and says so")
        func reconnect() async throws {
            try await TestDatabase.withSchema { pool, base in
                var configuration = base
                configuration.applicationName = "loket-listener-" + UUID().uuidString.prefix(8)
                let application = configuration.applicationName
                let channel = Self.channel()
                try await withListener(configuration: configuration, channels: [channel]) { _, log in
                    let listening = await eventually(within: .seconds(5)) {
                        await log.listeningCount(afterReconnect: false) == 1
                    }
                    #expect(listening)
                    try await TestDatabase.withAdminPool { admin in
                        try await admin.query(
                            """
                            SELECT pg_terminate_backend(pid) FROM pg_stat_activity
                            WHERE application_name = \(application)
                            """)
                    }
                    let relistened = await eventually(within: .seconds(5)) {
                        await log.listeningCount(afterReconnect: true) == 1
                    }
                    #expect(relistened)
                    try await pool.notify(channel: channel, payload: "after")
                    let arrived = await eventually(within: .seconds(1)) {
                        await !log.notifications(on: channel).isEmpty
                    }
                    #expect(arrived)
                }
            }
        }

        @Test("stopping the listener ends its event stream")
        func stop() async throws {
            let listener = PostgresListener(configuration: try TestDatabase.configuration(), channels: ["x"])
            let ends = Counter()
            let consumer = Task {
                for await _ in listener.events {}
                await ends.increment("finished")
            }
            try await Task.sleep(for: .milliseconds(100))
            listener.stop()
            #expect(await eventually(within: .seconds(2)) { await ends.value("finished") == 1 })
            consumer.cancel()
        }
    }
}
