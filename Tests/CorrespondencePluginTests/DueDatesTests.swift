import LoketPluginAPI
import Testing

@testable import CorrespondencePlugin

@Suite("Due dates")
struct DueDatesTests {
    let rules = DueDates(calendar: WorkingDayCalendar())

    func day(_ text: String) throws -> Day { try #require(Day(text)) }

    @Test("Two working days: Monday -> Wednesday, the day of receipt not counted")
    func plainWeek() throws {
        #expect(rules.dueDate(receivedOn: try day("2026-03-02"), workingDays: 2) == (try day("2026-03-04")))
    }

    @Test("Across a weekend: Friday -> Tuesday; Saturday -> Tuesday")
    func weekend() throws {
        #expect(rules.dueDate(receivedOn: try day("2026-03-06"), workingDays: 2) == (try day("2026-03-10")))
        #expect(rules.dueDate(receivedOn: try day("2026-03-07"), workingDays: 2) == (try day("2026-03-10")))
    }

    @Test("Across a public holiday: Friday 1 May 2026 (Labour Day) -> Tuesday 5 May; Thursday 30 April -> Tuesday 5 May")
    func holiday() throws {
        #expect(rules.dueDate(receivedOn: try day("2026-04-30"), workingDays: 2) == (try day("2026-05-05")))
        #expect(rules.dueDate(receivedOn: try day("2026-05-01"), workingDays: 2) == (try day("2026-05-05")))
        // Easter Monday 6 April 2026: received Friday 3 April, due Wednesday 8 April.
        #expect(rules.dueDate(receivedOn: try day("2026-04-03"), workingDays: 2) == (try day("2026-04-08")))
    }

    @Test("A regional holiday counts only where configured: 11 July 2025 is a Friday")
    func regional() throws {
        let flanders = DueDates(calendar: WorkingDayCalendar(regions: [.flanders]))
        #expect(rules.dueDate(receivedOn: try day("2025-07-10"), workingDays: 2) == (try day("2025-07-14")))
        #expect(flanders.dueDate(receivedOn: try day("2025-07-10"), workingDays: 2) == (try day("2025-07-15")))
    }

    @Test("The term per channel: 5 working days from Monday 2 March is Monday 9 March")
    func otherTerm() throws {
        #expect(rules.dueDate(receivedOn: try day("2026-03-02"), workingDays: 5) == (try day("2026-03-09")))
        #expect(rules.dueDate(receivedOn: try day("2026-03-07"), workingDays: 0) == (try day("2026-03-09")))
    }

    @Test("A suspension adds its working days; an extension adds working days to the due date")
    func suspensionAndExtension() throws {
        let due = rules.dueDate(receivedOn: try day("2026-01-09"), workingDays: 2)
        #expect(due == (try day("2026-01-13")))
        #expect(rules.suspending(due, from: try day("2026-01-12"), to: try day("2026-01-14")) == (try day("2026-01-16")))
        #expect(rules.suspending(due, from: try day("2026-01-20"), to: try day("2026-01-22")) == due)
        #expect(rules.extending(due, byWorkingDays: 3) == (try day("2026-01-16")))
    }

    @Test("Working days left, negative once overdue; the due-soon limit")
    func left() throws {
        let due = try day("2026-03-10")
        #expect(rules.workingDaysLeft(today: try day("2026-03-06"), due: due) == 2)
        #expect(rules.workingDaysLeft(today: due, due: due) == 0)
        #expect(rules.workingDaysLeft(today: try day("2026-03-11"), due: due) == -1)
        #expect(rules.dueSoonLimit(today: try day("2026-03-06"), within: 2) == due)
    }
}
