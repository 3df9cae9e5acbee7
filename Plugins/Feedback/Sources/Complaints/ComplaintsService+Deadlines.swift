import Foundation
import LoketPluginAPI

extension ComplaintsService {
    func listDeadlines(
        request: Loket_Feedback_V1_ListDeadlinesRequest, context: ServerContext
    ) async throws -> Loket_Feedback_V1_ListDeadlinesResponse {
        let caller = try context.caller
        let department = try scopedDepartment(request.departmentId, caller: caller, context) ?? ""
        let today = Day(belgian: plugin.clock.now())
        let within = request.withinWorkingDays <= 0 ? 2 : min(Int(request.withinWorkingDays), 60)
        return try await plugin.transaction(context) { transaction in
            try await requireExisting(request.departmentId, transaction, context)
            let settings = try await Self.settings(transaction)
            let policy = DeadlinePolicy(
                calendar: plugin.calendar, firstAnswerWorkingDays: Int(settings.firstAnswerWorkingDays))
            let limit = policy.dueSoonLimit(today: today, within: within)
            let rows = try await transaction.query(
                """
                SELECT id, status, main_category, sub_category, first_answer_due::text, final_answer_due::text,
                       first_answered_at IS NULL
                FROM feedback.cases
                WHERE department_id = \(department) AND status IN ('received', 'in_treatment')
                  AND ((first_answered_at IS NULL AND first_answer_due <= \(limit.calendarDate))
                       OR final_answer_due <= \(limit.calendarDate))
                ORDER BY least(first_answer_due, final_answer_due), id
                """)
            var response = Loket_Feedback_V1_ListDeadlinesResponse()
            response.departmentId = department
            response.today = today.description
            for row in rows {
                let (id, status, main, sub, firstDue, finalDue, firstOpen) = try row.decode(
                    UUID.self, String.self, String.self, String.self, String.self, String.self, Bool.self)
                var candidates: [(String, String)] = [("final_answer", finalDue)]
                if firstOpen { candidates.insert(("first_answer", firstDue), at: 0) }
                for (deadline, dueText) in candidates {
                    guard let due = Day(dueText), due <= limit else { continue }
                    var entry = Loket_Feedback_V1_DeadlineEntry()
                    entry.caseId = id.uuidString.lowercased()
                    entry.deadline = deadline
                    entry.dueOn = dueText
                    entry.overdue = due < today
                    entry.workingDaysLeft = Int32(clamping: policy.workingDaysLeft(until: due, today: today))
                    entry.status = status
                    entry.mainCategory = main
                    entry.subCategory = sub
                    if entry.overdue { response.overdue.append(entry) } else { response.dueSoon.append(entry) }
                }
            }
            return response
        }
    }

    /// The department a listing is about: the caller's own when `requested` is empty; another only for
    /// administrators. Nil means every department (administrators asking for all, where allowed).
    func scopedDepartment(
        _ requested: String, caller: Caller, _ context: ServerContext, allowAll: Bool = false
    ) throws -> String? {
        if requested.isEmpty {
            if allowAll && caller.role == .administrator { return nil }
            return try department(of: caller, context)
        }
        guard caller.role == .administrator || requested == caller.department else {
            throw plugin.localizer.error(
                .permissionDenied, FeedbackMessages.departmentNotAllowed, for: context, requested)
        }
        return requested
    }

    /// NOT_FOUND for a department an administrator names that does not exist, rather than empty figures that
    /// look like a quiet department; nothing to check when the request names none.
    func requireExisting(_ requested: String, _ transaction: Transaction, _ context: ServerContext) async throws {
        guard !requested.isEmpty, try await !Self.departmentExists(requested, transaction) else { return }
        throw plugin.localizer.error(.notFound, FeedbackMessages.unknownDepartment, for: context, requested)
    }
}
