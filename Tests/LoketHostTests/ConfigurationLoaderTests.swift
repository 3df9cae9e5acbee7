import Foundation
import Logging
import Testing

@testable import LoketHost

@Suite struct ConfigurationLoaderTests {
    /// A configuration file that exists for the duration of one test.
    private final class TemporaryFile {
        let path: String
        init(_ text: String) throws {
            path = FileManager.default.temporaryDirectory.appendingPathComponent("loket-\(UUID().uuidString).toml").path
            try text.write(toFile: path, atomically: true, encoding: .utf8)
        }
        deinit { try? FileManager.default.removeItem(atPath: path) }
    }

    private func failure(_ loader: ConfigurationLoader) -> ConfigurationError? {
        do {
            _ = try loader.load()
            return nil
        } catch {
            return error
        }
    }

    @Test func defaultsAreDocumentedAndValid() throws {
        let defaults = LoketConfiguration()
        try defaults.validate()
        #expect(try ConfigurationLoader().load() == defaults)
        #expect(defaults.server.host == "127.0.0.1")
        #expect(defaults.server.port == 50051)
        #expect(defaults.server.eventLoopThreads == 0)
        #expect(defaults.server.maxMessageBytes == 4_194_304)
        #expect(defaults.server.gracePeriodSeconds == 30)
        #expect(defaults.server.interopTestService == false)
        #expect(defaults.server.pinThreads == false)
        #expect(defaults.tls == LoketConfiguration.TLS(certificatePath: nil, privateKeyPath: nil, clientCAPath: nil))
        #expect(!defaults.tls.isEnabled)
        #expect(defaults.database.url == nil)
        #expect(defaults.database.poolSize == 10)
        #expect(defaults.database.connectTimeoutSeconds == 5)
        #expect(defaults.database.acquireTimeoutSeconds == 5)
        #expect(defaults.database.postgresConfiguration.acquireTimeout == .seconds(5))
        #expect(defaults.database.pipelineLimit == 16)
        #expect(defaults.server.idlePollMicroseconds == 30)
        #expect(defaults.database.postgresConfiguration.pipelineLimit == 16)
        #expect(defaults.log.level == .info)
        #expect(defaults.log.format == .text)
    }

    @Test func everyKeyHasItsOwnEnvironmentVariable() {
        let variables = ConfigurationKey.all.map(\.environmentVariable)
        #expect(Set(variables).count == variables.count)
        #expect(variables.contains("LOKET_SERVER_MAX_MESSAGE_BYTES"))
        #expect(ConfigurationLoader.validKeys.count == 21)
    }

    @Test func fileThenEnvironmentThenOverridesWin() throws {
        let file = try TemporaryFile(
            """
            [server]
            host = "0.0.0.0"
            port = 1000
            grace_period_seconds = 10
            [database]
            pool_size = 20
            [log]
            level = "debug"
            format = "json"
            """)
        let loader = ConfigurationLoader(
            configPath: file.path,
            environment: [
                "LOKET_SERVER_PORT": "2000", "LOKET_LOG_LEVEL": "WARNING", "LOKET_DATABASE_POOL_SIZE": "30",
                "LOKET_SERVER_INTEROP_TEST_SERVICE": "yes", "PATH": "/usr/bin", "LOKETTE": "unrelated",
            ],
            overrides: [
                "server.port": "3000", "log.format": "text", "server.grace_period_seconds": "0.5",
                "server.pin_threads": "true",
            ])
        let configuration = try loader.load()
        #expect(configuration.server.host == "0.0.0.0")  // file only
        #expect(configuration.server.port == 3000)  // file < env < override
        #expect(configuration.log.level == .warning)  // file < env
        #expect(configuration.database.poolSize == 30)  // file < env
        #expect(configuration.log.format == .text)  // file < override
        #expect(configuration.server.gracePeriodSeconds == 0.5)  // file < override
        #expect(configuration.server.interopTestService)  // env only
        #expect(configuration.server.pinThreads)  // override only
        #expect(configuration.database.connectTimeoutSeconds == 5)  // default
    }

