#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where and how commands print: tables for people, one JSON object for programs, errors on standard error.
enum Output {
    /// Prints `json` when `asJSON`, else `table`.
    static func emit(_ asJSON: Bool, json: JSONValue, table: Table) {
        if asJSON { self.json(json) } else { self.table(table) }
    }

    /// Prints one JSON value on one line.
    static func json(_ value: JSONValue) {
        print(value.text)
    }

    /// Prints a table (or its `empty` text when it has no rows).
    static func table(_ table: Table) {
        print(table.text, terminator: "")
    }

    /// Writes `loketctl: <message>` to standard error.
    static func error(_ message: String) {
        var text = "loketctl: \(message)\n"
        text.withUTF8 { bytes in
            var offset = 0
            while offset < bytes.count {
                let written = write(STDERR_FILENO, bytes.baseAddress.map { $0 + offset }, bytes.count - offset)
                guard written > 0 else { return }
                offset += written
            }
        }
    }
}

/// Aligned columns with a header row, one row per item.
struct Table {
    var headers: [String]
    var rows: [[String]] = []
    /// Printed instead of the header when there are no rows, e.g. "No departments."
    var empty: String

    init(_ headers: String..., empty: String) {
        self.headers = headers
        self.empty = empty
    }

    mutating func add(_ cells: String...) {
        rows.append(cells)
    }

    /// The table as text: columns separated by two spaces, the last one not padded, an empty cell shown as `-`.
    var text: String {
        guard !rows.isEmpty else { return empty + "\n" }
        let lines = [headers] + rows.map { $0.map { $0.isEmpty ? "-" : $0 } }
        var widths = [Int](repeating: 0, count: headers.count)
        for line in lines {
            for (column, cell) in line.enumerated() where column < widths.count {
                widths[column] = max(widths[column], cell.count)
            }
        }
        var text = ""
        for line in lines {
            var rendered = ""
            for (column, cell) in line.enumerated() {
                let isLast = column == line.count - 1
                rendered += isLast ? cell : cell + String(repeating: " ", count: widths[column] - cell.count + 2)
            }
            text += rendered + "\n"
        }
        return text
    }
}

/// A JSON value, encoded by hand: loketctl prints a few flat shapes and needs no encoder.
enum JSONValue: ExpressibleByStringLiteral, ExpressibleByBooleanLiteral, ExpressibleByIntegerLiteral {
    case string(String)
    case number(Int64)
    case bool(Bool)
    case array([JSONValue])
    case object([(String, JSONValue)])
    case null

    init(stringLiteral value: String) { self = .string(value) }
    init(booleanLiteral value: Bool) { self = .bool(value) }
    init(integerLiteral value: Int64) { self = .number(value) }

    /// A string, or null when it is empty (the proto's "not set").
    static func optional(_ text: String) -> JSONValue {
        text.isEmpty ? .null : .string(text)
    }

    /// The compact encoding.
    var text: String {
        var output = ""
        write(to: &output)
        return output
    }

    private func write(to output: inout String) {
        switch self {
        case .string(let text): Self.writeString(text, to: &output)
        case .number(let number): output += String(number)
        case .bool(let value): output += value ? "true" : "false"
        case .null: output += "null"
        case .array(let values):
            output += "["
            for (index, value) in values.enumerated() {
                if index > 0 { output += "," }
                value.write(to: &output)
            }
            output += "]"
        case .object(let members):
            output += "{"
            for (index, (key, value)) in members.enumerated() {
                if index > 0 { output += "," }
                Self.writeString(key, to: &output)
                output += ":"
                value.write(to: &output)
            }
            output += "}"
        }
    }

    private static func writeString(_ text: String, to output: inout String) {
        output += "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                output += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: output.unicodeScalars.append(scalar)
            }
        }
        output += "\""
    }
}
