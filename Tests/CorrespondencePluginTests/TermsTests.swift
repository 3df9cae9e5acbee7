import LoketPluginAPI
import Testing

@testable import CorrespondencePlugin

@Suite("Terms per department and channel")
struct TermsTests {
    let terms = Terms([
        .everything: 2,
        TermScope(department: nil, channel: "email"): 3,
        TermScope(department: "financien", channel: nil): 5,
        TermScope(department: "financien", channel: "email"): 1,
        TermScope(department: "burgerzaken", channel: "letter"): 10,
    ])

    @Test("Department and channel > department > channel > default")
    func precedence() {
        #expect(terms.term(department: "financien", channel: "email").workingDays == 1)
        #expect(terms.term(department: "financien", channel: "letter").workingDays == 5)
        #expect(terms.term(department: "burgerzaken", channel: "email").workingDays == 3)
        #expect(terms.term(department: "burgerzaken", channel: "letter").workingDays == 10)
        #expect(terms.term(department: "burgerzaken", channel: "form").workingDays == 2)
        #expect(terms.term(department: "burgerzaken", channel: "form").scope == .everything)
    }

    @Test("Before dispatch an item has no department: only channel terms and the default apply")
    func withoutDepartment() {
        #expect(terms.term(department: nil, channel: "email").workingDays == 3)
        #expect(terms.term(department: nil, channel: "letter").workingDays == 2)
        #expect(terms.term(department: nil, channel: "letter").scope == .everything)
    }

    @Test("Without a default row the 2-working-day rule applies")
    func withoutDefault() {
        let bare = Terms([TermScope(department: "financien", channel: nil): 5])
        #expect(bare.term(department: "onthaal", channel: "letter").workingDays == 2)
        #expect(bare.term(department: "onthaal", channel: "letter").scope == nil)
        #expect(Terms().term(department: nil, channel: "other").workingDays == Terms.defaultWorkingDays)
    }

    @Test("Listed the most specific first")
    func ordered() {
        #expect(terms.ordered.map(\.scope.description)
            == ["burgerzaken/letter", "financien/email", "financien/*", "*/email", "*/*"])
    }

    @Test("A department's term across a weekend and a public holiday, with a suspension and an extension replayed")
    func departmentDueDates() throws {
        let rules = DueDates(calendar: WorkingDayCalendar())
        func day(_ text: String) throws -> Day { try #require(Day(text)) }
        let days = terms.term(department: "financien", channel: "letter").workingDays
        // Thursday 30 April 2026: Friday 1 May (Labour Day) and the weekend are skipped; 5 working days -> 8 May.
        #expect(rules.dueDate(receivedOn: try day("2026-04-30"), workingDays: days) == (try day("2026-05-08")))
        // Friday 3 April 2026: Easter Monday 6 April skipped; 5 working days -> Monday 13 April.
        #expect(rules.dueDate(receivedOn: try day("2026-04-03"), workingDays: days) == (try day("2026-04-13")))
        // Replayed changes: a suspension of three working days (12-14 January), then an extension by 3.
        let changes: [DeadlineChange] = [
            .suspended(from: try day("2026-01-12"), to: try day("2026-01-14")), .extended(workingDays: 3),
        ]
        #expect(rules.dueDate(receivedOn: try day("2026-01-09"), workingDays: 2, changes: changes)
            == (try day("2026-01-21")))
        // With the department's 5 days (due Friday 16 January) the same changes end on Monday 26 January.
        #expect(rules.dueDate(receivedOn: try day("2026-01-09"), workingDays: days, changes: changes)
            == (try day("2026-01-26")))
    }
}
