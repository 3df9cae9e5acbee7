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
        guard request.pageSize >= 0 else {
            throw plugin.localizer.error(.invalidArgument, CorrespondenceMessages.invalidDeadlinePageSize, for: context)
        }
        // More than the maximum is read as the maximum (as 0 is), so that a client asking for "everything" gets
        // pages instead of an error.
        let pageSize =
            request.pageSize == 0 ? Self.deadlineListLimit : min(Int(request.pageSize), Self.deadlineListLimit)
        var after: DeadlinePageToken?
        if !request.pageToken.isEmpty {
            guard let token = DeadlinePageToken(request.pageToken) else {
                throw plugin.localizer.error(.invalidArgument, CorrespondenceMessages.invalidPageToken, for: context)
            }
            guard token.matches(department: request.departmentId, dueWithin: within) else {
                throw plugin.localizer.error(
                    .invalidArgument, CorrespondenceMessages.deadlinePageTokenMismatch, for: context)
            }
            after = token
        }
        let rows = try await openDeadlines(
            department: request.departmentId, within: within, after: after.map { ($0.dueOn, $0.id) },
            limit: pageSize, context)
        let page = rows.prefix(pageSize)
        let hasNext = rows.count > pageSize
        return .with {
            // The page is one slice of the order soonest due first; overdue items are due before the others, so
            // both lists keep that order.
            $0.overdue = page.map(\.summary).filter(\.overdue)
            $0.dueSoon = page.map(\.summary).filter { !$0.overdue }
            $0.truncated = hasNext
            if hasNext, let last = page.last, let dueOn = last.item.dueOn.flatMap(Day.init) {
                $0.nextPageToken = DeadlinePageToken(
                    department: request.departmentId, dueWithin: within, dueOn: dueOn, id: last.item.id
                ).encoded
            }
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
                // Each look covers the first page of ListDeadlines: the items due soonest.
                let rows = try await openDeadlines(
                    department: request.departmentId, within: within, after: nil, limit: Self.deadlineListLimit,
                    context)
                var listed = Set<String>()
                for summary in rows.prefix(Self.deadlineListLimit).map(\.summary) {
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

    /// The most items a page of the deadline list (or one look of the reminders stream) holds.
    static let deadlineListLimit = 1000

    /// Open incoming items due within `within` working days or overdue, soonest due first, ties by id, after the
    /// keyset `after` (the due date and id of the last item of the page before): at most one more than `limit`,
    /// which tells that a next page exists. A department's items are those dispatched to it and those it registered
    /// that are not dispatched yet.
    private func openDeadlines(
        department: String, within: Int, after: (dueOn: Day, id: UUID)?, limit: Int, _ context: ServerContext
    ) async throws -> [(item: StoredItem, summary: Summary)] {
        let caller = try context.caller
        let today = self.today
        let dueSoonLimit = dueDates.dueSoonLimit(today: today, within: within)
        // Without a keyset the row comparison is switched off by its flag (one statement for both cases); the
        // lower bound on the due date, the lowest day a Day has then, holds for every item and is there so that the
        // index on (due_on, id) starts its scan at the keyset.
        let hasKeyset = after != nil
        let afterDue = (after?.dueOn ?? Day.min).calendarDate
        let afterID = after?.id
        let rows = try await plugin.transaction(context) { transaction in
            // An empty list for a department that does not exist would look like a department with nothing due.
            if !department.isEmpty {
                try await requireDepartment(department, in: transaction, context, code: .notFound)
            }
            return try await transaction.query(
                """
                SELECT \(unsafeRawSQL: StoredItem.columns) FROM correspondence.items i
                WHERE i.direction = 'in' AND i.status IN ('registered', 'dispatched', 'assigned', 'in_treatment')
                  AND i.due_on <= \(dueSoonLimit.calendarDate)
                  AND (\(department) = '' OR coalesce(i.department_id, i.registered_department) = \(department))
                  AND i.due_on >= \(afterDue)
                  AND (NOT \(hasKeyset) OR (i.due_on, i.id) > (\(afterDue), \(afterID)))
                ORDER BY i.due_on, i.id LIMIT \(limit + 1)
                """)
        }
        return try rows.map {
            let item = try StoredItem(row: $0)
            return (item, summary(item, caller: caller, today: today))
        }
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
