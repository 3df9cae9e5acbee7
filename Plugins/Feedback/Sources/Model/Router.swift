import LoketPluginAPI

/// Ordered routing rules: the first rule that matches names the department; without a match the case stays with
/// the department that registered it.
public struct Router: Sendable, Hashable {
    /// The rules, sorted by position.
    public let rules: [RoutingRule]

    /// A router over `rules`, in the order of their positions.
    public init(rules: [RoutingRule]) {
        self.rules = rules.sorted { $0.position < $1.position }
    }

    /// The department for a case and the rule that chose it (nil when the fallback applied).
    public func route(_ subject: RoutingSubject, fallback: String) -> (department: String, rule: RoutingRule?) {
        if let rule = rules.first(where: { $0.matches(subject) }) { return (rule.department, rule) }
        return (fallback, nil)
    }
}
