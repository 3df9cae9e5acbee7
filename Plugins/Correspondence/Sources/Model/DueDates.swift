import LoketPluginAPI

/// Due dates of incoming items, counted in working days on the plugin's calendar.
public struct DueDates: Sendable {
    /// The calendar of the administration (holidays, regions, closing days).
    public let calendar: WorkingDayCalendar

    /// Creates the rules over `calendar`.
    public init(calendar: WorkingDayCalendar) {
        self.calendar = calendar
    }

    /// The due date of an item received on `received` with a term of `workingDays` (2 by the rule): the day
    /// of receipt is not counted.
    public func dueDate(receivedOn received: Day, workingDays: Int) -> Day {
        calendar.adding(workingDays: max(0, workingDays), to: received)
    }

    /// The due date after a suspension from `start` to `end` (both included): the suspended working days are
    /// added.
    public func suspending(_ due: Day, from start: Day, to end: Day) -> Day {
        calendar.extending(dueDate: due, bySuspensionFrom: start, to: end)
    }

    /// The due date after an extension by `workingDays`.
    public func extending(_ due: Day, byWorkingDays workingDays: Int) -> Day {
        calendar.adding(workingDays: max(0, workingDays), to: due)
    }

    /// The due date of an item received on `received` with a term of `workingDays`, after `changes` (in the order
    /// they were made), each applied to the due date the one before left.
    public func dueDate(receivedOn received: Day, workingDays: Int, changes: [DeadlineChange]) -> Day {
        changes.reduce(dueDate(receivedOn: received, workingDays: workingDays)) { due, change in
            switch change {
            case .suspended(let start, let end): suspending(due, from: start, to: end)
            case .extended(let days): extending(due, byWorkingDays: days)
            }
        }
    }

    /// Working days from `today` to `due`: 0 on the due date, negative once overdue.
    public func workingDaysLeft(today: Day, due: Day) -> Int {
        calendar.workingDays(from: today, to: due)
    }

    /// The last due date that counts as due soon on `today`: `within` working days ahead.
    public func dueSoonLimit(today: Day, within: Int) -> Day {
        within <= 0 ? today : calendar.adding(workingDays: within, to: today)
    }
}
