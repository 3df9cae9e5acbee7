import Foundation
import LoketPluginAPI

extension ComplaintsService {
    /// A timestamp column as RFC 3339 text in UTC, empty for NULL.
    static func time(_ column: String) -> String {
        "coalesce(to_char(\(column) AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"'), '')"
    }

    static let caseColumns = """
        id, client_key, kind, channel, main_category, sub_category, text, language, anonymous,
        coalesce(contact_name, ''), coalesce(contact_email, ''), coalesce(contact_phone, ''),
        coalesce(contact_address, ''), status, department_id, intake_department_id, coalesce(routing_rule, 0),
        received_on::text, \(time("received_at")), first_answer_due::text, final_answer_due::text,
        \(time("first_answered_at")), \(time("answered_at")), \(time("closed_at")),
        coalesce(first_answered_on <= first_answer_due, false), coalesce(answered_on <= final_answer_due, false),
        anonymized_at IS NOT NULL
        """

    static func decodeCase(_ row: PostgresRow, withContact: Bool) throws -> Case {
        var result = Case()
        result.id = try row.decode(UUID.self, at: 0).uuidString.lowercased()
        result.clientKey = try row.decode(String.self, at: 1)
        result.kind = try row.decode(String.self, at: 2)
        result.channel = try row.decode(String.self, at: 3)
        result.mainCategory = try row.decode(String.self, at: 4)
        result.subCategory = try row.decode(String.self, at: 5)
        result.text = try row.decode(String.self, at: 6)
        result.language = try row.decode(String.self, at: 7)
        result.anonymous = try row.decode(Bool.self, at: 8)
        if withContact && !result.anonymous {
            var contact = Loket_Feedback_V1_Contact()
            contact.name = try row.decode(String.self, at: 9)
            contact.email = try row.decode(String.self, at: 10)
            contact.phone = try row.decode(String.self, at: 11)
            contact.address = try row.decode(String.self, at: 12)
            result.contact = contact
        }
        result.status = try row.decode(String.self, at: 13)
        result.departmentId = try row.decode(String.self, at: 14)
        result.intakeDepartmentId = try row.decode(String.self, at: 15)
        result.routingRule = Int32(clamping: try row.decode(Int.self, at: 16))
        result.receivedOn = try row.decode(String.self, at: 17)
        result.receivedAt = try row.decode(String.self, at: 18)
        result.firstAnswerDue = try row.decode(String.self, at: 19)
        result.finalAnswerDue = try row.decode(String.self, at: 20)
        result.firstAnsweredAt = try row.decode(String.self, at: 21)
        result.answeredAt = try row.decode(String.self, at: 22)
        result.closedAt = try row.decode(String.self, at: 23)
        result.firstAnswerOnTime = try row.decode(Bool.self, at: 24)
        result.finalAnswerOnTime = try row.decode(Bool.self, at: 25)
        result.anonymized = try row.decode(Bool.self, at: 26)
        return result
    }

    /// One case with its attachments (and history), or nil.
    static func loadCase(
        _ id: UUID, _ transaction: Transaction, withContact: Bool, withHistory: Bool
    ) async throws -> Case? {
        let rows = try await transaction.query("SELECT \(unsafeRawSQL: caseColumns) FROM feedback.cases WHERE id = \(id)")
        guard let row = rows.first else { return nil }
        var result = try decodeCase(row, withContact: withContact)
        let attachments = try await transaction.query(
            """
            SELECT reference, file_name, media_type FROM feedback.attachments WHERE case_id = \(id) ORDER BY position
            """)
        result.attachments = try attachments.map { row in
            let (reference, name, type) = try row.decode(String.self, String.self, String.self)
            return .with {
                $0.reference = reference
                $0.fileName = name
                $0.mediaType = type
            }
        }
        if withHistory {
            let events = try await transaction.query(
                """
                SELECT sequence, event, coalesce(from_status, ''), coalesce(to_status, ''),
                       coalesce(from_department, ''), coalesce(to_department, ''), coalesce(reason, ''),
                       coalesce(note, ''), coalesce(answer_text, ''), actor, coalesce(actor_department, ''),
                       \(unsafeRawSQL: time("at"))
                FROM feedback.case_events WHERE case_id = \(id) ORDER BY sequence
                """)
            result.history = try events.map { row in
                let (sequence, event, fromStatus, toStatus, fromDepartment, toDepartment) = try row.decode(
                    Int64.self, String.self, String.self, String.self, String.self, String.self)
                var item = Loket_Feedback_V1_StatusEvent()
                item.sequence = sequence
                item.event = event
                item.fromStatus = fromStatus
                item.toStatus = toStatus
                item.fromDepartment = fromDepartment
                item.toDepartment = toDepartment
                item.reason = try row.decode(String.self, at: 6)
                item.note = try row.decode(String.self, at: 7)
                item.answerText = try row.decode(String.self, at: 8)
                item.actor = try row.decode(String.self, at: 9)
                item.actorDepartment = try row.decode(String.self, at: 10)
                item.at = try row.decode(String.self, at: 11)
                return item
            }
        }
        return result
    }

