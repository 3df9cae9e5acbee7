import Foundation
import LoketPluginAPI

extension SurveysService {
    /// An invitation found by its token, checked to be unused and unexpired.
    struct OpenInvitation {
        var id: UUID
        var surveyID: String
        var caseID: UUID?
        var language: Language
        var expiresAt: String
    }

    /// Finds and checks an invitation; `lock` locks it for the answer.
    func invitation(
        _ token: String, lock: Bool, now: Date, _ transaction: Transaction, _ context: ServerContext
    ) async throws -> OpenInvitation {
        let rows = try await transaction.query(
            """
            SELECT id, survey_id, case_id, language, used_at IS NOT NULL, expires_at <= \(now),
                   \(unsafeRawSQL: ComplaintsService.time("expires_at"))
            FROM feedback.invitations WHERE token_sha256 = sha256(convert_to(\(token), 'UTF8'))
            \(unsafeRawSQL: lock ? "FOR UPDATE" : "")
            """)
        guard let row = rows.first else {
            throw plugin.localizer.error(.notFound, FeedbackMessages.tokenUnknown, for: context)
        }
        let (id, survey, caseID, language, used, expired, expiresAt) = try row.decode(
            UUID.self, String.self, UUID?.self, String.self, Bool.self, Bool.self, String.self)
        if used { throw plugin.localizer.error(.failedPrecondition, FeedbackMessages.tokenUsed, for: context) }
        if expired { throw plugin.localizer.error(.failedPrecondition, FeedbackMessages.tokenExpired, for: context) }
        return OpenInvitation(
            id: id, surveyID: survey, caseID: caseID, language: Language(rawValue: language) ?? .dutch,
            expiresAt: expiresAt)
    }

    func openInvitation(
        request: Loket_Feedback_V1_OpenInvitationRequest, context: ServerContext
    ) async throws -> Loket_Feedback_V1_OpenInvitationResponse {
        let now = plugin.clock.now()
        return try await plugin.transaction(context) { transaction in
            let invitation = try await invitation(request.token, lock: false, now: now, transaction, context)
            let survey = try await Self.surveys(transaction, id: invitation.surveyID).first
            let language = invitation.language
            func text(_ nl: String, _ fr: String, _ de: String, _ en: String) -> String {
                LocalizedText(nl: nl, fr: fr, de: de, en: en).text(in: language)
            }
            var response = Loket_Feedback_V1_OpenInvitationResponse()
            response.surveyId = invitation.surveyID
            response.language = language.rawValue
            response.expiresAt = invitation.expiresAt
            if let survey {
                response.title = text(survey.titleNl, survey.titleFr, survey.titleDe, survey.titleEn)
                response.questions = survey.questions.map { question in
                    .with {
                        $0.position = question.position
                        $0.kind = question.kind
                        $0.text = text(question.textNl, question.textFr, question.textDe, question.textEn)
                        $0.required = question.required
                        $0.choiceCodes = question.choices.map(\.code)
                        $0.choiceTexts = question.choices.map { text($0.textNl, $0.textFr, $0.textDe, $0.textEn) }
                    }
                }
            }
            return response
        }
    }

