/// Where an item is in its workflow; the raw value is the database's spelling.
public enum ItemStatus: String, Sendable, Hashable, CaseIterable {
    /// Incoming: in the register, not yet dispatched.
    case registered
    /// Incoming: sent to a department.
    case dispatched
    /// Incoming: given to an agent of the department.
    case assigned
    /// Incoming: the agent works on it.
    case inTreatment = "in_treatment"
    /// Incoming: answered, by a reply or otherwise.
    case answered
    /// Incoming: done.
    case closed
    /// Outgoing: being written.
    case draft
    /// Outgoing: waiting for the signatory.
    case toSign = "to_sign"
    /// Outgoing: signed, not yet sent.
    case signed
    /// Outgoing: sent.
    case sent

    /// Whether an incoming item in this status still waits for an answer (its deadline runs).
    public var isOpen: Bool {
        switch self {
        case .registered, .dispatched, .assigned, .inTreatment: true
        default: false
        }
    }

    /// The statuses an item still waiting for an answer can have.
    public static let open: [ItemStatus] = allCases.filter(\.isOpen)
}
