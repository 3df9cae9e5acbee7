import LoketPluginAPI

/// One routing rule: when every non-empty condition holds, the case goes to `department`.
public struct RoutingRule: Sendable, Hashable {
    /// The rule's place in the order, from 1.
    public var position: Int
    /// The main category to match, or nil for any.
    public var mainCategory: String?
    /// The sub category to match, or nil for any.
    public var subCategory: String?
    /// The channel to match, or nil for any.
    public var channel: String?
    /// Words of which the text must contain at least one (case-insensitive); empty for any text.
    public var keywords: [String]
    /// The department the case goes to.
    public var department: String

    /// Creates a rule.
    public init(
        position: Int, mainCategory: String? = nil, subCategory: String? = nil, channel: String? = nil,
        keywords: [String] = [], department: String
    ) {
        self.position = position
        self.mainCategory = mainCategory
        self.subCategory = subCategory
        self.channel = channel
        self.keywords = keywords
        self.department = department
    }

    /// Whether the rule applies to a case.
    public func matches(_ subject: RoutingSubject) -> Bool {
        if let mainCategory, mainCategory != subject.mainCategory { return false }
        if let subCategory, subCategory != subject.subCategory { return false }
        if let channel, channel != subject.channel { return false }
        if keywords.isEmpty { return true }
        let text = subject.text.lowercased()
        return keywords.contains { !$0.isEmpty && text.contains($0.lowercased()) }
    }
}
