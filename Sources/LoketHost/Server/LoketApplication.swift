import Foundation
import Logging
import LoketPluginAPI
import LoketStore
import ServiceLifecycle

/// A whole Loket server: the store migrated, the directory loaded, the plugins and the admin service behind the
/// access interceptor, and the transport.
///
/// ``start(configuration:plugins:logger:clock:)`` does the work that may fail (database, migrations, plugin
/// checks) before anything listens; then run ``services`` in one `ServiceGroup` and ``close()`` the store after.
public struct LoketApplication: Sendable {
    /// The RPC server.
    public let server: LoketServer
    /// The connection pool everything shares.
    public let pool: PostgresPool
    /// The plugins that run.
    public let plugins: PluginHost
    let directory: DirectoryCache
    let notifications: PluginNotificationHub

    /// Connects to the database, applies the core's and the plugins' migrations, loads the directory and builds
    /// the server. Throws ``PluginHostError``, ``LoketStore/StoreError`` or a ``MigrationFileError``.
    public static func start(
        configuration: LoketConfiguration, plugins compiledIn: [any Plugin], logger: Logger,
        clock: any WallClock = SystemWallClock()
    ) async throws -> LoketApplication {
        let plugins = try PluginHost(compiledIn: compiledIn, disabled: configuration.plugins.disabled)
        // Before the first connection starts the polling threads.
        if configuration.server.pinThreads { PostgresPool.pinPollingThreads() }
        let pool = PostgresPool(
            configuration: configuration.database.postgresConfiguration, logger: Logger(label: "loket.store"))
        do {
            let applied = try await Migrator([try coreMigrations()] + plugins.migrationSets).migrate(pool)
            for migration in applied {
                logger.info("migration applied", metadata: ["owner": "\(migration.owner)", "id": "\(migration.id)"])
            }
            let directory = try await DirectoryCache(pool: pool, logger: Logger(label: "loket.directory"))
            let database = StoreDatabase(pool: pool)
            let auditWriter = StoreAuditWriter()
            let notifications = PluginNotificationHub(
                configuration: pool.configuration, logger: Logger(label: "loket.plugin.notifications"))
            var (services, policies) = try plugins.makeServices(
                database: database, clock: clock, logger: Logger(label: "loket.plugin"), auditWriter: auditWriter,
                auditJournal: StoreAuditJournal(pool: pool), calendar: configuration.calendar.workingDayCalendar,
                notifications: notifications)
            let admin = AdminService(
                pool: pool, plugins: plugins, directory: directory, auditWriter: auditWriter, clock: clock)
            services.append(admin)
            for method in AdminService.methods {
                policies[method.path] = AccessPolicy(plugin: nil, policy: method)
            }
            let access = AccessInterceptor(
                policies: policies, openServices: LoketServer.openServices, directory: directory, pool: pool)
            let server = LoketServer(
                configuration: configuration, logger: logger, services: services,
                protoFiles: LoketHostProtoFiles.all + plugins.protoFiles,
                interceptors: [
                    access,
                    StoreErrorInterceptor(openServices: LoketServer.openServices, logger: Logger(label: "loket.store")),
                ])
            return LoketApplication(
                server: server, pool: pool, plugins: plugins, directory: directory, notifications: notifications)
        } catch {
            await pool.close()
            throw error
        }
    }

    /// The core's schema: departments, principals, credentials, plugin enablement and the audit log.
    static func coreMigrations() throws -> MigrationSet {
        MigrationSet(owner: "core", migrations: try Migration.load(fromBundle: .module))
    }

    /// The long-lived services, in start order: the directory's listener, the plugins' notifications, then the
    /// server's.
    public var services: [any Service] {
        [directory, notifications] + server.services
    }

    /// Closes the store's connections; call after the services stopped.
    public func close() async {
        await pool.close()
    }
}
