import Foundation
import LoketPluginAPI

extension ElectionsService {
    /// A `YYYY-MM-DD` date that exists.
    func date(_ text: String, _ context: ServerContext) throws -> CalendarDate {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]), year >= 1800,
            let date = CalendarDate(year: year, month: month, day: day)
        else {
            throw plugin.localizer.error(.invalidArgument, ElectionsMessages.invalidDate, for: context, text)
        }
        return date
    }

    /// An optional date: nil when empty.
    func optionalDate(_ text: String, _ context: ServerContext) throws -> CalendarDate? {
        text.isEmpty ? nil : try date(text, context)
    }

    /// A UUID in text form.
    func uuid(_ text: String, _ context: ServerContext) throws -> UUID {
        guard let id = UUID(uuidString: text) else {
            throw plugin.localizer.error(.invalidArgument, ElectionsMessages.invalidID, for: context, text)
        }
        return id
    }

    /// The 11 digits of a national register number.
    func nationalNumber(_ text: String, _ context: ServerContext) throws -> String {
        guard let digits = NationalNumberCheck.digits(text) else {
            throw plugin.localizer.error(.invalidArgument, ElectionsMessages.invalidNumber, for: context, text)
        }
        return digits
    }

    /// Trimmed text of 1 to `limit` characters (0 to `limit` when not `required`).
    func text(
        _ text: String, field: String, required: Bool = true, limit: Int = 200, _ context: ServerContext
    ) throws -> String {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard trimmed.count <= limit, !required || !trimmed.isEmpty else {
            throw plugin.localizer.error(.invalidArgument, ElectionsMessages.invalidField, for: context, field)
        }
        return trimmed
    }

    /// A language code of Loket.
    func language(_ text: String, _ context: ServerContext) throws -> Language {
        guard let language = Language(code: text), text.count <= 5 else {
            throw plugin.localizer.error(.invalidArgument, ElectionsMessages.invalidLanguage, for: context, text)
        }
        return language
    }

    /// An `HH:MM` time of day.
    func time(_ text: String, field: String, _ context: ServerContext) throws -> String {
        let parts = text.split(separator: ":")
        guard parts.count == 2, parts.allSatisfy({ $0.count == 2 }), let hour = Int(parts[0]),
            let minute = Int(parts[1]), (0...23).contains(hour), (0...59).contains(minute)
        else {
            throw plugin.localizer.error(.invalidArgument, ElectionsMessages.invalidField, for: context, field)
        }
        return text
    }
}
