import Foundation
import LoketPluginAPI

/// Elections: the electoral roll generated from the civil registry's population register (through the view
/// `civil_registry.register_residents_v1`), non-Belgian voters' applications, polling stations, convocation
/// letters, proxies and four-eyes result entry. See `Plugins/Elections/README.md`.
public struct ElectionsPlugin: Plugin {
    /// Creates the plugin; the host calls this once, in its list of compiled-in plugins.
    public init() {}

    static let service = Loket_Elections_V1_Elections.serviceName
    /// Creating elections, stations, street sections and candidates.
    static let manage = Permission("elections.manage")
    /// Reading the roll, its explanations, convocations and the station balance.
    static let rollRead = Permission("elections.roll.read")
    /// Generating and closing the roll, assigning stations, producing convocations, voters' languages and
    /// deprivations of voting rights.
    static let rollWrite = Permission("elections.roll.write")
    /// Voters' applications and decisions.
    static let applicationsWrite = Permission("elections.applications.write")
    /// Proxies.
    static let proxiesWrite = Permission("elections.proxies.write")
    /// Entering and resolving results (four-eyes).
    static let resultsWrite = Permission("elections.results.write")
    /// Reading results.
    static let resultsRead = Permission("elections.results.read")

    public var manifest: PluginManifest {
        func policy(_ method: String, _ permission: Permission, _ use: PersonalDataUse = .none) -> MethodPolicy {
            MethodPolicy(service: Self.service, method: method, permission: permission, personalData: use)
        }
        return PluginManifest(
            id: "elections",
            version: "1.0.0",
            title: LocalizedText(nl: "Verkiezingen", fr: "Élections", de: "Wahlen", en: "Elections"),
            migrations: (try? Migration.load(fromBundle: .module)) ?? [],
            methods: [
                policy("CreateElection", Self.manage),
                policy("GetElection", Self.rollRead),
                policy("ApplyAsVoter", Self.applicationsWrite, .writes),
                policy("DecideApplication", Self.applicationsWrite, .writes),
                policy("WithdrawApplication", Self.applicationsWrite, .writes),
                policy("RecordDeprivation", Self.rollWrite, .writes),
                policy("SetVoterLanguage", Self.rollWrite, .writes),
                policy("GenerateRoll", Self.rollWrite, .reads),
                policy("CloseRoll", Self.rollWrite),
                policy("ExplainVoter", Self.rollRead, .reads),
                policy("ListRoll", Self.rollRead, .reads),
                policy("ListAmendments", Self.rollRead, .reads),
                policy("CreatePollingStation", Self.manage),
                policy("AddStreetSection", Self.manage),
                policy("AssignStations", Self.rollWrite, .reads),
                policy("GetStationBalance", Self.rollRead),
                policy("GenerateConvocations", Self.rollWrite, .reads),
                policy("GetConvocation", Self.rollRead, .reads),
                policy("RegisterCandidate", Self.manage, .writes),
                policy("GiveProxy", Self.proxiesWrite, .writes),
                policy("EnterResult", Self.resultsWrite),
                policy("ResolveResult", Self.resultsWrite),
                policy("GetStationResult", Self.resultsRead),
                policy("GetResultTotals", Self.resultsRead),
            ],
            messages: ElectionsMessages.catalog,
            protoFiles: ElectionsPluginProtoFiles.all)
    }

    public func makeServices(context: PluginContext) throws -> [any RPCService] {
        [ElectionsService(plugin: context)]
    }
}
