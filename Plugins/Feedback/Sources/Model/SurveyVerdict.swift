import LoketPluginAPI

/// What a survey answer says about satisfaction: the summary kept for the analysis, and whether it is unhappy.
///
/// Unhappy means: "no" to the satisfied question, 1 or 2 on the 1-5 score, or 0 to 6 on the 0-10 scale (an NPS
/// detractor).
public struct SurveyVerdict: Sendable, Hashable {
    /// The yes/no satisfaction, when asked and answered.
    public var satisfied: Bool?
    /// The 1-5 score, when asked and answered.
    public var score: Int?
    /// The 0-10 recommendation score, when asked and answered.
    public var nps: Int?

    /// Creates a verdict.
    public init(satisfied: Bool? = nil, score: Int? = nil, nps: Int? = nil) {
        self.satisfied = satisfied
        self.score = score
        self.nps = nps
    }

    /// Whether the answer is unhappy.
    public var isUnhappy: Bool {
        satisfied == false || (score.map { $0 <= 2 } ?? false) || (nps.map { $0 <= 6 } ?? false)
    }
}
