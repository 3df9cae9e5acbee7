import LoketPluginAPI

/// The electoral roll's rules for one election: who is on it, and by which rule.
struct Eligibility: Sendable, Hashable {
    /// The kind of election.
    var kind: ElectionKind
    /// Election day.
    var electionDay: CalendarDate
    /// The reference date of the register (e.g. 1 August for October elections).
    var referenceDate: CalendarDate

    /// Every rule that excludes the person, in checking order; empty when the person is on the roll.
    func exclusions(_ facts: EligibilityFacts) -> [EligibilityRule] {
        var rules: [EligibilityRule] = []
        if let death = facts.dateOfDeath, death <= electionDay { rules.append(.deceased) }
        if !facts.residentOnReferenceDate { rules.append(.notResidentOnReferenceDate) }
        if let birthDate = facts.birthDate {
            if birthDate.adding(years: 18) > electionDay { rules.append(.under18) }
        } else {
            rules.append(.birthDateUnknown)
        }
        if !facts.nationality.isBelgian {
            let admitted = facts.nationality.isOtherEU ? kind.admitsEUCitizens : kind.admitsNonEUCitizens
            if !admitted {
                rules.append(.nationalityNotAdmitted)
            } else if let application = facts.application {
                if application != .approved { rules.append(.applicationNotApproved) }
            } else {
                rules.append(.noApplication)
            }
        }
        if facts.deprivations.contains(where: { $0.applies(on: electionDay) }) { rules.append(.deprivedOfVotingRights) }
        return rules
    }

    /// The rule that decides: the first exclusion, or the ground for inclusion.
    func decide(_ facts: EligibilityFacts) -> EligibilityRule {
        if let first = exclusions(facts).first { return first }
        if facts.nationality.isBelgian { return .belgianCitizen }
        return facts.nationality.isOtherEU ? .euApplicationApproved : .nonEUApplicationApproved
    }
}
