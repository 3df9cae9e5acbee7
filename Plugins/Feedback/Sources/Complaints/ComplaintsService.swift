import Foundation
import LoketPluginAPI

/// `loket.feedback.v1.Complaints`: intake, routing, status history, deadlines, administration, analysis and
/// retention. A case belongs to the department it is routed to; the department that registered it may read it.
struct ComplaintsService: Loket_Feedback_V1_ComplaintsService {
    typealias Case = Loket_Feedback_V1_Case

    let plugin: PluginContext

    func submitCase(
        request: Loket_Feedback_V1_SubmitCaseRequest, context: ServerContext
    ) async throws -> Loket_Feedback_V1_SubmitCaseResponse {
        let caller = try context.caller
        let intake = try validate(request, caller: caller, context)
        let now = plugin.clock.now()
        let today = Day(belgian: now)
        let receivedOn = try receivedDay(request.receivedOn, today: today, context)
        let department = try department(of: caller, context)
        return try await plugin.transaction(context) { transaction in
            let settings = try await Self.settings(transaction)
            guard let category = try await Self.category(intake.mainCategory, intake.subCategory, transaction) else {
                throw plugin.localizer.error(
                    .invalidArgument, FeedbackMessages.unknownCategory, for: context, intake.mainCategory,
                    intake.subCategory)
            }
            let router = Router(rules: try await Self.routingRules(transaction))
            let (target, rule) = router.route(
                RoutingSubject(
                    mainCategory: intake.mainCategory, subCategory: intake.subCategory, channel: intake.channel,
                    text: intake.text),
                fallback: department)
            let policy = DeadlinePolicy(
                calendar: plugin.calendar, firstAnswerWorkingDays: Int(settings.firstAnswerWorkingDays))
            let due = policy.deadlines(
                receivedOn: receivedOn, termDays: category.termDays, inWorkingDays: category.termInWorkingDays)
            let contact = intake.contact
            let backdated = receivedOn < today
            let inserted = try await transaction.query(
                """
                INSERT INTO feedback.cases (
                    intake_department_id, client_key, fingerprint, kind, channel, main_category, sub_category, text,
                    language, contact_name, contact_email, contact_phone, contact_address, anonymous, department_id,
                    routing_rule, received_on, received_at, registered_at, first_answer_due, final_answer_due)
                VALUES (
                    \(department), \(intake.clientKey), md5(\(intake.fingerprint)), \(intake.kind), \(intake.channel),
                    \(intake.mainCategory), \(intake.subCategory), \(intake.text), \(intake.language),
                    \(contact?.name), \(contact?.email), \(contact?.phone), \(contact?.address), \(contact == nil),
                    \(target), \(rule.map { $0.position }),
                    \(receivedOn.calendarDate),
                    CASE WHEN \(backdated) THEN \(receivedOn.calendarDate)::timestamp AT TIME ZONE 'Europe/Brussels'
                         ELSE \(now) END,
                    \(now), \(due.firstAnswer.calendarDate), \(due.finalAnswer.calendarDate))
                ON CONFLICT (intake_department_id, client_key) DO NOTHING
                RETURNING id
                """)
            guard let row = inserted.first else {
                return try await duplicate(of: intake, department: department, transaction, context)
            }
            let id = try row.decode(UUID.self, at: 0)
            for (index, attachment) in intake.attachments.enumerated() {
                try await transaction.query(
                    """
                    INSERT INTO feedback.attachments (case_id, position, reference, file_name, media_type)
                    VALUES (\(id), \(index + 1), \(attachment.reference), \(attachment.fileName),
                            \(attachment.mediaType))
                    """)
            }
            try await Self.appendEvent(
                transaction, caseID: id, event: "intake", toStatus: CaseStatus.received.rawValue,
                toDepartment: target, reason: rule.map { "routing rule \($0.position)" } ?? "", caller: caller,
                at: now)
            try await transaction.audit(
                AuditRecord(
                    .create, subjects: [Self.subject(id)],
                    information: contact == nil ? ["text"] : ["text"] + Self.contactFields))
            let stored = try await Self.loadCase(id, transaction, withContact: true, withHistory: false)
            return .with { $0.case = stored }
        }
    }

    func getCase(request: Loket_Feedback_V1_GetCaseRequest, context: ServerContext) async throws -> Case {
        let caller = try context.caller
        let id = try caseID(request.id, context)
        return try await plugin.transaction(context) { transaction in
            let found = try await Self.loadCase(id, transaction, withContact: true, withHistory: true)
            guard let found, caller.role == .administrator || found.departmentId == caller.department
                || found.intakeDepartmentId == caller.department
            else {
                throw plugin.localizer.error(.notFound, FeedbackMessages.caseNotFound, for: context, request.id)
            }
            try await transaction.audit(
                AuditRecord(
                    .read, subjects: [Self.subject(id)],
                    information: found.anonymous ? ["text", "history"] : ["text", "history"] + Self.contactFields))
            return found
        }
    }

