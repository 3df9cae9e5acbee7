/// One person's line in a generated roll: the resident, the deciding rule, every exclusion, the position in the
/// roll and, for voters, the voter number.
struct RollLine: Sendable, Hashable {
    var resident: Resident
    var rule: EligibilityRule
    var exclusions: [EligibilityRule]
    /// 1-based position over everyone considered: voters first.
    var position: Int
    /// 1-based for voters, nil for excluded persons.
    var voterNumber: Int?

    var included: Bool { rule.includes }
}
