import LoketPluginAPI

/// What the eligibility rules know about one resident, taken from the population register and the election's own
/// records (applications, deprivations).
struct EligibilityFacts: Sendable, Hashable {
    /// Birth date; nil when the register does not know it fully.
    var birthDate: CalendarDate?
    /// Nationality.
    var nationality: Nationality
    /// Whether the person's main residence was in the municipality on the reference date.
    var residentOnReferenceDate: Bool
    /// Date of death, if any.
    var dateOfDeath: CalendarDate?
    /// The status of the person's application for this kind of election, if any.
    var application: ApplicationStatus?
    /// Court decisions depriving the person of voting rights.
    var deprivations: [Deprivation] = []
}

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
