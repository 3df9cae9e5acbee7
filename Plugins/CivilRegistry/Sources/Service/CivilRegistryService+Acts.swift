import Foundation
import LoketPluginAPI

extension CivilRegistryService {
    func createAct(request: Loket_Civilregistry_V1_CreateActRequest, context: ServerContext) async throws -> Act {
        let caller = try context.caller
        guard let kind = Self.kind(request.type) else {
            throw plugin.localizer.error(.invalidArgument, CivilRegistryMessages.invalidActType, for: context)
        }
        let record = try actRecord(request.data ?? .init(), context)
        try requireComplete(record, kind, context)
        let reason = try text(request.reason, field: "reason", limit: 1000, context)
        let state = try ActState(kind: kind).applying(.created)

        return try await plugin.transaction(context) { transaction in
            let subjects = try await requirePersons(record, in: transaction, context)
            let flagged = try await possibleDuplicate(kind, record, excluding: nil, in: transaction)
            let rows = try await transaction.query(
                """
                INSERT INTO civil_registry.acts (kind, status, data, possible_duplicate, department_id)
                VALUES (\(kind.rawValue), \(state.status.rawValue), \(try Self.json(record)), \(flagged),
                        \(caller.department))
                RETURNING id
                """)
            let id = try rows[0].decode(UUID.self, at: 0)
            try await appendAction(
                .created, to: id, statusAfter: state.status, reason: reason, data: record, caller: caller,
                in: transaction)
            try await transaction.audit(
                AuditRecord(
                    .create, subjects: [AuditSubject(kind: "act", id: id.uuidString.lowercased())] + subjects,
                    information: ["act:\(kind.rawValue)"]))
            guard let act = try await loadAct(id, in: transaction) else {
                throw plugin.localizer.error(.notFound, CivilRegistryMessages.actNotFound, for: context, "\(id)")
            }
            return act
        }
    }

    func recordAction(request: Loket_Civilregistry_V1_RecordActionRequest, context: ServerContext) async throws -> Act {
        let caller = try context.caller
        let id = try uuid(request.actId, context)
        guard let action = Self.action(request.action), action != .created, action != .notified else {
            throw plugin.localizer.error(.invalidArgument, CivilRegistryMessages.invalidAction, for: context)
        }
        let reason = try text(request.reason, field: "reason", limit: 1000, context)
        let actionName = ActText.name(of: action).text(in: context.language)
        if action.requiresReason && reason.isEmpty {
            throw plugin.localizer.error(.invalidArgument, CivilRegistryMessages.reasonRequired, for: context, actionName)
        }
        let takesData = action == .declared || action == .correctionRequested
        if request.data != nil && !takesData {
            throw plugin.localizer.error(.invalidArgument, CivilRegistryMessages.dataNotAllowed, for: context, actionName)
        }
        let given = try request.data.map { try actRecord($0, context) }

        return try await plugin.transaction(context) { transaction in
            let rows = try await transaction.query(
                "SELECT \(unsafeRawSQL: Self.actColumns) FROM civil_registry.acts a WHERE a.id = \(id) FOR UPDATE")
            guard let row = rows.first else {
                throw plugin.localizer.error(.notFound, CivilRegistryMessages.actNotFound, for: context, request.actId)
            }
            let head = try Self.actHead(row)
            let next: ActState
            do throws(ActTransitionError) {
                next = try head.state.applying(action)
            } catch {
                throw refusal(error, context)
            }
            var record = head.record
            var actionData: ActRecord?
            var registeredPersonID: UUID?
            var subjects: [AuditSubject] = []
            var changes: [PendingChange] = []
            switch action {
            case .declared:
                record = record.merging(given ?? ActRecord())
                actionData = record
                try requireComplete(record, head.state.kind, context)
                subjects = try await requirePersons(record, in: transaction, context)
            case .correctionRequested:
                let corrected = record.merging(given ?? ActRecord())
                try requireComplete(corrected, head.state.kind, context)
                subjects = try await requirePersons(corrected, in: transaction, context)
                actionData = given
            case .registered:
                subjects = try await requirePersons(record, in: transaction, context)
                (registeredPersonID, changes) = try await register(head.state.kind, record, act: id, in: transaction)
            case .correctionApproved:
                let requested = try await transaction.query(
                    """
                    SELECT data::text FROM civil_registry.act_actions
                    WHERE act_id = \(id) AND action = 'correction_requested' ORDER BY sequence DESC LIMIT 1
                    """)
                if let json = try requested.first?.decode(String.self, at: 0),
                    let correction = try? JSONDecoder().decode(ActRecord.self, from: Data(json.utf8))
                {
                    record = record.merging(correction)
                }
                subjects = try await requirePersons(record, in: transaction, context)
                changes = try await applyCorrection(
                    head.state.kind, record, act: id, registeredPerson: UUID(uuidString: head.registeredPersonID),
                    in: transaction)
            default:
                subjects = try await requirePersons(record, in: transaction, context)
            }
            try await transaction.query(
                """
                UPDATE civil_registry.acts
                SET status = \(next.status.rawValue), possible_duplicate = \(next.possibleDuplicate),
                    data = \(try Self.json(record)), updated_at = now(),
                    registered_person_id = coalesce(\(registeredPersonID), registered_person_id)
                WHERE id = \(id)
                """)
            try await appendAction(
                action, to: id, statusAfter: next.status, reason: reason, data: actionData, caller: caller,
                in: transaction)
            // Last of the writes: taking feed cursors holds the feed's counter until commit.
            try await recordChanges(changes, in: transaction)
            var information = ["act:\(head.state.kind.rawValue)", "act_status"]
            if action == .registered || action == .correctionApproved {
                information += Self.affectedInformation(head.state.kind)
            }
            try await transaction.audit(
                AuditRecord(
                    .update, subjects: [AuditSubject(kind: "act", id: id.uuidString.lowercased())] + subjects,
                    information: information))
            guard let act = try await loadAct(id, in: transaction) else {
                throw plugin.localizer.error(.notFound, CivilRegistryMessages.actNotFound, for: context, request.actId)
            }
            return act
        }
    }