    func listCases(
        request: Loket_Feedback_V1_ListCasesRequest, context: ServerContext
    ) async throws -> Loket_Feedback_V1_ListCasesResponse {
        let caller = try context.caller
        let department = try department(of: caller, context)
        if !request.status.isEmpty, CaseStatus(rawValue: request.status) == nil {
            throw plugin.localizer.error(.invalidArgument, FeedbackMessages.unknownStatus, for: context, request.status)
        }
        guard request.pageSize >= 0 else {
            throw plugin.localizer.error(.invalidArgument, FeedbackMessages.invalidPageSize, for: context)
        }
        let pageSize = request.pageSize == 0 ? Self.defaultPageSize : min(Int(request.pageSize), Self.maximumPageSize)
        var after: CasePageToken?
        if !request.pageToken.isEmpty {
            guard let token = CasePageToken(request.pageToken), token.status == request.status else {
                throw plugin.localizer.error(.invalidArgument, FeedbackMessages.invalidPageToken, for: context)
            }
            after = token
        }
        let status: String? = request.status.isEmpty ? nil : request.status
        let afterTime = after?.receivedAt
        let afterID = after?.id
        return try await plugin.transaction(context) { transaction in
            // One row more than the page tells whether there is a next page.
            let rows = try await transaction.query(
                """
                SELECT \(unsafeRawSQL: Self.caseColumns) FROM feedback.cases
                WHERE department_id = \(department) AND (\(status)::text IS NULL OR status = \(status))
                  AND (\(afterTime)::timestamptz IS NULL OR (received_at, id) < (\(afterTime)::timestamptz, \(afterID)))
                ORDER BY received_at DESC, id DESC LIMIT \(pageSize + 1)
                """)
            var cases = try rows.map { try Self.decodeCase($0, withContact: false) }
            var response = Loket_Feedback_V1_ListCasesResponse()
            if cases.count > pageSize {
                cases.removeLast(cases.count - pageSize)
                if let last = cases.last, let id = UUID(uuidString: last.id) {
                    response.nextPageToken = CasePageToken(
                        status: request.status, receivedAt: last.receivedAt, id: id
                    ).encoded
                }
            }
            response.cases = cases
            return response
        }
    }

    /// Cases per ListCases page when the request does not say, and at most.
    static let defaultPageSize = 100
    static let maximumPageSize = 500

    /// The caller's department; the host has checked that the plugin is enabled there.
    func department(of caller: Caller, _ context: ServerContext) throws -> String {
        guard let department = caller.department else {
            throw plugin.localizer.error(.permissionDenied, FeedbackMessages.callerWithoutDepartment, for: context)
        }
        return department
    }

    /// A case id from a request.
    func caseID(_ text: String, _ context: ServerContext) throws -> UUID {
        guard let id = UUID(uuidString: text) else {
            throw plugin.localizer.error(.notFound, FeedbackMessages.caseNotFound, for: context, text)
        }
        return id
    }

    /// The audit subject of a case.
    static func subject(_ id: UUID) -> AuditSubject {
        AuditSubject(kind: "feedback-case", id: id.uuidString.lowercased())
    }

    static let contactFields = ["contact_name", "contact_email", "contact_phone", "contact_address"]

    /// The answer to a repeated submission: the first case, or ALREADY_EXISTS when the key was used for other
    /// content.
    private func duplicate(
        of intake: Intake, department: String, _ transaction: Transaction, _ context: ServerContext
    ) async throws -> Loket_Feedback_V1_SubmitCaseResponse {
        let rows = try await transaction.query(
            """
            SELECT id, fingerprint = md5(\(intake.fingerprint)) FROM feedback.cases
            WHERE intake_department_id = \(department) AND client_key = \(intake.clientKey)
            """)
        guard let row = rows.first else {
            throw RPCError(code: .aborted, message: "the case was removed meanwhile; try again")
        }
        let (id, same) = try row.decode(UUID.self, Bool.self)
        guard same else {
            throw plugin.localizer.error(
                .alreadyExists, FeedbackMessages.clientKeyReused, for: context, intake.clientKey)
        }
        let stored = try await Self.loadCase(id, transaction, withContact: true, withHistory: false)
        try await transaction.audit(AuditRecord(.read, subjects: [Self.subject(id)], information: Self.contactFields))
        return .with {
            $0.case = stored
            $0.duplicate = true
        }
    }
}
