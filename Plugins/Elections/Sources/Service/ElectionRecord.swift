import Foundation
import LoketPluginAPI

/// An election as stored, with what the handlers need to apply its rules.
struct ElectionRecord: Sendable {
    var id: UUID
    var kind: ElectionKind
    var name: String
    var municipality: String
    var electionDay: CalendarDate
    var referenceDate: CalendarDate
    var applicationDeadline: CalendarDate
    var compulsory: Bool
    var documentLanguages: [Language]
    var opensAt: String
    var closesAt: String
    var rollGenerated: Bool
    var rollClosedAt: String?

    /// The columns ``init(row:)`` reads, in order.
    static let columns = """
        e.id, e.kind, e.name, e.municipality, e.election_day, e.reference_date, e.application_deadline,
        e.compulsory, e.document_languages, e.opens_at, e.closes_at, e.roll_generated_at IS NOT NULL,
        to_char(e.roll_closed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')
        """

    init(row: PostgresRow) throws {
        let (id, kind, name, municipality, day, reference, deadline) = try row.decode(
            UUID.self, String.self, String.self, String.self, CalendarDate.self, CalendarDate.self, CalendarDate.self)
        self.id = id
        self.kind = ElectionKind(rawValue: kind) ?? .municipal
        self.name = name
        self.municipality = municipality
        electionDay = day
        referenceDate = reference
        applicationDeadline = deadline
        compulsory = try row.decode(Bool.self, at: 7)
        documentLanguages = try row.decode([String].self, at: 8).compactMap { Language(code: $0) }
        opensAt = try row.decode(String.self, at: 9)
        closesAt = try row.decode(String.self, at: 10)
        rollGenerated = try row.decode(Bool.self, at: 11)
        rollClosedAt = try row.decode(String?.self, at: 12)
    }

    /// The eligibility rules of this election.
    var eligibility: Eligibility {
        Eligibility(kind: kind, electionDay: electionDay, referenceDate: referenceDate)
    }

    /// The application rules of this election.
    var applicationRules: ApplicationRules {
        ApplicationRules(kind: kind, referenceDate: referenceDate, deadline: applicationDeadline)
    }

    /// The language of a voter's documents: their choice when the election offers it, else the first language.
    func documentLanguage(chosen: String?) -> Language {
        if let chosen, let language = Language(code: chosen), documentLanguages.contains(language) { return language }
        return documentLanguages.first ?? .dutch
    }
}