    /// Appends one event to a case's history, numbered after the last one.
    static func appendEvent(
        _ transaction: Transaction, caseID: UUID, event: String, fromStatus: String? = nil, toStatus: String? = nil,
        fromDepartment: String? = nil, toDepartment: String? = nil, reason: String = "", note: String? = nil,
        answerText: String? = nil, actor: String, actorDepartment: String?, at: Date
    ) async throws {
        try await transaction.query(
            """
            INSERT INTO feedback.case_events (
                case_id, sequence, event, from_status, to_status, from_department, to_department, reason, note,
                answer_text, actor, actor_department, at)
            SELECT \(caseID), coalesce(max(sequence), 0) + 1, \(event), \(fromStatus), \(toStatus), \(fromDepartment),
                   \(toDepartment), \(reason.isEmpty ? nil : reason), \(note), \(answerText), \(actor),
                   \(actorDepartment), \(at)
            FROM feedback.case_events WHERE case_id = \(caseID)
            """)
    }

    static func appendEvent(
        _ transaction: Transaction, caseID: UUID, event: String, fromStatus: String? = nil, toStatus: String? = nil,
        fromDepartment: String? = nil, toDepartment: String? = nil, reason: String = "", note: String? = nil,
        answerText: String? = nil, caller: Caller, at: Date
    ) async throws {
        try await appendEvent(
            transaction, caseID: caseID, event: event, fromStatus: fromStatus, toStatus: toStatus,
            fromDepartment: fromDepartment, toDepartment: toDepartment, reason: reason, note: note,
            answerText: answerText, actor: caller.principalName, actorDepartment: caller.department, at: at)
    }

    /// The settings row.
    static func settings(_ transaction: Transaction) async throws -> Loket_Feedback_V1_Settings {
        let rows = try await transaction.query(
            """
            SELECT first_answer_working_days, retention_days, retention_action, invitation_valid_days
            FROM feedback.settings
            """)
        guard let row = rows.first else { return .with { $0.firstAnswerWorkingDays = 2 } }
        let (first, retention, action, invitation) = try row.decode(Int.self, Int.self, String.self, Int.self)
        return .with {
            $0.firstAnswerWorkingDays = Int32(clamping: first)
            $0.retentionDays = Int32(clamping: retention)
            $0.retentionAction = action
            $0.invitationValidDays = Int32(clamping: invitation)
        }
    }

    /// An active category, or nil.
    static func category(_ main: String, _ sub: String, _ transaction: Transaction) async throws -> Category? {
        let rows = try await transaction.query(
            """
            SELECT term_days, term_in_working_days FROM feedback.categories
            WHERE main = \(main) AND sub = \(sub) AND active
            """)
        guard let row = rows.first else { return nil }
        let (days, working) = try row.decode(Int.self, Bool.self)
        return Category(termDays: days, termInWorkingDays: working)
    }

    /// A category's final-answer term.
    struct Category {
        var termDays: Int
        var termInWorkingDays: Bool
    }

    /// The routing rules.
    static func routingRules(_ transaction: Transaction) async throws -> [RoutingRule] {
        let rows = try await transaction.query(
            """
            SELECT position, main_category, sub_category, channel, keywords, department_id
            FROM feedback.routing_rules ORDER BY position
            """)
        return try rows.map { row in
            let (position, main, sub, channel, keywords, department) = try row.decode(
                Int.self, String?.self, String?.self, String?.self, [String].self, String.self)
            return RoutingRule(
                position: position, mainCategory: main, subCategory: sub, channel: channel, keywords: keywords,
                department: department)
        }
    }
}
