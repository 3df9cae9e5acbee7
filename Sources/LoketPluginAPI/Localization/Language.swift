/// A language Loket speaks to citizens and staff: Belgium's three official languages and English.
public enum Language: String, Sendable, Hashable, CaseIterable {
    case dutch = "nl"
    case french = "fr"
    case german = "de"
    case english = "en"

    /// The best match for an HTTP `accept-language` value (`fr-BE, en;q=0.8`), Dutch when nothing matches.
    ///
    /// Ranges are taken by quality, ties in the order given; a region (`-BE`) is ignored; `*` and `q=0` ranges
    /// never select a language.
    public init(acceptLanguage: String?) {
        self = Self.bestMatch(acceptLanguage) ?? .dutch
    }

    /// A language by code (`nl`, `FR`, `de-BE`), nil for others.
    public init?(code: some StringProtocol) {
        let primary = code.split(separator: "-", maxSplits: 1).first.map { $0.lowercased() } ?? ""
        self.init(rawValue: primary)
    }

    private static func bestMatch(_ header: String?) -> Language? {
        guard let header else { return nil }
        var best: (language: Language, quality: Double)?
        for range in header.split(separator: ",") {
            let parts = range.split(separator: ";")
            guard let tag = parts.first?.trimmingSpaces, let language = Language(code: tag) else { continue }
            var quality = 1.0
            for parameter in parts.dropFirst() {
                let pair = parameter.trimmingSpaces.split(separator: "=", maxSplits: 1)
                if pair.count == 2, pair[0] == "q" { quality = Double(pair[1]) ?? 0 }
            }
            if quality > 0, quality > (best?.quality ?? 0) { best = (language, quality) }
        }
        return best?.language
    }
}

extension Substring {
    fileprivate var trimmingSpaces: Substring {
        var text = self
        while text.first == " " || text.first == "\t" { text.removeFirst() }
        while text.last == " " || text.last == "\t" { text.removeLast() }
        return text
    }
}
