import LoketPluginAPI

/// The rules for a non-Belgian's application to be on the roll of an election.
struct ApplicationRules: Sendable, Hashable {
    /// The kind of election.
    var kind: ElectionKind
    /// The reference date of the roll: the five years of legal residence are counted up to it.
    var referenceDate: CalendarDate
    /// The last day applications are accepted.
    var deadline: CalendarDate

    /// Years of uninterrupted legal residence a non-EU citizen needs.
    static let requiredResidenceYears = 5

    /// Checks an application filed on `day`; throws the first rule it breaks.
    func check(
        nationality: Nationality, filedOn day: CalendarDate, legalResidenceSince: CalendarDate?,
        declarationSigned: Bool
    ) throws(ApplicationRefusal) {
        if nationality.code.isEmpty { throw .nationalityUnknown }
        if nationality.isBelgian { throw .belgianNeedsNoApplication }
        if day > deadline { throw .closed }
        if nationality.isOtherEU {
            if !kind.admitsEUCitizens { throw .kindNotOpen }
            return
        }
        if !kind.admitsNonEUCitizens { throw .kindNotOpen }
        if !declarationSigned { throw .declarationMissing }
        guard let since = legalResidenceSince, since.adding(years: Self.requiredResidenceYears) <= referenceDate else {
            throw .residenceTooShort
        }
    }

    /// Whether a withdrawal filed on `day` is still possible (until the deadline).
    func canWithdraw(on day: CalendarDate) -> Bool { day <= deadline }
}
