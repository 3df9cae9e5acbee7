import Foundation
import LoketPluginAPI

/// Workflow steps, term changes and the history.
extension CorrespondenceService {
    func transition(request: Loket_Correspondence_V1_TransitionRequest, context: ServerContext) async throws -> Item {
        let caller = try context.caller
        guard let action = Self.action(request) else {
            throw plugin.localizer.error(.invalidArgument, CorrespondenceMessages.invalidAction, for: context)
        }
        if case .assign(let agent) = action, !Self.isPrincipalName(agent) {
            throw plugin.localizer.error(.invalidArgument, CorrespondenceMessages.invalidAgent, for: context)
        }
        let note = try reason(request.note, required: false, context)
        return try await plugin.transaction(context) { transaction in
            if case .dispatch(let department) = action {
                try await requireDepartment(department, in: transaction, context)
            }
            let stored = try await loadItem(request.item, in: transaction, context: context, lock: true)
            try await apply(action, to: stored, note: note, principal: caller.principalName, in: transaction, context)
            if action == .send {
                try await answerItems(answeredBy: stored, principal: caller.principalName, in: transaction)
            }
            if !note.isEmpty { try await transaction.query("SELECT correspondence.refresh_search(\(stored.id))") }
            if stored.direction == .incoming { try await wakeReminders(in: transaction) }
            let item = try await message(
                for: try await loadItem(stored.id.uuidString, in: transaction, context: context), in: transaction)
            try await transaction.audit(Self.auditRecord(.update, item))
            return item
        }
    }

