import LoketPluginAPI

extension CalendarDate {
    /// The same day `years` later. A 29 February falls on 1 March in a common year, so that nobody counts as a
    /// year older before they are.
    func adding(years: Int) -> CalendarDate {
        let year = self.year + years
        return CalendarDate(year: year, month: month, day: day)
            ?? CalendarDate(year: year, month: 3, day: 1)
            ?? self
    }

    /// The day `days` later (earlier when negative).
    func adding(days: Int) -> CalendarDate {
        CalendarDate(daysSince1970: daysSince1970 + days)
    }
}
