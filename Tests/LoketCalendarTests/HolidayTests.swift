import LoketCalendar
import Testing

@Suite("Holidays")
struct HolidayTests {
    @Test("the ten national holidays of 2026, in order, with names")
    func national2026() {
        let holidays = WorkingDayCalendar().holidays(in: 2026)
        #expect(holidays.map(\.day.description) == [
            "2026-01-01", "2026-04-06", "2026-05-01", "2026-05-14", "2026-05-25",
            "2026-07-21", "2026-08-15", "2026-11-01", "2026-11-11", "2026-12-25",
        ])
        #expect(holidays.map(\.kind) == [
            .newYear, .easterMonday, .labourDay, .ascension, .whitMonday,
            .nationalDay, .assumption, .allSaints, .armistice, .christmas,
        ])
        #expect(holidays.allSatisfy { $0.kind.isNational })
        #expect(holidays[1].key == "easter_monday")
        #expect(holidays[1].names.dutch == "Paasmaandag")
        #expect(holidays[1].names[languageCode: "fr-BE"] == "Lundi de Pâques")
        #expect(holidays[1].names[languageCode: "DE"] == "Ostermontag")
        #expect(holidays[1].names[languageCode: "en"] == "Easter Monday")
        #expect(holidays[1].names[languageCode: "it"] == nil)
    }

    @Test(
        "Easter-based holidays follow Easter",
        arguments: [
            (2024, "2024-04-01", "2024-05-09", "2024-05-20"),
            (2025, "2025-04-21", "2025-05-29", "2025-06-09"),
            (2026, "2026-04-06", "2026-05-14", "2026-05-25"),
            (2038, "2038-04-26", "2038-06-03", "2038-06-14"),
        ])
    func easterBased(year: Int, easterMonday: String, ascension: String, whitMonday: String) {
        let holidays = WorkingDayCalendar().holidays(in: year)
        func dayOf(_ kind: HolidayKind) -> Day? { holidays.first { $0.kind == kind }?.day }
        #expect(dayOf(.easterMonday) == day(easterMonday))
        #expect(dayOf(.ascension) == day(ascension))
        #expect(dayOf(.whitMonday) == day(whitMonday))
        #expect(dayOf(.easterMonday)?.weekday == .monday)
        #expect(dayOf(.ascension)?.weekday == .thursday)
        #expect(dayOf(.whitMonday)?.weekday == .monday)
    }

    @Test("two holidays on one day are both listed and close the day once: 1 May 2008 was also Ascension")
    func sharedDay() {
        let calendar = WorkingDayCalendar()
        let onFirstMay = calendar.holidays(in: 2008).filter { $0.day == day("2008-05-01") }
        #expect(onFirstMay.map(\.kind) == [.labourDay, .ascension])
        #expect(calendar.workingDays(from: day("2007-12-31"), to: day("2008-12-31")) == 254)
    }

    @Test("holidays on a weekend are listed but move nothing: the Monday after stays a working day")
    func weekendHolidays() {
        let calendar = WorkingDayCalendar()
        // 15 August and 1 November 2026 are a Saturday and a Sunday; Christmas 2027 is a Saturday.
        #expect(calendar.holidays(in: 2026).contains(Holiday(day: day("2026-08-15"), kind: .assumption)))
        #expect(day("2026-08-15").weekday == .saturday)
        #expect(calendar.isWorkingDay(day("2026-08-17")))
        #expect(calendar.isWorkingDay(day("2026-11-02")))
        #expect(calendar.isWorkingDay(day("2027-12-27")))
        #expect(calendar.adding(workingDays: 1, to: day("2026-08-14")) == day("2026-08-17"))
        // A year whose holidays mostly fall on weekends has more working days.
        #expect(calendar.workingDays(from: day("2026-12-31"), to: day("2027-12-31")) == 254)
    }

    @Test("each region adds its own day")
    func regions() {
        func extra(_ region: Region, _ year: Int) -> [Holiday] {
            WorkingDayCalendar(regions: [region]).holidays(in: year).filter { !$0.kind.isNational }
        }
        #expect(extra(.flanders, 2025) == [Holiday(day: day("2025-07-11"), kind: .flemishCommunityDay)])
        #expect(extra(.frenchCommunity, 2027) == [Holiday(day: day("2027-09-27"), kind: .frenchCommunityDay)])
        #expect(extra(.germanSpeakingCommunity, 2028) == [
            Holiday(day: day("2028-11-15"), kind: .germanSpeakingCommunityDay)
        ])
        #expect(extra(.brussels, 2026) == [Holiday(day: day("2026-05-08"), kind: .irisDay)])

        let national = WorkingDayCalendar()
        let flanders = WorkingDayCalendar(regions: [.flanders])
        #expect(national.isWorkingDay(day("2025-07-11")))
        #expect(!flanders.isWorkingDay(day("2025-07-11")))
        #expect(flanders.adding(workingDays: 1, to: day("2025-07-10")) == day("2025-07-14"))
        #expect(national.adding(workingDays: 1, to: day("2025-07-10")) == day("2025-07-11"))
        #expect(WorkingDayCalendar(regions: [.brussels]).adding(workingDays: 1, to: day("2026-05-07")) == day("2026-05-11"))
    }

    @Test("working days per year, by configuration, match an independent count")
    func yearTotals() {
        // Counted in Python, day by day, from the holiday rules (weekdays minus closed weekdays).
        let annual = [AnnualDay(month: 11, day: 2), AnnualDay(month: 12, day: 26)].compactMap { $0 }
        let calendars = [
            WorkingDayCalendar(),
            WorkingDayCalendar(regions: [.flanders]),
            WorkingDayCalendar(regions: [.flanders, .brussels]),
            WorkingDayCalendar(regions: Region.allCases),
            WorkingDayCalendar(annualClosingDays: annual),
        ]
        let expected: [Int: [Int]] = [
            2008: [254, 253, 252, 252, 253],
            2024: [253, 252, 251, 249, 252],
            2025: [252, 251, 250, 250, 251],
            2026: [253, 253, 252, 252, 252],
            2027: [254, 254, 254, 252, 253],
            2030: [252, 251, 250, 248, 251],
        ]
        for (year, totals) in expected {
            let counted = calendars.map {
                $0.workingDays(from: Day(year: year - 1, month: 12, day: 31) ?? .min, to: Day(year: year, month: 12, day: 31) ?? .min)
            }
            #expect(counted == totals, "\(year)")
        }
    }

    @Test("closing days: listed once, not over a holiday, recurring ones every year")
    func closingDays() {
        let calendar = WorkingDayCalendar(
            regions: [.flanders],
            extraClosingDays: [day("2026-05-15"), day("2026-05-15"), day("2026-12-25"), day("2027-07-12")],
            annualClosingDays: [AnnualDay(month: 12, day: 26), AnnualDay(month: 11, day: 2)].compactMap { $0 })
        #expect(calendar.extraClosingDays == [day("2026-05-15"), day("2026-12-25"), day("2027-07-12")])
        let closing2026 = calendar.holidays(in: 2026).filter { $0.kind == .closingDay }.map(\.day)
        #expect(closing2026 == [day("2026-05-15"), day("2026-11-02"), day("2026-12-26")])
        let closing2027 = calendar.holidays(in: 2027).filter { $0.kind == .closingDay }.map(\.day)
        #expect(closing2027 == [day("2027-07-12"), day("2027-11-02"), day("2027-12-26")])
        #expect(!calendar.isWorkingDay(day("2026-05-15")))
        #expect(!calendar.isWorkingDay(day("2027-11-02")))
        #expect(!calendar.isWorkingDay(day("2031-12-26")))
        // Ascension on Thursday 14 May 2026 and the bridge day after it: Wednesday to Monday.
        #expect(calendar.adding(workingDays: 1, to: day("2026-05-13")) == day("2026-05-18"))
    }
}
