import Testing

@testable import ElectionsPlugin

@Suite("Four-eyes result entry")
struct FourEyesTests {
    let counts = ResultCounts(ballots: 100, blank: 3, invalid: 2, lists: [1: 60, 2: 35], candidates: ["1-1": 40])

    func refusal(_ counts: ResultCounts, by principal: String, _ entries: [ResultEntry]) -> ResultRefusal? {
        do {
            try FourEyes.checkEntry(counts, by: principal, active: entries)
            return nil
        } catch {
            return error
        }
    }

    @Test func twoAgreeingEntriesByDifferentPrincipalsAreAccepted() {
        #expect(FourEyes.state([]) == .awaitingFirstEntry)
        let first = ResultEntry(principal: "an", counts: counts)
        #expect(refusal(counts, by: "an", []) == nil)
        #expect(FourEyes.state([first]) == .awaitingSecondEntry)
        #expect(refusal(counts, by: "jan", [first]) == nil)
        let second = ResultEntry(principal: "jan", counts: counts)
        #expect(FourEyes.state([first, second]) == .accepted(counts))
        #expect(refusal(counts, by: "piet", [first, second]) == .alreadyAccepted)
    }

    @Test func theSamePrincipalCannotEnterTwice() {
        #expect(refusal(counts, by: "an", [ResultEntry(principal: "an", counts: counts)]) == .samePrincipal)
    }

    @Test func aDifferenceBlocksAcceptanceUntilResolved() {
        var other = counts
        other.lists = [1: 59, 2: 36]
        other.candidates = ["1-1": 40, "2-1": 10]
        let entries = [ResultEntry(principal: "an", counts: counts), ResultEntry(principal: "jan", counts: other)]
        #expect(
            FourEyes.state(entries)
                == .mismatch([
                    ResultDifference(item: "list:1", first: 60, second: 59),
                    ResultDifference(item: "list:2", first: 35, second: 36),
                    ResultDifference(item: "candidate:2-1", first: 0, second: 10),
                ]))
        #expect(refusal(counts, by: "piet", entries) == .entriesComplete)
        // Resolved by discarding the wrong entry: a third principal enters again and the two agree.
        let kept = [entries[0]]
        #expect(refusal(counts, by: "piet", kept) == nil)
        #expect(FourEyes.state(kept + [ResultEntry(principal: "piet", counts: counts)]) == .accepted(counts))
    }

    @Test func inconsistentCountsAreRefused() {
        var wrong = counts
        wrong.ballots = 99
        #expect(refusal(wrong, by: "an", []) == .inconsistent)
        wrong = counts
        wrong.blank = -1
        wrong.ballots = 96
        #expect(refusal(wrong, by: "an", []) == .inconsistent)
    }
}
