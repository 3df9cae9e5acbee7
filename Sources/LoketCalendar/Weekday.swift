/// A day of the week, numbered as in ISO 8601: Monday is 1, Sunday is 7.
public enum Weekday: Int, Sendable, Hashable, CaseIterable, Comparable {
    case monday = 1, tuesday, wednesday, thursday, friday, saturday, sunday

    /// Whether the day is a Saturday or a Sunday, which are never working days.
    public var isWeekend: Bool {
        self == .saturday || self == .sunday
    }

    /// The weekday of a day ordinal (days since 0001-01-01, a Monday).
    init(ordinal: Int) {
        // Ordinals of valid days are never negative, and rawValue 1...7 always exists.
        self = Weekday(rawValue: ordinal % 7 + 1) ?? .monday
    }

    public static func < (lhs: Weekday, rhs: Weekday) -> Bool {
        lhs.rawValue < rhs.rawValue
    }
}
