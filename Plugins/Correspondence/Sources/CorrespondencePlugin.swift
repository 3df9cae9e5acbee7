import Foundation
import LoketPluginAPI

/// The mail register (issue 9): incoming and outgoing items with gapless reference numbers, contacts,
/// attachments, workflows, due dates in working days, full-text search and statistics.
public struct CorrespondencePlugin: Plugin {
    /// Creates the plugin; the host calls this once, in its list of compiled-in plugins.
    public init() {}

    static let service = Loket_Correspondence_V1_Correspondence.serviceName
    /// The mail desk registers items; a scanning or e-mail intake integration with this scope may too.
    static let register = Permission("correspondence.items.register", roles: [.clerk, .integration])
    static let read = Permission("correspondence.items.read", roles: [.clerk, .integration])
    static let handle = Permission("correspondence.items.handle")
    /// Reading confidential items: administrators, and integrations whose scope names it. Clerks read a
    /// confidential item only when they registered it or it is assigned to them.
    static let confidential = Permission("correspondence.items.confidential", roles: [.integration])
    static let statistics = Permission("correspondence.statistics.read")
    static let terms = Permission("correspondence.terms.manage", roles: [])

    public var manifest: PluginManifest {
        func policy(_ method: String, _ permission: Permission, _ use: PersonalDataUse = .none) -> MethodPolicy {
            MethodPolicy(service: Self.service, method: method, permission: permission, personalData: use)
        }
        return PluginManifest(
            id: "correspondence",
            version: "1.0.0",
            title: LocalizedText(nl: "Briefwisseling", fr: "Correspondance", de: "Schriftverkehr", en: "Correspondence"),
            migrations: (try? Migration.load(fromBundle: .module)) ?? [],
            methods: [
                policy("RegisterItem", Self.register, .writes),
                policy("GetItem", Self.read, .reads),
                policy("GetAttachment", Self.read, .reads),
                policy("Transition", Self.handle, .writes),
                policy("SuspendDeadline", Self.handle, .writes),
                policy("ExtendDeadline", Self.handle, .writes),
                policy("ListHistory", Self.read),
                policy("ListDeadlines", Self.read),
                policy("WatchReminders", Self.read),
                policy("Search", Self.read, .reads),
                policy("GetStatistics", Self.statistics),
                policy("SetChannelTerm", Self.terms),
                policy("ListTerms", Self.read),
                policy("SetTerm", Self.terms),
                policy("DeleteTerm", Self.terms),
            ],
            messages: CorrespondenceMessages.catalog,
            protoFiles: CorrespondencePluginProtoFiles.all)
    }

    public func makeServices(context: PluginContext) throws -> [any RPCService] {
        [CorrespondenceService(plugin: context)]
    }
}
