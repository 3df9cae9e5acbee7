import Foundation
import LoketPluginAPI

/// `loket.elections.v1.Elections`. The handlers live in `ElectionsService+<Concern>.swift`; the rules they apply
/// are the pure types in `Domain/`.
struct ElectionsService: Loket_Elections_V1_ElectionsService {
    typealias Election = Loket_Elections_V1_Election

    let plugin: PluginContext

    /// The election `id`, read in `transaction`; NOT_FOUND in the caller's language when it does not exist.
    /// `lock` takes a row lock, so that roll generation, closing and station changes of one election run one at a
    /// time.
    func election(
        _ id: UUID, lock: Bool = false, in transaction: Transaction, _ context: ServerContext
    ) async throws -> ElectionRecord {
        let rows = try await transaction.query(
            """
            SELECT \(unsafeRawSQL: ElectionRecord.columns) FROM elections.elections e WHERE e.id = \(id)
            \(unsafeRawSQL: lock ? "FOR UPDATE" : "")
            """)
        guard let row = rows.first else {
            throw plugin.localizer.error(.notFound, ElectionsMessages.electionNotFound, for: context, id.uuidString.lowercased())
        }
        return try ElectionRecord(row: row)
    }

    /// A refusal by rule: FAILED_PRECONDITION whose message is the rule's explanation and its code, in the
    /// caller's language.
    func refusal(_ code: String, _ context: ServerContext, _ arguments: String...) -> RPCError {
        let text = RuleText.text(code)?.text(in: context.language, arguments: arguments) ?? code
        return plugin.localizer.error(.failedPrecondition, ElectionsMessages.ruleRefused, for: context, text, code)
    }

    /// Today in Belgium (Europe/Brussels), from the plugin's clock.
    func today() -> CalendarDate {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Europe/Brussels") ?? .gmt
        let parts = calendar.dateComponents([.year, .month, .day], from: plugin.clock.now())
        return CalendarDate(year: parts.year ?? 1970, month: parts.month ?? 1, day: parts.day ?? 1)
            ?? CalendarDate(daysSince1970: 0)
    }

    /// The audit subject for an election.
    static func subject(_ id: UUID) -> AuditSubject {
        AuditSubject(kind: "election", id: id.uuidString.lowercased())
    }
}
