/// What a term applies to: a department, a channel, both, or neither (the default).
public struct TermScope: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// A department id; nil for every department.
    public var department: String?
    /// A channel (`letter`, `email`, `form`, `other`); nil for every channel.
    public var channel: String?

    /// The default scope: every department, every channel.
    public static let everything = TermScope(department: nil, channel: nil)

    /// Creates a scope.
    public init(department: String?, channel: String?) {
        self.department = department
        self.channel = channel
    }

    /// How specific the scope is, the most specific first: 0 for a department and a channel, 1 for a department,
    /// 2 for a channel, 3 for the default.
    public var precedence: Int {
        switch (department, channel) {
        case (.some, .some): 0
        case (.some, nil): 1
        case (nil, .some): 2
        case (nil, nil): 3
        }
    }

    /// Whether the term of this scope can apply to an item of `department` (nil before dispatch) and `channel`.
    public func covers(department itemDepartment: String?, channel itemChannel: String) -> Bool {
        (department == nil || department == itemDepartment) && (channel == nil || channel == itemChannel)
    }

    /// The most specific first; then by department and channel.
    public static func < (lhs: TermScope, rhs: TermScope) -> Bool {
        (lhs.precedence, lhs.department ?? "", lhs.channel ?? "") < (rhs.precedence, rhs.department ?? "", rhs.channel ?? "")
    }

    /// `department/channel`, with `*` for every department or channel.
    public var description: String { "\(department ?? "*")/\(channel ?? "*")" }
}
