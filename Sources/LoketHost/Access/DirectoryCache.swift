import Foundation
import Logging
import LoketPluginAPI
import LoketStore
import ServiceLifecycle
import Synchronization

/// The current ``Directory``, reloaded whenever any instance changes it.
///
/// Every change to the directory tables sends a notification on ``channel`` in its transaction; as a service,
/// the cache listens on that channel (through a ``PostgresListener`` that reconnects) and reloads on each one, so a
/// department enabled through one `loketd` is enabled on every other within a fraction of a second. After a
/// reconnect it reloads too, since notifications sent meanwhile are lost; and it reloads every
/// ``refreshInterval`` as a last line of defence.
final class DirectoryCache: Service, Sendable {
    /// The notification channel of directory changes.
    static let channel = "loket_directory"

    let pool: PostgresPool
    let logger: Logger
    let refreshInterval: Duration
    private let current: Mutex<(directory: Directory, loadedAt: ContinuousClock.Instant)>

    /// Loads the directory once; the service keeps it fresh afterwards.
    init(pool: PostgresPool, logger: Logger, refreshInterval: Duration = .seconds(60)) async throws {
        self.pool = pool
        self.logger = logger
        self.refreshInterval = refreshInterval
        self.current = Mutex((try await Directory.load(from: pool), .now))
    }

    /// The latest snapshot.
    var directory: Directory { current.withLock { $0.directory } }

    /// Reads the directory again.
    func reload() async throws {
        let started = ContinuousClock.now
        let fresh = try await Directory.load(from: pool)
        current.withLock { current in
            // A slower, older reload must not overwrite a newer one.
            if current.loadedAt < started { current = (fresh, started) }
        }
    }

    /// Looks one API key up in the database and adds it to the snapshot: for a key issued a moment ago through
    /// another instance, whose notification has not arrived yet. Costs one indexed query per unknown key id.
    func refreshKey(_ keyID: String) async throws {
        let rows = try await pool.query(
            """
            SELECT p.id, p.name, p.role, p.department_id, p.scopes, c.secret_sha256
            FROM core.credentials c JOIN core.principals p ON p.id = c.principal_id
            WHERE c.key_id = \(keyID) AND c.revoked_at IS NULL
            """)
        guard let row = rows.first else { return }
        let (id, name, role, department, scopes, secret) = try row.decode(
            UUID.self, String.self, String.self, String?.self, [String].self, [UInt8].self)
        guard let role = Role(rawValue: role) else { return }
        let principalID = id.uuidString.lowercased()
        current.withLock { current in
            current.directory.principals[principalID] = Directory.Principal(
                id: principalID, name: name, role: role, department: department, scopes: Set(scopes))
            current.directory.keys[keyID] = Directory.KeyCredential(principalID: principalID, secretHash: secret)
        }
    }

    /// Announces a change, on commit of `transaction`, to every instance's cache (this one's included).
    static func announceChange(in transaction: PostgresTransaction) async throws {
        try await transaction.notify(channel: channel)
    }

    func run() async throws {
        let listener = PostgresListener(configuration: pool.configuration, channels: [Self.channel], logger: logger)
        defer { listener.stop() }
        await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { [self] in
                for await event in listener.events.cancelOnGracefulShutdown() {
                    // The first connection's notifications cannot have been missed: the snapshot is newer.
                    if case .listening(afterReconnect: false) = event { continue }
                    await reloadLogging()
                }
            }
            group.addTask { [self] in
                while true {
                    try await cancelWhenGracefulShutdown { try await Task.sleep(for: self.refreshInterval) }
                    await reloadLogging()
                }
            }
            // Either ends only at shutdown; the other then stops too.
            _ = try? await group.next()
            group.cancelAll()
        }
    }

    private func reloadLogging() async {
        do {
            try await reload()
        } catch {
            logger.warning("could not reload the directory", metadata: ["error": "\(error)"])
        }
    }
}
