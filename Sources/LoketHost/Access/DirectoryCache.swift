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
    private let current: Mutex<State>

    private struct State {
        var directory: Directory
        var loadedAt: ContinuousClock.Instant
        /// `authorization` header values already verified against `directory`, with their principal's id: the
        /// same client sends the same header on every call, and parsing and hashing it each time cost a few
        /// percent of a short call. Emptied with every new snapshot, so a revoked key fails at once.
        var verified: [String: String] = [:]
        /// Counts changes of `directory`, so that a header verified against an older snapshot is not memoized.
        var generation: UInt64 = 0

        mutating func replace(_ directory: Directory, loadedAt: ContinuousClock.Instant) {
            self.directory = directory
            self.loadedAt = loadedAt
            verified = [:]
            generation += 1
        }
    }

    /// Entries the memo of verified headers holds before it starts over.
    private static let verifiedLimit = 4096

    /// Loads the directory once; the service keeps it fresh afterwards.
    init(pool: PostgresPool, logger: Logger, refreshInterval: Duration = .seconds(60)) async throws {
        self.pool = pool
        self.logger = logger
        self.refreshInterval = refreshInterval
        self.current = Mutex(State(directory: try await Directory.load(from: pool), loadedAt: .now))
    }

    /// The latest snapshot.
    var directory: Directory { current.withLock { $0.directory } }

    /// The principal whose API key an `authorization: Bearer <key>` header carries, nil when the header is
    /// malformed or the key unknown, revoked or wrong.
    func principal(authorization header: String) -> Directory.Principal? {
        let (snapshot, memo, generation) = current.withLock { ($0.directory, $0.verified[header], $0.generation) }
        if let memo { return snapshot.principals[memo] }
        guard let key = AccessInterceptor.bearerKey(header),
            let principal = AccessInterceptor.principal(for: key, in: snapshot)
        else { return nil }
        current.withLock { current in
            // Only while the snapshot it was verified against is still the current one.
            guard current.generation == generation else { return }
            if current.verified.count >= Self.verifiedLimit { current.verified = [:] }
            current.verified[header] = principal.id
        }
        return principal
    }

    /// Reads the directory again.
    func reload() async throws {
        let started = ContinuousClock.now
        let fresh = try await Directory.load(from: pool)
        current.withLock { current in
            // A slower, older reload must not overwrite a newer one.
            if current.loadedAt < started { current.replace(fresh, loadedAt: started) }
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
            current.generation += 1
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
