/// The terms of incoming items in working days, by scope, and which one applies to an item: the most specific
/// scope that covers it (department and channel, then department, then channel, then the default).
public struct Terms: Sendable, Equatable {
    /// The 2-working-day rule: the term when not even a default is stored.
    public static let defaultWorkingDays = 2

    /// Working days by scope.
    public private(set) var workingDays: [TermScope: Int]

    /// Creates the terms from stored rows.
    public init(_ workingDays: [TermScope: Int] = [:]) {
        self.workingDays = workingDays
    }

    /// The term that applies to an item of `department` (nil before dispatch) and `channel`, with its scope (nil
    /// when no stored term covers it and the rule's 2 working days apply).
    public func term(department: String?, channel: String) -> (scope: TermScope?, workingDays: Int) {
        let applicable = workingDays.keys.filter { $0.covers(department: department, channel: channel) }
        guard let scope = applicable.min() else { return (nil, Self.defaultWorkingDays) }
        return (scope, workingDays[scope] ?? Self.defaultWorkingDays)
    }

    /// The stored terms, the most specific first.
    public var ordered: [(scope: TermScope, workingDays: Int)] {
        workingDays.keys.sorted().map { ($0, workingDays[$0] ?? Self.defaultWorkingDays) }
    }
}