    @Test func configFileComesFromOptionOrEnvironment() throws {
        let named = try TemporaryFile("[server]\nport = 1111\n")
        let fromEnvironment = try TemporaryFile("[server]\nport = 2222\n")
        let environment = ["LOKET_CONFIG": fromEnvironment.path]
        #expect(try ConfigurationLoader(environment: environment).load().server.port == 2222)
        let both = ConfigurationLoader(configPath: named.path, environment: environment)
        #expect(both.configFilePath == named.path)
        #expect(try both.load().server.port == 1111)
        #expect(ConfigurationLoader(environment: ["LOKET_CONFIG": ""]).configFilePath == nil)
    }

    @Test func missingNamedFileIsAnError() {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("loket-\(UUID().uuidString).toml").path
        let loaders = [ConfigurationLoader(configPath: path), ConfigurationLoader(environment: ["LOKET_CONFIG": path])]
        for loader in loaders {
            let error = failure(loader)
            #expect(error?.code == .fileNotFound)
            #expect(error?.source == .file(path: path, line: nil))
            #expect(error?.description == "\(path): configuration file not found")
        }
    }

    @Test func databaseURLComesFromTheStandardVariableBelowLoketOwn() throws {
        let file = try TemporaryFile("[database]\nurl = \"postgres://file/loket\"\n")
        func url(_ environment: [String: String], overrides: [String: String] = [:]) throws -> String? {
            try ConfigurationLoader(configPath: file.path, environment: environment, overrides: overrides).load()
                .database.url
        }
        #expect(try url([:]) == "postgres://file/loket")
        #expect(try url(["DATABASE_URL": "postgres://standard/loket"]) == "postgres://standard/loket")
        #expect(try url(["DATABASE_URL": ""]) == "postgres://file/loket")
        let both = ["DATABASE_URL": "postgres://standard/loket", "LOKET_DATABASE_URL": "postgres://loket/loket"]
        #expect(try url(both) == "postgres://loket/loket")
        #expect(try url(both, overrides: ["database.url": "postgres://flag/loket"]) == "postgres://flag/loket")
        #expect(try url(["LOKET_DATABASE_URL": ""]) == nil)
    }

    @Test func unknownKeyInFileNamesKeyAndListsValidOnes() throws {
        let file = try TemporaryFile("[server]\nport = 1\nprot = 2\n")
        let error = try #require(failure(ConfigurationLoader(configPath: file.path)))
        #expect(error.code == .unknownKey)
        #expect(error.source == .file(path: file.path, line: 3))
        #expect(error.key == "server.prot")
        #expect(error.message.hasPrefix("unknown key server.prot; valid keys are server.host, server.port, "))
        #expect(error.message.contains("log.format"))
    }

    @Test func unknownLoketVariableNamesKeyAndListsValidOnes() throws {
        let error = try #require(failure(ConfigurationLoader(environment: ["LOKET_SERVER_PROT": "1"])))
        #expect(error.code == .unknownKey)
        #expect(error.source == .environment(variable: "LOKET_SERVER_PROT"))
        #expect(error.description.hasPrefix("environment variable LOKET_SERVER_PROT: unknown key server.prot;"))
        #expect(error.message.contains("LOKET_CONFIG, DATABASE_URL, LOKET_SERVER_HOST, LOKET_SERVER_PORT"))
    }

    @Test func loketVariablesOutsideKnownSectionsAreIgnored() throws {
        let configuration = try ConfigurationLoader(environment: ["LOKET_PYTHON": "/x", "LOKET_BINARY": "y"]).load()
        #expect(configuration == LoketConfiguration())
    }

    @Test func portZeroMeansAnyFreePort() throws {
        #expect(try ConfigurationLoader(environment: ["LOKET_SERVER_PORT": "0"]).load().server.port == 0)
    }

    @Test func unknownOverrideIsAnError() throws {
        let error = try #require(failure(ConfigurationLoader(overrides: ["tls.key": "x"])))
        #expect(error.code == .unknownKey)
        #expect(error.source == .commandLine(option: "--set tls.key"))
    }

    @Test func badValuesNameKeySourceAndExpectation() throws {
        let file = try TemporaryFile("[server]\nhost = \"h\"\nport = \"50051\"\n")
        let fromFile = try #require(failure(ConfigurationLoader(configPath: file.path)))
        #expect(fromFile.code == .invalidValue)
        #expect(fromFile.description == "\(file.path):3: server.port expects an integer, got \"50051\"")

        let fromEnvironment = try #require(failure(ConfigurationLoader(environment: ["LOKET_LOG_LEVEL": "loud"])))
        #expect(
            fromEnvironment.description == "environment variable LOKET_LOG_LEVEL: log.level expects one of trace, "
                + "debug, info, notice, warning, error, critical, got \"loud\"")

