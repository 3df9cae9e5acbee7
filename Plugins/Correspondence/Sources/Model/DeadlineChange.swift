import LoketPluginAPI

/// A recorded change of an incoming item's term (`correspondence.deadline_changes`), replayed when the item's due
/// date is set anew (on dispatch to a department with a term of its own).
public enum DeadlineChange: Sendable, Hashable {
    /// The clock stopped from one day to another, both included.
    case suspended(from: Day, to: Day)
    /// The term was extended by a number of working days.
    case extended(workingDays: Int)
}
