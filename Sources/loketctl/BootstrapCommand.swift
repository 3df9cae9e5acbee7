import ArgumentParser
import Logging
import LoketHost

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// `loketctl bootstrap`: the first administrator and its API key, written straight into the database.
struct BootstrapCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bootstrap",
        abstract: "Create the first administrator and its API key on a fresh database.",
        discussion: """
            The one command that talks to the database rather than to loketd: there is no administrator key yet to \
            call loketd with. That opens no new door, since whoever can reach the database already holds every \
            right. It applies the core migrations, then creates the administrator, its key, and an audit entry, in \
            one transaction; running loketds pick the new key up at once. It refuses (exit status 1) as soon as any \
            administrator exists: make further keys with `loketctl key issue`.

            The database is set like loketd's: --database-url, else $DATABASE_URL, else libpq's PG* variables \
            (PGHOST, PGPORT, PGUSER, PGDATABASE, ...).
            """)

    @Option(help: ArgumentHelp("The administrator's principal name.", valueName: "name"))
    var name: String = Bootstrap.defaultName

    @Option(
        name: .customLong("database-url"),
        help: ArgumentHelp("PostgreSQL connection URI; default $DATABASE_URL, else the PG* variables.", valueName: "url"))
    var databaseURL: String?

    @Flag(help: "Print one JSON object instead of text.")
    var json = false

    @Flag(help: "Log what is done (migrations applied) on standard error.")
    var verbose = false

    func run() async throws {
        LoggingSystem.bootstrap(StreamLogHandler.standardError)
        var logger = Logger(label: "loketctl.bootstrap")
        logger.logLevel = verbose ? .info : .warning
        var configuration = LoketConfiguration()
        let environment = ProcessInfo.processInfo.environment["DATABASE_URL"].flatMap { $0.isEmpty ? nil : $0 }
        configuration.database.url = databaseURL ?? environment
        let result: BootstrapResult
        do {
            result = try await Bootstrap.createFirstAdministrator(
                configuration: configuration, name: name, logger: logger)
        } catch let error as BootstrapError {
            Output.error("\(error)")
            throw ExitCode.failure
        } catch {
            Output.error("bootstrap failed: \(error)")
            throw ExitCode.failure
        }
        if json {
            Output.json(
                .object([
                    ("principal_id", .string(result.principalID)), ("name", .string(result.name)),
                    ("credential_id", .string(result.credentialID)), ("api_key", .string(result.apiKey)),
                ]))
            return
        }
        print(
            """
            Created the administrator \(result.name) (principal \(result.principalID)) and its API key \
            (credential \(result.credentialID)).

            The API key is shown only now: it cannot be shown again, Loket keeps only its hash. Store it safely.

              \(result.apiKey)

            Use it:

              export LOKET_API_KEY=\(result.apiKey)
              loketctl department list
            """)
    }
}
