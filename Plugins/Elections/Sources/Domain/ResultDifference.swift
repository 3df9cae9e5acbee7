/// One item on which two entries disagree.
struct ResultDifference: Sendable, Hashable {
    /// `ballots`, `blank`, `invalid`, `list:<n>` or `candidate:<list>-<position>`.
    var item: String
    /// The first entry's count.
    var first: Int
    /// The second entry's count.
    var second: Int
}
