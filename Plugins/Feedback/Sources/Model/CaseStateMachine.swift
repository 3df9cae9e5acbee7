import LoketPluginAPI

/// The rules of a case's status, as a value: which changes are allowed and what each needs. No database here, so
/// that the rules are tested on their own.
///
/// ```
/// received ──> in_treatment ──> answered ──> closed
///     └──────────────────────────^   ^          │
///                  in_treatment <────┴──────────┘  (reopen, with a reason)
/// ```
public struct CaseStateMachine: Sendable, Hashable {
    /// The current status.
    public private(set) var status: CaseStatus

    /// A machine at `status`.
    public init(status: CaseStatus = .received) {
        self.status = status
    }

    /// The statuses reachable from `status` in one step.
    public static func successors(of status: CaseStatus) -> Set<CaseStatus> {
        switch status {
        case .received: [.inTreatment, .answered]
        case .inTreatment: [.answered]
        case .answered: [.closed, .inTreatment]
        case .closed: [.inTreatment]
        }
    }

    /// Moves to `target` (a status code), checking that the change is allowed and has what it needs: the answer
    /// text to answer, a reason to reopen.
    public mutating func apply(
        to target: String, reason: String = "", answerText: String = ""
    ) throws(TransitionError) -> CaseTransition {
        guard let to = CaseStatus(rawValue: target) else { throw .unknownStatus(target) }
        return try apply(to: to, reason: reason, answerText: answerText)
    }

    /// Moves to `to`; see ``apply(to:reason:answerText:)-(String,_,_)``.
    public mutating func apply(
        to: CaseStatus, reason: String = "", answerText: String = ""
    ) throws(TransitionError) -> CaseTransition {
        guard Self.successors(of: status).contains(to) else { throw .notAllowed(from: status, to: to) }
        let transition = CaseTransition(from: status, to: to)
        if transition.isFinalAnswer && answerText.isBlank { throw .answerTextRequired }
        if transition.isReopening && reason.isBlank { throw .reasonRequired }
        status = to
        return transition
    }
}

extension String {
    /// Empty or only white space.
    var isBlank: Bool { allSatisfy(\.isWhitespace) }
}