        let fromFlag = try #require(
            failure(ConfigurationLoader(overrides: ["server.port": "80x"], overrideOptions: ["server.port": "--port"])))
        #expect(fromFlag.description == "option --port: server.port expects an integer, got \"80x\"")

        let fromSet = try #require(failure(ConfigurationLoader(overrides: ["server.interop_test_service": "maybe"])))
        #expect(
            fromSet.description
                == "option --set server.interop_test_service: server.interop_test_service expects true or false, "
                + "got \"maybe\"")

        let typed = try TemporaryFile("[log]\nformat = 1\n[tls]\n")
        #expect(failure(ConfigurationLoader(configPath: typed.path))?.source == .file(path: typed.path, line: 2))
    }

    @Test func textValuesAcceptTheUsualSpellings() throws {
        let configuration = try ConfigurationLoader(
            environment: [
                "LOKET_SERVER_MAX_MESSAGE_BYTES": "8_388_608", "LOKET_SERVER_INTEROP_TEST_SERVICE": "ON",
                "LOKET_DATABASE_CONNECT_TIMEOUT_SECONDS": " 3 ", "LOKET_LOG_FORMAT": "JSON",
                "LOKET_DATABASE_ACQUIRE_TIMEOUT_SECONDS": "0.25", "LOKET_DATABASE_PIPELINE_LIMIT": "1",
                "LOKET_SERVER_IDLE_POLL_MICROSECONDS": "0",
            ]
        ).load()
        #expect(configuration.server.idlePollMicroseconds == 0)
        #expect(configuration.database.postgresConfiguration.pipelineLimit == 1)
        #expect(configuration.database.acquireTimeoutSeconds == 0.25)
        #expect(configuration.database.postgresConfiguration.acquireTimeout == .milliseconds(250))
        #expect(configuration.server.maxMessageBytes == 8_388_608)
        #expect(configuration.server.interopTestService)
        #expect(configuration.database.connectTimeoutSeconds == 3)
        #expect(configuration.log.format == .json)
    }

    @Test(arguments: [
        (["LOKET_SERVER_PORT": "70000"], "server.port", "server.port must be between 0 and 65535, got 70000"),
        (["LOKET_SERVER_PORT": "-1"], "server.port", "between 0 and 65535"),
        (["LOKET_SERVER_MAX_MESSAGE_BYTES": "512"], "server.max_message_bytes", "between 1024 and 1073741824"),
        (["LOKET_SERVER_MAX_MESSAGE_BYTES": "2_000_000_000"], "server.max_message_bytes", "between 1024"),
        (["LOKET_DATABASE_POOL_SIZE": "0"], "database.pool_size", "between 1 and 1000"),
        (["LOKET_DATABASE_POOL_SIZE": "1001"], "database.pool_size", "between 1 and 1000"),
        (["LOKET_DATABASE_PIPELINE_LIMIT": "0"], "database.pipeline_limit", "between 1 and 256"),
        (["LOKET_DATABASE_PIPELINE_LIMIT": "257"], "database.pipeline_limit", "between 1 and 256"),
        (["LOKET_SERVER_IDLE_POLL_MICROSECONDS": "-1"], "server.idle_poll_microseconds", "between 0 and 1000"),
        (["LOKET_SERVER_IDLE_POLL_MICROSECONDS": "1001"], "server.idle_poll_microseconds", "between 0 and 1000"),
        (["LOKET_SERVER_GRACE_PERIOD_SECONDS": "-1"], "server.grace_period_seconds", "finite number >= 0"),
        (["LOKET_DATABASE_CONNECT_TIMEOUT_SECONDS": "0"], "database.connect_timeout_seconds", "above 0"),
        (["LOKET_DATABASE_ACQUIRE_TIMEOUT_SECONDS": "-1"], "database.acquire_timeout_seconds", "above 0"),
        (["LOKET_DATABASE_ACQUIRE_TIMEOUT_SECONDS": "1e12"], "database.acquire_timeout_seconds", "at most 86400"),
        (["LOKET_SERVER_EVENT_LOOP_THREADS": "-2"], "server.event_loop_threads", "between 0 and"),
        (["LOKET_TLS_CERTIFICATE_PATH": "/c.pem"], "tls.certificate_path", "TLS needs both"),
        (["LOKET_TLS_PRIVATE_KEY_PATH": "/k.pem"], "tls.private_key_path", "TLS needs both"),
        (["LOKET_TLS_CLIENT_CA_PATH": "/ca.pem"], "tls.client_ca_path", "requires TLS"),
    ])
    func validationFailuresSayWhereTheValueCameFrom(environment: [String: String], key: String, fragment: String)
        throws
    {
        let error = try #require(failure(ConfigurationLoader(environment: environment)))
        #expect(error.code == .validationFailed)
        #expect(error.key == key)
        #expect(error.source == .environment(variable: environment.keys.first!))
        #expect(error.message.contains(fragment), "\(error.message)")
    }

    @Test func validationFailureFromFileCarriesItsLine() throws {
        let file = try TemporaryFile("[server]\n\nport = 70000\n")
        let error = try #require(failure(ConfigurationLoader(configPath: file.path)))
        #expect(error.description == "\(file.path):3: server.port must be between 0 and 65535, got 70000")
    }

    @Test func completeTLSIsValidAndEmptyTextClearsAPath() throws {
        let file = try TemporaryFile(
            "[tls]\ncertificate_path = \"/c.pem\"\nprivate_key_path = \"/k.pem\"\nclient_ca_path = \"/ca.pem\"\n")
        let mutual = try ConfigurationLoader(configPath: file.path).load()
        #expect(mutual.tls.isEnabled)
        #expect(mutual.tls.clientCAPath == "/ca.pem")
        let clearing = ["LOKET_TLS_CLIENT_CA_PATH": ""]
        let cleared = try ConfigurationLoader(configPath: file.path, environment: clearing).load()
        #expect(cleared.tls.clientCAPath == nil)
        #expect(cleared.tls.isEnabled)
    }

    @Test func parsesSetAssignments() throws {
        #expect(try ConfigurationLoader.parseAssignment("server.port=1") == ("server.port", "1"))
        #expect(try ConfigurationLoader.parseAssignment("database.url=a=b") == ("database.url", "a=b"))
        #expect(try ConfigurationLoader.parseAssignment("tls.client_ca_path=") == ("tls.client_ca_path", ""))
        #expect(throws: ConfigurationError.self) { try ConfigurationLoader.parseAssignment("server.port") }
        #expect(throws: ConfigurationError.self) { try ConfigurationLoader.parseAssignment("=1") }
    }

    @Test func printedConfigurationReadsBackAndHidesPasswords() throws {
        var configuration = LoketConfiguration()
        configuration.server.host = "::"
        configuration.server.gracePeriodSeconds = 2.5
        configuration.tls = .init(certificatePath: "/etc/loket/cert \"1\".pem", privateKeyPath: "/k.pem")
        configuration.log = .init(level: .trace, format: .json)
        configuration.database.url = "postgres://loket@db.example/loket"
        let file = try TemporaryFile(configuration.fileText)
        #expect(try ConfigurationLoader(configPath: file.path).load() == configuration)
        #expect(configuration.fileText.contains("# client_ca_path is not set"))

        configuration.database.url = "postgresql://loket:s3cr%40t@db:5432/loket?sslmode=require&password=other"
        #expect(!configuration.fileText.contains("s3cr"))
        #expect(!configuration.fileText.contains("other"))
        #expect(
            configuration.fileText.contains(
                "url = \"postgresql://loket:***@db:5432/loket?sslmode=require&password=***\""))
    }

    @Test(arguments: [
        ("postgres://user:pw@host/db", "postgres://user:***@host/db"),
        ("postgres://user@host/db", "postgres://user@host/db"),
        ("postgres://host:5432/db?password=pw#frag", "postgres://host:5432/db?password=***#frag"),
        ("postgres://u:p/w@d@host", "postgres://u:***@host"),
        ("host=db password=pw user=loket", "host=db password=*** user=loket"),
        ("host=db password = 'p w\\' x' dbname=l", "host=db password = *** dbname=l"),
        ("host=db passwords=x", "host=db passwords=x"),
    ])
    func redactsPasswordsInConnectionStrings(url: String, redacted: String) {
        #expect(LoketConfiguration.Database(url: url).redactedURL == redacted)
    }
}
