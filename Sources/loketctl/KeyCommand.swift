import ArgumentParser
import LoketHost

/// `loketctl key ...`: API keys.
struct KeyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "key",
        abstract: "Issue API keys.",
        subcommands: [Issue.self])

    struct Issue: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Issue an API key for a principal; the key is printed once and never again.",
            discussion: "Revoke a key with `loketctl credential revoke <credential-id>`.")

        @OptionGroup var options: ServerOptions

        @Argument(help: "The principal's id (see `principal list`).")
        var principalID: String

        @Option(help: ArgumentHelp("What the key is for, e.g. \"front office laptop 3\".", valueName: "text"))
        var label: String = ""

        func run() async throws {
            let issued = try await AdminConnection.call(
                options, Loket_Admin_V1_Admin.Method.issueApiKey,
                Loket_Admin_V1_IssueApiKeyRequest.with {
                    $0.principalId = principalID
                    $0.label = label
                }, as: Loket_Admin_V1_IssuedApiKey.self)
            let credential = issued.credential ?? Loket_Admin_V1_Credential()
            if options.json {
                Output.json(.object([("credential", credential.json), ("api_key", .string(issued.apiKey))]))
                return
            }
            Output.table(Loket_Admin_V1_Credential.table([credential]))
            print(
                """

                API key (shown only now: it cannot be shown again, Loket keeps only its hash):

                  \(issued.apiKey)
                """)
        }
    }
}
