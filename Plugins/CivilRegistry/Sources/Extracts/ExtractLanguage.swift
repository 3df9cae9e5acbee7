import LoketPluginAPI

/// The language of an extract: one of Loket's four, or the multilingual form with every label in all four.
public enum ExtractLanguage: Sendable, Hashable {
    case single(Language)
    case multilingual

    /// From `nl`, `fr`, `de`, `en` or `multilingual`; nil for anything else.
    public init?(code: String) {
        if code == "multilingual" {
            self = .multilingual
        } else if let language = Language(rawValue: code) {
            self = .single(language)
        } else {
            return nil
        }
    }

    /// The code stored and returned.
    public var code: String {
        switch self {
        case .single(let language): language.rawValue
        case .multilingual: "multilingual"
        }
    }

    /// A label in this language (all four, ` / ` between them, for the multilingual form).
    public func label(_ text: LocalizedText) -> String {
        switch self {
        case .single(let language): text.text(in: language)
        case .multilingual: Language.allCases.map { text.text(in: $0) }.joined(separator: " / ")
        }
    }
}
