import LoketCalendar
import Testing

@Suite("Configuration")
struct ConfigurationTests {
    @Test("region lists: case, spaces, empty items and repeats")
    func regionLists() throws {
        #expect(try Region.parseList("flanders,brussels") == [.flanders, .brussels])
        #expect(try Region.parseList(" Brussels , FLANDERS,,brussels ") == [.brussels, .flanders])
        #expect(try Region.parseList("french-community,german-community") == [.frenchCommunity, .germanSpeakingCommunity])
        #expect(try Region.parseList("") == [])
        #expect(try Region.parseList(" , ") == [])
    }

    @Test("an unknown region is named in the error, with the known ones")
    func unknownRegion() {
        #expect(throws: CalendarConfigError.unknownRegion("wallonia")) { try Region.parseList("flanders, wallonia") }
        let message = CalendarConfigError.unknownRegion("wallonia").description
        #expect(message == "unknown region \"wallonia\"; the regions are: flanders, french-community, german-community, brussels")
    }

    @Test("a calendar from configuration text")
    func calendarFromText() throws {
        let calendar = try WorkingDayCalendar(regionList: "brussels, flanders", closingDayList: "12-26, 2026-05-15 ,11-02,")
        #expect(calendar.regions == [.flanders, .brussels])
        #expect(calendar.extraClosingDays == [day("2026-05-15")])
        #expect(calendar.annualClosingDays.map(\.description) == ["11-02", "12-26"])
        #expect(calendar == WorkingDayCalendar(
            regions: [.brussels, .flanders, .brussels],
            extraClosingDays: [day("2026-05-15")],
            annualClosingDays: [AnnualDay(month: 12, day: 26), AnnualDay(month: 11, day: 2)].compactMap { $0 }))
        #expect(try WorkingDayCalendar(regionList: "") == WorkingDayCalendar())
    }

    @Test("invalid closing days are refused", arguments: ["2026-02-31", "2026-13-01", "02-30", "26/12", "tomorrow"])
    func invalidClosingDays(text: String) {
        #expect(throws: CalendarConfigError.invalidClosingDay(text)) {
            try WorkingDayCalendar(regionList: "flanders", closingDayList: "11-02, \(text)")
        }
    }
}
