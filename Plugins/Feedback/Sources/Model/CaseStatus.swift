import LoketPluginAPI

/// Where a case is in its life: received -> in treatment -> answered -> closed, and back by reopening.
public enum CaseStatus: String, Sendable, Hashable, CaseIterable {
    /// Registered, nobody has answered yet.
    case received
    /// Taken up by the responsible department (the citizen has had a first personal answer).
    case inTreatment = "in_treatment"
    /// The final answer was sent.
    case answered
    /// Done.
    case closed
}