    func getAct(request: Loket_Civilregistry_V1_GetActRequest, context: ServerContext) async throws -> Act {
        let id = try uuid(request.id, context)
        return try await plugin.transaction(context) { transaction in
            guard let act = try await loadAct(id, in: transaction) else {
                throw plugin.localizer.error(.notFound, CivilRegistryMessages.actNotFound, for: context, request.id)
            }
            let record = try actRecord(act.data ?? .init(), context)
            let subjects = try await personSubjects(record.personIDs, in: transaction)
            try await transaction.audit(
                AuditRecord(
                    .read, subjects: [AuditSubject(kind: "act", id: act.id)] + subjects,
                    information: ["act:\(Self.kind(act.type)?.rawValue ?? "")", "act_actions"]))
            return act
        }
    }

    // MARK: Helpers

    /// FAILED_PRECONDITION naming the refused action, the status and the allowed next actions, all in the
    /// caller's language.
    func refusal(_ error: ActTransitionError, _ context: ServerContext) -> RPCError {
        let language = context.language
        let action = ActText.name(of: error.action).text(in: language)
        let status = ActText.name(of: error.status).text(in: language)
        if error.allowed.isEmpty {
            return plugin.localizer.error(
                .failedPrecondition, CivilRegistryMessages.actionRefusedFinal, for: context, action, status)
        }
        let allowed = error.allowed.map { ActText.name(of: $0).text(in: language) }.joined(separator: ", ")
        return plugin.localizer.error(
            .failedPrecondition, CivilRegistryMessages.actionRefused, for: context, action, status, allowed)
    }

    /// The request's act data, checked field by field (ids, dates, number, lengths).
    func actRecord(_ data: Loket_Civilregistry_V1_ActData, _ context: ServerContext) throws -> ActRecord {
        var record = ActRecord()
        for (value, keyPath) in [
            (data.personId, \ActRecord.personID), (data.partnerId, \.partnerID), (data.motherId, \.motherID),
            (data.fatherId, \.fatherID),
        ] where !value.isEmpty {
            record[keyPath: keyPath] = try uuid(value, context).uuidString.lowercased()
        }
        if !data.eventDate.isEmpty { record.eventDate = try date(data.eventDate, context).description }
        record.place = try text(data.place, field: "place", context)
        record.childFamilyName = try text(data.childFamilyName, field: "child_family_name", context)
        record.childGivenNames = try text(data.childGivenNames, field: "child_given_names", context)
        record.childSex = data.childSex == .unspecified ? "" : Self.sexName(data.childSex)
        if !data.childNationalNumber.isEmpty {
            record.childNationalNumber = try nationalNumber(data.childNationalNumber, context).digits
        }
        record.newFamilyName = try text(data.newFamilyName, field: "new_family_name", context)
        record.newGivenNames = try text(data.newGivenNames, field: "new_given_names", context)
        return record
    }

    func requireComplete(_ record: ActRecord, _ kind: ActKind, _ context: ServerContext) throws {
        let missing = record.missingFields(for: kind)
        guard missing.isEmpty else {
            throw plugin.localizer.error(
                .invalidArgument, CivilRegistryMessages.actDataMissing, for: context, missing.joined(separator: ", "))
        }
    }

