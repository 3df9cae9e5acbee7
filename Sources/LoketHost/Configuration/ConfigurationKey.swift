import Logging

/// One setting: its name, what it accepts, and where it lives in `LoketConfiguration`.
///
/// `all` is the single definition of every key; file, environment and command-line sources, and the
/// printed configuration, are all driven by it, so adding a setting means adding one line there.
struct ConfigurationKey: Sendable {
    /// A raw setting as a source provides it.
    enum Input: Sendable {
        /// Typed, from a configuration file.
        case value(ConfigurationValue)
        /// Untyped text, from an environment variable or a command-line option.
        case text(String)
    }

    /// The full name, `section.key`.
    let name: String
    /// What the key accepts, for error messages ("an integer").
    let expected: String
    private let assign: @Sendable (Input, inout LoketConfiguration) -> Bool
    private let display: @Sendable (LoketConfiguration) -> ConfigurationValue?

    init<Value>(
        _ name: String, _ keyPath: WritableKeyPath<LoketConfiguration, Value> & Sendable, _ codec: Codec<Value>
    ) {
        self.name = name
        self.expected = codec.expected
        self.assign = { input, configuration in
            let decoded: Value? =
                switch input {
                case .value(let value): codec.decodeValue(value)
                case .text(let text): codec.decodeText(text)
                }
            guard let decoded else { return false }
            configuration[keyPath: keyPath] = decoded
            return true
        }
        self.display = { configuration in codec.display(configuration[keyPath: keyPath]) }
    }

    /// The section part of the name (`server`).
    var section: Substring { name.prefix { $0 != "." } }

    /// The key part of the name (`max_message_bytes`).
    var field: Substring { name.drop { $0 != "." }.dropFirst() }

    /// The environment variable that sets this key: `LOKET_` and the name upper-cased, dot as underscore.
    var environmentVariable: String { "LOKET_" + name.uppercased().replacing(".", with: "_") }

    /// Stores `input` into `configuration`; false when it is not of the accepted type or form.
    func apply(_ input: Input, to configuration: inout LoketConfiguration) -> Bool {
        assign(input, &configuration)
    }

    /// The current value for printing, with secrets masked; nil when the setting is unset.
    func displayValue(in configuration: LoketConfiguration) -> ConfigurationValue? {
        display(configuration)
    }

    /// The key with this `section.key` name.
    static func named(_ name: String) -> ConfigurationKey? {
        all.first { $0.name == name }
    }

    /// The key set by this environment variable.
    static func forEnvironmentVariable(_ variable: String) -> ConfigurationKey? {
        all.first { $0.environmentVariable == variable }
    }

    /// Every key, in the order they are printed.
    static let all: [ConfigurationKey] = [
        ConfigurationKey("server.host", \.server.host, .string),
        ConfigurationKey("server.port", \.server.port, .integer),
        ConfigurationKey("server.event_loop_threads", \.server.eventLoopThreads, .integer),
        ConfigurationKey("server.max_message_bytes", \.server.maxMessageBytes, .integer),
        ConfigurationKey("server.grace_period_seconds", \.server.gracePeriodSeconds, .float),
        ConfigurationKey("server.interop_test_service", \.server.interopTestService, .boolean),
        ConfigurationKey("server.pin_threads", \.server.pinThreads, .boolean),
        ConfigurationKey("server.idle_poll_microseconds", \.server.idlePollMicroseconds, .integer),
        ConfigurationKey("tls.certificate_path", \.tls.certificatePath, .optionalString),
        ConfigurationKey("tls.private_key_path", \.tls.privateKeyPath, .optionalString),
        ConfigurationKey("tls.client_ca_path", \.tls.clientCAPath, .optionalString),
        ConfigurationKey("database.url", \.database.url, .connectionString),
        ConfigurationKey("database.pool_size", \.database.poolSize, .integer),
        ConfigurationKey("database.connect_timeout_seconds", \.database.connectTimeoutSeconds, .float),
        ConfigurationKey("database.acquire_timeout_seconds", \.database.acquireTimeoutSeconds, .float),
        ConfigurationKey("database.pipeline_limit", \.database.pipelineLimit, .integer),
        ConfigurationKey("plugins.disabled", \.plugins.disabled, .stringList),
        ConfigurationKey("calendar.regions", \.calendar.regions, .string),
        ConfigurationKey("calendar.closing_days", \.calendar.closingDays, .string),
        ConfigurationKey("log.level", \.log.level, .choice),
        ConfigurationKey("log.format", \.log.format, .choice),
    ]
}
