/// A day in the calendar without a time or time zone: PostgreSQL's `date` (a birth date, a deadline).
///
/// The year is astronomical: 0 is 1 BC, -1 is 2 BC, as in the proleptic Gregorian calendar PostgreSQL uses.
public struct CalendarDate: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The year; 0 is 1 BC.
    public let year: Int
    /// The month, 1 to 12.
    public let month: Int
    /// The day of the month, from 1.
    public let day: Int

    /// Creates a date, or nil when the month or day does not exist.
    public init?(year: Int, month: Int, day: Int) {
        guard (1...12).contains(month), day >= 1, day <= CivilDays.daysInMonth(year: year, month: month) else {
            return nil
        }
        self.year = year
        self.month = month
        self.day = day
    }

    /// The date a number of days after 1970-01-01.
    public init(daysSince1970 days: Int) {
        (year, month, day) = CivilDays.date(days: days)
    }

    /// Days since 1970-01-01 (negative before).
    public var daysSince1970: Int { CivilDays.days(year: year, month: month, day: day) }

    public static func < (lhs: CalendarDate, rhs: CalendarDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    /// ISO 8601, `2024-02-29`; years before 1 as `-0043-03-15` (astronomical).
    public var description: String {
        func pad(_ value: Int, _ width: Int) -> String {
            let digits = String(value)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        let yearText = year < 0 ? "-" + pad(-year, 4) : pad(year, 4)
        return "\(yearText)-\(pad(month, 2))-\(pad(day, 2))"
    }
}
