/// A working-day calendar setting that could not be read.
public enum CalendarConfigError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A region name that is not one of ``Region``'s configuration names.
    case unknownRegion(String)
    /// A closing day that is neither `YYYY-MM-DD` nor `MM-DD`, or a day that does not exist.
    case invalidClosingDay(String)

    public var description: String {
        switch self {
        case .unknownRegion(let name):
            let known = Region.allCases.map(\.configName).joined(separator: ", ")
            return "unknown region \"\(name)\"; the regions are: \(known)"
        case .invalidClosingDay(let text):
            return "invalid closing day \"\(text)\": expected a day as YYYY-MM-DD, or MM-DD for every year"
        }
    }
}
