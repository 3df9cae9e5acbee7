import Foundation
import LoketPluginAPI

/// The terms of incoming items per department and channel (`correspondence.terms`), and the due dates they set.
extension CorrespondenceService {
    typealias ProtoTerm = Loket_Correspondence_V1_Term

    func listTerms(
        request: Loket_Correspondence_V1_ListTermsRequest, context: ServerContext
    ) async throws -> Loket_Correspondence_V1_ListTermsResponse {
        try await plugin.transaction(context) { transaction in
            let terms = try await loadTerms(in: transaction)
            return .with { $0.terms = terms.ordered.map { Self.proto($0.scope, workingDays: $0.workingDays) } }
        }
    }

    func setTerm(request: ProtoTerm, context: ServerContext) async throws -> ProtoTerm {
        let scope = try termScope(department: request.departmentId, channel: request.channel, context)
        let days = try termWorkingDays(request.workingDays, context)
        return try await plugin.transaction(context) { transaction in
            try await storeTerm(scope, workingDays: days, in: transaction, context)
            return Self.proto(scope, workingDays: days)
        }
    }

    func setChannelTerm(
        request: Loket_Correspondence_V1_SetChannelTermRequest, context: ServerContext
    ) async throws -> Loket_Correspondence_V1_ChannelTerm {
        guard let channel = Self.channel(request.channel) else {
            throw plugin.localizer.error(.invalidArgument, CorrespondenceMessages.invalidChannel, for: context)
        }
        let days = try termWorkingDays(request.workingDays, context)
        return try await plugin.transaction(context) { transaction in
            try await storeTerm(TermScope(department: nil, channel: channel), workingDays: days, in: transaction, context)
            return .with {
                $0.channel = request.channel
                $0.workingDays = request.workingDays
            }
        }
    }

    func deleteTerm(
        request: Loket_Correspondence_V1_DeleteTermRequest, context: ServerContext
    ) async throws -> Loket_Correspondence_V1_DeleteTermResponse {
        let scope = try termScope(department: request.departmentId, channel: request.channel, context)
        guard scope != .everything else {
            throw plugin.localizer.error(.failedPrecondition, CorrespondenceMessages.defaultTermKept, for: context)
        }
        return try await plugin.transaction(context) { transaction in
            let deleted = try await transaction.query(
                """
                DELETE FROM correspondence.terms
                WHERE coalesce(department_id, '') = \(scope.department ?? "") AND coalesce(channel, '') = \(scope.channel ?? "")
                """)
            let found = (deleted.affectedRows ?? 0) > 0
            if found {
                try await transaction.audit(
                    AuditRecord(.delete, subjects: [AuditSubject(kind: "correspondence-term", id: scope.description)],
                                information: ["working_days"]))
            }
            return .with { $0.deleted = found }
        }
    }

    /// Every stored term.
    func loadTerms(in transaction: Transaction) async throws -> Terms {
        let rows = try await transaction.query("SELECT department_id, channel, working_days FROM correspondence.terms")
        var terms: [TermScope: Int] = [:]
        for row in rows {
            let (department, channel, days) = try row.decode(String?.self, String?.self, Int.self)
            terms[TermScope(department: department, channel: channel)] = days
        }
        return Terms(terms)
    }

    /// The due date of an incoming item as if it were registered in `department` (nil before dispatch): its
    /// received date plus the term of the department and its channel, with its suspensions and extensions applied
    /// again in the order they were made. Also returns the term and its scope, for the history.
    func termDueDate(
        of item: StoredItem, department: String?, in transaction: Transaction
    ) async throws -> (due: Day, scope: TermScope?, workingDays: Int)? {
        guard item.direction == .incoming, let received = Day(item.receivedOn) else { return nil }
        let term = try await loadTerms(in: transaction).term(department: department, channel: item.channel)
        let rows = try await transaction.query(
            """
            SELECT kind, suspended_from, suspended_to, working_days FROM correspondence.deadline_changes
            WHERE item_id = \(item.id) ORDER BY id
            """)
        let changes: [DeadlineChange] = try rows.compactMap { row in
            let (kind, from, to, days) = try row.decode(String.self, CalendarDate?.self, CalendarDate?.self, Int?.self)
            switch kind {
            case "suspension":
                guard let from, let to, let start = Day(from), let end = Day(to) else { return nil }
                return .suspended(from: start, to: end)
            case "extension":
                return days.map { .extended(workingDays: $0) }
            default:
                return nil
            }
        }
        let due = dueDates.dueDate(receivedOn: received, workingDays: term.workingDays, changes: changes)
        return (due, term.scope, term.workingDays)
    }

    /// Refuses a department id that names no department, in the caller's language: INVALID_ARGUMENT for a value
    /// to store, NOT_FOUND (`code`) for a listing asked about a department that is not there.
    func requireDepartment(
        _ department: String, in transaction: Transaction, _ context: ServerContext,
        code: StatusCode = .invalidArgument
    ) async throws {
        let known = try await transaction.query("SELECT 1 FROM core.departments WHERE id = \(department)")
        guard !known.isEmpty else {
            throw plugin.localizer.error(
                code, CorrespondenceMessages.invalidDepartment, for: context, String(department.prefix(80)))
        }
    }

    private func storeTerm(
        _ scope: TermScope, workingDays: Int, in transaction: Transaction, _ context: ServerContext
    ) async throws {
        if let department = scope.department { try await requireDepartment(department, in: transaction, context) }
        let caller = try context.caller
        try await transaction.query(
            """
            INSERT INTO correspondence.terms (department_id, channel, working_days, changed_by)
            VALUES (\(scope.department), \(scope.channel), \(workingDays), \(caller.principalName))
            ON CONFLICT ((coalesce(department_id, '')), (coalesce(channel, ''))) DO UPDATE SET
                working_days = EXCLUDED.working_days, changed_by = EXCLUDED.changed_by, changed_at = now()
            """)
        try await transaction.audit(
            AuditRecord(.update, subjects: [AuditSubject(kind: "correspondence-term", id: scope.description)],
                        information: ["working_days"]))
    }

    private func termScope(
        department: String, channel: Loket_Correspondence_V1_Channel, _ context: ServerContext
    ) throws -> TermScope {
        var channelName: String?
        if channel != .unspecified {
            guard let name = Self.channel(channel) else {
                throw plugin.localizer.error(.invalidArgument, CorrespondenceMessages.invalidChannel, for: context)
            }
            channelName = name
        }
        return TermScope(department: department.isEmpty ? nil : department, channel: channelName)
    }

    private func termWorkingDays(_ value: Int32, _ context: ServerContext) throws -> Int {
        guard (0...365).contains(value) else {
            throw plugin.localizer.error(.invalidArgument, CorrespondenceMessages.invalidWorkingDays, for: context, "0", "365")
        }
        return Int(value)
    }

    static func proto(_ scope: TermScope, workingDays: Int) -> ProtoTerm {
        .with {
            $0.departmentId = scope.department ?? ""
            $0.channel = scope.channel.map { proto(channel: $0) } ?? .unspecified
            $0.workingDays = Int32(workingDays)
        }
    }
}
