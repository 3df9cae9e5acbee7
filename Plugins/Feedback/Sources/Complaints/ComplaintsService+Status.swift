import Foundation
import LoketPluginAPI

extension ComplaintsService {
    func changeStatus(
        request: Loket_Feedback_V1_ChangeStatusRequest, context: ServerContext
    ) async throws -> Loket_Feedback_V1_ChangeStatusResponse {
        let caller = try context.caller
        let id = try caseID(request.caseId, context)
        let now = plugin.clock.now()
        let today = Day(belgian: now)
        return try await plugin.transaction(context) { transaction in
            let current = try await lockForChange(id, caller: caller, transaction, context)
            var machine = CaseStateMachine(status: current.status)
            let transition: CaseTransition
            do {
                transition = try machine.apply(
                    to: request.toStatus, reason: request.reason, answerText: request.answerText)
            } catch let error as TransitionError {
                throw rpcError(error, context)
            }
            try await transaction.query(
                """
                UPDATE feedback.cases SET
                    status = \(transition.to.rawValue),
                    first_answered_at = CASE WHEN \(transition.isFirstAnswer) THEN coalesce(first_answered_at, \(now))
                                             ELSE first_answered_at END,
                    first_answered_on = CASE WHEN \(transition.isFirstAnswer)
                                             THEN coalesce(first_answered_on, \(today.calendarDate))
                                             ELSE first_answered_on END,
                    answered_at = CASE WHEN \(transition.isFinalAnswer) THEN coalesce(answered_at, \(now))
                                       ELSE answered_at END,
                    answered_on = CASE WHEN \(transition.isFinalAnswer) THEN coalesce(answered_on, \(today.calendarDate))
                                       ELSE answered_on END,
                    closed_at = CASE WHEN \(transition.isClosing) THEN \(now)
                                     WHEN \(transition.isReopening) THEN NULL ELSE closed_at END
                WHERE id = \(id)
                """)
            try await Self.appendEvent(
                transaction, caseID: id, event: "status", fromStatus: transition.from.rawValue,
                toStatus: transition.to.rawValue, reason: request.reason,
                answerText: request.answerText.isEmpty ? nil : request.answerText, caller: caller, at: now)
            try await transaction.audit(
                AuditRecord(.update, subjects: [Self.subject(id)], information: ["status", "answer_text"]))
            var response = Loket_Feedback_V1_ChangeStatusResponse()
            if transition.isClosing,
                let invitation = try await InvitationIssuer.issue(
                    trigger: "case_closed", caseID: id, department: current.department, language: current.language,
                    now: now, transaction)
            {
                response.surveyToken = invitation.token
                response.surveyExpiresAt = invitation.expiresAt
            }
            response.case = try await Self.loadCase(id, transaction, withContact: false, withHistory: true)
            return response
        }
    }

    func addNote(request: Loket_Feedback_V1_AddNoteRequest, context: ServerContext) async throws -> Case {
        let caller = try context.caller
        let id = try caseID(request.caseId, context)
        guard !request.note.isBlank, request.note.count <= 10_000 else {
            throw plugin.localizer.error(.invalidArgument, FeedbackMessages.invalidNote, for: context)
        }
        let now = plugin.clock.now()
        return try await plugin.transaction(context) { transaction in
            _ = try await lockForChange(id, caller: caller, transaction, context)
            try await Self.appendEvent(transaction, caseID: id, event: "note", note: request.note, caller: caller, at: now)
            try await transaction.audit(AuditRecord(.update, subjects: [Self.subject(id)], information: ["note"]))
            return try await Self.loadCase(id, transaction, withContact: false, withHistory: true) ?? Case()
        }
    }

    func reroute(request: Loket_Feedback_V1_RerouteRequest, context: ServerContext) async throws -> Case {
        let caller = try context.caller
        let id = try caseID(request.caseId, context)
        guard !request.reason.isBlank else {
            throw plugin.localizer.error(.invalidArgument, FeedbackMessages.reasonRequired, for: context)
        }
        let now = plugin.clock.now()
        return try await plugin.transaction(context) { transaction in
            let current = try await lockForChange(id, caller: caller, transaction, context)
            guard try await Self.departmentExists(request.departmentId, transaction) else {
                throw plugin.localizer.error(
                    .invalidArgument, FeedbackMessages.unknownDepartment, for: context, request.departmentId)
            }
            try await transaction.query(
                "UPDATE feedback.cases SET department_id = \(request.departmentId) WHERE id = \(id)")
            try await Self.appendEvent(
                transaction, caseID: id, event: "reroute", fromDepartment: current.department,
                toDepartment: request.departmentId, reason: request.reason, caller: caller, at: now)
            try await transaction.audit(AuditRecord(.update, subjects: [Self.subject(id)], information: ["department"]))
            return try await Self.loadCase(id, transaction, withContact: false, withHistory: true) ?? Case()
        }
    }

    /// A refused transition as a localized error: FAILED_PRECONDITION for a change the case's status does not
    /// allow, INVALID_ARGUMENT for a missing or unknown value.
    func rpcError(_ error: TransitionError, _ context: ServerContext) -> RPCError {
        let code: StatusCode = if case .notAllowed = error { .failedPrecondition } else { .invalidArgument }
        let text = plugin.localizer.messages[error.messageKey]?.text(in: context.language, arguments: error.arguments)
        return RPCError(code: code, message: text ?? error.messageKey)
    }

    /// What a change needs to know about a case, locked for the rest of the transaction.
    struct LockedCase {
        var status: CaseStatus
        var department: String
        var language: String
    }

    /// Locks a case the caller's department handles (administrators: any), or throws NOT_FOUND,
    /// PERMISSION_DENIED or FAILED_PRECONDITION (anonymized).
    func lockForChange(
        _ id: UUID, caller: Caller, _ transaction: Transaction, _ context: ServerContext
    ) async throws -> LockedCase {
        let rows = try await transaction.query(
            """
            SELECT status, department_id, intake_department_id, language, anonymized_at IS NOT NULL
            FROM feedback.cases WHERE id = \(id) FOR UPDATE
            """)
        let key = id.uuidString.lowercased()
        guard let row = rows.first else {
            throw plugin.localizer.error(.notFound, FeedbackMessages.caseNotFound, for: context, key)
        }
        let (statusText, department, intake, language, anonymized) = try row.decode(
            String.self, String.self, String.self, String.self, Bool.self)
        guard caller.role == .administrator || department == caller.department else {
            if intake == caller.department {
                throw plugin.localizer.error(
                    .permissionDenied, FeedbackMessages.notResponsible, for: context, key, department)
            }
            throw plugin.localizer.error(.notFound, FeedbackMessages.caseNotFound, for: context, key)
        }
        guard !anonymized else {
            throw plugin.localizer.error(.failedPrecondition, FeedbackMessages.caseAnonymized, for: context, key)
        }
        return LockedCase(status: CaseStatus(rawValue: statusText) ?? .received, department: department, language: language)
    }

    /// Whether a department exists (the host's directory).
    static func departmentExists(_ id: String, _ transaction: Transaction) async throws -> Bool {
        guard !id.isEmpty else { return false }
        return try await !transaction.query("SELECT 1 FROM core.departments WHERE id = \(id)").isEmpty
    }
}
