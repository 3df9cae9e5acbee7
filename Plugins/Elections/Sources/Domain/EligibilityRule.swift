/// The rule that explains one person's inclusion in, or exclusion from, an electoral roll. The raw value is the
/// stable code clients see; ``RuleText`` has its explanation in nl, fr, de and en.
enum EligibilityRule: String, Sendable, Hashable, CaseIterable {
    // Inclusions.
    /// Belgian, 18 on election day, registered on the reference date, not deprived.
    case belgianCitizen = "included-belgian"
    /// A citizen of another EU member state with an approved application for this kind of election.
    case euApplicationApproved = "included-eu-application"
    /// A non-EU citizen with an approved application (five years of legal residence, signed declaration).
    case nonEUApplicationApproved = "included-non-eu-application"

    // Exclusions, in the order they are checked.
    /// Died on or before election day.
    case deceased = "excluded-deceased"
    /// Not registered as main resident of the municipality on the reference date.
    case notResidentOnReferenceDate = "excluded-not-resident"
    /// The register does not know the birth date.
    case birthDateUnknown = "excluded-birth-date-unknown"
    /// Not 18 on election day.
    case under18 = "excluded-under-18"
    /// Not Belgian, and this kind of election admits no citizens of the person's country.
    case nationalityNotAdmitted = "excluded-nationality-not-admitted"
    /// Not Belgian and no application for this kind of election.
    case noApplication = "excluded-no-application"
    /// An application that is not approved (pending, refused or withdrawn).
    case applicationNotApproved = "excluded-application-not-approved"
    /// Deprived of voting rights on election day by a court decision.
    case deprivedOfVotingRights = "excluded-deprived"

    /// Whether the rule puts the person on the roll.
    var includes: Bool {
        switch self {
        case .belgianCitizen, .euApplicationApproved, .nonEUApplicationApproved: true
        default: false
        }
    }
}
