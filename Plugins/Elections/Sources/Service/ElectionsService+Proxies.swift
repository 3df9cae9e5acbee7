import Foundation
import LoketPluginAPI

extension ElectionsService {
    func registerCandidate(
        request: Loket_Elections_V1_RegisterCandidateRequest, context: ServerContext
    ) async throws -> Loket_Elections_V1_Candidate {
        let id = try uuid(request.electionId, context)
        let number = try nationalNumber(request.nationalNumber, context)
        let listName = try text(request.listName, field: "list_name", context)
        let name = try text(request.name, field: "name", context)
        guard request.listNumber > 0 else {
            throw plugin.localizer.error(.invalidArgument, ElectionsMessages.invalidField, for: context, "list_number")
        }
        guard request.position > 0 else {
            throw plugin.localizer.error(.invalidArgument, ElectionsMessages.invalidField, for: context, "position")
        }
        return try await plugin.transaction(context) { transaction in
            _ = try await election(id, in: transaction, context)
            try await transaction.audit(
                AuditRecord(.create, subjects: [.person(number), Self.subject(id)], information: ["electoral:candidate", "name"]))
            let rows = try await transaction.query(
                """
                INSERT INTO elections.candidates (election_id, list_number, list_name, position, national_number, name)
                VALUES (\(id), \(request.listNumber), \(listName), \(request.position), \(number), \(name))
                RETURNING id
                """)
            let candidate = try rows[0].decode(UUID.self, at: 0)
            return .with {
                $0.id = candidate.uuidString.lowercased()
                $0.electionId = id.uuidString.lowercased()
                $0.listNumber = request.listNumber
                $0.listName = listName
                $0.position = request.position
                $0.nationalNumber = number
                $0.name = name
            }
        }
    }

    func giveProxy(
        request: Loket_Elections_V1_GiveProxyRequest, context: ServerContext
    ) async throws -> Loket_Elections_V1_Proxy {
        let caller = try context.caller
        let id = try uuid(request.electionId, context)
        let voter = try nationalNumber(request.voterNationalNumber, context)
        let holder = try nationalNumber(request.holderNationalNumber, context)
        let certificate = try text(
            request.certificateReference, field: "certificate_reference", required: false, context)
        let reason = Self.reason(request.reason)
        let relationship = Self.relationship(request.relationship)
        return try await plugin.transaction(context) { transaction in
            // The election row lock serialises proxies of one election, so the one-proxy rules cannot race.
            let record = try await election(id, lock: true, in: transaction, context)
            guard record.rollGenerated else {
                throw plugin.localizer.error(.failedPrecondition, ElectionsMessages.rollNotGenerated, for: context)
            }
            let facts = try await transaction.query(
                """
                SELECT
                  EXISTS (SELECT 1 FROM elections.roll_entries WHERE election_id = \(id) AND national_number = \(voter) AND included),
                  EXISTS (SELECT 1 FROM elections.roll_entries WHERE election_id = \(id) AND national_number = \(holder) AND included),
                  (SELECT count(*) FROM elections.proxies WHERE election_id = \(id) AND voter_number = \(voter)),
                  (SELECT count(*) FROM elections.proxies WHERE election_id = \(id) AND holder_number = \(holder)),
                  EXISTS (SELECT 1 FROM elections.candidates WHERE election_id = \(id) AND national_number = \(holder))
                """)
            let (voterOnRoll, holderOnRoll, given, held, candidate) = try facts[0].decode(
                Bool.self, Bool.self, Int.self, Int.self, Bool.self)
            let proxy = ProxyRequest(
                voter: voter, holder: holder, reason: reason, certificateReference: certificate,
                relationship: relationship, voterOnRoll: voterOnRoll, holderOnRoll: holderOnRoll,
                proxiesGivenByVoter: given, proxiesHeldByHolder: held, holderIsCandidate: candidate)
            do throws(ProxyRefusal) {
                try ProxyRules.check(proxy)
            } catch {
                throw refusal(error.rawValue, context)
            }
            try await transaction.audit(
                AuditRecord(.create, subjects: [.person(voter), .person(holder), Self.subject(id)],
                            information: ["electoral:proxy", "proxy_reason", "certificate_reference"]))
            let rows = try await transaction.query(
                """
                INSERT INTO elections.proxies (
                    election_id, voter_number, holder_number, reason, certificate_reference, relationship, recorded_by)
                VALUES (\(id), \(voter), \(holder), \(reason?.rawValue ?? ""), \(certificate), \(relationship.rawValue),
                        \(caller.principalName))
                RETURNING id
                """)
            let proxyID = try rows[0].decode(UUID.self, at: 0)
            return .with {
                $0.id = proxyID.uuidString.lowercased()
                $0.electionId = id.uuidString.lowercased()
                $0.voterNationalNumber = voter
                $0.holderNationalNumber = holder
                $0.reason = Self.protoReason(reason)
                $0.certificateReference = certificate
                $0.relationship = Self.protoRelationship(relationship)
            }
        }
    }
}
