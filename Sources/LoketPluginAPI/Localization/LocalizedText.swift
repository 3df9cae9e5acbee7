/// One text in the four languages Loket speaks; `{0}`, `{1}`, … are filled in by ``text(in:_:)``.
public struct LocalizedText: Sendable, Hashable {
    /// Dutch.
    public var dutch: String
    /// French.
    public var french: String
    /// German.
    public var german: String
    /// English.
    public var english: String

    /// Creates a text; every language is required, so that no caller falls back to a language they did not ask for.
    public init(nl dutch: String, fr french: String, de german: String, en english: String) {
        self.dutch = dutch
        self.french = french
        self.german = german
        self.english = english
    }

    /// The text in `language`, with `{n}` replaced by `arguments[n]`.
    public func text(in language: Language, _ arguments: String...) -> String {
        text(in: language, arguments: arguments)
    }

    /// The text in `language`, with `{n}` replaced by `arguments[n]`.
    public func text(in language: Language, arguments: [String]) -> String {
        let template =
            switch language {
            case .dutch: dutch
            case .french: french
            case .german: german
            case .english: english
            }
        guard !arguments.isEmpty else { return template }
        var result = template
        for (index, argument) in arguments.enumerated() {
            result = result.replacing("{\(index)}", with: argument)
        }
        return result
    }
}
