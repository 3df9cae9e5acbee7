import ArgumentParser
import Logging
import LoketHost
import ServiceLifecycle

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The Loket server process.
@main
struct Loketd: AsyncParsableCommand {
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "loketd",
        abstract: "The Loket gRPC server for city administrations.",
        discussion: """
            Settings come from, later winning: defaults, the configuration file (--config or $LOKET_CONFIG), \
            environment variables (LOKET_<SECTION>_<KEY>, DATABASE_URL), --set, then the dedicated options below. \
            Configuration errors exit with status 2.
            """,
        version: version)

    @Option(help: ArgumentHelp("Configuration file; default $LOKET_CONFIG, else none.", valueName: "path"))
    var config: String?

    @Option(help: ArgumentHelp("Address to listen on (server.host).", valueName: "address"))
    var host: String?

    // Text rather than Int, so that a bad port is reported like any other configuration error.
    @Option(help: ArgumentHelp("TCP port to listen on (server.port).", valueName: "port"))
    var port: String?

    @Option(
        help: ArgumentHelp("trace, debug, info, notice, warning, error or critical (log.level).", valueName: "level"))
    var logLevel: String?

    @Option(help: ArgumentHelp("text or json (log.format).", valueName: "format"))
    var logFormat: String?

    @Option(
        name: .customLong("database-url"),
        help: ArgumentHelp("PostgreSQL connection URI (database.url).", valueName: "url"))
    var databaseURL: String?

    @Option(
        name: .customLong("set"),
        help: ArgumentHelp(
            "Set any key, e.g. --set server.grace_period_seconds=10; repeatable.", valueName: "section.key=value"))
    var assignments: [String] = []

    @Flag(help: "Print the effective configuration (passwords masked) and exit.")
    var printConfig = false

    @Flag(help: "Validate the configuration and exit: 0 if valid, 2 if not.")
    var checkConfig = false

    func run() async throws {
        let loader: ConfigurationLoader
        let configuration: LoketConfiguration
        do throws(ConfigurationError) {
            loader = try makeLoader()
            configuration = try loader.load()
        } catch {
            LogOutput.standardError.write("loketd: \(error)\n")
            throw ExitCode(2)
        }
        if printConfig {
            print("# Effective loketd configuration; passwords are masked.")
            print(configuration.fileText, terminator: "")
            return
        }
        if checkConfig {
            print("loketd: configuration is valid")
            return
        }
        try await serve(configuration, configFile: loader.configFilePath)
    }

    private func serve(_ configuration: LoketConfiguration, configFile: String?) async throws {
        LoketLogging.bootstrap(configuration.log)
        let logger = Logger(label: "loketd")
        var metadata: Logger.Metadata = [
            "version": "\(Self.version)",
            "host": "\(configuration.server.host)",
            "port": "\(configuration.server.port)",
            "tls": "\(configuration.tls.isEnabled ? "on" : "off")",
            "interop_test_service": "\(configuration.server.interopTestService)",
            "pid": "\(ProcessInfo.processInfo.processIdentifier)",
        ]
        if let configFile { metadata["config"] = "\(configFile)" }
        logger.info("loketd starting", metadata: metadata)
        let application: LoketApplication
        do {
            application = try await LoketApplication.start(
                configuration: configuration, plugins: CompiledPlugins.all, logger: Logger(label: "loketd.rpc"))
        } catch {
            logger.critical("loketd could not start", metadata: ["error": "\(error)"])
            throw ExitCode(1)
        }
        logger.info(
            "plugins registered",
            metadata: ["plugins": "\(application.plugins.plugins.map(\.manifest.id).joined(separator: ","))"])
        // The group installs the SIGTERM/SIGINT handlers and stops the services in reverse order.
        let group = ServiceGroup(
            configuration: .init(
                services: application.services.map { .init(service: $0) },
                gracefulShutdownSignals: [.sigterm, .sigint],
                logger: Logger(label: "loketd.lifecycle")))
        do {
            try await group.run()
        } catch {
            await application.close()
            logger.critical("loketd failed", metadata: ["error": "\(error)"])
            throw ExitCode(1)
        }
        await application.close()
        logger.info("loketd stopped")
    }

    /// Collects the command-line settings; a dedicated option beats `--set` for the same key.
    private func makeLoader() throws(ConfigurationError) -> ConfigurationLoader {
        var overrides: [String: String] = [:]
        var options: [String: String] = [:]
        for assignment in assignments {
            let (key, value) = try ConfigurationLoader.parseAssignment(assignment)
            overrides[key] = value
            options[key] = "--set \(key)"
        }
        let dedicated: [(key: String, option: String, value: String?)] = [
            ("server.host", "--host", host),
            ("server.port", "--port", port),
            ("log.level", "--log-level", logLevel),
            ("log.format", "--log-format", logFormat),
            ("database.url", "--database-url", databaseURL),
        ]
        for (key, option, value) in dedicated {
            guard let value else { continue }
            overrides[key] = value
            options[key] = option
        }
        return ConfigurationLoader(
            configPath: config, environment: ProcessInfo.processInfo.environment, overrides: overrides,
            overrideOptions: options)
    }
}
