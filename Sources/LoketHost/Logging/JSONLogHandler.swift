import Logging

/// Writes each record as one JSON object per line, for log collectors:
/// `{"ts":"2026-11-22T09:00:00.123Z","level":"info","label":"loketd","msg":"loketd starting","port":"50051"}`.
///
/// The fixed fields come first, then the metadata sorted by key. Nested metadata keeps its shape:
/// dictionaries become objects (keys sorted) and arrays become arrays. Every leaf is a JSON string,
/// because swift-log metadata values are text.
public struct JSONLogHandler: LogHandler {
    /// The logger label, written as `"label"`.
    public let label: String
    /// The least severe level that is written.
    public var logLevel: Logger.Level = .info
    /// Metadata written with every record of this handler.
    public var metadata: Logger.Metadata = [:]
    /// Supplies contextual metadata (for example task-local request ids) for each record.
    public var metadataProvider: Logger.MetadataProvider?
    private let output: LogOutput
    private let timestamp: @Sendable () -> String

    /// Creates a handler writing to `output` (standard error by default).
    public init(label: String, output: LogOutput = .standardError, metadataProvider: Logger.MetadataProvider? = nil) {
        self.init(label: label, output: output, metadataProvider: metadataProvider, timestamp: LogTimestamp.now)
    }

    init(
        label: String, output: LogOutput, metadataProvider: Logger.MetadataProvider?,
        timestamp: @escaping @Sendable () -> String
    ) {
        self.label = label
        self.output = output
        self.metadataProvider = metadataProvider
        self.timestamp = timestamp
    }

    /// One metadata value of this handler.
    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    /// Formats the record and writes it as one line.
    public func log(event: LogEvent) {
        let record = LogRecord(
            event: event, label: label, handlerMetadata: metadata, provider: metadataProvider, timestamp: timestamp())
        output.write(Self.line(for: record))
    }

    static func line(for record: LogRecord) -> String {
        var line = "{\"ts\":\(string(record.timestamp)),\"level\":\(string(record.level.rawValue))"
        line += ",\"label\":\(string(record.label)),\"msg\":\(string(record.message))"
        for (key, value) in record.metadata {
            line += ",\(string(key)):\(json(value))"
        }
        return line + "}\n"
    }

    private static func json(_ value: Logger.Metadata.Value) -> String {
        switch value {
        case .string(let text):
            string(text)
        case .stringConvertible(let convertible):
            string(convertible.description)
        case .dictionary(let dictionary):
            "{" + dictionary.sorted { $0.key < $1.key }.map { "\(string($0.key)):\(json($0.value))" }
                .joined(separator: ",") + "}"
        case .array(let array):
            "[" + array.map(json).joined(separator: ",") + "]"
        }
    }

    static func string(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            // U+2028 and U+2029 are valid JSON but end lines in JavaScript and some log viewers.
            case _ where scalar.value < 0x20 || scalar.value == 0x2028 || scalar.value == 0x2029:
                let hex = String(scalar.value, radix: 16)
                result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default:
                result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }
}
