/// A step in an item's workflow.
public enum WorkflowAction: Sendable, Hashable {
    /// Incoming: to a department; again from dispatched or assigned to re-route.
    case dispatch(department: String)
    /// Incoming: to an agent of the department.
    case assign(agent: String)
    /// Incoming: the agent starts working on it.
    case startTreatment
    /// Incoming: answered (by other means than a registered reply, e.g. by phone).
    case answer
    /// Incoming: a registered reply that answers it was sent.
    case answerByReply
    /// Incoming: a sent reply closes the item it answered (also one answered before by other means).
    case closeByReply
    /// Incoming: done.
    case close
    /// Outgoing: the draft is ready for signature.
    case submitForSignature
    /// Outgoing: signed.
    case sign
    /// Outgoing: the signatory sends it back for changes.
    case returnToDraft
    /// Outgoing: sent.
    case send

    /// A name for the history, e.g. `dispatch`.
    public var name: String {
        switch self {
        case .dispatch: "dispatch"
        case .assign: "assign"
        case .startTreatment: "start_treatment"
        case .answer: "answer"
        case .answerByReply: "answer_by_reply"
        case .closeByReply: "close_by_reply"
        case .close: "close"
        case .submitForSignature: "submit_for_signature"
        case .sign: "sign"
        case .returnToDraft: "return_to_draft"
        case .send: "send"
        }
    }
}
