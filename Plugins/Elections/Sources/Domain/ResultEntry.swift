/// A result entry as the four-eyes rule sees it: who entered which counts.
struct ResultEntry: Sendable, Hashable {
    /// The principal who entered it.
    var principal: String
    /// The counts.
    var counts: ResultCounts
}
