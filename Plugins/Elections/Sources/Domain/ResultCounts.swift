/// One entry of a polling station's result: ballots, blank and invalid votes, votes per list and per candidate.
struct ResultCounts: Sendable, Hashable {
    /// Ballots in the box.
    var ballots: Int
    /// Blank ballots.
    var blank: Int
    /// Invalid ballots.
    var invalid: Int
    /// Votes per list number.
    var lists: [Int: Int]
    /// Votes per candidate, keyed `"<list>-<position>"`.
    var candidates: [String: Int]

    /// The items that differ from `other`, in a stable order.
    func differences(from other: ResultCounts) -> [ResultDifference] {
        var result: [ResultDifference] = []
        func compare(_ item: String, _ mine: Int, _ theirs: Int) {
            if mine != theirs { result.append(ResultDifference(item: item, first: mine, second: theirs)) }
        }
        compare("ballots", ballots, other.ballots)
        compare("blank", blank, other.blank)
        compare("invalid", invalid, other.invalid)
        for list in Set(lists.keys).union(other.lists.keys).sorted() {
            compare("list:\(list)", lists[list] ?? 0, other.lists[list] ?? 0)
        }
        for candidate in Set(candidates.keys).union(other.candidates.keys).sorted() {
            compare("candidate:\(candidate)", candidates[candidate] ?? 0, other.candidates[candidate] ?? 0)
        }
        return result
    }

    /// Whether the entry adds up: no negative count, and ballots = blank + invalid + the votes for lists.
    var isConsistent: Bool {
        let counts = [ballots, blank, invalid] + Array(lists.values) + Array(candidates.values)
        return counts.allSatisfy { $0 >= 0 } && ballots == blank + invalid + lists.values.reduce(0, +)
    }
}

