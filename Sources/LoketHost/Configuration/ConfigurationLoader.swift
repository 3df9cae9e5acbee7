/// Builds a `LoketConfiguration` from its sources, later ones winning:
/// defaults, a configuration file, environment variables, then command-line overrides.
///
/// - The file is `configPath` (from `--config`) or else the `LOKET_CONFIG` environment variable; with
///   neither, no file is read. A file that is named but missing is an error.
/// - Each key `section.key` has an environment variable `LOKET_SECTION_KEY` (`LOKET_SERVER_PORT`).
///   The standard `DATABASE_URL` also sets `database.url`, below `LOKET_DATABASE_URL`; an empty
///   `DATABASE_URL` is ignored, while an empty `LOKET_*` value clears an optional setting.
/// - Any other `LOKET_<SECTION>_*` variable of a known section, like any unknown key in the file, is an error
///   (other `LOKET_*` names belong to other tools and are ignored): a typo must not
///   silently leave a default in place.
///
/// The result is validated; errors say where the offending value came from.
public struct ConfigurationLoader: Sendable {
    /// The environment variable naming the configuration file when `configPath` is nil.
    public static let configFileVariable = "LOKET_CONFIG"

    /// The file named on the command line, if any; it takes precedence over `LOKET_CONFIG`.
    public var configPath: String?
    /// The process environment (passed in rather than read here, so that tests control it).
    public var environment: [String: String]
    /// Command-line values, `section.key` to text, applied last.
    public var overrides: [String: String]
    /// How each override was spelled on the command line (`server.port` to `--port`), for error
    /// messages; keys without an entry are shown as `--set section.key`.
    public var overrideOptions: [String: String]

    /// Creates a loader; by default it reads no file, no environment and no overrides.
    public init(
        configPath: String? = nil, environment: [String: String] = [:], overrides: [String: String] = [:],
        overrideOptions: [String: String] = [:]
    ) {
        self.configPath = configPath
        self.environment = environment
        self.overrides = overrides
        self.overrideOptions = overrideOptions
    }

    /// Every key that can be set, `section.key`, in their printed order.
    public static var validKeys: [String] { ConfigurationKey.all.map(\.name) }

    /// The configuration file `load()` reads, or nil when none is named (an empty name counts as none).
    public var configFilePath: String? {
        [configPath, environment[Self.configFileVariable]].lazy.compactMap { $0 }.first { !$0.isEmpty }
    }

    /// Reads all sources and returns the validated configuration.
    public func load() throws(ConfigurationError) -> LoketConfiguration {
        var configuration = LoketConfiguration()
        var origins: [String: ConfigurationError.Source] = [:]
        func apply(_ key: ConfigurationKey, _ input: ConfigurationKey.Input, from source: ConfigurationError.Source)
            throws(ConfigurationError)
        {
            guard key.apply(input, to: &configuration) else {
                let shown =
                    switch input {
                    case .value(let value): value.description
                    case .text(let text): ConfigurationValue.string(text).description
                    }
                throw ConfigurationError(
                    .invalidValue, "\(key.name) expects \(key.expected), got \(shown)", source: source, key: key.name)
            }
            origins[key.name] = source
        }

        if let path = configFilePath {
            let file = try ConfigurationFile(contentsOfFile: path)
            for (name, value) in file.values.sorted(by: { file.line(of: $0.key) ?? 0 < file.line(of: $1.key) ?? 0 }) {
                let source = ConfigurationError.Source.file(path: path, line: file.line(of: name))
                guard let key = ConfigurationKey.named(name) else { throw Self.unknownKey(name, source: source) }
                try apply(key, .value(value), from: source)
            }
        }
        if let url = environment["DATABASE_URL"], !url.isEmpty, let key = ConfigurationKey.named("database.url") {
            try apply(key, .text(url), from: .environment(variable: "DATABASE_URL"))
        }
        for (variable, text) in environment.sorted(by: { $0.key < $1.key })
        where variable.hasPrefix("LOKET_") && variable != Self.configFileVariable {
            let source = ConfigurationError.Source.environment(variable: variable)
            guard let key = ConfigurationKey.forEnvironmentVariable(variable) else {
                // A misspelt key of a known section is an error; other LOKET_ names (tools' own variables, such
                // as LOKET_PYTHON in the test scripts) are not loketd's business.
                guard Self.isInKnownSection(variable) else { continue }
                throw Self.unknownVariable(variable, source: source)
            }
            try apply(key, .text(text), from: source)
        }
        for (name, text) in overrides.sorted(by: { $0.key < $1.key }) {
            let source = ConfigurationError.Source.commandLine(option: overrideOptions[name] ?? "--set \(name)")
            guard let key = ConfigurationKey.named(name) else { throw Self.unknownKey(name, source: source) }
            try apply(key, .text(text), from: source)
        }

        do {
            try configuration.validate()
        } catch {
            var located = error
            if located.source == nil, let key = error.key { located.source = origins[key] }
            throw located
        }
        return configuration
    }

    /// Splits a `--set` argument, `section.key=value`, at its first `=`.
    public static func parseAssignment(_ text: String) throws(ConfigurationError) -> (key: String, value: String) {
        guard let equals = text.firstIndex(of: "="), equals != text.startIndex else {
            throw ConfigurationError(
                .invalidValue, "expected section.key=value, got \(ConfigurationValue.string(text))",
                source: .commandLine(option: "--set"))
        }
        return (String(text[..<equals]), String(text[text.index(after: equals)...]))
    }

    private static func unknownKey(_ name: String, source: ConfigurationError.Source) -> ConfigurationError {
        ConfigurationError(
            .unknownKey, "unknown key \(name); valid keys are " + validKeys.joined(separator: ", "),
            source: source, key: name)
    }

    private static func isInKnownSection(_ variable: String) -> Bool {
        let sections = Set(ConfigurationKey.all.map { $0.name.split(separator: ".")[0].uppercased() })
        let rest = variable.dropFirst("LOKET_".count)
        return sections.contains { rest.hasPrefix($0 + "_") }
    }

    private static func unknownVariable(_ variable: String, source: ConfigurationError.Source) -> ConfigurationError {
        let valid = [configFileVariable, "DATABASE_URL"] + ConfigurationKey.all.map(\.environmentVariable)
        // Sections have no underscores, so the first one after the prefix is the dot.
        let name = variable.dropFirst("LOKET_".count).lowercased().replacing("_", with: ".", maxReplacements: 1)
        return ConfigurationError(
            .unknownKey, "unknown key \(name); valid variables are " + valid.joined(separator: ", "),
            source: source, key: name)
    }
}
