import LoketDocuments
import LoketPluginAPI
import LoketStore

/// The compiled-in plugins that run: their manifests checked, their migrations and services, and the access
/// policy of every method they serve.
public struct PluginHost: Sendable {
    /// The plugins that run, in registration order.
    public let plugins: [any Plugin]

    /// Takes every compiled-in plugin except those `disabled` names; throws ``PluginHostError`` for a malformed or
    /// duplicate id, or a disabled id that names no plugin (a typo would otherwise go unnoticed).
    public init(compiledIn: [any Plugin], disabled: [String] = []) throws(PluginHostError) {
        var seen: Set<String> = []
        for plugin in compiledIn {
            let id = plugin.manifest.id
            guard PluginManifest.isValidID(id) else { throw PluginHostError("plugin id \"\(id)\" is not valid") }
            guard seen.insert(id).inserted else { throw PluginHostError("two plugins have the id \"\(id)\"") }
        }
        for id in disabled where !seen.contains(id) {
            throw PluginHostError("plugins.disabled names \"\(id)\", but no such plugin is compiled in")
        }
        plugins = compiledIn.filter { !disabled.contains($0.manifest.id) }
    }

    /// The plugins' migrations, one set per plugin, owned by its id.
    public var migrationSets: [MigrationSet] {
        plugins.map { MigrationSet(owner: $0.manifest.id, migrations: $0.manifest.migrations) }
    }

    /// The plugins' `.proto` files, for server reflection.
    public var protoFiles: [ProtoFileDescriptor] {
        plugins.flatMap(\.manifest.protoFiles)
    }

    /// Creates every plugin's services, handing each plugin the host's database, clock, audit writer and the cairo
    /// document renderer; returns them with the access policies of their methods. Throws
    /// ``PluginHostError`` when a service has a method without a policy, or a policy names a method that no
    /// service has, or two plugins serve the same method.
    func makeServices(
        database: any Database, clock: any WallClock, logger: Logger, auditWriter: any AuditWriter,
        auditJournal: any AuditJournal, calendar: WorkingDayCalendar = WorkingDayCalendar(),
        notifications: any NotificationSource = SilentNotificationSource(),
        documentRenderer: any DocumentRenderer = CairoDocumentRenderer()
    ) throws -> (services: [any RPCService], policies: [String: AccessPolicy]) {
        var policies: [String: AccessPolicy] = [:]
        var all: [any RPCService] = []
        for plugin in plugins {
            let manifest = plugin.manifest
            var pluginLogger = logger
            pluginLogger[metadataKey: "plugin"] = "\(manifest.id)"
            let context = PluginContext(
                pluginID: manifest.id, database: database, clock: clock, logger: pluginLogger,
                auditWriter: auditWriter, auditJournal: auditJournal, localizer: Localizer(messages: manifest.messages), calendar: calendar,
                notifications: notifications, documentRenderer: documentRenderer)
            let services = try plugin.makeServices(context: context)
            var own = RPCRouter()
            for service in services { own.register(service) }
            let paths = Set(own.methods.map(\.path))
            let declared = Dictionary(manifest.methods.map { ($0.path, $0) }, uniquingKeysWith: { first, _ in first })
            if let missing = paths.subtracting(declared.keys).sorted().first {
                throw PluginHostError("plugin \(manifest.id): method \(missing) has no policy in the manifest")
            }
            if let extra = Set(declared.keys).subtracting(paths).sorted().first {
                throw PluginHostError("plugin \(manifest.id): the manifest has a policy for \(extra), which no service has")
            }
            for (path, policy) in declared {
                if policies[path] != nil {
                    throw PluginHostError("plugin \(manifest.id): method \(path) is already served")
                }
                policies[path] = AccessPolicy(plugin: (manifest.id, manifest.title), policy: policy)
            }
            all += services
        }
        return (all, policies)
    }
}
