import LoketCalendar
import Testing

/// A day written as `YYYY-MM-DD` in a test; a typo is recorded as a test failure rather than trapping.
func day(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) -> Day {
    guard let parsed = Day(text) else {
        Issue.record("not a day: \(text)", sourceLocation: sourceLocation)
        return Day.min
    }
    return parsed
}

/// SplitMix64: a small seeded generator, so that a failing random case can be replayed.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var mixed = state
        mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
        mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
        return mixed ^ (mixed >> 31)
    }
}
