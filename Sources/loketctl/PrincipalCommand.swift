import ArgumentParser
import LoketHost

/// `loketctl principal ...`: the people and machine clients that may call Loket.
struct PrincipalCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "principal",
        abstract: "Create and list principals (people and machine clients).",
        subcommands: [Create.self, List.self])

    /// The roles a principal can have.
    enum RoleArgument: String, CaseIterable, ExpressibleByArgument {
        case administrator, clerk, integration

        var role: Loket_Admin_V1_Role {
            switch self {
            case .administrator: .administrator
            case .clerk: .clerk
            case .integration: .integration
            }
        }
    }

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create a principal.",
            discussion: """
                Clerks and integrations belong to a department; only integrations have scopes (the permissions \
                they may use). Give the principal a credential afterwards with `key issue` or \
                `certificate register`.
                """)

        @OptionGroup var options: ServerOptions

        @Argument(help: "Lowercase letters, digits and ._@-, e.g. an.peeters or hospital-gasthuisberg; unique.")
        var name: String

        @Option(help: ArgumentHelp("The principal's role.", valueName: "administrator|clerk|integration"))
        var role: RoleArgument

        @Option(help: ArgumentHelp("The department (required for clerks and integrations).", valueName: "id"))
        var department: String?

        @Option(
            name: .customLong("scope"),
            help: ArgumentHelp("A permission an integration may use; repeatable.", valueName: "permission"))
        var scopes: [String] = []

        func run() async throws {
            let principal = try await AdminConnection.call(
                options, Loket_Admin_V1_Admin.Method.createPrincipal,
                Loket_Admin_V1_CreatePrincipalRequest.with {
                    $0.name = name
                    $0.role = role.role
                    $0.departmentId = department ?? ""
                    $0.scopes = scopes
                }, as: Loket_Admin_V1_Principal.self)
            Output.emit(options.json, json: principal.json, table: Loket_Admin_V1_Principal.table([principal]))
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List principals by name.")

        @OptionGroup var options: ServerOptions

        @Option(help: ArgumentHelp("Only this department's principals.", valueName: "id"))
        var department: String?

        func run() async throws {
            let response = try await AdminConnection.call(
                options, Loket_Admin_V1_Admin.Method.listPrincipals,
                Loket_Admin_V1_ListPrincipalsRequest.with { $0.departmentId = department ?? "" },
                as: Loket_Admin_V1_ListPrincipalsResponse.self)
            Output.emit(
                options.json, json: .object([("principals", .array(response.principals.map(\.json)))]),
                table: Loket_Admin_V1_Principal.table(response.principals))
        }
    }
}
