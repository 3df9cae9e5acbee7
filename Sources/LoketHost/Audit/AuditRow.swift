import LoketPluginAPI

/// One row of `core.audit_log` as ``StoreAuditJournal`` sends it: a JSON object with the table's column names.
struct AuditRow: Sendable, Equatable {
    var principalID: String?
    var principalName: String
    var role: String
    var departmentID: String?
    var method: String
    var action: String
    var subjects: [String]
    var information: [String]
    var purpose: String?

    /// The row for `record`, read by `caller` through `method`.
    init(_ record: AuditRecord, caller: Caller, method: String) {
        // Anonymous callers have no principal: NULL, as for StoreAuditWriter.
        principalID = Self.isUUID(caller.principalID) ? caller.principalID.lowercased() : nil
        principalName = caller.principalName
        role = caller.role.rawValue
        departmentID = caller.department
        self.method = method
        action = record.action.rawValue
        subjects = record.subjects.map { "\($0.kind):\($0.id)" }
        information = record.information
        purpose = caller.purpose
    }

    /// Whether `text` is a UUID in its 36-character form: checked here, since one malformed row would fail the
    /// whole batch, and without Foundation's parser, which showed in profiles of short reads.
    static func isUUID(_ text: String) -> Bool {
        var count = 0
        for byte in text.utf8 {
            let isDash = count == 8 || count == 13 || count == 18 || count == 23
            let valid =
                isDash
                ? byte == UInt8(ascii: "-")
                : (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
                    || (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "f"))
                    || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "F"))
            guard valid, count < 36 else { return false }
            count += 1
        }
        return count == 36
    }

    /// `rows` as one JSON array. Written by hand: JSONEncoder cost several percent of a read's CPU time.
    static func json(_ rows: [AuditRow]) -> String {
        var json = "["
        json.reserveCapacity(rows.count * 400)
        for (index, row) in rows.enumerated() {
            if index > 0 { json += "," }
            row.append(to: &json)
        }
        json += "]"
        return json
    }

    private func append(to json: inout String) {
        json += "{"
        Self.append("principal_id", principalID, to: &json)
        json += ","
        Self.append("principal_name", principalName, to: &json)
        json += ","
        Self.append("role", role, to: &json)
        json += ","
        Self.append("department_id", departmentID, to: &json)
        json += ","
        Self.append("method", method, to: &json)
        json += ","
        Self.append("action", action, to: &json)
        json += ",\"subjects\":"
        Self.append(subjects, to: &json)
        json += ",\"information\":"
        Self.append(information, to: &json)
        json += ","
        Self.append("purpose", purpose, to: &json)
        json += "}"
    }

    private static func append(_ key: String, _ value: String?, to json: inout String) {
        json += "\"" + key + "\":"
        if let value { appendString(value, to: &json) } else { json += "null" }
    }

    private static func append(_ values: [String], to json: inout String) {
        json += "["
        for (index, value) in values.enumerated() {
            if index > 0 { json += "," }
            appendString(value, to: &json)
        }
        json += "]"
    }

    /// A JSON string literal: quotes, backslashes and control characters escaped (RFC 8259, section 7).
    static func appendString(_ value: String, to json: inout String) {
        json += "\""
        let plain = !value.utf8.contains { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }
        guard !plain else {
            json += value
            json += "\""
            return
        }
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": json += "\\\""
            case "\\": json += "\\\\"
            case "\n": json += "\\n"
            case "\r": json += "\\r"
            case "\t": json += "\\t"
            case let control where control.value < 0x20:
                let hex = String(control.value, radix: 16)
                json += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: json.unicodeScalars.append(scalar)
            }
        }
        json += "\""
    }
}
