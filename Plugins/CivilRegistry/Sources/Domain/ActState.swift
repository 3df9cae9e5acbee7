/// The state machine of a civil status act: its status and whether a possible duplicate awaits a decision.
///
/// The chain of actions is append-only; ``applying(_:)`` says whether an action may come next, and what the state is
/// after it. The rules:
///
/// - An act starts with `created`, or with `notified` for a birth (a hospital's notification).
/// - draft → declared → validated → registered; any of draft, declared, validated may be `rejected`.
/// - A possible duplicate (flagged on creation) blocks validation and registration until a registrar marks it
///   duplicate (the act ends) or not duplicate (the flag clears). The marks are allowed only while flagged.
/// - A registered act may be `certified` (an extract issued) any number of times, and corrected: a
///   `correction_requested` waits for `correction_approved` or `correction_rejected`, both back to registered.
/// - rejected and duplicate are final.
public struct ActState: Sendable, Hashable {
    /// The act's kind; some actions apply to some kinds only.
    public var kind: ActKind
    /// Where the act stands.
    public var status: ActStatus
    /// Whether a possible duplicate awaits a registrar's decision.
    public var possibleDuplicate: Bool

    /// A state; ``ActStatus/new`` for an act that has no action yet.
    public init(kind: ActKind, status: ActStatus = .new, possibleDuplicate: Bool = false) {
        self.kind = kind
        self.status = status
        self.possibleDuplicate = possibleDuplicate
    }

    /// The actions that may come next, in the order of ``ActAction/allCases``.
    public var allowedActions: [ActAction] {
        ActAction.allCases.filter { next($0) != nil }
    }

    /// The state after `action`; throws, naming the allowed actions, when `action` may not come next.
    public func applying(_ action: ActAction) throws(ActTransitionError) -> ActState {
        guard let state = next(action) else {
            throw ActTransitionError(status: status, action: action, allowed: allowedActions)
        }
        return state
    }

    private func next(_ action: ActAction) -> ActState? {
        var state = self
        switch (status, action) {
        case (.new, .created):
            state.status = .draft
        case (.new, .notified) where kind == .birth:
            state.status = .draft
        case (.draft, .declared):
            state.status = .declared
        case (.declared, .validated) where !possibleDuplicate:
            state.status = .validated
        case (.validated, .registered) where !possibleDuplicate:
            state.status = .registered
        case (.draft, .rejected), (.declared, .rejected), (.validated, .rejected):
            state.status = .rejected
            state.possibleDuplicate = false
        case (.draft, .markedDuplicate) where possibleDuplicate,
            (.declared, .markedDuplicate) where possibleDuplicate,
            (.validated, .markedDuplicate) where possibleDuplicate:
            state.status = .duplicate
            state.possibleDuplicate = false
        case (.draft, .markedNotDuplicate) where possibleDuplicate,
            (.declared, .markedNotDuplicate) where possibleDuplicate,
            (.validated, .markedNotDuplicate) where possibleDuplicate:
            state.possibleDuplicate = false
        case (.registered, .certified):
            break
        case (.registered, .correctionRequested):
            state.status = .correctionRequested
        case (.correctionRequested, .correctionApproved), (.correctionRequested, .correctionRejected):
            state.status = .registered
        default:
            return nil
        }
        return state
    }
}
