import LoketPluginAPI

/// A court decision depriving someone of voting rights from a day until a day (the rights return on `until`);
/// without `until` the deprivation has no end date.
struct Deprivation: Sendable, Hashable {
    /// The first day without voting rights.
    var from: CalendarDate
    /// The day the rights return; nil for no end date.
    var until: CalendarDate?

    /// Whether the person has no voting rights on `day`.
    func applies(on day: CalendarDate) -> Bool {
        from <= day && (until.map { day < $0 } ?? true)
    }
}
