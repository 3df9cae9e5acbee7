/// How a proxy holder is related to the voter, as declared with the proxy.
enum Relationship: String, Sendable, Hashable, CaseIterable {
    case none
    case spouse
    case cohabitant
    case parent
    case child
    case sibling
    case grandparent
    case grandchild

    /// Close family: the only people a candidate may hold a proxy for.
    var isCloseFamily: Bool { self != .none }
}
