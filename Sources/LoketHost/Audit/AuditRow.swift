import LoketPluginAPI

/// One row of `core.audit_log`, as ``StoreAuditWriter`` and ``StoreAuditJournal`` append it (column by column, see
/// ``AuditRows``).
struct AuditRow: Sendable, Equatable {
    var principalID: String?
    var principalName: String
    var role: String
    var departmentID: String?
    var method: String
    var action: String
    /// `kind:id` texts.
    var subjects: [String]
    var information: [String]
    var purpose: String?
    /// `ok`, or `denied` for a refused call.
    var outcome: String

    /// The row for `record`, made by `caller` through `method`.
    init(_ record: AuditRecord, caller: Caller, method: String, outcome: String = "ok") {
        // Anonymous callers have no principal: NULL.
        // The directory's ids are lower-case already; lowercased() would copy the string for every call.
        principalID =
            Self.isUUID(caller.principalID)
            ? (caller.principalID.utf8.contains { $0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "F") }
                ? caller.principalID.lowercased() : caller.principalID)
            : nil
        principalName = caller.principalName
        role = caller.role.rawValue
        departmentID = caller.department
        self.method = method
        action = record.action.rawValue
        subjects = record.subjects.map { "\($0.kind):\($0.id)" }
        information = record.information
        purpose = caller.purpose
        self.outcome = outcome
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

    /// `values` as a PostgreSQL array literal (`{"a","b"}`), every element quoted, `"` and `\\` escaped: how a
    /// row's `text[]` columns travel inside a batch's `text[]` parameter.
    static func arrayLiteral(_ values: [String]) -> String {
        var literal = "{"
        // Braces, quotes and commas around the values (escapes may add a little more).
        literal.reserveCapacity(values.reduce(2) { $0 + $1.utf8.count + 3 })
        for (index, value) in values.enumerated() {
            if index > 0 { literal += "," }
            literal += "\""
            if value.utf8.contains(where: { $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) {
                for character in value {
                    if character == "\"" || character == "\\" { literal += "\\" }
                    literal.append(character)
                }
            } else {
                literal += value
            }
            literal += "\""
        }
        literal += "}"
        return literal
    }
}
