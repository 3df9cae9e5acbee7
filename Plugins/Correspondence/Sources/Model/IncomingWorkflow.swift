/// The workflow of an incoming item: registered -> dispatched -> assigned -> in treatment -> answered -> closed.
///
/// A value: applying a step returns or stores the next state, and nothing else happens, so the rules are tested
/// without a database. Re-routing (dispatch again) and re-assigning are allowed until treatment starts; a sent
/// reply answers the item from any open status and then closes it.
public struct IncomingWorkflow: Sendable, Hashable {
    /// The current status.
    public private(set) var status: ItemStatus
    /// The department the item is dispatched to, if any.
    public private(set) var department: String?
    /// The agent it is assigned to, if any.
    public private(set) var agent: String?

    /// A new item: registered.
    public init() {
        status = .registered
        department = nil
        agent = nil
    }

    /// An item as stored. Only the incoming statuses are valid; nil for any other.
    public init?(status: ItemStatus, department: String?, agent: String?) {
        guard status.isOpen || status == .answered || status == .closed else { return nil }
        self.status = status
        self.department = department
        self.agent = agent
    }

    /// The status after `action`, or the error when the current status does not allow it.
    public func next(_ action: WorkflowAction) throws(WorkflowError) -> ItemStatus {
        switch (status, action) {
        case (.registered, .dispatch), (.dispatched, .dispatch), (.assigned, .dispatch): return .dispatched
        case (.dispatched, .assign), (.assigned, .assign): return .assigned
        case (.assigned, .startTreatment): return .inTreatment
        case (.inTreatment, .answer): return .answered
        case (let open, .answerByReply) where open.isOpen: return .answered
        case (.answered, .close), (.answered, .closeByReply): return .closed
        default: throw WorkflowError(status: status, action: action)
        }
    }

    /// Applies `action`: the status moves on, and dispatching or assigning records the department or agent.
    public mutating func apply(_ action: WorkflowAction) throws(WorkflowError) {
        let next = try next(action)
        switch action {
        case .dispatch(let department):
            self.department = department
            agent = nil
        case .assign(let agent):
            self.agent = agent
        default:
            break
        }
        status = next
    }
}
