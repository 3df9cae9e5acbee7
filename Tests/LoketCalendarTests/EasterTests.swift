import LoketCalendar
import Testing

@Suite("Easter")
struct EasterTests {
    // From published Easter tables: the earliest (22 March) and latest (25 April) possible dates included.
    @Test(
        "Easter Sunday matches the published tables",
        arguments: [
            (1583, "1583-04-10"), (1818, "1818-03-22"), (1886, "1886-04-25"), (1943, "1943-04-25"),
            (1954, "1954-04-18"), (1981, "1981-04-19"), (2000, "2000-04-23"), (2008, "2008-03-23"),
            (2011, "2011-04-24"), (2016, "2016-03-27"), (2019, "2019-04-21"), (2021, "2021-04-04"),
            (2022, "2022-04-17"), (2023, "2023-04-09"), (2024, "2024-03-31"), (2025, "2025-04-20"),
            (2026, "2026-04-05"), (2027, "2027-03-28"), (2038, "2038-04-25"), (2285, "2285-03-22"),
        ])
    func knownYears(year: Int, easter: String) {
        #expect(Easter.sunday(in: year) == day(easter))
    }

    @Test("every Easter from 1583 to 9999 agrees with Knuth's algorithm, falls on a Sunday, 22 March to 25 April")
    func allYears() {
        var mismatches: [Int] = []
        for year in 1583...9999 {
            let easter = Easter.sunday(in: year)
            let inRange = (easter.month, easter.day) >= (3, 22) && (easter.month, easter.day) <= (4, 25)
            if easter != knuthEaster(year) || easter.weekday != .sunday || !inRange { mismatches.append(year) }
        }
        #expect(mismatches.isEmpty, "first mismatches: \(mismatches.prefix(5))")
    }

    /// Easter by the epact, as in Knuth's Algorithm E (The Art of Computer Programming, 1.3.2, exercise 14):
    /// an independent method to check the Meeus/Jones/Butcher arithmetic against.
    private func knuthEaster(_ year: Int) -> Day? {
        let golden = year % 19 + 1
        let century = year / 100 + 1
        let skippedLeapYears = 3 * century / 4 - 12
        let moonCorrection = (8 * century + 5) / 25 - 5
        let sundayBase = 5 * year / 4 - skippedLeapYears - 10
        var epact = (11 * golden + 20 + moonCorrection - skippedLeapYears) % 30
        if (epact == 25 && golden > 11) || epact == 24 { epact += 1 }
        var fullMoon = 44 - epact
        if fullMoon < 21 { fullMoon += 30 }
        let sunday = fullMoon + 7 - (sundayBase + fullMoon) % 7
        return sunday <= 31 ? Day(year: year, month: 3, day: sunday) : Day(year: year, month: 4, day: sunday - 31)
    }
}
