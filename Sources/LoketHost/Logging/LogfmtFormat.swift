import Logging

/// Writes each record as one logfmt line:
/// `ts=2026-11-22T09:00:00.123Z level=info label=loketd msg="loketd starting" port=50051`.
///
/// After the four fixed fields come the metadata, sorted by key. Nested metadata is flattened with
/// dotted keys: a dictionary `peer: [ip: 1.2.3.4]` becomes `peer.ip=1.2.3.4`, an array `ids: [a, b]`
/// becomes `ids.0=a ids.1=b`; empty ones are written `{}` and `[]`. A value is quoted when it is empty
/// or holds whitespace, `"`, `=`, `\` or control characters; inside quotes `"` and `\` are escaped
/// with a backslash and control characters as `\n`, `\r`, `\t` or `\u00XX`, so a record is always
/// one line. Characters that cannot appear in a key are replaced by `_`.
enum LogfmtFormat: LogLineFormat {
    static func line(for record: LogRecord) -> String {
        var line = "ts=\(record.timestamp) level=\(record.level.rawValue) label=\(quotedIfNeeded(record.label))"
        line += " msg=\(quotedIfNeeded(record.message))"
        for (key, value) in record.metadata {
            append(key, value, to: &line)
        }
        return line + "\n"
    }

    private static func append(_ key: String, _ value: Logger.Metadata.Value, to line: inout String) {
        switch value {
        case .string(let text):
            line += " \(sanitized(key))=\(quotedIfNeeded(text))"
        case .stringConvertible(let convertible):
            line += " \(sanitized(key))=\(quotedIfNeeded(convertible.description))"
        case .dictionary(let dictionary) where dictionary.isEmpty:
            line += " \(sanitized(key))={}"
        case .dictionary(let dictionary):
            for (nestedKey, nested) in dictionary.sorted(by: { $0.key < $1.key }) {
                append("\(key).\(nestedKey)", nested, to: &line)
            }
        case .array(let array) where array.isEmpty:
            line += " \(sanitized(key))=[]"
        case .array(let array):
            for (index, nested) in array.enumerated() {
                append("\(key).\(index)", nested, to: &line)
            }
        }
    }

    private static func sanitized(_ key: String) -> String {
        guard !key.isEmpty else { return "_" }
        var result = String.UnicodeScalarView()
        for scalar in key.unicodeScalars {
            result.append(needsQuoting(scalar) ? "_" : scalar)
        }
        return String(result)
    }

    static func quotedIfNeeded(_ text: String) -> String {
        guard text.isEmpty || text.unicodeScalars.contains(where: needsQuoting) else { return text }
        return QuotedText.quoted(text) { $0.value == 0x7F }
    }

    private static func needsQuoting(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "\"" || scalar == "=" || scalar == "\\" || scalar.value < 0x20 || scalar.value == 0x7F
            || scalar.properties.isWhitespace
    }
}

/// The handler that writes LogfmtFormat lines.
typealias LogfmtLogHandler = LineLogHandler<LogfmtFormat>
