import Foundation
import LoketPluginAPI

extension CivilRegistryService {
    /// The parents' term to declare a birth, in calendar days after the birth (moved to the next working day).
    static let declarationTermDays = 15

    func notifyBirth(
        request: Loket_Civilregistry_V1_NotifyBirthRequest, context: ServerContext
    ) async throws -> Loket_Civilregistry_V1_BirthNotificationReceipt {
        let caller = try context.caller
        let notificationID = request.notificationId.trimmingCharacters(in: .whitespaces)
        guard (1...100).contains(notificationID.count) else {
            throw plugin.localizer.error(.invalidArgument, CivilRegistryMessages.invalidNotificationID, for: context)
        }
        guard let sender = UUID(uuidString: caller.principalID) else {
            throw RPCError(code: .unauthenticated, message: "no authenticated caller")
        }
        let mother = try nationalNumber(request.motherNationalNumber, context)
        let birthDate = try date(request.birthDate, context)
        var record = ActRecord()
        record.childFamilyName = try text(request.childFamilyName, field: "child_family_name", context)
        record.childGivenNames = try text(request.childGivenNames, field: "child_given_names", context)
        record.childSex = request.childSex == .unspecified ? "" : Self.sexName(request.childSex)
        record.eventDate = birthDate.description
        record.place = try text(request.place, field: "place", context)
        let due = Self.declarationDue(birthDate, calendar: plugin.calendar)
        let state = try ActState(kind: .birth).applying(.notified)
        let actID = UUID()

        return try await plugin.transaction(context) { transaction in
            // The first notification with this id claims it; a resend (even a concurrent one, which waits on the
            // key) finds the claim and gets the first result back.
            let claimed = try await transaction.query(
                """
                INSERT INTO civil_registry.birth_notifications (sender_id, notification_id, sender_name, act_id)
                VALUES (\(sender), \(notificationID), \(caller.principalName), \(actID))
                ON CONFLICT (sender_id, notification_id) DO NOTHING
                RETURNING act_id
                """)
            if claimed.isEmpty {
                let rows = try await transaction.query(
                    """
                    SELECT n.act_id, coalesce(to_char(a.declaration_due, 'YYYY-MM-DD'), ''),
                           to_char(n.received_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')
                    FROM civil_registry.birth_notifications n JOIN civil_registry.acts a ON a.id = n.act_id
                    WHERE n.sender_id = \(sender) AND n.notification_id = \(notificationID)
                    """)
                guard let first = rows.first else {
                    throw RPCError(code: .aborted, message: "the notification changed concurrently; send it again")
                }
                let (act, due, received) = try first.decode(UUID.self, String.self, String.self)
                return .with {
                    $0.notificationId = notificationID
                    $0.actId = act.uuidString.lowercased()
                    $0.declarationDue = due
                    $0.receivedAt = received
                }
            }
            // The mother, when the city knows her, is linked; otherwise the registrar completes the draft.
            let mothers = try await transaction.query(
                "SELECT id FROM civil_registry.persons WHERE national_number = \(mother.digits)")
            if let row = mothers.first { record.motherID = try row.decode(UUID.self, at: 0).uuidString.lowercased() }
            let flagged =
                record.motherID.isEmpty ? false
                : try await possibleDuplicate(.birth, record, excluding: actID, in: transaction)
            // The act the claim names goes in now; the claim's foreign key is checked at commit.
            try await transaction.query(
                """
                INSERT INTO civil_registry.acts (id, kind, status, data, possible_duplicate, declaration_due, department_id)
                VALUES (\(actID), 'birth', \(state.status.rawValue), \(try Self.json(record)), \(flagged),
                        \(due.description)::date, \(caller.department))
                """)
            try await appendAction(
                .notified, to: actID, statusAfter: state.status, reason: "notification \(notificationID)",
                data: record, caller: caller, in: transaction)
            try await transaction.audit(
                AuditRecord(
                    .create, subjects: [AuditSubject(kind: "act", id: actID.uuidString.lowercased()), .person(mother.digits)],
                    information: ["act:birth", "birth_notification"]))
            let received = try await transaction.query(
                """
                SELECT to_char(received_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')
                FROM civil_registry.birth_notifications WHERE sender_id = \(sender) AND notification_id = \(notificationID)
                """)
            return .with {
                $0.notificationId = notificationID
                $0.actId = actID.uuidString.lowercased()
                $0.declarationDue = due.description
                $0.receivedAt = (try? received[0].decode(String.self, at: 0)) ?? ""
            }
        }
    }

    func listOverdueBirthDrafts(
        request: Loket_Civilregistry_V1_ListOverdueBirthDraftsRequest, context: ServerContext
    ) async throws -> Loket_Civilregistry_V1_ListActsResponse {
        let today = Self.belgianDay(plugin.clock.now())
        return try await plugin.transaction(context) { transaction in
            let rows = try await transaction.query(
                """
                SELECT id FROM civil_registry.acts
                WHERE kind = 'birth' AND status = 'draft' AND declaration_due < \(today.description)::date
                ORDER BY declaration_due, id LIMIT 500
                """)
            var acts: [Act] = []
            for row in rows {
                if let act = try await loadAct(try row.decode(UUID.self, at: 0), in: transaction) { acts.append(act) }
            }
            if !acts.isEmpty {
                try await transaction.audit(
                    AuditRecord(
                        .read, subjects: acts.map { AuditSubject(kind: "act", id: $0.id) },
                        information: ["act:birth", "act_actions"]))
            }
            return .with { $0.acts = acts }
        }
    }

    /// The last day to declare a birth: 15 days after it, moved past weekends, holidays and closing days.
    static func declarationDue(_ birth: CalendarDate, calendar: WorkingDayCalendar) -> CalendarDate {
        guard let day = Day(year: birth.year, month: birth.month, day: birth.day) else { return birth }
        let due = calendar.adding(calendarDays: declarationTermDays, to: day)
        return CalendarDate(year: due.year, month: due.month, day: due.day) ?? birth
    }

    /// The day of `date` in Belgium.
    static func belgianDay(_ date: Date) -> CalendarDate {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Europe/Brussels") ?? .gmt
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        return CalendarDate(year: parts.year ?? 1970, month: parts.month ?? 1, day: parts.day ?? 1)
            ?? CalendarDate(daysSince1970: 0)
    }
}
