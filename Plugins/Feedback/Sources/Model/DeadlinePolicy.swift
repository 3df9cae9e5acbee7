import LoketPluginAPI

/// How the due dates of a case are computed: a first personal answer within a number of working days, a final
/// answer within the category's term (in working or calendar days), both counted from the day of receipt in the
/// city's working-day calendar.
public struct DeadlinePolicy: Sendable, Hashable {
    /// The working-day calendar (holidays, regional days, closing days).
    public var calendar: WorkingDayCalendar
    /// Working days for the first personal answer (2 under the Brussels programme).
    public var firstAnswerWorkingDays: Int

    /// Creates a policy.
    public init(calendar: WorkingDayCalendar, firstAnswerWorkingDays: Int = 2) {
        self.calendar = calendar
        self.firstAnswerWorkingDays = max(0, firstAnswerWorkingDays)
    }

    /// The due dates of a case received on `receivedOn` whose category has a final term of `termDays` working
    /// days (`inWorkingDays`) or calendar days (moved to the next working day when it ends on a day off).
    public func deadlines(receivedOn: Day, termDays: Int, inWorkingDays: Bool) -> CaseDeadlines {
        let term = max(0, termDays)
        return CaseDeadlines(
            firstAnswer: calendar.adding(workingDays: firstAnswerWorkingDays, to: receivedOn),
            finalAnswer: inWorkingDays
                ? calendar.adding(workingDays: term, to: receivedOn)
                : calendar.adding(calendarDays: term, to: receivedOn))
    }

    /// Whether an answer given on `answeredOn` meets a due date.
    public func isOnTime(answeredOn: Day, due: Day) -> Bool {
        answeredOn <= due
    }

    /// Working days from `today` to `due`: positive while time is left, 0 on the due date, negative when overdue.
    public func workingDaysLeft(until due: Day, today: Day) -> Int {
        calendar.workingDays(from: today, to: due)
    }

    /// The last day that counts as "due soon" seen from `today`: `within` working days ahead.
    public func dueSoonLimit(today: Day, within: Int) -> Day {
        calendar.adding(workingDays: max(0, within), to: today)
    }
}
