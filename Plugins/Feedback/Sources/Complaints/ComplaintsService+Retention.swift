import Foundation
import LoketPluginAPI

extension ComplaintsService {
    /// At most this many cases per run, so that one call stays short; run it again for the rest.
    static let retentionBatch = 1000

    /// Anonymizes or deletes the cases closed longer ago than `retention_days`, with one audit record per case,
    /// all in one transaction. Anonymizing clears the contact details, the citizen's text, the attachments and
    /// the texts of the history (reasons, notes, answers); statuses, dates and categories stay for the figures.
    func applyRetention(
        request: Loket_Feedback_V1_ApplyRetentionRequest, context: ServerContext
    ) async throws -> Loket_Feedback_V1_ApplyRetentionResponse {
        let now = plugin.clock.now()
        return try await plugin.transaction(context) { transaction in
            let settings = try await Self.settings(transaction)
            // Lets this transaction change the otherwise append-only history.
            try await transaction.query("SELECT set_config('feedback.retention', 'on', true)")
            let rows = try await transaction.query(
                """
                SELECT id
                FROM feedback.cases
                WHERE status = 'closed' AND anonymized_at IS NULL
                  AND closed_at <= \(now)::timestamptz - make_interval(days => \(Int(settings.retentionDays))::int)
                ORDER BY closed_at LIMIT \(Self.retentionBatch)
                FOR UPDATE
                """)
            let ids = try rows.map { try $0.decode(UUID.self, at: 0) }
            let cutoff = try await transaction.query(
                """
                SELECT \(unsafeRawSQL: Self.time("ts"))
                FROM (SELECT \(now)::timestamptz - make_interval(days => \(Int(settings.retentionDays))::int) AS ts) t
                """)
            let delete = settings.retentionAction == "delete"
            for id in ids {
                if delete {
                    try await transaction.query("DELETE FROM feedback.cases WHERE id = \(id)")
                } else {
                    try await transaction.query(
                        """
                        UPDATE feedback.cases SET contact_name = NULL, contact_email = NULL, contact_phone = NULL,
                            contact_address = NULL, text = '', fingerprint = '', anonymized_at = \(now)
                        WHERE id = \(id)
                        """)
                    try await transaction.query("DELETE FROM feedback.attachments WHERE case_id = \(id)")
                    try await transaction.query(
                        """
                        UPDATE feedback.case_events SET reason = NULL, note = NULL, answer_text = NULL
                        WHERE case_id = \(id) AND (reason IS NOT NULL OR note IS NOT NULL OR answer_text IS NOT NULL)
                        """)
                }
                try await transaction.audit(
                    AuditRecord(
                        delete ? .delete : .update, subjects: [Self.subject(id)],
                        information: ["text", "attachments", "history"] + Self.contactFields))
            }
            try await transaction.query("SELECT set_config('feedback.retention', 'off', true)")
            return .with {
                $0.action = settings.retentionAction
                $0.caseIds = ids.map { $0.uuidString.lowercased() }
                $0.closedBefore = (try? cutoff.first?.decode(String.self, at: 0)) ?? ""
            }
        }
    }
}
