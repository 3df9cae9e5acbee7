/// Why a result entry is refused; the raw value is the stable code, ``RuleText`` the explanation.
enum ResultRefusal: String, Sendable, Hashable, CaseIterable, Error {
    /// The same principal cannot make both entries.
    case samePrincipal = "result-same-principal"
    /// Two entries exist: they agree (accepted) or their difference must be resolved first.
    case entriesComplete = "result-entries-complete"
    /// The station's result is accepted already.
    case alreadyAccepted = "result-already-accepted"
    /// The counts do not add up.
    case inconsistent = "result-inconsistent"
}
