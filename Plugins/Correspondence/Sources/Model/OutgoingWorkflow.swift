/// The workflow of an outgoing item: draft -> to sign -> signed -> sent, with "return to draft" from to sign.
public struct OutgoingWorkflow: Sendable, Hashable {
    /// The current status.
    public private(set) var status: ItemStatus

    /// A new item: a draft.
    public init() {
        status = .draft
    }

    /// An item as stored. Only the outgoing statuses are valid; nil for any other.
    public init?(status: ItemStatus) {
        guard [.draft, .toSign, .signed, .sent].contains(status) else { return nil }
        self.status = status
    }

    /// The status after `action`, or the error when the current status does not allow it.
    public func next(_ action: WorkflowAction) throws(WorkflowError) -> ItemStatus {
        switch (status, action) {
        case (.draft, .submitForSignature): .toSign
        case (.toSign, .sign): .signed
        case (.toSign, .returnToDraft): .draft
        case (.signed, .send): .sent
        default: throw WorkflowError(status: status, action: action)
        }
    }

    /// Applies `action`.
    public mutating func apply(_ action: WorkflowAction) throws(WorkflowError) {
        status = try next(action)
    }
}
