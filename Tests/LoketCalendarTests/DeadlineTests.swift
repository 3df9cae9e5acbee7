import LoketCalendar
import Testing

@Suite("Deadlines")
struct DeadlineTests {
    let calendar = WorkingDayCalendar()

    @Test(
        "adding working days: the start is not counted; weekends, Easter Monday and the year end are skipped",
        arguments: [
            // A letter received on Friday with the 2-working-day rule is due on Tuesday; on Saturday, too.
            ("2026-01-09", 2, "2026-01-13"), ("2026-01-10", 2, "2026-01-13"), ("2026-01-11", 2, "2026-01-13"),
            ("2026-01-12", 2, "2026-01-14"), ("2026-01-12", 5, "2026-01-19"), ("2026-01-12", 10, "2026-01-26"),
            // Easter Monday 6 April 2026 (Good Friday is a working day in Belgium).
            ("2026-04-02", 1, "2026-04-03"), ("2026-04-02", 2, "2026-04-07"), ("2026-04-03", 1, "2026-04-07"),
            // Christmas on Friday 2026, New Year on Friday 2027.
            ("2026-12-24", 2, "2026-12-29"), ("2026-12-30", 2, "2027-01-04"), ("2026-12-31", 1, "2027-01-04"),
            // Christmas on Thursday 2025, New Year on Thursday 2026.
            ("2025-12-24", 3, "2025-12-30"), ("2025-12-30", 2, "2026-01-02"),
            // Whole years: 253 working days in 2026.
            ("2025-12-31", 253, "2026-12-31"), ("2025-12-31", 254, "2027-01-04"),
        ])
    func addingWorkingDays(start: String, n: Int, due: String) {
        #expect(calendar.adding(workingDays: n, to: day(start)) == day(due))
    }

    @Test("n = 0 is the day itself when it is a working day, otherwise the next working day")
    func zeroWorkingDays() {
        #expect(calendar.adding(workingDays: 0, to: day("2026-01-13")) == day("2026-01-13"))
        #expect(calendar.adding(workingDays: 0, to: day("2026-01-10")) == day("2026-01-12"))
        #expect(calendar.adding(workingDays: 0, to: day("2026-04-06")) == day("2026-04-07"))
        #expect(calendar.adding(workingDays: 0, to: day("2026-12-25")) == day("2026-12-28"))
        #expect(calendar.nextWorkingDay(onOrAfter: day("2027-01-01")) == day("2027-01-04"))
    }

    @Test("closing days after Christmas push the year end further")
    func closingDaysAtYearEnd() {
        let closedOn26th = WorkingDayCalendar(annualClosingDays: [AnnualDay(month: 12, day: 26)].compactMap { $0 })
        #expect(closedOn26th.adding(workingDays: 3, to: day("2025-12-24")) == day("2025-12-31"))
        #expect(closedOn26th.adding(workingDays: 4, to: day("2025-12-24")) == day("2026-01-02"))
    }

    @Test("counting working days over (from, to]: zero, one, negative, across years and a century")
    func counting() {
        #expect(calendar.workingDays(from: day("2026-01-12"), to: day("2026-01-12")) == 0)
        #expect(calendar.workingDays(from: day("2026-01-09"), to: day("2026-01-12")) == 1)
        #expect(calendar.workingDays(from: day("2026-01-10"), to: day("2026-01-11")) == 0)
        #expect(calendar.workingDays(from: day("2026-01-09"), to: day("2026-01-13")) == 2)
        #expect(calendar.workingDays(from: day("2026-01-13"), to: day("2026-01-09")) == -2)
        #expect(calendar.workingDays(from: day("2025-12-31"), to: day("2026-12-31")) == 253)
        #expect(calendar.workingDays(from: day("2026-12-31"), to: day("2025-12-31")) == -253)
        #expect(calendar.workingDays(from: day("2025-12-24"), to: day("2026-01-05")) == 6)
        // Counted in Python day by day for 2000 to 2099.
        #expect(calendar.workingDays(from: day("1999-12-31"), to: day("2099-12-31")) == 25_290)
        let everything = WorkingDayCalendar(
            regions: Region.allCases,
            annualClosingDays: [AnnualDay(month: 11, day: 2), AnnualDay(month: 12, day: 26)].compactMap { $0 })
        #expect(everything.workingDays(from: day("1999-12-31"), to: day("2099-12-31")) == 24_865)
    }

    @Test("calendar-day terms end on the next working day when they end on a weekend or holiday")
    func calendarDays() {
        #expect(calendar.adding(calendarDays: 45, to: day("2026-01-09")) == day("2026-02-23"))
        #expect(calendar.adding(calendarDays: 14, to: day("2026-08-01")) == day("2026-08-17"))
        #expect(calendar.adding(calendarDays: 14, to: day("2026-03-22")) == day("2026-04-07"))
        #expect(calendar.adding(calendarDays: 0, to: day("2026-01-01")) == day("2026-01-02"))
    }

    @Test("a suspension adds its working days to the due date")
    func suspension() {
        let due = calendar.adding(workingDays: 2, to: day("2026-01-09"))
        #expect(due == day("2026-01-13"))
        // Monday to Wednesday: 3 working days.
        #expect(calendar.extending(dueDate: due, bySuspensionFrom: day("2026-01-12"), to: day("2026-01-14"))
            == day("2026-01-16"))
        // Friday to Monday: 2 working days; the weekend does not count.
        #expect(calendar.extending(dueDate: due, bySuspensionFrom: day("2026-01-09"), to: day("2026-01-12"))
            == day("2026-01-15"))
        // Over Easter Monday: Thursday 2 to Tuesday 7 April 2026 holds 3 working days.
        #expect(calendar.extending(dueDate: day("2026-04-08"), bySuspensionFrom: day("2026-04-02"), to: day("2026-04-07"))
            == day("2026-04-13"))
        // The due date itself may be suspended: the term resumes after the suspension.
        #expect(calendar.extending(dueDate: due, bySuspensionFrom: day("2026-01-13"), to: day("2026-01-13"))
            == day("2026-01-14"))
    }

    @Test("a suspension changes nothing when it has no working days, is empty, or starts after the due date")
    func suspensionWithoutEffect() {
        let due = day("2026-01-13")
        #expect(calendar.extending(dueDate: due, bySuspensionFrom: day("2026-01-10"), to: day("2026-01-11")) == due)
        #expect(calendar.extending(dueDate: due, bySuspensionFrom: day("2026-01-12"), to: day("2026-01-11")) == due)
        #expect(calendar.extending(dueDate: due, bySuspensionFrom: day("2026-01-14"), to: day("2026-01-20")) == due)
    }

    @Test("extending twice is extending once by the sum, for suspensions before the due date")
    func successiveSuspensions() {
        let due = day("2026-03-31")
        let first = calendar.extending(dueDate: due, bySuspensionFrom: day("2026-03-02"), to: day("2026-03-04"))
        let second = calendar.extending(dueDate: first, bySuspensionFrom: day("2026-03-16"), to: day("2026-03-17"))
        #expect(second == calendar.adding(workingDays: 5, to: due))
    }
}
