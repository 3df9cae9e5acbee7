import Foundation
import LoketPluginAPI

/// An item's row as stored, without its contacts, attachments and replies.
struct StoredItem: Sendable {
    var id: UUID
    var reference: String
    var direction: Direction
    var channel: String
    var subject: String
    var language: String
    var confidential: Bool
    var tags: [String]
    var notes: String
    var receivedOn: CalendarDate
    var dueOn: CalendarDate?
    var status: ItemStatus
    var departmentID: String?
    var agent: String?
    var registeredBy: String
    var registeredAt: String
    var answeredOn: CalendarDate?
    var sentOn: CalendarDate?

    /// The columns ``init(row:)`` reads, in order, for a table aliased `i`.
    static let columns = """
        i.id, i.reference, i.direction, i.channel, i.subject, i.language, i.confidential, i.tags, i.notes,
        i.received_on, i.due_on, i.status, i.department_id, i.agent, i.registered_by,
        to_char(i.registered_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'), i.answered_on, i.sent_on
        """

    init(row: PostgresRow) throws {
        let (id, reference, direction, channel, subject, language, confidential, tags, notes) = try row.decode(
            UUID.self, String.self, String.self, String.self, String.self, String.self, Bool.self, [String].self,
            String.self)
        self.id = id
        self.reference = reference
        self.direction = Direction(rawValue: direction) ?? .incoming
        self.channel = channel
        self.subject = subject
        self.language = language
        self.confidential = confidential
        self.tags = tags
        self.notes = notes
        receivedOn = try row.decode(CalendarDate.self, at: 9)
        dueOn = try row.decode(CalendarDate?.self, at: 10)
        status = ItemStatus(rawValue: try row.decode(String.self, at: 11)) ?? .registered
        departmentID = try row.decode(String?.self, at: 12)
        agent = try row.decode(String?.self, at: 13)
        registeredBy = try row.decode(String.self, at: 14)
        registeredAt = try row.decode(String.self, at: 15)
        answeredOn = try row.decode(CalendarDate?.self, at: 16)
        sentOn = try row.decode(CalendarDate?.self, at: 17)
    }

    /// Whether `caller` may read this item: anyone with the plugin for an ordinary item; for a confidential one
    /// the holders of the confidential permission, whoever registered it and the agent it is assigned to.
    func isReadable(by caller: Caller) -> Bool {
        !confidential || CorrespondenceService.readsConfidential(caller) || registeredBy == caller.principalName
            || agent == caller.principalName
    }
}
