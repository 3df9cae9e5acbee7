import Foundation
import LoketPluginAPI
import LoketStore

extension AdminService {
    func issueApiKey(
        request: Loket_Admin_V1_IssueApiKeyRequest, context: ServerContext
    ) async throws -> Loket_Admin_V1_IssuedApiKey {
        let key = APIKey.generate()
        let credential = try await change(context) { transaction in
            let principal = try await requirePrincipal(request.principalId, context, in: transaction)
            let rows = try await transaction.query(
                """
                INSERT INTO core.credentials (principal_id, kind, key_id, secret_sha256, label)
                VALUES (\(principal), 'api_key', \(key.keyID), \(key.secretHash), \(request.label))
                RETURNING \(unsafeRawSQL: Self.credentialColumns)
                """)
            return (try Self.credential(rows[0]), Self.credentialRecord(.create, principal, rows))
        }
        return .with {
            $0.credential = credential
            $0.apiKey = key.text
        }
    }

    func registerCertificate(
        request: Loket_Admin_V1_RegisterCertificateRequest, context: ServerContext
    ) async throws -> Credential {
        guard let der = Self.certificateDER(pem: request.certificatePem) else {
            throw RPCError(.invalidArgument, AdminMessages.invalidCertificate, for: context)
        }
        return try await change(context) { transaction in
            let principal = try await requirePrincipal(request.principalId, context, in: transaction)
            let rows = try await transaction.query(
                """
                INSERT INTO core.credentials (principal_id, kind, certificate_sha256, label)
                VALUES (\(principal), 'certificate', \(SHA256.hash(der)), \(request.label))
                RETURNING \(unsafeRawSQL: Self.credentialColumns)
                """)
            return (try Self.credential(rows[0]), Self.credentialRecord(.create, principal, rows))
        }
    }

    func listCredentials(
        request: Loket_Admin_V1_ListCredentialsRequest, context: ServerContext
    ) async throws -> Loket_Admin_V1_ListCredentialsResponse {
        guard let principal = UUID(uuidString: request.principalId) else {
            throw RPCError(.invalidArgument, AdminMessages.invalidID, for: context, request.principalId)
        }
        let rows = try await pool.query(
            """
            SELECT \(unsafeRawSQL: Self.credentialColumns) FROM core.credentials
            WHERE principal_id = \(principal) ORDER BY created_at, id
            """, timeout: context.storeTimeout)
        return .with { $0.credentials = rows.compactMap { try? Self.credential($0) } }
    }

    func revokeCredential(
        request: Loket_Admin_V1_RevokeCredentialRequest, context: ServerContext
    ) async throws -> Credential {
        guard let id = UUID(uuidString: request.credentialId) else {
            throw RPCError(.invalidArgument, AdminMessages.invalidID, for: context, request.credentialId)
        }
        return try await change(context) { transaction in
            let rows = try await transaction.query(
                """
                UPDATE core.credentials SET revoked_at = coalesce(revoked_at, now()) WHERE id = \(id)
                RETURNING \(unsafeRawSQL: Self.credentialColumns)
                """)
            guard rows.count == 1 else {
                throw RPCError(.notFound, AdminMessages.credentialNotFound, for: context, request.credentialId)
            }
            let principal = try rows[0].decode(UUID.self, at: 1)
            return (try Self.credential(rows[0]), Self.credentialRecord(.update, principal, rows))
        }
    }

    static let credentialColumns = """
        id, principal_id, kind, key_id, certificate_sha256, label, \(rfc3339("created_at")),
        \(rfc3339("revoked_at"))
        """

    static func credential(_ row: PostgresRow) throws -> Credential {
        let (id, principal, kind, keyID, certificate, label, createdAt, revokedAt) = try row.decode(
            UUID.self, UUID.self, String.self, String?.self, [UInt8]?.self, String.self, String.self, String?.self)
        return .with {
            $0.id = id.uuidString.lowercased()
            $0.principalId = principal.uuidString.lowercased()
            $0.kind = kind == "api_key" ? .apiKey : .certificate
            $0.keyId = keyID ?? ""
            $0.certificateSha256 = certificate.map { Hex.encode($0) } ?? ""
            $0.label = label
            $0.createdAt = createdAt
            $0.revokedAt = revokedAt ?? ""
        }
    }

    static func credentialRecord(_ action: AuditAction, _ principal: UUID, _ rows: PostgresRows) -> AuditRecord {
        let id = (try? rows[0].decode(UUID.self, at: 0).uuidString.lowercased()) ?? ""
        return AuditRecord(
            action,
            subjects: [
                AuditSubject(kind: "principal", id: principal.uuidString.lowercased()),
                AuditSubject(kind: "credential", id: id),
            ], information: action == .create ? ["credential"] : ["revoked_at"])
    }

    /// The DER bytes of the single certificate in `pem`, nil when it holds none or more than one.
    static func certificateDER(pem: String) -> [UInt8]? {
        let begin = "-----BEGIN CERTIFICATE-----"
        let end = "-----END CERTIFICATE-----"
        guard let start = pem.range(of: begin), let stop = pem.range(of: end, range: start.upperBound..<pem.endIndex),
            pem.range(of: begin, range: stop.upperBound..<pem.endIndex) == nil
        else { return nil }
        let body = pem[start.upperBound..<stop.lowerBound].filter { !$0.isWhitespace }
        guard let data = Data(base64Encoded: String(body)), data.first == 0x30, data.count > 64 else { return nil }
        return Array(data)
    }
}
