import Foundation
import LoketPluginAPI

extension Day {
    /// The day of `date` in Belgium (Europe/Brussels).
    init(belgian date: Date) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Europe/Brussels") ?? .gmt
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        self = Day(year: parts.year ?? 1970, month: parts.month ?? 1, day: parts.day ?? 1) ?? Day.min
    }

    /// The same day as a database date.
    var calendarDate: CalendarDate {
        CalendarDate(year: year, month: month, day: self.day) ?? CalendarDate(daysSince1970: 0)
    }

    /// A database date as a day.
    init?(_ date: CalendarDate) {
        self.init(year: date.year, month: date.month, day: date.day)
    }
}
