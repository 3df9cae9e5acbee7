import Foundation
import LoketPluginAPI

extension Day {
    /// The day as the database's date.
    var calendarDate: CalendarDate? {
        CalendarDate(year: year, month: month, day: day)
    }

    /// The calendar's day of a database date; nil outside the years a ``Day`` covers.
    init?(_ date: CalendarDate) {
        self.init(year: date.year, month: date.month, day: date.day)
    }

    /// The day of `instant` in Belgium.
    static func inBrussels(_ instant: Date) -> Day {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Europe/Brussels") ?? .gmt
        let parts = calendar.dateComponents([.year, .month, .day], from: instant)
        // The clock's date always exists; Day.min only satisfies the type.
        return Day(year: parts.year ?? 1970, month: parts.month ?? 1, day: parts.day ?? 1) ?? .min
    }
}
