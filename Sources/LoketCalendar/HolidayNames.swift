/// The name of a holiday in the languages Belgian administrations answer in, and English.
public struct HolidayNames: Sendable, Hashable {
    /// The Dutch name, e.g. "Paasmaandag".
    public let dutch: String
    /// The French name, e.g. "Lundi de Pâques".
    public let french: String
    /// The German name, e.g. "Ostermontag".
    public let german: String
    /// The English name, e.g. "Easter Monday".
    public let english: String

    /// Creates the names of a holiday.
    public init(dutch: String, french: String, german: String, english: String) {
        self.dutch = dutch
        self.french = french
        self.german = german
        self.english = english
    }

    /// The name for an ISO 639-1 language code (`nl`, `fr`, `de`, `en`; a region suffix such as `nl-BE` and case
    /// are ignored), or nil for another language, so that the caller picks its own fallback.
    public subscript(languageCode code: String) -> String? {
        let language = code.lowercased().split(separator: "-").first.map(String.init) ?? ""
        switch language {
        case "nl": return dutch
        case "fr": return french
        case "de": return german
        case "en": return english
        default: return nil
        }
    }
}
