import LoketCalendar
import Testing

@Suite("Day")
struct DayTests {
    @Test("ordinals and days convert both ways over all of 1...9999, in order, with the right weekdays")
    func roundTrip() {
        var mismatches: [Int] = []
        var previous: Day? = nil
        var weekday = Weekday.monday
        for ordinal in Day.min.ordinal...Day.max.ordinal {
            guard let day = Day(ordinal: ordinal) else {
                mismatches.append(ordinal)
                continue
            }
            if day.ordinal != ordinal || day.weekday != weekday || !(previous.map { $0 < day } ?? true) {
                mismatches.append(ordinal)
            }
            previous = day
            weekday = Weekday(rawValue: weekday.rawValue % 7 + 1) ?? .monday
        }
        #expect(mismatches.isEmpty, "first mismatches: \(mismatches.prefix(5))")
        #expect(Day(ordinal: -1) == nil)
        #expect(Day(ordinal: Day.max.ordinal + 1) == nil)
    }

    // Ordinals from Python's date.toordinal() - 1.
    @Test("known ordinals and weekdays")
    func knownDays() {
        #expect(Day.min.ordinal == 0)
        #expect(Day.min.weekday == .monday)
        #expect(day("1970-01-01").ordinal == 719_162)
        #expect(day("1970-01-01").weekday == .thursday)
        #expect(day("2000-02-29").ordinal == 730_178)
        #expect(day("2026-04-06").ordinal == 739_711)
        #expect(day("2026-04-06").weekday == .monday)
        #expect(Day.max.ordinal == 3_652_058)
        #expect(Day.max.weekday == .friday)
    }

    @Test("ISO 8601 text is printed with padding and read back")
    func isoText() {
        #expect(Day(year: 2026, month: 4, day: 6)?.description == "2026-04-06")
        #expect(Day(year: 7, month: 1, day: 1)?.description == "0007-01-01")
        #expect(Day("2024-02-29") == Day(year: 2024, month: 2, day: 29))
        #expect(Day("9999-12-31") == Day.max)
        #expect(Day(Day.min.description) == Day.min)
    }

    @Test(
        "days that do not exist and malformed text are refused",
        arguments: [
            "2026-02-31", "2026-13-01", "2026-00-10", "2026-04-00", "2026-04-31", "2023-02-29", "1900-02-29",
            "0000-01-01", "2026-4-6", "2026/04/06", "20260406", "2026-04-06 ", " 2026-04-06", "+026-04-06",
            "2026-04-0a", "10000-01-01", "", "２０２６-04-06",
        ])
    func invalidText(text: String) {
        #expect(Day(text) == nil)
    }

    @Test("components out of range are refused")
    func invalidComponents() {
        #expect(Day(year: 2026, month: 2, day: 29) == nil)
        #expect(Day(year: 2000, month: 2, day: 29) != nil)
        #expect(Day(year: 0, month: 1, day: 1) == nil)
        #expect(Day(year: 10_000, month: 1, day: 1) == nil)
        #expect(Day(year: 2026, month: 12, day: 32) == nil)
        #expect(Day(year: 2026, month: -1, day: 1) == nil)
    }

    @Test("adding days crosses months, leap days and years")
    func addingDays() {
        #expect(day("2024-02-28").adding(days: 1) == day("2024-02-29"))
        #expect(day("2023-02-28").adding(days: 1) == day("2023-03-01"))
        #expect(day("2025-12-31").adding(days: 1) == day("2026-01-01"))
        #expect(day("2026-01-01").adding(days: -1) == day("2025-12-31"))
        #expect(day("2026-01-09").adding(days: 45) == day("2026-02-23"))
        #expect(day("2026-01-01").days(to: day("2027-01-01")) == 365)
        #expect(day("2028-01-01").days(to: day("2027-01-01")) == -365)
    }

    @Test("recurring days: parsing, leap day, printing")
    func annualDays() {
        #expect(AnnualDay("12-26") == AnnualDay(month: 12, day: 26))
        #expect(AnnualDay("02-29")?.day(in: 2028) == day("2028-02-29"))
        #expect(AnnualDay("02-29")?.day(in: 2027) == nil)
        #expect(AnnualDay(month: 11, day: 2)?.description == "11-02")
        for text in ["02-30", "13-01", "1-02", "11/02", "11-02-", "", "aa-bb", "2026-11-02"] {
            #expect(AnnualDay(text) == nil, "\(text)")
        }
    }
}
