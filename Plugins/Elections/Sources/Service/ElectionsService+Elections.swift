import Foundation
import LoketPluginAPI

extension ElectionsService {
    func createElection(
        request: Loket_Elections_V1_CreateElectionRequest, context: ServerContext
    ) async throws -> Election {
        let caller = try context.caller
        guard let kind = Self.kind(request.kind) else {
            throw plugin.localizer.error(.invalidArgument, ElectionsMessages.invalidKind, for: context)
        }
        let name = try text(request.name, field: "name", context)
        let municipality = try text(request.municipality, field: "municipality", context)
        let day = try date(request.electionDay, context)
        let reference = try date(request.referenceDate, context)
        let deadline = try optionalDate(request.applicationDeadline, context) ?? reference.adding(days: -1)
        guard reference <= day, deadline <= day else {
            throw plugin.localizer.error(.invalidArgument, ElectionsMessages.invalidDates, for: context)
        }
        var languages: [String] = []
        for code in request.documentLanguages {
            let language = try language(code, context).rawValue
            if !languages.contains(language) { languages.append(language) }
        }
        if languages.isEmpty { languages = [caller.language.rawValue] }
        let opens = try time(request.opensAt.isEmpty ? "08:00" : request.opensAt, field: "opens_at", context)
        let closes = try time(request.closesAt.isEmpty ? "14:00" : request.closesAt, field: "closes_at", context)

        return try await plugin.transaction(context) { transaction in
            let rows = try await transaction.query(
                """
                INSERT INTO elections.elections (
                    kind, name, municipality, election_day, reference_date, application_deadline, compulsory,
                    document_languages, opens_at, closes_at, department, created_by)
                VALUES (\(kind.rawValue), \(name), \(municipality), \(day), \(reference), \(deadline),
                        \(request.compulsory), \(languages), \(opens), \(closes), \(caller.department),
                        \(caller.principalName))
                RETURNING id
                """)
            let id = try rows[0].decode(UUID.self, at: 0)
            try await transaction.audit(AuditRecord(.create, subjects: [Self.subject(id)], information: ["election"]))
            return Self.protoElection(try await election(id, in: transaction, context))
        }
    }

    func getElection(request: Loket_Elections_V1_GetElectionRequest, context: ServerContext) async throws -> Election {
        let id = try uuid(request.electionId, context)
        return try await plugin.transaction(context) { transaction in
            Self.protoElection(try await election(id, in: transaction, context))
        }
    }

    func recordDeprivation(
        request: Loket_Elections_V1_RecordDeprivationRequest, context: ServerContext
    ) async throws -> Loket_Elections_V1_Deprivation {
        let caller = try context.caller
        let number = try nationalNumber(request.nationalNumber, context)
        let from = try date(request.from, context)
        let until = try optionalDate(request.until, context)
        if let until, until <= from {
            throw plugin.localizer.error(.invalidArgument, ElectionsMessages.invalidDate, for: context, request.until)
        }
        let court = try text(request.courtReference, field: "court_reference", context)
        return try await plugin.transaction(context) { transaction in
            try await transaction.audit(
                AuditRecord(.create, subjects: [.person(number)], information: ["electoral:deprivation"]))
            let rows = try await transaction.query(
                """
                INSERT INTO elections.deprivations (national_number, from_date, until_date, court_reference, recorded_by)
                VALUES (\(number), \(from), \(until), \(court), \(caller.principalName)) RETURNING id
                """)
            let id = try rows[0].decode(UUID.self, at: 0)
            return .with {
                $0.id = id.uuidString.lowercased()
                $0.nationalNumber = number
                $0.from = from.description
                $0.until = until?.description ?? ""
                $0.courtReference = court
            }
        }
    }

    func setVoterLanguage(
        request: Loket_Elections_V1_SetVoterLanguageRequest, context: ServerContext
    ) async throws -> Loket_Elections_V1_SetVoterLanguageResponse {
        let id = try uuid(request.electionId, context)
        let number = try nationalNumber(request.nationalNumber, context)
        let language = try language(request.language, context)
        return try await plugin.transaction(context) { transaction in
            let record = try await election(id, in: transaction, context)
            guard record.documentLanguages.contains(language) else {
                throw plugin.localizer.error(
                    .failedPrecondition, ElectionsMessages.languageNotOffered, for: context, language.rawValue)
            }
            try await transaction.audit(
                AuditRecord(.update, subjects: [.person(number), Self.subject(id)], information: ["electoral:language"]))
            try await transaction.query(
                """
                INSERT INTO elections.voter_languages (election_id, national_number, language)
                VALUES (\(id), \(number), \(language.rawValue))
                ON CONFLICT (election_id, national_number) DO UPDATE SET language = excluded.language
                """)
            return .with { $0.language = language.rawValue }
        }
    }
}
