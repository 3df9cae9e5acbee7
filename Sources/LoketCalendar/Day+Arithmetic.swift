extension Day {
    /// Whether a year has 29 February.
    public static func isLeapYear(_ year: Int) -> Bool {
        year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
    }

    /// The number of days in a month of a year (28 to 31); 0 for a month outside 1...12.
    public static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 1, 3, 5, 7, 8, 10, 12: 31
        case 4, 6, 9, 11: 30
        case 2: isLeapYear(year) ? 29 : 28
        default: 0
        }
    }

    /// The first day of the year 1, the smallest day.
    public static let min = Day(uncheckedYear: 1, month: 1, day: 1)
    /// The last day of the year 9999, the largest day.
    public static let max = Day(uncheckedYear: 9999, month: 12, day: 31)

    /// The number of days since 0001-01-01 (which is 0).
    ///
    /// 0001-01-01 is a Monday in the proleptic Gregorian calendar, so `ordinal % 7` is the ISO weekday minus one;
    /// the working-day arithmetic counts weekdays with that.
    public var ordinal: Int {
        let previousYears = year - 1
        let daysBeforeYear = 365 * previousYears + previousYears / 4 - previousYears / 100 + previousYears / 400
        return daysBeforeYear + Day.daysBeforeMonth(year: year, month: month) + day - 1
    }

    /// The day with a given ``ordinal``, or nil outside ``min``...``max``.
    public init?(ordinal: Int) {
        guard Day.ordinals.contains(ordinal) else { return nil }
        self = Day(validOrdinal: ordinal)
    }

    /// The day with an ordinal known to be in range.
    init(validOrdinal ordinal: Int) {
        // Peel off whole 400-, 100-, 4- and 1-year cycles. The last day of a 400-year cycle (and of a 4-year
        // cycle) would count as a fifth century (or year), hence the clamps to 3.
        var rest = ordinal
        let cycles400 = rest / 146_097
        rest %= 146_097
        let centuries = Swift.min(rest / 36_524, 3)
        rest -= centuries * 36_524
        let cycles4 = rest / 1_461
        rest %= 1_461
        let years = Swift.min(rest / 365, 3)
        rest -= years * 365
        let year = 400 * cycles400 + 100 * centuries + 4 * cycles4 + years + 1
        var month = 12
        while Day.daysBeforeMonth(year: year, month: month) > rest { month -= 1 }
        self.init(uncheckedYear: year, month: month, day: rest - Day.daysBeforeMonth(year: year, month: month) + 1)
    }

    /// The day `days` days later (earlier when negative).
    ///
    /// - Precondition: the result lies within ``min``...``max``.
    public func adding(days: Int) -> Day {
        if days == 0 { return self }
        guard let moved = Day(ordinal: ordinal + days) else {
            preconditionFailure("\(self) + \(days) days is outside the years 1...9999")
        }
        return moved
    }

    /// The number of days from `self` to `other`: positive when `other` is later.
    public func days(to other: Day) -> Int {
        other.ordinal - ordinal
    }

    /// The day of the week.
    public var weekday: Weekday {
        Weekday(ordinal: ordinal)
    }

    /// The ordinals of ``min`` through ``max``.
    static let ordinals = 0...3_652_058

    /// Days before the first of each month in a common year.
    private static let daysBeforeMonthInCommonYear = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334]

    /// The number of days in the year before the first of `month`.
    static func daysBeforeMonth(year: Int, month: Int) -> Int {
        daysBeforeMonthInCommonYear[month - 1] + (month > 2 && isLeapYear(year) ? 1 : 0)
    }
}
