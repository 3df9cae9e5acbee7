/// The language of an item, which chooses PostgreSQL's text search configuration (and so the stemming).
public enum ItemLanguage: String, Sendable, Hashable, CaseIterable {
    /// Dutch, `nl`.
    case dutch = "nl"
    /// French, `fr`.
    case french = "fr"
    /// German, `de`.
    case german = "de"
    /// English, `en`.
    case english = "en"

    /// The text search configuration: `dutch`, `french`, `german` or `english`.
    public var textSearchConfiguration: String {
        switch self {
        case .dutch: "dutch"
        case .french: "french"
        case .german: "german"
        case .english: "english"
        }
    }
}
