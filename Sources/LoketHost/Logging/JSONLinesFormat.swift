import Logging

/// Writes each record as one JSON object per line, for log collectors:
/// `{"ts":"2026-11-22T09:00:00.123Z","level":"info","label":"loketd","msg":"loketd starting","port":"50051"}`.
///
/// The fixed fields come first, then the metadata sorted by key. Nested metadata keeps its shape:
/// dictionaries become objects (keys sorted) and arrays become arrays. Every leaf is a JSON string,
/// because swift-log metadata values are text.
enum JSONLinesFormat: LogLineFormat {
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
        // U+2028 and U+2029 are valid JSON but end lines in JavaScript and some log viewers.
        QuotedText.quoted(text) { $0.value == 0x2028 || $0.value == 0x2029 }
    }
}

/// The handler that writes JSONLinesFormat lines.
typealias JSONLogHandler = LineLogHandler<JSONLinesFormat>
