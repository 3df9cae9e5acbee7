import Foundation
import LoketPluginAPI

/// Overdue and due-soon lists, and the reminders stream.
extension CorrespondenceService {
    typealias Summary = Loket_Correspondence_V1_ItemSummary

    /// The channel on which a committed change of an incoming item (registered, moved on, its due date changed)
    /// wakes the reminders streams.
    static let deadlineChannel = "correspondence_deadlines"
    /// A woken stream looks at most this often, however many changes come in.
    static let reminderWakeGap: Duration = .seconds(1)

    /// Wakes the reminders streams when the transaction commits.
    func wakeReminders(in transaction: Transaction) async throws {
        try await transaction.notify(channel: Self.deadlineChannel)
    }

    func listDeadlines(
        request: Loket_Correspondence_V1_ListDeadlinesRequest, context: ServerContext
    ) async throws -> Loket_Correspondence_V1_ListDeadlinesResponse {
        let within = try dueWithin(request.dueWithinWorkingDays, context)
        let summaries = try await openDeadlines(department: request.departmentId, within: within, context)
        let listed = summaries.prefix(Self.deadlineListLimit)
        return .with {
            $0.overdue = listed.filter(\.overdue)
            $0.dueSoon = listed.filter { !$0.overdue }
            $0.truncated = summaries.count > Self.deadlineListLimit
        }
    }

    func watchReminders(
        request: Loket_Correspondence_V1_WatchRemindersRequest,
        response: ResponseWriter<Loket_Correspondence_V1_Reminder>, context: ServerContext
    ) async throws {
        let within = try dueWithin(request.dueWithinWorkingDays, context)
        let interval = request.intervalSeconds == 0 ? 60 : Int(request.intervalSeconds)
        guard (1...3600).contains(interval) else {
            throw plugin.localizer.error(.invalidArgument, CorrespondenceMessages.invalidInterval, for: context)
        }
        // Looks again when a change of an incoming item commits (at most once a `reminderWakeGap`), and every
        // `interval` for what the passing days make due soon or overdue (and in case a notification was lost).
        // Subscribed before the first look, so that a change committed in between wakes the loop.
        try await plugin.notifications.withWakeups(channel: Self.deadlineChannel, every: .seconds(interval)) {
            wakeups in
            // What this stream reminded of and is still on the list: an item comes again when its due date or its
            // state (due soon, overdue) changes, or when it comes back on the list.
            var sent = Set<String>()
            var waiting = wakeups.makeAsyncIterator()
            while !Task.isCancelled {
                let summaries = try await openDeadlines(department: request.departmentId, within: within, context)
                var listed = Set<String>()
                for summary in summaries.prefix(Self.deadlineListLimit) {
                    let key = "\(summary.id)|\(summary.dueOn)|\(summary.overdue)"
                    listed.insert(key)
                    if !sent.contains(key) {
                        try await response.write(.with { $0.item = summary })
                    }
                }
                sent = listed
                // Cancellation (the client went away) ends the wait with nil.
                guard await waiting.next() != nil else { break }
                try await Task.sleep(for: Self.reminderWakeGap)
            }
        }
    }

    private func dueWithin(_ value: Int32, _ context: ServerContext) throws -> Int {
        guard (0...60).contains(value) else {
            throw plugin.localizer.error(.invalidArgument, CorrespondenceMessages.invalidWorkingDays, for: context, "0", "60")
        }
        return value == 0 ? 2 : Int(value)
    }

    /// The most items a deadline list (or one look of the reminders stream) holds.
    static let deadlineListLimit = 1000

    /// Open incoming items due within `within` working days or overdue, soonest first: at most one more than
    /// ``deadlineListLimit``, which tells that the list is cut. A department's items are those dispatched to it and
    /// those it registered that are not dispatched yet.
    private func openDeadlines(department: String, within: Int, _ context: ServerContext) async throws -> [Summary] {
        let caller = try context.caller
        let today = self.today
        let limit = dueDates.dueSoonLimit(today: today, within: within)
        let rows = try await plugin.transaction(context) { transaction in
            try await transaction.query(
                """
                SELECT \(unsafeRawSQL: StoredItem.columns) FROM correspondence.items i
                WHERE i.direction = 'in' AND i.status IN ('registered', 'dispatched', 'assigned', 'in_treatment')
                  AND i.due_on <= \(limit.calendarDate)
                  AND (\(department) = '' OR coalesce(i.department_id, i.registered_department) = \(department))
                ORDER BY i.due_on, i.reference LIMIT \(Self.deadlineListLimit + 1)
                """)
        }
        return try rows.map { try summary(StoredItem(row: $0), caller: caller, today: today) }
    }

    /// An item's summary for `caller`: without the subject of a confidential item the caller may not read.
    func summary(_ item: StoredItem, caller: Caller, today: Day) -> Summary {
        .with {
            $0.id = item.id.uuidString.lowercased()
            $0.reference = item.reference
            $0.direction = Self.proto(item.direction)
            $0.channel = Self.proto(channel: item.channel)
            $0.subject = item.isReadable(by: caller) ? item.subject : ""
            $0.confidential = item.confidential
            $0.status = Self.proto(item.status)
            $0.departmentId = item.departmentID ?? ""
            $0.agent = item.agent ?? ""
            $0.receivedOn = item.receivedOn.description
            if let dueDate = item.dueOn, let due = Day(dueDate) {
                $0.dueOn = due.description
                let left = dueDates.workingDaysLeft(today: today, due: due)
                $0.workingDaysLeft = Int32(clamping: left)
                $0.overdue = item.status.isOpen && due < today
            }
        }
    }
}
