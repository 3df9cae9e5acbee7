import Foundation
import LoketPluginAPI

/// The civil registry: persons with their national register numbers, civil status acts as append-only chains of
/// actions, and hospitals' electronic birth notifications. See `Plugins/CivilRegistry/README.md`.
public struct CivilRegistryPlugin: Plugin {
    /// Creates the plugin; the host calls this once, in its list of compiled-in plugins.
    public init() {}

    static let service = Loket_Civilregistry_V1_CivilRegistry.serviceName
    static let numbersCheck = Permission("civil-registry.numbers.check")
    static let personsRead = Permission("civil-registry.persons.read")
    static let personsWrite = Permission("civil-registry.persons.write")
    static let actsRead = Permission("civil-registry.acts.read")
    static let actsWrite = Permission("civil-registry.acts.write")
    static let populationWrite = Permission("civil-registry.population.write")
    /// A registrar's verdict on a possible duplicate person.
    static let duplicatesResolve = Permission("civil-registry.duplicates.resolve")
    /// Who consulted a record: the citizen's request is answered by a clerk.
    static let consultationsRead = Permission("civil-registry.consultations.read")
    static let extractsIssue = Permission("civil-registry.extracts.issue")
    /// Checking a verification code: clerks, and integrations such as a verification portal with this scope.
    /// Anyone holding an extract (a bank, a notary, the citizen) may check its code, without credentials.
    static let extractsVerify = Permission.public("civil-registry.extracts.verify")
    /// Hospitals only (and administrators): an integration needs this permission in its scope.
    static let birthNotify = Permission("civil-registry.births.notify", roles: [.integration])
    /// The register feed: integrations only (a federal register link, the election authority), with this scope.
    static let feedRead = Permission("civil-registry.feed.read", roles: [.integration])

    public var manifest: PluginManifest {
        PluginManifest(
            id: "civil-registry",
            version: "1.0.0",
            title: LocalizedText(
                nl: "Burgerlijke stand", fr: "État civil", de: "Personenstand", en: "Civil registry"),
            migrations: (try? Migration.load(fromBundle: .module)) ?? [],
            methods: [
                MethodPolicy(service: Self.service, method: "ValidateNationalNumber", permission: Self.numbersCheck),
                MethodPolicy(service: Self.service, method: "CreatePerson", permission: Self.personsWrite, personalData: .writes),
                MethodPolicy(service: Self.service, method: "GetPerson", permission: Self.personsRead, personalData: .reads),
                MethodPolicy(service: Self.service, method: "SearchPersons", permission: Self.personsRead, personalData: .reads),
                MethodPolicy(service: Self.service, method: "ListPersonDuplicates", permission: Self.personsRead, personalData: .reads),
                MethodPolicy(
                    service: Self.service, method: "ResolvePersonDuplicate", permission: Self.duplicatesResolve,
                    personalData: .writes),
                MethodPolicy(service: Self.service, method: "CreateAct", permission: Self.actsWrite, personalData: .writes),
                MethodPolicy(service: Self.service, method: "RecordAction", permission: Self.actsWrite, personalData: .writes),
                MethodPolicy(service: Self.service, method: "GetAct", permission: Self.actsRead, personalData: .reads),
                MethodPolicy(service: Self.service, method: "NotifyBirth", permission: Self.birthNotify, personalData: .writes),
                MethodPolicy(service: Self.service, method: "ListOverdueBirthDrafts", permission: Self.actsRead, personalData: .reads),
                MethodPolicy(service: Self.service, method: "RecordMove", permission: Self.populationWrite, personalData: .writes),
                MethodPolicy(service: Self.service, method: "GetResidenceHistory", permission: Self.personsRead, personalData: .reads),
                MethodPolicy(service: Self.service, method: "ListResidents", permission: Self.personsRead, personalData: .reads),
                MethodPolicy(service: Self.service, method: "ListConsultations", permission: Self.consultationsRead, personalData: .reads),
                MethodPolicy(service: Self.service, method: "IssueExtract", permission: Self.extractsIssue, personalData: .reads),
                MethodPolicy(service: Self.service, method: "VerifyExtract", permission: Self.extractsVerify, personalData: .reads),
                MethodPolicy(service: Self.service, method: "WatchChanges", permission: Self.feedRead, personalData: .reads),
            ],
            messages: CivilRegistryMessages.catalog,
            protoFiles: CivilRegistryPluginProtoFiles.all)
    }

    public func makeServices(context: PluginContext) throws -> [any RPCService] {
        [CivilRegistryService(plugin: context)]
    }
}
