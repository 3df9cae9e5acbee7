/// A month and day that recur every year, for closing days such as 2 November or 26 December.
public struct AnnualDay: Sendable, Hashable, Comparable, LosslessStringConvertible {
    /// The month, 1 to 12.
    public let month: Int
    /// The day of the month; 29 February occurs in leap years only.
    public let day: Int

    /// Creates a recurring day, or nil when the day never occurs in that month.
    public init?(month: Int, day: Int) {
        // A leap year has every day any year has.
        guard day >= 1, day <= Day.daysInMonth(year: 2000, month: month) else { return nil }
        self.month = month
        self.day = day
    }

    /// Parses `MM-DD`, e.g. `12-26`.
    public init?(_ description: String) {
        let parts = description.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, parts.allSatisfy({ $0.utf8.count == 2 && $0.allSatisfy(\.isASCIIDigit) }),
            let month = Int(parts[0]), let day = Int(parts[1])
        else { return nil }
        self.init(month: month, day: day)
    }

    /// The recurring day as `MM-DD`.
    public var description: String {
        (month < 10 ? "0" : "") + String(month) + "-" + (day < 10 ? "0" : "") + String(day)
    }

    /// The day in a year, or nil for 29 February in a common year.
    public func day(in year: Int) -> Day? {
        Day(year: year, month: month, day: day)
    }

    public static func < (lhs: AnnualDay, rhs: AnnualDay) -> Bool {
        (lhs.month, lhs.day) < (rhs.month, rhs.day)
    }
}

extension Character {
    /// Whether the character is one of the ASCII digits 0 to 9 (not any Unicode digit).
    var isASCIIDigit: Bool {
        ("0"..."9").contains(self) && utf8.count == 1
    }
}
