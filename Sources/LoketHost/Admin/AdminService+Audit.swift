import Foundation
import LoketPluginAPI
import LoketStore

extension AdminService {
    func queryAudit(
        request: Loket_Admin_V1_QueryAuditRequest, context: ServerContext
    ) async throws -> Loket_Admin_V1_QueryAuditResponse {
        let pageSize = request.pageSize <= 0 ? 100 : min(Int(request.pageSize), 1000)
        var before = Int64.max
        if !request.pageToken.isEmpty {
            guard let token = Int64(request.pageToken), token > 0 else {
                throw RPCError(.invalidArgument, AdminMessages.invalidPageToken, for: context)
            }
            before = token
        }
        var principal: UUID?
        if !request.principalId.isEmpty {
            guard let id = UUID(uuidString: request.principalId) else {
                throw RPCError(.invalidArgument, AdminMessages.invalidID, for: context, request.principalId)
            }
            principal = id
        }
        for time in [request.from, request.to] where !time.isEmpty && !Self.looksLikeRFC3339(time) {
            throw RPCError(.invalidArgument, AdminMessages.invalidTimestamp, for: context, time)
        }
        let subject = request.subject.isEmpty ? nil : request.subject
        let from = request.from.isEmpty ? nil : request.from
        let to = request.to.isEmpty ? nil : request.to
        // Reading the log is itself a read of personal data: audited in the same transaction.
        return try await pool.withTransaction(timeout: context.storeTimeout) { transaction in
            let rows = try await transaction.query(
                """
                SELECT id, \(unsafeRawSQL: Self.rfc3339("at")), principal_id, principal_name, role, department_id,
                       method, action, subjects, information, purpose, outcome
                FROM core.audit_log
                WHERE id < \(before)
                  AND (\(subject)::text IS NULL OR subjects @> ARRAY[\(subject)::text])
                  AND (\(principal)::uuid IS NULL OR principal_id = \(principal))
                  AND (\(from)::timestamptz IS NULL OR at >= \(from)::timestamptz)
                  AND (\(to)::timestamptz IS NULL OR at < \(to)::timestamptz)
                ORDER BY id DESC LIMIT \(pageSize + 1)
                """)
            var response = Loket_Admin_V1_QueryAuditResponse()
            for row in rows.prefix(pageSize) { response.entries.append(try Self.auditEntry(row)) }
            if rows.count > pageSize, let last = response.entries.last { response.nextPageToken = String(last.id) }
            var subjects = [AuditSubject(kind: "audit-query", id: request.subject.isEmpty ? "*" : request.subject)]
            if let principal { subjects.append(AuditSubject(kind: "principal", id: principal.uuidString.lowercased())) }
            try await auditWriter.write(
                AuditRecord(.read, subjects: subjects, information: ["audit_log"]), context: context,
                using: transaction)
            return response
        }
    }

    static func auditEntry(_ row: PostgresRow) throws -> Loket_Admin_V1_AuditEntry {
        let (id, at, principal, principalName, role, department) = try row.decode(
            Int64.self, String.self, UUID?.self, String.self, String.self, String?.self)
        let method = try row.decode(String.self, at: 6)
        let action = try row.decode(String.self, at: 7)
        let subjects = try row.decode([String].self, at: 8)
        let information = try row.decode([String].self, at: 9)
        let purpose = try row.decode(String?.self, at: 10)
        let outcome = try row.decode(String.self, at: 11)
        return .with {
            $0.id = id
            $0.at = at
            $0.principalId = principal?.uuidString.lowercased() ?? ""
            $0.principalName = principalName
            $0.role = role
            $0.departmentId = department ?? ""
            $0.method = method
            $0.action = action
            $0.subjects = subjects
            $0.information = information
            $0.purpose = purpose ?? ""
            $0.outcome = outcome
        }
    }

    /// A cheap shape check (`YYYY-MM-DDTHH:MM...` with a zone), so that free text never reaches the server's
    /// date parser, which would accept forms like `now` or `tomorrow`.
    static func looksLikeRFC3339(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard bytes.count >= 20, bytes.count <= 40, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
            bytes[10] == UInt8(ascii: "T") || bytes[10] == UInt8(ascii: "t"), bytes[13] == UInt8(ascii: ":")
        else { return false }
        let last = bytes[bytes.count - 1]
        let hasZone = last == UInt8(ascii: "Z") || last == UInt8(ascii: "z") || bytes[bytes.count - 3] == UInt8(ascii: ":")
        return hasZone && bytes.allSatisfy { "0123456789-:.TtZz+".utf8.contains($0) }
    }
}
