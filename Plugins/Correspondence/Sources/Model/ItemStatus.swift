/// Where an item is in its workflow; the raw value is the database's spelling.
public enum ItemStatus: String, Sendable, Hashable, CaseIterable {
    case registered
    case dispatched
    case assigned
    case inTreatment = "in_treatment"
    case answered
    case closed
    case draft
    case toSign = "to_sign"
    case signed
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
