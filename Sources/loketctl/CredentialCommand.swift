import ArgumentParser
import LoketHost

/// `loketctl credential ...`: a principal's API keys and certificates.
struct CredentialCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "credential",
        abstract: "List and revoke credentials (API keys and certificates).",
        subcommands: [List.self, Revoke.self])

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List a principal's credentials, revoked ones included.")

        @OptionGroup var options: ServerOptions

        @Argument(help: "The principal's id (see `principal list`).")
        var principalID: String

        func run() async throws {
            let response = try await AdminConnection.call(
                options, Loket_Admin_V1_Admin.Method.listCredentials,
                Loket_Admin_V1_ListCredentialsRequest.with { $0.principalId = principalID },
                as: Loket_Admin_V1_ListCredentialsResponse.self)
            Output.emit(
                options.json, json: .object([("credentials", .array(response.credentials.map(\.json)))]),
                table: Loket_Admin_V1_Credential.table(response.credentials))
        }
    }

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Revoke a credential at once (on every loketd within a second).")

        @OptionGroup var options: ServerOptions

        @Argument(help: "The credential's id (see `credential list`).")
        var credentialID: String

        func run() async throws {
            let credential = try await AdminConnection.call(
                options, Loket_Admin_V1_Admin.Method.revokeCredential,
                Loket_Admin_V1_RevokeCredentialRequest.with { $0.credentialId = credentialID },
                as: Loket_Admin_V1_Credential.self)
            Output.emit(options.json, json: credential.json, table: Loket_Admin_V1_Credential.table([credential]))
        }
    }
}
