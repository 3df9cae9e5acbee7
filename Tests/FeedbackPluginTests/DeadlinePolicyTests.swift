import LoketPluginAPI
import Testing

@testable import FeedbackPlugin

@Suite struct DeadlinePolicyTests {
    func day(_ text: String) -> Day {
        guard let day = Day(text) else { preconditionFailure("bad day \(text)") }
        return day
    }

    let policy = DeadlinePolicy(calendar: WorkingDayCalendar())

    @Test func theFirstAnswerIsDueTwoWorkingDaysLater() {
        // Monday -> Wednesday; Thursday -> Monday; Friday -> Tuesday; Saturday -> Tuesday.
        let cases = [
            ("2026-03-02", "2026-03-04"), ("2026-03-05", "2026-03-09"), ("2026-03-06", "2026-03-10"),
            ("2026-03-07", "2026-03-10"),
        ]
        for (received, due) in cases {
            #expect(policy.deadlines(receivedOn: day(received), termDays: 45, inWorkingDays: false).firstAnswer == day(due))
        }
    }

    @Test func holidaysAreSkipped() {
        // Easter Monday 2026 is 6 April: received Thursday 2 April, the first answer is due Tuesday 7 April
        // (Friday 3 is the first working day, Monday 6 a holiday, Tuesday 7 the second).
        #expect(policy.deadlines(receivedOn: day("2026-04-02"), termDays: 45, inWorkingDays: false).firstAnswer
            == day("2026-04-07"))
        // Christmas and New Year: received Wednesday 24 December 2025 -> Friday 26, Monday 29.
        #expect(policy.deadlines(receivedOn: day("2025-12-24"), termDays: 10, inWorkingDays: false).firstAnswer
            == day("2025-12-29"))
    }

    @Test func regionalDaysAndClosingDaysCountWhenConfigured() throws {
        // 11 July 2025 is a Friday: the Flemish holiday. Received Thursday 10 July -> Monday 14, Tuesday 15.
        let flanders = DeadlinePolicy(calendar: try WorkingDayCalendar(regionList: "flanders", closingDayList: "07-14"))
        #expect(flanders.deadlines(receivedOn: day("2025-07-10"), termDays: 45, inWorkingDays: false).firstAnswer
            == day("2025-07-16"))
        #expect(policy.deadlines(receivedOn: day("2025-07-10"), termDays: 45, inWorkingDays: false).firstAnswer
            == day("2025-07-14"))
    }

    @Test func theFinalTermInCalendarDaysMovesOffWeekendsAndHolidays() {
        // 45 calendar days after Monday 2 March 2026 is Thursday 16 April.
        #expect(policy.deadlines(receivedOn: day("2026-03-02"), termDays: 45, inWorkingDays: false).finalAnswer
            == day("2026-04-16"))
        // 45 days after Friday 20 March 2026 is Monday 4 May, a working day.
        #expect(policy.deadlines(receivedOn: day("2026-03-20"), termDays: 45, inWorkingDays: false).finalAnswer
            == day("2026-05-04"))
        // 45 days after Tuesday 17 March 2026 is Friday 1 May (Labour Day): moved to Monday 4 May.
        #expect(policy.deadlines(receivedOn: day("2026-03-17"), termDays: 45, inWorkingDays: false).finalAnswer
            == day("2026-05-04"))
    }

    @Test func theFinalTermInWorkingDaysCrossesTheYear() {
        // 10 working days after Monday 22 December 2025: 23, 24, 26, 29, 30, 31 Dec, 2, 5, 6, 7 Jan.
        #expect(policy.deadlines(receivedOn: day("2025-12-22"), termDays: 10, inWorkingDays: true).finalAnswer
            == day("2026-01-07"))
    }

    @Test func theFirstAnswerTermIsConfigurable() {
        let same = DeadlinePolicy(calendar: WorkingDayCalendar(), firstAnswerWorkingDays: 0)
        #expect(same.deadlines(receivedOn: day("2026-03-07"), termDays: 1, inWorkingDays: true).firstAnswer
            == day("2026-03-09"))
        let five = DeadlinePolicy(calendar: WorkingDayCalendar(), firstAnswerWorkingDays: 5)
        #expect(five.deadlines(receivedOn: day("2026-03-02"), termDays: 1, inWorkingDays: true).firstAnswer
            == day("2026-03-09"))
    }

    @Test func onTimeAndWorkingDaysLeft() {
        let due = day("2026-03-04")
        #expect(policy.isOnTime(answeredOn: day("2026-03-04"), due: due))
        #expect(!policy.isOnTime(answeredOn: day("2026-03-05"), due: due))
        #expect(policy.workingDaysLeft(until: due, today: day("2026-03-02")) == 2)
        #expect(policy.workingDaysLeft(until: due, today: due) == 0)
        #expect(policy.workingDaysLeft(until: due, today: day("2026-03-09")) == -3)
        #expect(policy.dueSoonLimit(today: day("2026-03-06"), within: 2) == day("2026-03-10"))
    }
}
