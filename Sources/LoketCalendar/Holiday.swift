/// A day on which the administration is closed, and why.
public struct Holiday: Sendable, Hashable {
    /// The day off; it may fall on a weekend, where it changes nothing (see ``WorkingDayCalendar``).
    public let day: Day
    /// Which holiday it is.
    public let kind: HolidayKind

    /// Creates a holiday.
    public init(day: Day, kind: HolidayKind) {
        self.day = day
        self.kind = kind
    }

    /// The stable key of the holiday, e.g. `easter_monday`.
    public var key: String { kind.key }

    /// The holiday's name in Dutch, French, German and English.
    public var names: HolidayNames { kind.names }
}
