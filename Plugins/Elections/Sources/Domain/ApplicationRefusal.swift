/// Why an application to be on the roll cannot be filed; the raw value is the stable code, ``RuleText`` the text.
enum ApplicationRefusal: String, Sendable, Hashable, CaseIterable, Error {
    /// Belgians are on the roll without applying.
    case belgianNeedsNoApplication = "application-belgian"
    /// This kind of election admits no citizens of the applicant's country.
    case kindNotOpen = "application-kind-not-open"
    /// The deadline has passed.
    case closed = "application-closed"
    /// A non-EU citizen must sign the declaration.
    case declarationMissing = "application-declaration-missing"
    /// A non-EU citizen needs five years of uninterrupted legal residence by the reference date.
    case residenceTooShort = "application-residence-too-short"
    /// The register does not know the applicant's nationality.
    case nationalityUnknown = "application-nationality-unknown"
}
