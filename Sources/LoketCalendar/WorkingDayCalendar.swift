/// Which days an administration works, for deadlines counted in working days.
///
/// A working day is a Monday to Friday that is not a Belgian public holiday, not the holiday of a configured
/// ``Region``, and not one of the administration's own closing days.
///
/// A holiday that falls on a Saturday or Sunday does not move to another day here. Belgian law has employers
/// grant a replacement day off, but that is an arrangement between an employer and its staff, set each year; the
/// counting of terms only asks whether a day is a weekend or a holiday, and a weekend day already is not counted.
/// A replacement day the administration closes on is an extra closing day like any other.
///
/// The value is small and immutable: holidays are computed per year when needed (a dozen days, a few arithmetic
/// operations for Easter), so there is no cache to share or invalidate and the value can be copied freely.
public struct WorkingDayCalendar: Sendable, Hashable {
    /// The regions whose holidays are observed, each once, in ``Region``'s declaration order.
    public let regions: [Region]
    /// One-off closing days, sorted and each once.
    public let extraClosingDays: [Day]
    /// Closing days that recur every year, sorted and each once.
    public let annualClosingDays: [AnnualDay]

    /// One-off closing days by year, for the day-by-day checks.
    private let closingDaysByYear: [Int: [Day]]

    /// Creates a calendar: the national holidays, plus those of `regions`, plus the given closing days.
    ///
    /// - Parameters:
    ///   - regions: the regions and communities whose holiday the administration observes.
    ///   - extraClosingDays: single days the administration is closed, e.g. 2026-05-15 (a bridge day).
    ///   - annualClosingDays: days it is closed every year, e.g. 11-02 and 12-26.
    public init(regions: [Region] = [], extraClosingDays: [Day] = [], annualClosingDays: [AnnualDay] = []) {
        self.regions = Region.allCases.filter(regions.contains)
        self.extraClosingDays = Array(Set(extraClosingDays)).sorted()
        self.annualClosingDays = Array(Set(annualClosingDays)).sorted()
        self.closingDaysByYear = Dictionary(grouping: self.extraClosingDays, by: \.year)
    }

    /// Creates a calendar from configuration text.
    ///
    /// - Parameters:
    ///   - regionList: region names separated by commas, e.g. `"flanders,brussels"` (see ``Region/parseList(_:)``).
    ///   - closingDayList: closing days separated by commas: `YYYY-MM-DD` for one day, `MM-DD` for that day every
    ///     year, e.g. `"11-02, 12-26, 2026-05-15"`.
    /// - Throws: ``CalendarConfigError`` naming the first item that could not be read.
    public init(regionList: String, closingDayList: String = "") throws(CalendarConfigError) {
        var once: [Day] = []
        var annual: [AnnualDay] = []
        for item in closingDayList.split(separator: ",") {
            let text = item.trimmingSpaces()
            if text.isEmpty { continue }
            if let day = Day(text) {
                once.append(day)
            } else if let day = AnnualDay(text) {
                annual.append(day)
            } else {
                throw .invalidClosingDay(text)
            }
        }
        self.init(regions: try Region.parseList(regionList), extraClosingDays: once, annualClosingDays: annual)
    }

    /// Every day off in a year, weekends included, sorted by day.
    ///
    /// Two holidays can share a day (Ascension fell on 1 May in 2008), and both are listed; a closing day that is
    /// already a holiday is left out.
    ///
    /// - Precondition: `year` is within ``Day/years``.
    public func holidays(in year: Int) -> [Holiday] {
        var holidays = publicHolidays(in: year)
        let holidayDays = Set(holidays.map(\.day))
        for day in Set(closingDays(in: year)) where !holidayDays.contains(day) {
            holidays.append(Holiday(day: day, kind: .closingDay))
        }
        return holidays.sorted { ($0.day, $0.kind.listingOrder) < ($1.day, $1.kind.listingOrder) }
    }

    /// Whether a day is a working day: Monday to Friday, and no holiday or closing day.
    public func isWorkingDay(_ day: Day) -> Bool {
        !day.weekday.isWeekend && !isClosed(day)
    }

    /// The day itself when it is a working day, otherwise the first working day after it.
    ///
    /// - Precondition: that working day is no later than ``Day/max``.
    public func nextWorkingDay(onOrAfter day: Day) -> Day {
        var candidate = day
        while !isWorkingDay(candidate) { candidate = candidate.adding(days: 1) }
        return candidate
    }

    /// Whether a day is a holiday or closing day of this calendar, whatever its weekday.
    func isClosed(_ day: Day) -> Bool {
        switch (day.month, day.day) {
        case (1, 1), (5, 1), (7, 21), (8, 15), (11, 1), (11, 11), (12, 25): return true
        default: break
        }
        // Easter-based holidays fall between 23 March (Easter Monday) and 14 June (Whit Monday).
        if (3...6).contains(day.month) {
            let sinceEaster = Easter.sunday(in: day.year).days(to: day)
            if sinceEaster == 1 || sinceEaster == 39 || sinceEaster == 50 { return true }
        }
        for region in regions {
            let (_, month, dayOfMonth) = region.holiday
            if day.month == month && day.day == dayOfMonth { return true }
        }
        if annualClosingDays.contains(where: { $0.month == day.month && $0.day == day.day }) { return true }
        return closingDaysByYear[day.year]?.contains(day) ?? false
    }

    /// The national holidays and those of the configured regions in a year, in no particular order.
    private func publicHolidays(in year: Int) -> [Holiday] {
        let easter = Easter.sunday(in: year)
        func fixed(_ month: Int, _ day: Int) -> Day { Day(uncheckedYear: year, month: month, day: day) }
        var holidays = [
            Holiday(day: fixed(1, 1), kind: .newYear),
            Holiday(day: easter.adding(days: 1), kind: .easterMonday),
            Holiday(day: fixed(5, 1), kind: .labourDay),
            Holiday(day: easter.adding(days: 39), kind: .ascension),
            Holiday(day: easter.adding(days: 50), kind: .whitMonday),
            Holiday(day: fixed(7, 21), kind: .nationalDay),
            Holiday(day: fixed(8, 15), kind: .assumption),
            Holiday(day: fixed(11, 1), kind: .allSaints),
            Holiday(day: fixed(11, 11), kind: .armistice),
            Holiday(day: fixed(12, 25), kind: .christmas),
        ]
        for region in regions {
            let (kind, month, day) = region.holiday
            holidays.append(Holiday(day: fixed(month, day), kind: kind))
        }
        return holidays
    }

    /// The one-off and recurring closing days in a year, possibly repeated.
    private func closingDays(in year: Int) -> [Day] {
        (closingDaysByYear[year] ?? []) + annualClosingDays.compactMap { $0.day(in: year) }
    }

    /// The ordinals of the days in a year that are closed and would otherwise be working days, sorted, each once.
    ///
    /// This is what the counting runs on, once per year it crosses, so it skips the names and the listing order.
    func closedWeekdayOrdinals(in year: Int) -> [Int] {
        var ordinals = (publicHolidays(in: year).map(\.day) + closingDays(in: year))
            .filter { !$0.weekday.isWeekend }
            .map(\.ordinal)
        ordinals.sort()
        var unique: [Int] = []
        unique.reserveCapacity(ordinals.count)
        for ordinal in ordinals where unique.last != ordinal { unique.append(ordinal) }
        return unique
    }
}
