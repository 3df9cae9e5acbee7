import Foundation
import LoketPluginAPI

extension CivilRegistryService {
    func issueExtract(request: Loket_Civilregistry_V1_IssueExtractRequest, context: ServerContext) async throws
        -> Loket_Civilregistry_V1_Extract
    {
        let caller = try context.caller
        let id = try uuid(request.actId, context)
        guard let language = ExtractLanguage(code: request.language) else {
            throw plugin.localizer.error(
                .invalidArgument, CivilRegistryMessages.invalidExtractLanguage, for: context, request.language)
        }
        let issuedOn = Self.belgianDay(plugin.clock.now()).description

        return try await plugin.transaction(context) { transaction in
            let rows = try await transaction.query(
                "SELECT \(unsafeRawSQL: Self.actColumns) FROM civil_registry.acts a WHERE a.id = \(id) FOR UPDATE")
            guard let row = rows.first else {
                throw plugin.localizer.error(.notFound, CivilRegistryMessages.actNotFound, for: context, request.actId)
            }
            let head = try Self.actHead(row)
            let next: ActState
            do throws(ActTransitionError) {
                next = try head.state.applying(.certified)
            } catch {
                throw refusal(error, context)
            }
            let record = head.record
            var roles: [(String, LocalizedText)] = []
            switch head.state.kind {
            case .birth:
                roles = [(head.registeredPersonID, ExtractLabels.child), (record.motherID, ExtractLabels.mother),
                    (record.fatherID, ExtractLabels.father)]
            case .recognition:
                roles = [(record.personID, ExtractLabels.child), (record.fatherID, ExtractLabels.father)]
            case .marriage, .divorce, .legalCohabitation, .endOfLegalCohabitation:
                roles = [(record.personID, ExtractLabels.person), (record.partnerID, ExtractLabels.partner)]
            case .nameChange:
                roles = [(record.personID, ExtractLabels.person)]
            case .death:
                roles = [(record.personID, ExtractLabels.deceased)]
            }
            var lines: [ExtractText.PersonLine] = []
            var subjects: [AuditSubject] = [AuditSubject(kind: "act", id: id.uuidString.lowercased())]
            for (personID, role) in roles {
                guard let person = UUID(uuidString: personID) else { continue }
                let found = try await transaction.query(
                    """
                    SELECT family_name, given_names, coalesce(national_number, ''),
                           coalesce(to_char(birth_date, 'YYYY-MM-DD'), '')
                    FROM civil_registry.persons WHERE id = \(person)
                    """)
                guard let person = found.first else { continue }
                let (family, given, number, birth) = try person.decode(String.self, String.self, String.self, String.self)
                let formatted = (try? NationalNumber(validating: number))?.formatted ?? ""
                lines.append(.init(role: role, familyName: family, givenNames: given, nationalNumber: formatted, birthDate: birth))
                subjects.append(number.isEmpty ? AuditSubject(kind: "person", id: personID) : .person(number))
            }
            let code = VerificationCode.make()
            let newNames = [record.newGivenNames, record.newFamilyName].filter { !$0.isEmpty }.joined(separator: " ")
            let text = ExtractText(
                kind: head.state.kind, actID: id.uuidString.lowercased(), municipality: caller.department ?? "",
                eventDate: record.eventDate, place: record.place, persons: lines,
                newNames: head.state.kind == .nameChange ? newNames : "", verificationCode: code, issuedOn: issuedOn
            ).render(in: language)
            let issued = try await transaction.query(
                """
                INSERT INTO civil_registry.extracts (verification_code, act_id, language, text, issued_by, department_id)
                VALUES (\(code), \(id), \(language.code), \(text), \(caller.principalName), \(caller.department))
                RETURNING to_char(issued_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
                          floor(extract(epoch FROM issued_at))::bigint
                """)
            let (issuedAt, issuedSecond) = try issued[0].decode(String.self, Int64.self)
            let pdf = try await extractPDF(text: text, language: language, issuedSecond: issuedSecond)
            try await transaction.query(
                "UPDATE civil_registry.acts SET status = \(next.status.rawValue), updated_at = now() WHERE id = \(id)")
            try await appendAction(
                .certified, to: id, statusAfter: next.status, reason: "extract \(code) (\(language.code))", data: nil,
                caller: caller, in: transaction)
            try await transaction.audit(
                AuditRecord(.read, subjects: subjects, information: ["extract:\(head.state.kind.rawValue)"]))
            return .with {
                $0.verificationCode = code
                $0.actId = id.uuidString.lowercased()
                $0.language = language.code
                $0.text = text
                $0.issuedAt = issuedAt
                $0.issuedBy = caller.principalName
                $0.pdf = Data(pdf)
            }
        }
    }

    func verifyExtract(request: Loket_Civilregistry_V1_VerifyExtractRequest, context: ServerContext) async throws
        -> Loket_Civilregistry_V1_Extract
    {
        guard let code = VerificationCode.normalized(request.verificationCode) else {
            throw plugin.localizer.error(
                .notFound, CivilRegistryMessages.extractNotFound, for: context, request.verificationCode)
        }
        return try await plugin.transaction(context) { transaction in
            let rows = try await transaction.query(
                """
                SELECT act_id::text, language, text, to_char(issued_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
                       issued_by, floor(extract(epoch FROM issued_at))::bigint
                FROM civil_registry.extracts WHERE verification_code = \(code)
                """)
            guard let row = rows.first else {
                throw plugin.localizer.error(.notFound, CivilRegistryMessages.extractNotFound, for: context, code)
            }
            let (act, language, text, issuedAt, issuedBy, issuedSecond) = try row.decode(
                String.self, String.self, String.self, String.self, String.self, Int64.self)
            // Made again from what was stored: the same bytes as when the extract was issued.
            let pdf = try await extractPDF(
                text: text, language: ExtractLanguage(code: language) ?? .multilingual, issuedSecond: issuedSecond)
            try await transaction.audit(
                AuditRecord(.read, subjects: [AuditSubject(kind: "extract", id: code), AuditSubject(kind: "act", id: act)],
                            information: ["extract"]))
            return .with {
                $0.verificationCode = code
                $0.actId = act
                $0.language = language
                $0.text = text
                $0.issuedAt = issuedAt
                $0.issuedBy = issuedBy
                $0.pdf = Data(pdf)
            }
        }
    }

    /// The PDF of an extract, from its text and the second it was issued (the PDF's creation date).
    private func extractPDF(text: String, language: ExtractLanguage, issuedSecond: Int64) async throws -> [UInt8] {
        let issuedAt = Date(timeIntervalSince1970: TimeInterval(issuedSecond))
        return try await plugin.documentRenderer.render(ExtractDocument.make(text: text, language: language, issuedAt: issuedAt))
    }
}