    /// The audit subjects of the persons the record names; FAILED_PRECONDITION when one does not exist.
    func requirePersons(_ record: ActRecord, in transaction: Transaction, _ context: ServerContext) async throws
        -> [AuditSubject]
    {
        let ids = record.personIDs
        let subjects = try await personSubjects(ids, in: transaction)
        if subjects.count != ids.count {
            let found = try await transaction.query(
                "SELECT id::text FROM civil_registry.persons WHERE id = ANY(\(ids)::uuid[])")
            let known = Set(found.compactMap { try? $0.decode(String.self, at: 0) })
            let missing = ids.first { !known.contains($0) } ?? ""
            throw plugin.localizer.error(
                .failedPrecondition, CivilRegistryMessages.actPersonNotFound, for: context, missing)
        }
        return subjects
    }

    /// Audit subjects for person ids (national number where there is one).
    func personSubjects(_ ids: [String], in transaction: Transaction) async throws -> [AuditSubject] {
        guard !ids.isEmpty else { return [] }
        let rows = try await transaction.query(
            """
            SELECT id::text, coalesce(national_number, '') FROM civil_registry.persons
            WHERE id = ANY(\(ids)::uuid[]) ORDER BY id
            """)
        return rows.compactMap { row in
            guard let (id, number) = try? row.decode(String.self, String.self) else { return nil }
            return number.isEmpty ? AuditSubject(kind: "person", id: id) : .person(number)
        }
    }

    /// Appends one action to the chain, numbered after the last.
    func appendAction(
        _ action: ActAction, to act: UUID, statusAfter: ActStatus, reason: String, data: ActRecord?, caller: Caller,
        in transaction: Transaction
    ) async throws {
        let json = try data.map(Self.json)
        try await transaction.query(
            """
            INSERT INTO civil_registry.act_actions
                (act_id, sequence, action, status_after, principal_id, principal_name, department_id, reason, data)
            SELECT \(act), coalesce(max(sequence), 0) + 1, \(action.rawValue), \(statusAfter.rawValue),
                   \(UUID(uuidString: caller.principalID)), \(caller.principalName), \(caller.department), \(reason),
                   \(json)
            FROM civil_registry.act_actions WHERE act_id = \(act)
            """)
    }

    /// Whether another live act or an existing person looks like this one: for a birth, the same child's name,
    /// birth date and mother; for the other kinds, an open act of the same kind for the same persons.
    func possibleDuplicate(_ kind: ActKind, _ record: ActRecord, excluding: UUID?, in transaction: Transaction)
        async throws -> Bool
    {
        let rows: PostgresRows
        if kind == .birth {
            rows = try await transaction.query(
                """
                SELECT 1 FROM civil_registry.acts a
                WHERE a.kind = 'birth' AND a.status NOT IN ('rejected', 'duplicate')
                  AND a.id IS DISTINCT FROM \(excluding)
                  AND civil_registry.fold(a.data->>'child_family_name') = civil_registry.fold(\(record.childFamilyName))
                  AND civil_registry.fold(a.data->>'child_given_names') = civil_registry.fold(\(record.childGivenNames))
                  AND a.data->>'event_date' = \(record.eventDate) AND a.data->>'mother_id' = \(record.motherID)
                UNION ALL
                SELECT 1 FROM civil_registry.persons p
                WHERE p.family_name_folded = civil_registry.fold(\(record.childFamilyName))
                  AND p.given_names_folded = civil_registry.fold(\(record.childGivenNames))
                  AND p.birth_date = \(record.eventDate.isEmpty ? nil : record.eventDate)::date
                  AND p.mother_id::text = \(record.motherID)
                LIMIT 1
                """)
        } else {
            rows = try await transaction.query(
                """
                SELECT 1 FROM civil_registry.acts a
                WHERE a.kind = \(kind.rawValue) AND a.status NOT IN ('rejected', 'duplicate', 'registered', 'correction_requested')
                  AND a.id IS DISTINCT FROM \(excluding)
                  AND a.data->>'person_id' = \(record.personID) AND coalesce(a.data->>'partner_id', '') = \(record.partnerID)
                LIMIT 1
                """)
        }
        return !rows.isEmpty
    }

    /// The information types a registered act of `kind` changes, for the audit record.
    static func affectedInformation(_ kind: ActKind) -> [String] {
        switch kind {
        case .birth: ["name", "sex", "birth_date", "birth_place", "parentage", "address"]
        case .recognition: ["parentage"]
        case .marriage, .divorce: ["civil_status"]
        case .legalCohabitation, .endOfLegalCohabitation: ["legal_cohabitation"]
        case .nameChange: ["name"]
        case .death: ["death", "civil_status"]
        }
    }
}
