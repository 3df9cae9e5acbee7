/// A civil day without a time or time zone, in the Gregorian calendar: a received date, a due date, a holiday.
///
/// Years run from 1 to 9999, the range a four-digit ISO 8601 year covers; dates before 1582 follow the proleptic
/// Gregorian calendar. Moving a day outside that range (``adding(days:)``) is a programming error and traps, as
/// integer overflow does; text and components from outside are checked by the failable initializers instead.
///
/// `LoketStore.CalendarDate` is the database's date type; plugins convert between the two through
/// ``year``, ``month`` and ``day``, so that this module depends on nothing.
public struct Day: Sendable, Hashable, Comparable {
    /// The year, 1 to 9999.
    public let year: Int
    /// The month, 1 (January) to 12 (December).
    public let month: Int
    /// The day of the month, from 1.
    public let day: Int

    /// The years a day can have.
    public static let years: ClosedRange<Int> = 1...9999

    /// Creates a day, or nil when the year is outside ``years`` or the month or day does not exist.
    public init?(year: Int, month: Int, day: Int) {
        guard Day.years.contains(year), (1...12).contains(month),
            day >= 1, day <= Day.daysInMonth(year: year, month: month)
        else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Creates a day from components already known to be valid (computed here, never read from input).
    init(uncheckedYear year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    public static func < (lhs: Day, rhs: Day) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }
}
