extension WorkingDayCalendar {
    /// The due date of a term of `n` working days that starts on `day`: the n-th working day after `day`.
    ///
    /// The starting day itself is never counted, whether or not it is a working day, so a letter received on a
    /// Friday with a term of 2 working days is due on the Tuesday (Monday is the first, Tuesday the second), and
    /// one received on a Saturday is due on the Tuesday as well. For `n == 0` the result is
    /// ``nextWorkingDay(onOrAfter:)``: `day` when it is a working day, otherwise the next one.
    ///
    /// For `n >= 1`, `workingDays(from: day, to: adding(workingDays: n, to: day)) == n`, and the result is always
    /// a working day.
    ///
    /// - Precondition: `n >= 0`, and the result is no later than ``Day/max``.
    public func adding(workingDays n: Int, to day: Day) -> Day {
        precondition(n >= 0, "a term of working days cannot be negative (\(n))")
        if n == 0 { return nextWorkingDay(onOrAfter: day) }
        var current = day
        var remaining = n
        // Skip whole years by counting (cheap), then walk the last year day by day (at most 366 steps).
        while true {
            let window = current.adding(days: 1).year
            let yearEnd = Day(uncheckedYear: window, month: 12, day: 31)
            let available = workingDays(from: current, to: yearEnd)
            if available < remaining {
                remaining -= available
                current = yearEnd
                continue
            }
            let closed = Set(closedWeekdayOrdinals(in: window))
            var ordinal = current.ordinal
            while remaining > 0 {
                ordinal += 1
                if !Weekday(ordinal: ordinal).isWeekend && !closed.contains(ordinal) { remaining -= 1 }
            }
            return Day(validOrdinal: ordinal)
        }
    }

    /// The number of working days in the half-open interval (`from`, `to`]: after `from`, up to and including `to`.
    ///
    /// This is the count that ``adding(workingDays:to:)`` adds: from the day a letter was received to its due
    /// date. It is 0 when the days are equal, and negative (minus the count over (`to`, `from`]) when `to` is
    /// earlier than `from`, so that `workingDays(from: a, to: b) + workingDays(from: b, to: c)` is
    /// `workingDays(from: a, to: c)` for any three days.
    public func workingDays(from: Day, to: Day) -> Int {
        if to < from { return -workingDays(from: to, to: from) }
        let start = from.ordinal
        let end = to.ordinal
        var count = WorkingDayCalendar.weekdaysThrough(end) - WorkingDayCalendar.weekdaysThrough(start)
        for year in from.year...to.year {
            for ordinal in closedWeekdayOrdinals(in: year) where ordinal > start && ordinal <= end {
                count -= 1
            }
        }
        return count
    }

    /// The due date of a term of `n` calendar days that starts on `day`, moved to the next working day.
    ///
    /// As in the Judicial Code (articles 52 and 53): the starting day is not counted, the last day is, and a term
    /// ending on a Saturday, Sunday or holiday ends on the next working day. Closing days of this calendar count as
    /// holidays here, since nothing can be handed in on them either.
    ///
    /// - Precondition: `n >= 0`, and the result is no later than ``Day/max``.
    public func adding(calendarDays n: Int, to day: Day) -> Day {
        precondition(n >= 0, "a term of calendar days cannot be negative (\(n))")
        return nextWorkingDay(onOrAfter: day.adding(days: n))
    }

    /// A due date moved later by a suspension of the term, from `start` to `end`, both included.
    ///
    /// The clock stops during the suspension: every working day of the period is added to the due date, in
    /// working days. A suspension that starts after the due date changes nothing, since the term had already run
    /// out; neither does an empty period (`end` before `start`) or one without working days. Extending a term for
    /// a reason is plain ``adding(workingDays:to:)`` on the current due date.
    ///
    /// For example, a letter received on Friday 9 January 2026 is due on Tuesday 13 January; suspended from Monday
    /// 12 to Wednesday 14 January while the citizen completes the request (3 working days), it is due on Friday
    /// 16 January: the 2 days of the term run on the Thursday and the Friday after the suspension.
    public func extending(dueDate: Day, bySuspensionFrom start: Day, to end: Day) -> Day {
        guard start <= end, start <= dueDate else { return dueDate }
        let suspended = workingDays(from: start, to: end) + (isWorkingDay(start) ? 1 : 0)
        return suspended == 0 ? dueDate : adding(workingDays: suspended, to: dueDate)
    }

    /// The number of Mondays to Fridays from 0001-01-01 (ordinal 0, a Monday) through `ordinal`.
    static func weekdaysThrough(_ ordinal: Int) -> Int {
        5 * (ordinal / 7) + Swift.min(ordinal % 7 + 1, 5)
    }
}
