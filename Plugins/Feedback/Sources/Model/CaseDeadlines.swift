import LoketPluginAPI

/// The two due dates of a case.
public struct CaseDeadlines: Sendable, Hashable {
    /// The first personal answer is due on this day.
    public var firstAnswer: Day
    /// The final answer is due on this day.
    public var finalAnswer: Day
}