    func submitAnswers(
        request: Loket_Feedback_V1_SubmitAnswersRequest, context: ServerContext
    ) async throws -> Loket_Feedback_V1_SubmitAnswersResponse {
        let now = plugin.clock.now()
        return try await plugin.transaction(context) { transaction in
            let invitation = try await invitation(request.token, lock: true, now: now, transaction, context)
            let questions = try await Self.questions(of: invitation.surveyID, transaction)
            let verdict = try check(request.answers, against: questions, context)
            let reopenRows = try await transaction.query(
                "SELECT reopen_when_unhappy FROM feedback.surveys WHERE id = \(invitation.surveyID)")
            let reopenWhenUnhappy = try reopenRows.first?.decode(Bool.self, at: 0) ?? false
            var reopened = false
            if verdict.isUnhappy, reopenWhenUnhappy, let caseID = invitation.caseID {
                reopened = try await reopen(caseID, now: now, transaction)
            }
            try await transaction.query("UPDATE feedback.invitations SET used_at = \(now) WHERE id = \(invitation.id)")
            try await transaction.query(
                """
                INSERT INTO feedback.responses (invitation_id, answered_at, satisfied, score, nps, unhappy,
                                                reopened_case)
                VALUES (\(invitation.id), \(now), \(verdict.satisfied), \(verdict.score), \(verdict.nps),
                        \(verdict.isUnhappy), \(reopened))
                """)
            for answer in request.answers where !answer.value.isEmpty {
                try await transaction.query(
                    """
                    INSERT INTO feedback.response_answers (invitation_id, position, value)
                    VALUES (\(invitation.id), \(Int(answer.position)), \(answer.value))
                    """)
            }
            return .with {
                $0.unhappy = verdict.isUnhappy
                $0.caseReopened = reopened
            }
        }
    }

    /// Checks the answers against the questions and sums up satisfaction.
    func check(
        _ answers: [Loket_Feedback_V1_Answer], against questions: [Loket_Feedback_V1_Question],
        _ context: ServerContext
    ) throws -> SurveyVerdict {
        var byPosition: [Int32: String] = [:]
        for answer in answers {
            guard questions.contains(where: { $0.position == answer.position }), byPosition[answer.position] == nil,
                answer.value.count <= 5000
            else {
                throw plugin.localizer.error(
                    .invalidArgument, FeedbackMessages.invalidAnswer, for: context, "\(answer.position)")
            }
            byPosition[answer.position] = answer.value
        }
        var verdict = SurveyVerdict()
        for question in questions {
            let position = "\(question.position)"
            guard let value = byPosition[question.position], !value.isEmpty else {
                if question.required {
                    throw plugin.localizer.error(.invalidArgument, FeedbackMessages.missingAnswer, for: context, position)
                }
                continue
            }
            let invalid = plugin.localizer.error(.invalidArgument, FeedbackMessages.invalidAnswer, for: context, position)
            switch question.kind {
            case "satisfied", "consent":
                guard value == "yes" || value == "no" else { throw invalid }
                if question.kind == "satisfied" { verdict.satisfied = value == "yes" }
            case "score":
                guard let score = Int(value), (1...5).contains(score) else { throw invalid }
                verdict.score = score
            case "nps":
                guard let score = Int(value), (0...10).contains(score) else { throw invalid }
                verdict.nps = score
            case "choice":
                guard question.choices.contains(where: { $0.code == value }) else { throw invalid }
            default:
                break
            }
        }
        return verdict
    }

    /// Reopens a closed case after an unhappy answer; false when the case is not closed (or was anonymized).
    func reopen(_ caseID: UUID, now: Date, _ transaction: Transaction) async throws -> Bool {
        let rows = try await transaction.query(
            """
            SELECT status, language FROM feedback.cases WHERE id = \(caseID) AND anonymized_at IS NULL FOR UPDATE
            """)
        guard let row = rows.first else { return false }
        let (status, language) = try row.decode(String.self, String.self)
        var machine = CaseStateMachine(status: CaseStatus(rawValue: status) ?? .received)
        let reason = plugin.localizer.message(
            FeedbackMessages.surveyReopenReason, in: Language(rawValue: language) ?? .dutch)
        guard machine.status == .closed, (try? machine.apply(to: .inTreatment, reason: reason)) != nil else {
            return false
        }
        try await transaction.query(
            "UPDATE feedback.cases SET status = 'in_treatment', closed_at = NULL WHERE id = \(caseID)")
        try await ComplaintsService.appendEvent(
            transaction, caseID: caseID, event: "status", fromStatus: "closed", toStatus: "in_treatment",
            reason: reason, actor: "survey", actorDepartment: nil, at: now)
        try await transaction.audit(
            AuditRecord(.update, subjects: [ComplaintsService.subject(caseID)], information: ["status"]))
        return true
    }
}
