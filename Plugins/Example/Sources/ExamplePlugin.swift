import Foundation
import LoketPluginAPI

/// The worked example of "Writing a plugin": a log of visits to a service counter.
public struct ExamplePlugin: Plugin {
    /// Creates the plugin; the host calls this once, in its list of compiled-in plugins.
    public init() {}

    static let service = Loket_Example_V1_CounterVisits.serviceName
    /// Clerks record and read visits; a counter kiosk (an integration with this scope) may record them too.
    static let write = Permission("example.visits.write", roles: [.clerk, .integration])
    static let read = Permission("example.visits.read")
    static let count = Permission("example.visits.count")

    public var manifest: PluginManifest {
        PluginManifest(
            id: "example",
            version: "1.0.0",
            title: LocalizedText(nl: "Loketbezoeken", fr: "Visites au guichet", de: "Schalterbesuche", en: "Counter visits"),
            migrations: (try? Migration.load(fromBundle: .module)) ?? [],
            methods: [
                MethodPolicy(service: Self.service, method: "RecordVisit", permission: Self.write, personalData: .writes),
                MethodPolicy(service: Self.service, method: "GetVisit", permission: Self.read, personalData: .reads),
                MethodPolicy(service: Self.service, method: "ListVisits", permission: Self.read, personalData: .reads),
                MethodPolicy(service: Self.service, method: "CountVisits", permission: Self.count),
            ],
            messages: VisitMessages.catalog,
            protoFiles: ExamplePluginProtoFiles.all)
    }

    public func makeServices(context: PluginContext) throws -> [any RPCService] {
        [CounterVisitsService(plugin: context)]
    }
}