    /// Runs one step of the item's workflow and stores the result with a history entry.
    private func apply(
        _ action: WorkflowAction, to item: StoredItem, note: String, principal: String,
        in transaction: Transaction, _ context: ServerContext
    ) async throws {
        let next: ItemStatus
        var department = item.departmentID
        var agent = item.agent
        do throws(WorkflowError) {
            switch item.direction {
            case .incoming:
                guard var workflow = IncomingWorkflow(status: item.status, department: department, agent: agent) else {
                    throw WorkflowError(status: item.status, action: action)
                }
                try workflow.apply(action)
                next = workflow.status
                department = workflow.department
                agent = workflow.agent
            case .outgoing:
                guard var workflow = OutgoingWorkflow(status: item.status) else {
                    throw WorkflowError(status: item.status, action: action)
                }
                try workflow.apply(action)
                next = workflow.status
            }
        } catch {
            throw plugin.localizer.error(
                .failedPrecondition, CorrespondenceMessages.workflowRefused, for: context, action.name,
                item.status.rawValue)
        }
        // Dispatching sets the due date anew by the term of the department (and the item's channel).
        var termNote = ""
        var due = item.dueOn
        if case .dispatch = action, let term = try await termDueDate(of: item, department: department, in: transaction),
            let newDue = term.due.calendarDate, newDue != item.dueOn
        {
            due = newDue
            termNote = "due \(item.dueOn?.description ?? "-") -> \(term.due) (term \(term.scope?.description ?? "*/*"): "
                + "\(term.workingDays) working days)"
        }
        let today = self.today.calendarDate
        try await transaction.query(
            """
            UPDATE correspondence.items SET
                status = \(next.rawValue), department_id = \(department), agent = \(agent), due_on = \(due),
                answered_at = CASE WHEN \(next == .answered) THEN now() ELSE answered_at END,
                answered_on = CASE WHEN \(next == .answered) THEN \(today) ELSE answered_on END,
                closed_at = CASE WHEN \(next == .closed) THEN now() ELSE closed_at END,
                sent_on = CASE WHEN \(next == .sent) THEN \(today) ELSE sent_on END
            WHERE id = \(item.id)
            """)
        var historyNote = note
        if case .dispatch(let department) = action {
            historyNote = Self.joined(Self.joined("department: \(department)", termNote), note)
        }
        if case .assign(let agent) = action { historyNote = Self.joined("agent: \(agent)", note) }
        try await appendHistory(
            item.id, action: action.name, from: item.status, to: next, note: historyNote, principal: principal,
            in: transaction)
    }

    /// A sent reply answers the open incoming items it is linked to and closes them, as well as linked items that
    /// were answered before by other means; closed items stay as they are. Each step is a history entry.
    private func answerItems(answeredBy reply: StoredItem, principal: String, in transaction: Transaction) async throws {
        let rows = try await transaction.query(
            """
            SELECT i.id, i.status, i.department_id, i.agent FROM correspondence.items i
            JOIN correspondence.replies r ON r.item_id = i.id
            WHERE r.reply_id = \(reply.id) ORDER BY i.id FOR UPDATE OF i
            """)
        let today = self.today.calendarDate
        for row in rows {
            let (id, statusText, department, agent) = try row.decode(UUID.self, String.self, String?.self, String?.self)
            guard let stored = ItemStatus(rawValue: statusText),
                var workflow = IncomingWorkflow(status: stored, department: department, agent: agent)
            else { continue }
            for action in [WorkflowAction.answerByReply, .closeByReply] {
                let status = workflow.status
                guard (try? workflow.apply(action)) != nil else { continue }
                try await transaction.query(
                    """
                    UPDATE correspondence.items SET status = \(workflow.status.rawValue),
                        answered_at = CASE WHEN \(action == .answerByReply) THEN now() ELSE answered_at END,
                        answered_on = CASE WHEN \(action == .answerByReply) THEN \(today) ELSE answered_on END,
                        closed_at = CASE WHEN \(action == .closeByReply) THEN now() ELSE closed_at END
                    WHERE id = \(id)
                    """)
                try await appendHistory(
                    id, action: action.name, from: status, to: workflow.status, note: "reply: \(reply.reference)",
                    principal: principal, in: transaction)
            }
        }
    }

    func suspendDeadline(request: Loket_Correspondence_V1_SuspendDeadlineRequest, context: ServerContext) async throws -> Item {
        let start = try day(request.from, context)
        let end = try day(request.to, context)
        guard start <= end else {
            throw plugin.localizer.error(.invalidArgument, CorrespondenceMessages.invalidPeriod, for: context)
        }
        let reason = try reason(request.reason, required: true, context)
        return try await changeDeadline(request.item, context) { due in
            let changed = dueDates.suspending(due, from: start, to: end)
            return (changed, "suspension", start.calendarDate, end.calendarDate, nil,
                    "suspended \(start)..\(end): \(reason)", reason)
        }
    }

    func extendDeadline(request: Loket_Correspondence_V1_ExtendDeadlineRequest, context: ServerContext) async throws -> Item {
        guard (1...365).contains(request.workingDays) else {
            throw plugin.localizer.error(.invalidArgument, CorrespondenceMessages.invalidWorkingDays, for: context, "1", "365")
        }
        let reason = try reason(request.reason, required: true, context)
        let days = Int(request.workingDays)
        return try await changeDeadline(request.item, context) { due in
            (dueDates.extending(due, byWorkingDays: days), "extension", nil, nil, days,
             "extended by \(days) working days: \(reason)", reason)
        }
    }

    /// Moves an open incoming item's due date as `change` says, recording the change and a history entry.
    private func changeDeadline(
        _ name: String, _ context: ServerContext,
        _ change: @Sendable (Day) -> (Day, String, CalendarDate?, CalendarDate?, Int?, String, String)
    ) async throws -> Item {
        let caller = try context.caller
        return try await plugin.transaction(context) { transaction in
            let stored = try await loadItem(name, in: transaction, context: context, lock: true)
            guard stored.direction == .incoming, let dueDate = stored.dueOn, let due = Day(dueDate) else {
                throw plugin.localizer.error(.failedPrecondition, CorrespondenceMessages.notIncoming, for: context, stored.reference)
            }
            guard stored.status.isOpen else {
                throw plugin.localizer.error(.failedPrecondition, CorrespondenceMessages.notOpen, for: context, stored.reference)
            }
            let (newDue, kind, from, to, days, note, reason) = change(due)
            try await transaction.query(
                """
                INSERT INTO correspondence.deadline_changes
                    (item_id, kind, suspended_from, suspended_to, working_days, reason, previous_due_on, new_due_on,
                     principal)
                VALUES (\(stored.id), \(kind), \(from), \(to), \(days), \(reason), \(dueDate), \(newDue.calendarDate),
                        \(caller.principalName))
                """)
            try await transaction.query(
                "UPDATE correspondence.items SET due_on = \(newDue.calendarDate) WHERE id = \(stored.id)")
            try await appendHistory(
                stored.id, action: kind, from: stored.status, to: stored.status,
                note: "\(note) (due \(due) -> \(newDue))", principal: caller.principalName, in: transaction)
            try await transaction.query("SELECT correspondence.refresh_search(\(stored.id))")
            try await wakeReminders(in: transaction)
            let item = try await message(
                for: try await loadItem(stored.id.uuidString, in: transaction, context: context), in: transaction)
            try await transaction.audit(Self.auditRecord(.update, item))
            return item
        }
    }

    func listHistory(
        request: Loket_Correspondence_V1_ListHistoryRequest, context: ServerContext
    ) async throws -> Loket_Correspondence_V1_ListHistoryResponse {
        try await plugin.transaction(context) { transaction in
            let item = try await loadItem(request.item, in: transaction, context: context)
            let rows = try await transaction.query(
                """
                SELECT sequence, to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'), principal, action,
                       from_status, to_status, note
                FROM correspondence.history WHERE item_id = \(item.id) ORDER BY sequence
                """)
            return .with { response in
                response.entries = rows.compactMap { row in
                    guard let (sequence, at, principal, action, from, to, note) = try? row.decode(
                        Int64.self, String.self, String.self, String.self, String?.self, String.self, String.self)
                    else { return nil }
                    return .with {
                        $0.sequence = sequence
                        $0.at = at
                        $0.principal = principal
                        $0.action = action
                        $0.fromStatus = Self.proto(status: from)
                        $0.toStatus = Self.proto(status: to)
                        $0.note = note
                    }
                }
            }
        }
    }

    static func joined(_ first: String, _ second: String) -> String {
        second.isEmpty ? first : first + "; " + second
    }
}
