import Foundation
import LoketPluginAPI

/// `loket.feedback.v1.Surveys`: survey definitions, invitations and anonymous answers.
struct SurveysService: Loket_Feedback_V1_SurveysService {
    let plugin: PluginContext

    static let triggers: Set<String> = ["case_closed", "counter_visit"]
    static let kinds: Set<String> = ["satisfied", "score", "nps", "choice", "text", "consent"]

    func putSurvey(request: Loket_Feedback_V1_Survey, context: ServerContext) async throws -> Loket_Feedback_V1_Survey {
        try validate(request, context)
        return try await plugin.transaction(context) { transaction in
            if request.active {
                try await transaction.query(
                    """
                    UPDATE feedback.surveys SET active = false
                    WHERE trigger = \(request.trigger) AND active AND id <> \(request.id)
                    """)
            }
            try await transaction.query(
                """
                INSERT INTO feedback.surveys (id, trigger, active, reopen_when_unhappy, title_nl, title_fr, title_de,
                                              title_en)
                VALUES (\(request.id), \(request.trigger), \(request.active), \(request.reopenWhenUnhappy),
                        \(request.titleNl), \(request.titleFr), \(request.titleDe), \(request.titleEn))
                ON CONFLICT (id) DO UPDATE SET trigger = excluded.trigger, active = excluded.active,
                    reopen_when_unhappy = excluded.reopen_when_unhappy, title_nl = excluded.title_nl,
                    title_fr = excluded.title_fr, title_de = excluded.title_de, title_en = excluded.title_en
                """)
            try await transaction.query("DELETE FROM feedback.survey_questions WHERE survey_id = \(request.id)")
            for question in request.questions {
                try await transaction.query(
                    """
                    INSERT INTO feedback.survey_questions (survey_id, position, kind, text_nl, text_fr, text_de,
                        text_en, required, choice_codes, choice_nl, choice_fr, choice_de, choice_en)
                    VALUES (\(request.id), \(Int(question.position)), \(question.kind), \(question.textNl),
                            \(question.textFr), \(question.textDe), \(question.textEn), \(question.required),
                            \(question.choices.map(\.code)), \(question.choices.map(\.textNl)),
                            \(question.choices.map(\.textFr)), \(question.choices.map(\.textDe)),
                            \(question.choices.map(\.textEn)))
                    """)
            }
            try await transaction.audit(AuditRecord(.update, subjects: [AuditSubject(kind: "feedback-survey", id: request.id)]))
            return try await Self.surveys(transaction, id: request.id).first ?? request
        }
    }

    func listSurveys(
        request: Loket_Feedback_V1_ListSurveysRequest, context: ServerContext
    ) async throws -> Loket_Feedback_V1_ListSurveysResponse {
        let surveys = try await plugin.transaction(context) { transaction in
            try await Self.surveys(transaction, id: nil)
        }
        return .with { $0.surveys = surveys }
    }

    func inviteVisitor(
        request: Loket_Feedback_V1_InviteVisitorRequest, context: ServerContext
    ) async throws -> Loket_Feedback_V1_Invitation {
        let caller = try context.caller
        let language: String
        if request.language.isEmpty {
            language = caller.language.rawValue
        } else if let chosen = Language(rawValue: request.language) {
            language = chosen.rawValue
        } else {
            throw plugin.localizer.error(.invalidArgument, FeedbackMessages.invalidLanguage, for: context, request.language)
        }
        guard let department = caller.department else {
            throw plugin.localizer.error(.permissionDenied, FeedbackMessages.callerWithoutDepartment, for: context)
        }
        let now = plugin.clock.now()
        return try await plugin.transaction(context) { transaction in
            guard let issued = try await InvitationIssuer.issue(
                trigger: "counter_visit", caseID: nil, department: department, language: language, now: now,
                transaction)
            else {
                throw plugin.localizer.error(
                    .failedPrecondition, FeedbackMessages.noActiveSurvey, for: context, "counter_visit")
            }
            return .with {
                $0.token = issued.token
                $0.surveyId = issued.surveyID
                $0.expiresAt = issued.expiresAt
                $0.language = issued.language
            }
        }
    }
}
