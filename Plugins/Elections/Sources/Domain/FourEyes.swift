/// The four-eyes rule for a station's result: two independent entries by different principals must agree before
/// the result is accepted; a difference is resolved by discarding an entry, which is then entered again.
enum FourEyes {
    /// Where a station's result stands, given its active (not discarded) entries.
    enum State: Sendable, Hashable {
        case awaitingFirstEntry
        case awaitingSecondEntry
        case accepted(ResultCounts)
        case mismatch([ResultDifference])
    }

    /// The state for the active entries, oldest first.
    static func state(_ entries: [ResultEntry]) -> State {
        switch entries.count {
        case 0: return .awaitingFirstEntry
        case 1: return .awaitingSecondEntry
        default:
            let differences = entries[0].counts.differences(from: entries[1].counts)
            return differences.isEmpty ? .accepted(entries[0].counts) : .mismatch(differences)
        }
    }

    /// Checks that `principal` may add `counts` to the active entries; throws the rule it breaks.
    static func checkEntry(
        _ counts: ResultCounts, by principal: String, active entries: [ResultEntry]
    ) throws(ResultRefusal) {
        guard counts.isConsistent else { throw .inconsistent }
        switch state(entries) {
        case .accepted: throw .alreadyAccepted
        case .mismatch: throw .entriesComplete
        case .awaitingFirstEntry: return
        case .awaitingSecondEntry:
            if entries.contains(where: { $0.principal == principal }) { throw .samePrincipal }
        }
    }
}
