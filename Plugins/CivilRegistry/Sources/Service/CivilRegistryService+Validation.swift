import Foundation
import LoketPluginAPI

extension CivilRegistryService {
    /// A checked national register number or bis number, or INVALID_ARGUMENT saying what is wrong, in the
    /// caller's language.
    func nationalNumber(_ text: String, _ context: ServerContext) throws -> NationalNumber {
        do {
            return try NationalNumber(validating: text)
        } catch {
            let argument: String
            switch error {
            case .length(let count): argument = String(count)
            case .month(let value), .day(let value), .sequence(let value): argument = String(value)
            case .notDigits, .checkDigits: argument = ""
            }
            throw plugin.localizer.error(.invalidArgument, error.messageKey, for: context, argument)
        }
    }

    /// A name of 1 to 200 characters, not only spaces, trimmed.
    func name(_ text: String, _ what: LocalizedText, _ context: ServerContext) throws -> String {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard (1...200).contains(trimmed.count) else {
            throw plugin.localizer.error(
                .invalidArgument, CivilRegistryMessages.invalidName, for: context, what.text(in: context.language))
        }
        return trimmed
    }

    /// Free text of at most `limit` characters, trimmed.
    func text(_ text: String, field: String, limit: Int = 200, _ context: ServerContext) throws -> String {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard trimmed.count <= limit else {
            throw plugin.localizer.error(.invalidArgument, CivilRegistryMessages.invalidText, for: context, field)
        }
        return trimmed
    }

    /// A `YYYY-MM-DD` date that exists.
    func date(_ text: String, _ context: ServerContext) throws -> CalendarDate {
        guard let date = Self.parseDate(text) else {
            throw plugin.localizer.error(.invalidArgument, CivilRegistryMessages.invalidDate, for: context, text)
        }
        return date
    }

    /// Two capital letters, or empty; the default when empty.
    func country(_ text: String, default fallback: String, _ context: ServerContext) throws -> String {
        let code = text.trimmingCharacters(in: .whitespaces).uppercased()
        if code.isEmpty { return fallback }
        guard code.utf8.count == 2, code.utf8.allSatisfy({ $0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z") }) else {
            throw plugin.localizer.error(.invalidArgument, CivilRegistryMessages.invalidCountry, for: context, text)
        }
        return code
    }

    /// A UUID in text form.
    func uuid(_ text: String, _ context: ServerContext) throws -> UUID {
        guard let id = UUID(uuidString: text) else {
            throw plugin.localizer.error(.invalidArgument, CivilRegistryMessages.invalidID, for: context, text)
        }
        return id
    }

    /// `YYYY-MM-DD` with four-digit year from 1800 on and a month and day that exist, else nil.
    static func parseDate(_ text: String) -> CalendarDate? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            parts.allSatisfy({ $0.utf8.allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") } }),
            let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]), year >= 1800
        else { return nil }
        return CalendarDate(year: year, month: month, day: day)
    }

    /// Text for a LIKE pattern: `%`, `_` and `\` taken literally.
    static func likeEscaped(_ text: String) -> String {
        var result = ""
        for character in text {
            if character == "%" || character == "_" || character == "\\" { result.append("\\") }
            result.append(character)
        }
        return result
    }

    static func protoSex(_ sex: NationalNumber.Sex?) -> Loket_Civilregistry_V1_Sex {
        switch sex {
        case .male: .male
        case .female: .female
        case nil: .unknown
        }
    }

    static func sexName(_ sex: Loket_Civilregistry_V1_Sex) -> String {
        switch sex {
        case .male: "male"
        case .female: "female"
        default: "unknown"
        }
    }

    static func protoSex(named name: String) -> Loket_Civilregistry_V1_Sex {
        switch name {
        case "male": .male
        case "female": .female
        case "unknown": .unknown
        default: .unspecified
        }
    }
}
