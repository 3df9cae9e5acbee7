import Foundation
import LoketPluginAPI
import Testing

@testable import CivilRegistryPlugin

@Suite("Act data, dates and the declaration term")
struct ActRecordTests {
    @Test("each act type names the fields it lacks")
    func missingFields() {
        let empty = ActRecord()
        #expect(empty.missingFields(for: .birth) == ["child_family_name", "child_given_names", "child_sex", "event_date", "mother_id"])
        #expect(empty.missingFields(for: .recognition) == ["person_id", "father_id"])
        for kind: ActKind in [.marriage, .divorce, .legalCohabitation, .endOfLegalCohabitation] {
            #expect(empty.missingFields(for: kind) == ["person_id", "partner_id", "event_date"])
        }
        #expect(empty.missingFields(for: .nameChange) == ["person_id", "new_family_name"])
        #expect(empty.missingFields(for: .death) == ["person_id", "event_date"])
        var rename = ActRecord()
        rename.personID = "p"
        rename.newGivenNames = "Lou"
        #expect(rename.missingFields(for: .nameChange).isEmpty)
    }

    @Test("a declaration fills in what it gives and keeps the rest")
    func merging() {
        var draft = ActRecord()
        draft.childFamilyName = "Peeters"
        draft.childGivenNames = "Noor Marie"
        var declared = ActRecord()
        declared.childGivenNames = "Noor"
        declared.fatherID = "f"
        let merged = draft.merging(declared)
        #expect(merged.childFamilyName == "Peeters" && merged.childGivenNames == "Noor" && merged.fatherID == "f")
    }

    @Test("the stored JSON reads back, and missing keys read as empty")
    func json() throws {
        var record = ActRecord()
        record.personID = "a"
        record.eventDate = "2026-06-20"
        let text = try CivilRegistryService.json(record).text
        #expect(text.contains("\"person_id\":\"a\""))
        #expect(try JSONDecoder().decode(ActRecord.self, from: Data(text.utf8)) == record)
        #expect(try JSONDecoder().decode(ActRecord.self, from: Data("{}".utf8)) == ActRecord())
    }

    @Test("person ids without repeats")
    func personIDs() {
        var record = ActRecord()
        record.personID = "a"
        record.partnerID = "b"
        record.motherID = "a"
        #expect(record.personIDs == ["a", "b"])
    }

    @Test("the 15-day term moves past weekends and holidays")
    func declarationDue() {
        let calendar = WorkingDayCalendar()
        // 2 March 2026 + 15 = Tuesday 17 March.
        #expect(CivilRegistryService.declarationDue(CalendarDate(year: 2026, month: 3, day: 2)!, calendar: calendar)
            == CalendarDate(year: 2026, month: 3, day: 17))
        // 6 March 2026 + 15 = Saturday 21 March: Monday 23 March.
        #expect(CivilRegistryService.declarationDue(CalendarDate(year: 2026, month: 3, day: 6)!, calendar: calendar)
            == CalendarDate(year: 2026, month: 3, day: 23))
        // 17 December 2025 + 15 = 1 January 2026 (New Year): Friday 2 January.
        #expect(CivilRegistryService.declarationDue(CalendarDate(year: 2025, month: 12, day: 17)!, calendar: calendar)
            == CalendarDate(year: 2026, month: 1, day: 2))
    }

    @Test("dates: YYYY-MM-DD that exist")
    func dates() {
        #expect(CivilRegistryService.parseDate("2024-02-29") == CalendarDate(year: 2024, month: 2, day: 29))
        for text in ["2023-02-29", "2024-2-29", "24-02-29", "2024-13-01", "2024-00-10", "1799-12-31", "2024-02-2x", ""] {
            #expect(CivilRegistryService.parseDate(text) == nil, "\(text)")
        }
    }

    @Test("LIKE wildcards are escaped")
    func like() {
        #expect(CivilRegistryService.likeEscaped("50%_a\\b") == "50\\%\\_a\\\\b")
    }
}
