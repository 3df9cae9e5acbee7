import Foundation
import LoketPluginAPI

/// Creates survey invitations: a one-time token (only its SHA-256 is stored) that expires after the configured
/// number of days, for the active survey of a trigger. Listeners on `feedback_invitation` (a mailer) hear of it
/// when the transaction commits.
enum InvitationIssuer {
    /// An issued invitation.
    struct Issued {
        var token: String
        var surveyID: String
        var expiresAt: String
        var language: String
    }

    /// Issues an invitation for the active survey of `trigger`, or returns nil when there is none.
    static func issue(
        trigger: String, caseID: UUID?, department: String, language: String, now: Date, _ transaction: Transaction
    ) async throws -> Issued? {
        let surveys = try await transaction.query(
            "SELECT id FROM feedback.surveys WHERE trigger = \(trigger) AND active")
        guard let surveyID = try surveys.first?.decode(String.self, at: 0) else { return nil }
        let token = newToken()
        let rows = try await transaction.query(
            """
            INSERT INTO feedback.invitations (token_sha256, survey_id, trigger, case_id, department_id, language,
                                              created_at, expires_at)
            SELECT sha256(convert_to(\(token), 'UTF8')), \(surveyID), \(trigger), \(caseID), \(department),
                   \(language), \(now), \(now)::timestamptz + make_interval(days => invitation_valid_days)
            FROM feedback.settings
            RETURNING id, \(unsafeRawSQL: ComplaintsService.time("expires_at"))
            """)
        let (id, expires) = try rows[0].decode(UUID.self, String.self)
        try await transaction.notify(channel: "feedback_invitation", payload: id.uuidString.lowercased())
        return Issued(token: token, surveyID: surveyID, expiresAt: expires, language: language)
    }

    /// 256 random bits from the system's secure generator, as 64 hex digits.
    static func newToken() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<4).map { _ in
            let hex = String(generator.next() as UInt64, radix: 16)
            return String(repeating: "0", count: 16 - hex.count) + hex
        }.joined()
    }
}
