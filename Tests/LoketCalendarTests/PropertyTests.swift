import LoketCalendar
import Testing

/// Laws that hold for any calendar, day and term, checked on seeded random cases.
@Suite("Working-day properties")
struct PropertyTests {
    /// A random configuration: some regions, a few one-off and recurring closing days (possibly long runs).
    static func randomCalendar(_ random: inout SplitMix64) -> WorkingDayCalendar {
        let regions = Region.allCases.filter { _ in Bool.random(using: &random) }
        var once: [Day] = []
        for _ in 0..<Int.random(in: 0...30, using: &random) {
            let start = randomDay(in: 1995...2035, &random)
            for offset in 0..<Int.random(in: 1...10, using: &random) { once.append(start.adding(days: offset)) }
        }
        let annual = (0..<Int.random(in: 0...4, using: &random)).compactMap { _ in
            AnnualDay(month: Int.random(in: 1...12, using: &random), day: Int.random(in: 1...29, using: &random))
        }
        return WorkingDayCalendar(regions: regions, extraClosingDays: once, annualClosingDays: annual)
    }

    static func randomDay(in years: ClosedRange<Int>, _ random: inout SplitMix64) -> Day {
        let first = Day(year: years.lowerBound, month: 1, day: 1) ?? .min
        let last = Day(year: years.upperBound, month: 12, day: 31) ?? .max
        return Day(ordinal: Int.random(in: first.ordinal...last.ordinal, using: &random)) ?? first
    }

    @Test("counting from a day to the day n working days later gives n, and that day is the first such day")
    func countingInvertsAdding() {
        var random = SplitMix64(seed: 0x10_4E7)
        var failures: [String] = []
        for _ in 0..<3_000 {
            let calendar = Self.randomCalendar(&random)
            let start = Self.randomDay(in: 1990...2040, &random)
            let n = Bool.random(using: &random) ? Int.random(in: 1...10, using: &random) : Int.random(in: 1...800, using: &random)
            let due = calendar.adding(workingDays: n, to: start)
            let ok = calendar.workingDays(from: start, to: due) == n
                && calendar.workingDays(from: start, to: due.adding(days: -1)) == n - 1
                && calendar.isWorkingDay(due)
                && calendar.workingDays(from: due, to: start) == -n
            if !ok { failures.append("\(start) + \(n) = \(due) with \(calendar.regions)") }
        }
        #expect(failures.isEmpty, "\(failures.prefix(3))")
    }

    @Test("adding and counting agree with a day-by-day walk")
    func matchesWalk() {
        var random = SplitMix64(seed: 0xCA1E_DA12)
        var failures: [String] = []
        for _ in 0..<1_000 {
            let calendar = Self.randomCalendar(&random)
            let start = Self.randomDay(in: 1995...2035, &random)
            let n = Int.random(in: 0...300, using: &random)
            var walked = start
            var remaining = n
            if n == 0 {
                while !calendar.isWorkingDay(walked) { walked = walked.adding(days: 1) }
            }
            while remaining > 0 {
                walked = walked.adding(days: 1)
                if calendar.isWorkingDay(walked) { remaining -= 1 }
            }
            if calendar.adding(workingDays: n, to: start) != walked { failures.append("adding \(start) + \(n)") }

            let end = start.adding(days: Int.random(in: 0...1_200, using: &random))
            var counted = 0
            var current = start
            while current < end {
                current = current.adding(days: 1)
                if calendar.isWorkingDay(current) { counted += 1 }
            }
            if calendar.workingDays(from: start, to: end) != counted { failures.append("counting \(start)...\(end)") }
        }
        #expect(failures.isEmpty, "\(failures.prefix(3))")
    }

    @Test("counting is additive and adding composes")
    func composition() {
        var random = SplitMix64(seed: 0xADD)
        var failures: [String] = []
        for _ in 0..<2_000 {
            let calendar = Self.randomCalendar(&random)
            let a = Self.randomDay(in: 1980...2050, &random)
            let b = Self.randomDay(in: 1980...2050, &random)
            let c = Self.randomDay(in: 1980...2050, &random)
            if calendar.workingDays(from: a, to: b) + calendar.workingDays(from: b, to: c) != calendar.workingDays(from: a, to: c) {
                failures.append("additivity \(a) \(b) \(c)")
            }
            let m = Int.random(in: 1...400, using: &random)
            let n = Int.random(in: 1...400, using: &random)
            if calendar.adding(workingDays: m + n, to: a) != calendar.adding(workingDays: n, to: calendar.adding(workingDays: m, to: a)) {
                failures.append("composition \(a) \(m) \(n)")
            }
        }
        #expect(failures.isEmpty, "\(failures.prefix(3))")
    }

    @Test("a day is a working day exactly when it is a weekday and not listed among the year's holidays")
    func holidaysAgreeWithWorkingDays() {
        var random = SplitMix64(seed: 0x4011_DA75)
        var failures: [String] = []
        for _ in 0..<40 {
            let calendar = Self.randomCalendar(&random)
            let year = Int.random(in: 1995...2035, using: &random)
            let closed = Set(calendar.holidays(in: year).map(\.day))
            var current = Day(year: year, month: 1, day: 1) ?? .min
            while current.year == year {
                if calendar.isWorkingDay(current) != (!current.weekday.isWeekend && !closed.contains(current)) {
                    failures.append("\(current)")
                }
                current = current.adding(days: 1)
            }
        }
        #expect(failures.isEmpty, "\(failures.prefix(3))")
    }
}
