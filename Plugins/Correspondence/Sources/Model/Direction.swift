/// Whether an item came in or goes out; each direction has its own numbering and workflow.
public enum Direction: String, Sendable, Hashable, CaseIterable {
    /// A letter, e-mail or form the city received.
    case incoming = "in"
    /// A letter, e-mail or form the city sends.
    case outgoing = "out"

    /// The part of a reference number that names the direction, `IN` or `OUT`.
    public var referenceCode: String {
        switch self {
        case .incoming: "IN"
        case .outgoing: "OUT"
        }
    }
}
