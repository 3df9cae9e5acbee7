import Foundation
import LoketPluginAPI

extension ElectionsService {
    /// The application columns ``application(_:)`` reads.
    static let applicationColumns = """
        a.id, a.election_id, a.national_number, a.nationality, a.status, a.reason, a.filed_on,
        a.legal_residence_since, a.declaration_signed
        """

    static func application(_ row: PostgresRow) throws -> Loket_Elections_V1_Application {
        let (id, election, number, nationality, status, reason, filed) = try row.decode(
            UUID.self, UUID.self, String.self, String.self, String.self, String.self, CalendarDate.self)
        let since = try row.decode(CalendarDate?.self, at: 7)
        let declaration = try row.decode(Bool.self, at: 8)
        return .with {
            $0.id = id.uuidString.lowercased()
            $0.electionId = election.uuidString.lowercased()
            $0.nationalNumber = number
            $0.nationality = nationality
            $0.status = protoStatus(ApplicationStatus(rawValue: status))
            $0.reason = reason
            $0.filedOn = filed.description
            $0.legalResidenceSince = since?.description ?? ""
            $0.declarationSigned = declaration
        }
    }

    func applyAsVoter(
        request: Loket_Elections_V1_ApplyAsVoterRequest, context: ServerContext
    ) async throws -> Loket_Elections_V1_Application {
        let caller = try context.caller
        let id = try uuid(request.electionId, context)
        let number = try nationalNumber(request.nationalNumber, context)
        let since = try optionalDate(request.legalResidenceSince, context)
        let language = request.language.isEmpty ? nil : try language(request.language, context).rawValue
        let today = today()
        return try await plugin.transaction(context) { transaction in
            let record = try await election(id, in: transaction, context)
            let nationality = try await registeredNationality(number, in: record, transaction, context)
            do throws(ApplicationRefusal) {
                try record.applicationRules.check(
                    nationality: nationality, filedOn: today, legalResidenceSince: since,
                    declarationSigned: request.declarationSigned)
            } catch {
                throw refusal(error.rawValue, context, record.applicationDeadline.description)
            }
            try await transaction.audit(
                AuditRecord(.create, subjects: [.person(number), Self.subject(id)],
                            information: ["electoral:application", "nationality"]))
            let rows = try await transaction.query(
                """
                INSERT INTO elections.applications (
                    election_id, national_number, nationality, legal_residence_since, declaration_signed, language,
                    status, filed_on, filed_by)
                VALUES (\(id), \(number), \(nationality.code), \(since), \(request.declarationSigned), \(language),
                        'pending', \(today), \(caller.principalName))
                ON CONFLICT (election_id, national_number) WHERE status IN ('pending', 'approved') DO NOTHING
                RETURNING \(unsafeRawSQL: Self.applicationColumns.replacingOccurrences(of: "a.", with: ""))
                """)
            guard let row = rows.first else {
                throw plugin.localizer.error(.alreadyExists, ElectionsMessages.applicationExists, for: context)
            }
            if let language {
                try await transaction.query(
                    """
                    INSERT INTO elections.voter_languages (election_id, national_number, language)
                    VALUES (\(id), \(number), \(language))
                    ON CONFLICT (election_id, national_number) DO UPDATE SET language = excluded.language
                    """)
            }
            return try Self.application(row)
        }
    }

    func decideApplication(
        request: Loket_Elections_V1_DecideApplicationRequest, context: ServerContext
    ) async throws -> Loket_Elections_V1_Application {
        let caller = try context.caller
        let id = try uuid(request.applicationId, context)
        let reason = try text(request.reason, field: "reason", required: false, limit: 1000, context)
        guard !reason.isEmpty else {
            throw plugin.localizer.error(.invalidArgument, ElectionsMessages.reasonRequired, for: context)
        }
        let status = request.approve ? ApplicationStatus.approved : .refused
        // A decision after the roll was closed reaches the roll as an amendment at the next generation.
        return try await changeApplication(id, context) { current, _ in
            guard current == .pending else {
                throw plugin.localizer.error(
                    .failedPrecondition, ElectionsMessages.applicationNotPending, for: context, current.rawValue)
            }
            return (status, reason, caller.principalName)
        }
    }

    func withdrawApplication(
        request: Loket_Elections_V1_WithdrawApplicationRequest, context: ServerContext
    ) async throws -> Loket_Elections_V1_Application {
        let caller = try context.caller
        let id = try uuid(request.applicationId, context)
        let reason = try text(request.reason, field: "reason", required: false, limit: 1000, context)
        let today = today()
        return try await changeApplication(id, context) { current, record in
            guard current == .pending || current == .approved else {
                throw plugin.localizer.error(
                    .failedPrecondition, ElectionsMessages.applicationNotLive, for: context, current.rawValue)
            }
            guard record.applicationRules.canWithdraw(on: today) else {
                throw refusal(ApplicationRefusal.closed.rawValue, context, record.applicationDeadline.description)
            }
            return (.withdrawn, reason, caller.principalName)
        }
    }

    /// Locks an application, lets `decide` check it and name the new status, stores and audits the change.
    private func changeApplication(
        _ id: UUID, _ context: ServerContext,
        _ decide: @escaping (ApplicationStatus, ElectionRecord) throws -> (ApplicationStatus, String, String)
    ) async throws -> Loket_Elections_V1_Application {
        try await plugin.transaction(context) { transaction in
            let rows = try await transaction.query(
                "SELECT election_id, national_number, status FROM elections.applications WHERE id = \(id) FOR UPDATE")
            guard let row = rows.first else {
                throw plugin.localizer.error(
                    .notFound, ElectionsMessages.applicationNotFound, for: context, id.uuidString.lowercased())
            }
            let (electionID, number, status) = try row.decode(UUID.self, String.self, String.self)
            let record = try await election(electionID, in: transaction, context)
            let (next, reason, by) = try decide(ApplicationStatus(rawValue: status) ?? .pending, record)
            try await transaction.audit(
                AuditRecord(.update, subjects: [.person(number), Self.subject(electionID)],
                            information: ["electoral:application:\(next.rawValue)"]))
            let updated = try await transaction.query(
                """
                UPDATE elections.applications a SET status = \(next.rawValue), reason = \(reason),
                    decided_by = \(by), decided_at = now()
                WHERE a.id = \(id) RETURNING \(unsafeRawSQL: Self.applicationColumns)
                """)
            return try Self.application(updated[0])
        }
    }
}
