#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// A configuration file in a small subset of TOML, flattened to `section.key` entries.
///
/// Supported: `[section]` headers; `key = value` where the value is a double-quoted string
/// (escapes `\"` `\\` `\n` `\t` `\r` `\uXXXX`), an integer (`4_194_304`), a float (`0.5`, `1e3`) or
/// `true`/`false`; `#` comments on their own line or after a value; blank lines. Everything else in
/// TOML (arrays, inline tables, dotted or quoted keys, literal strings, dates) is rejected with an
/// error rather than misread. Keys are kept as written, so `max_message_bytes` under `[server]` is
/// `server.max_message_bytes`.
public struct ConfigurationFile: Sendable, Hashable {
    /// The path used in error messages.
    public let path: String
    /// The entries, keyed `section.key`.
    public private(set) var values: [String: ConfigurationValue] = [:]
    private var lineNumbers: [String: Int] = [:]

    /// Reads and parses the file at `path`.
    public init(contentsOfFile path: String) throws(ConfigurationError) {
        guard FileManager.default.fileExists(atPath: path) else {
            throw ConfigurationError(
                .fileNotFound, "configuration file not found", source: .file(path: path, line: nil))
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ConfigurationError(
                .unreadableFile, "configuration file could not be read", source: .file(path: path, line: nil))
        }
        guard let text = String(validating: data, as: UTF8.self) else {
            throw ConfigurationError(
                .unreadableFile, "configuration file is not valid UTF-8", source: .file(path: path, line: nil))
        }
        try self.init(parsing: text, path: path)
    }

    /// Parses `text`; `path` only labels error messages.
    public init(parsing text: String, path: String) throws(ConfigurationError) {
        self.path = path
        var section: String?
        var sectionLines: [String: Int] = [:]
        var scalars = Substring(text).unicodeScalars
        if scalars.first == "\u{FEFF}" { scalars.removeFirst() }
        for (index, rawLine) in scalars.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let lineNumber = index + 1
            var line = LineScanner(rawLine, path: path, lineNumber: lineNumber)
            switch try line.parse() {
            case .nothing:
                break
            case .section(let name):
                if let first = sectionLines[name] {
                    throw line.error("section [\(name)] appears twice (first on line \(first))")
                }
                sectionLines[name] = lineNumber
                section = name
            case .entry(let key, let value):
                guard let section else {
                    throw line.error("key \"\(key)\" appears before any [section] header")
                }
                let fullKey = "\(section).\(key)"
                if let first = lineNumbers[fullKey] {
                    throw line.error("duplicate key \(fullKey) (first set on line \(first))")
                }
                values[fullKey] = value
                lineNumbers[fullKey] = lineNumber
            }
        }
    }

    /// The 1-based line on which `key` was set, if it was.
    public func line(of key: String) -> Int? {
        lineNumbers[key]
    }
}
