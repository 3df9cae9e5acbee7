import LoketPluginAPI

/// One accepted status change, with what it means for the deadlines.
public struct CaseTransition: Sendable, Hashable {
    /// The status before.
    public var from: CaseStatus
    /// The status after.
    public var to: CaseStatus
    /// The case goes back to treatment after it was answered or closed.
    public var isReopening: Bool { to == .inTreatment && (from == .answered || from == .closed) }
    /// The case leaves `received`: the citizen gets the first personal answer now.
    public var isFirstAnswer: Bool { from == .received }
    /// The final answer is sent.
    public var isFinalAnswer: Bool { to == .answered }
    /// The case is closed.
    public var isClosing: Bool { to == .closed }
}
