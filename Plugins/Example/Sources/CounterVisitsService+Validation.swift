import Foundation
import LoketPluginAPI

extension CounterVisitsService {
    /// Checks a new visit before any database work, with messages in the caller's language.
    func validate(_ request: Loket_Example_V1_RecordVisitRequest, _ context: ServerContext) throws {
        guard Self.isNationalNumber(request.nationalNumber) else {
            throw plugin.localizer.error(.invalidArgument, VisitMessages.invalidNationalNumber, for: context)
        }
        guard (1...200).contains(request.visitorName.count), !request.visitorName.allSatisfy(\.isWhitespace) else {
            throw plugin.localizer.error(.invalidArgument, VisitMessages.invalidName, for: context)
        }
        let topic = Array(request.topic.utf8)
        guard let first = topic.first, first >= UInt8(ascii: "a"), first <= UInt8(ascii: "z"), topic.count <= 40,
            topic.allSatisfy({ ($0 >= UInt8(ascii: "a") && $0 <= UInt8(ascii: "z")) || ($0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9")) || $0 == UInt8(ascii: "-") })
        else {
            throw plugin.localizer.error(.invalidArgument, VisitMessages.invalidTopic, for: context)
        }
    }

    /// Eleven digits. (The civil registry plugin checks the check digits; a visit log only needs the shape.)
    static func isNationalNumber(_ text: String) -> Bool {
        text.utf8.count == 11 && text.utf8.allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
    }

    /// `YYYY-MM-DD` with a month and day that exist.
    static func isDay(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]), (1...12).contains(month)
        else { return false }
        var components = DateComponents(year: year, month: month, day: day)
        components.calendar = Calendar(identifier: .gregorian)
        return day >= 1 && components.isValidDate
    }

    /// The day of `date` in Belgium.
    static func isoDay(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Europe/Brussels") ?? .gmt
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        let year = parts.year ?? 1970, month = parts.month ?? 1, day = parts.day ?? 1
        return "\(year)-\(month < 10 ? "0" : "")\(month)-\(day < 10 ? "0" : "")\(day)"
    }
}
