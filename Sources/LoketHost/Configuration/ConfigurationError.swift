/// A configuration problem, phrased for the operator who has to fix it.
///
/// The description starts with where the offending setting came from (`loket.toml:12`,
/// `environment variable LOKET_SERVER_PORT`, `option --port`), so that `loketd` can print it as is.
public struct ConfigurationError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What went wrong, in broad terms.
    public enum Code: Sendable, Hashable {
        /// A configuration file was named explicitly but does not exist.
        case fileNotFound
        /// A configuration file exists but could not be read or is not UTF-8.
        case unreadableFile
        /// A configuration file is not valid in the supported TOML subset.
        case syntax
        /// A setting name is not one of the known keys.
        case unknownKey
        /// A value has the wrong type or form for its key (text where an integer is expected).
        case invalidValue
        /// The values are well-formed but not acceptable (out of range, or inconsistent with each other).
        case validationFailed
    }

    /// Where a setting, or a problem with it, comes from.
    public enum Source: Sendable, Hashable, CustomStringConvertible {
        /// A configuration file; `line` is nil when the problem concerns the file as a whole.
        case file(path: String, line: Int?)
        /// An environment variable, by name.
        case environment(variable: String)
        /// A command-line option, as the user spelled it (`--port`, `--set server.port`).
        case commandLine(option: String)

        /// The location as shown in error messages.
        public var description: String {
            switch self {
            case .file(let path, let line?): "\(path):\(line)"
            case .file(let path, nil): path
            case .environment(let variable): "environment variable \(variable)"
            case .commandLine(let option): "option \(option)"
            }
        }
    }

    /// The kind of failure.
    public var code: Code
    /// A plain-English explanation, without the source location.
    public var message: String
    /// Where the offending text or value came from, when known.
    public var source: Source?
    /// The setting concerned (`server.port`), when the error is about one setting.
    public var key: String?

    /// Creates an error.
    public init(_ code: Code, _ message: String, source: Source? = nil, key: String? = nil) {
        self.code = code
        self.message = message
        self.source = source
        self.key = key
    }

    /// The message, prefixed with its source location when known.
    public var description: String {
        guard let source else { return message }
        return "\(source): \(message)"
    }
}
