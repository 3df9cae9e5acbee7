/// A region or community whose own holiday an administration observes on top of the national ones.
///
/// Which one applies is configuration, not geography: a Brussels municipality may observe Iris Day and either
/// community's day, a Walloon city usually observes the French Community's day, and so on.
public enum Region: String, Sendable, Hashable, CaseIterable {
    /// The Flemish Community: 11 July.
    case flanders = "flanders"
    /// The French Community (Fédération Wallonie-Bruxelles): 27 September.
    case frenchCommunity = "french-community"
    /// The German-speaking Community: 15 November.
    case germanSpeakingCommunity = "german-community"
    /// The Brussels-Capital Region: 8 May, Iris Day.
    case brussels = "brussels"

    /// The name used in configuration, e.g. `french-community`.
    public var configName: String { rawValue }

    /// The region's holiday and its fixed date.
    public var holiday: (kind: HolidayKind, month: Int, day: Int) {
        switch self {
        case .flanders: (.flemishCommunityDay, 7, 11)
        case .frenchCommunity: (.frenchCommunityDay, 9, 27)
        case .germanSpeakingCommunity: (.germanSpeakingCommunityDay, 11, 15)
        case .brussels: (.irisDay, 5, 8)
        }
    }

    /// Parses a comma-separated list of configuration names, e.g. `"flanders, brussels"`.
    ///
    /// Names are matched without regard to case or surrounding spaces; empty items are skipped, so an empty text
    /// is no region, and a repeated name counts once.
    ///
    /// - Throws: ``CalendarConfigError/unknownRegion(_:)`` for the first name that is not a region.
    public static func parseList(_ text: String) throws(CalendarConfigError) -> [Region] {
        var regions: [Region] = []
        for item in text.split(separator: ",") {
            let name = item.trimmingSpaces()
            if name.isEmpty { continue }
            guard let region = Region(rawValue: name.lowercased()) else {
                throw .unknownRegion(name)
            }
            if !regions.contains(region) { regions.append(region) }
        }
        return regions
    }
}

extension Substring {
    /// The text without leading and trailing spaces, tabs and line breaks.
    func trimmingSpaces() -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else {
            return ""
        }
        return String(self[first...last])
    }
}
