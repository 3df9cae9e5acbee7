import LoketStore
import Testing

@Suite("CalendarDate")
struct CalendarDateTests {
    @Test("day numbers and dates convert both ways across four million days")
    func roundTrip() {
        var mismatches: [Int] = []
        var previous = CalendarDate(daysSince1970: -2_000_001)
        for days in -2_000_000...2_000_000 {
            let date = CalendarDate(daysSince1970: days)
            if date.daysSince1970 != days || !(previous < date) { mismatches.append(days) }
            previous = date
        }
        #expect(mismatches.isEmpty, "first mismatches: \(mismatches.prefix(5))")
    }

    @Test("known days: the Unix and PostgreSQL epochs, a leap day, Belgian independence, 1 BC")
    func knownDays() {
        #expect(CalendarDate(daysSince1970: 0) == CalendarDate(year: 1970, month: 1, day: 1))
        #expect(CalendarDate(daysSince1970: 10_957) == CalendarDate(year: 2000, month: 1, day: 1))
        #expect(CalendarDate(year: 2024, month: 2, day: 29)?.daysSince1970 == 19_782)
        #expect(CalendarDate(year: 1830, month: 10, day: 4)?.description == "1830-10-04")
        #expect(CalendarDate(year: 0, month: 12, day: 31)?.description == "0000-12-31")
        #expect(CalendarDate(year: -43, month: 3, day: 15)?.description == "-0043-03-15")
    }

    @Test("days that do not exist are refused")
    func invalid() {
        #expect(CalendarDate(year: 2023, month: 2, day: 29) == nil)
        #expect(CalendarDate(year: 1900, month: 2, day: 29) == nil)
        #expect(CalendarDate(year: 2000, month: 2, day: 29) != nil)
        #expect(CalendarDate(year: 2024, month: 13, day: 1) == nil)
        #expect(CalendarDate(year: 2024, month: 4, day: 31) == nil)
        #expect(CalendarDate(year: 2024, month: 1, day: 0) == nil)
    }
}
