extension Day: LosslessStringConvertible {
    /// Parses an ISO 8601 calendar date in its extended form, `YYYY-MM-DD` (e.g. `2026-04-06`).
    ///
    /// Exactly ten characters: four year digits, two month digits, two day digits. Returns nil for anything else
    /// and for days that do not exist, such as `2026-02-31`, `2026-13-01` or year `0000`.
    public init?(_ description: String) {
        let bytes = Array(description.utf8)
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
            let year = Day.number(bytes[0..<4]), let month = Day.number(bytes[5..<7]),
            let day = Day.number(bytes[8..<10])
        else { return nil }
        self.init(year: year, month: month, day: day)
    }

    /// The day in ISO 8601 extended form, `2026-04-06`.
    public var description: String {
        Day.padded(year, width: 4) + "-" + Day.padded(month, width: 2) + "-" + Day.padded(day, width: 2)
    }

    /// The value of a run of ASCII digits, or nil when any byte is not a digit. Shared with the parsers of other
    /// fixed-width texts (page tokens' timestamps and counters), so that there is one such loop.
    package static func number(_ digits: ArraySlice<UInt8>) -> Int? {
        var value = 0
        for byte in digits {
            guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
        }
        return value
    }

    private static func padded(_ value: Int, width: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: Swift.max(0, width - digits.count)) + digits
    }
}
