import LoketPluginAPI

/// What routing looks at in a case.
public struct RoutingSubject: Sendable, Hashable {
    /// The main category.
    public var mainCategory: String
    /// The sub category.
    public var subCategory: String
    /// The channel it came in through.
    public var channel: String
    /// The citizen's text.
    public var text: String

    /// Creates a subject.
    public init(mainCategory: String, subCategory: String, channel: String, text: String) {
        self.mainCategory = mainCategory
        self.subCategory = subCategory
        self.channel = channel
        self.text = text
    }
}
