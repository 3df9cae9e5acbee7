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
