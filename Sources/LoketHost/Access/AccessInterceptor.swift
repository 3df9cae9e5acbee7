import LoketPluginAPI
import LoketStore

/// Authenticates every call, checks department enablement, permission and purpose, and attaches the ``Caller``.
///
/// Services in ``openServices`` (health, reflection) pass without credentials. Every other method needs a policy;
/// one without is refused, so that nothing is reachable by accident. A refused call that would have touched
/// personal data leaves an audit record with outcome `denied`.
struct AccessInterceptor: ServerInterceptor {
    let policies: [String: AccessPolicy]
    let openServices: Set<String>
    let directory: DirectoryCache
    let pool: PostgresPool

    func intercepts(_ method: MethodDescriptor) -> Bool {
        !openServices.contains(method.service)
    }

    func intercept(_ call: ServerCall, next: @Sendable (ServerCall) async throws -> Void) async throws {
        var call = call
        let context = call.context
        let language = context.language
        guard let access = policies[context.method.path] else {
            throw RPCError(.permissionDenied, AccessMessages.noPolicy, for: context, context.method.path)
        }
        if !access.policy.permission.requiresCredentials, !carriesCredentials(context) {
            var caller = Caller(
                principalID: "", principalName: "anonymous", role: .anonymous, department: nil, language: language,
                purpose: Self.purpose(in: context.requestMetadata))
            if access.policy.personalData.requiresPurpose, caller.purpose == nil {
                throw RPCError(.invalidArgument, AccessMessages.missingPurpose, for: context)
            }
            caller.language = language
            call.context[CallerKey.self] = caller
            return try await next(call)
        }
        let principal = try await authenticate(context)
        var caller = Caller(
            principalID: principal.id, principalName: principal.name, role: principal.role,
            department: principal.department, scopes: principal.scopes, language: language,
            purpose: Self.purpose(in: context.requestMetadata))
        do {
            try authorize(caller, access, context: context)
        } catch let error as RPCError {
            if access.policy.personalData.requiresPurpose {
                await auditDenial(caller: caller, access: access, method: context.method.path)
            }
            throw error
        }
        if access.policy.personalData.requiresPurpose, caller.purpose == nil {
            throw RPCError(.invalidArgument, AccessMessages.missingPurpose, for: context)
        }
        caller.language = language
        call.context[CallerKey.self] = caller
        try await next(call)
    }

    /// The principal behind the call: an API key when the client sends one, else the client certificate of a
    /// mutual-TLS connection when an administrator registered it.
    private func authenticate(_ context: ServerContext) async throws -> Directory.Principal {
        guard let header = context.requestMetadata.firstString(forKey: "authorization") else {
            if let certificate = context[PeerCertificateKey.self] {
                let fingerprint = Hex.encode(SHA256.hash(certificate.der))
                let directory = directory.directory
                if let id = directory.certificates[fingerprint], let principal = directory.principals[id] {
                    return principal
                }
                throw RPCError(.unauthenticated, AccessMessages.invalidCredentials, for: context)
            }
            throw RPCError(.unauthenticated, AccessMessages.missingCredentials, for: context)
        }
        if let principal = directory.principal(authorization: header) { return principal }
        guard let key = Self.bearerKey(header) else {
            throw RPCError(.unauthenticated, AccessMessages.invalidCredentials, for: context)
        }
        // A key issued a moment ago through another instance may not have reached this one's cache yet.
        try? await directory.refreshKey(key.keyID)
        if let principal = directory.principal(authorization: header) { return principal }
        throw RPCError(.unauthenticated, AccessMessages.invalidCredentials, for: context)
    }

    private func authorize(_ caller: Caller, _ access: AccessPolicy, context: ServerContext) throws {
        // A public method is available wherever its plugin runs, whoever calls it.
        if let plugin = access.plugin, access.policy.permission.requiresCredentials {
            let title = plugin.title.text(in: context.language)
            guard let department = caller.department else {
                throw RPCError(.permissionDenied, AccessMessages.noDepartment, for: context, title, caller.principalName)
            }
            let directory = directory.directory
            guard directory.isEnabled(plugin: plugin.id, in: department) else {
                let name = directory.departments[department]?.name ?? department
                throw RPCError(.permissionDenied, AccessMessages.pluginNotEnabled, for: context, title, name)
            }
        }
        guard caller.holds(access.policy.permission) else {
            throw RPCError(
                .permissionDenied, AccessMessages.missingPermission, for: context, access.policy.permission.name)
        }
    }

    private func auditDenial(caller: Caller, access: AccessPolicy, method: String) async {
        let record = AuditRecord(access.policy.personalData == .writes ? .update : .read, subjects: [])
        _ = try? await pool.query(StoreAuditWriter.insert(record, caller: caller, method: method, outcome: "denied"))
    }

    /// Whether the call brings an API key (checked even on public methods: a wrong key is an error) or a
    /// registered client certificate. An unregistered certificate makes a caller anonymous on public methods,
    /// since every client of a mutual-TLS server has one.
    func carriesCredentials(_ context: ServerContext) -> Bool {
        if context.requestMetadata.firstString(forKey: "authorization") != nil { return true }
        guard let certificate = context[PeerCertificateKey.self] else { return false }
        return directory.directory.certificates[Hex.encode(SHA256.hash(certificate.der))] != nil
    }

    static func principal(for key: APIKey, in directory: Directory) -> Directory.Principal? {
        guard let credential = directory.keys[key.keyID], key.matches(credential.secretHash) else { return nil }
        return directory.principals[credential.principalID]
    }

    /// The key of an `authorization: Bearer <key>` header.
    static func bearerKey(_ header: String) -> APIKey? {
        let parts = header.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else { return nil }
        return APIKey(text: parts[1].trimmingPrefix(" "))
    }

    /// The purpose a caller declared, nil when absent or blank; long texts are cut at 500 characters.
    static func purpose(in metadata: Metadata) -> String? {
        guard let text = metadata.firstString(forKey: "x-loket-purpose") else { return nil }
        // The usual purpose, short and starting with a visible ASCII character, needs no walk over its characters
        // (every audited read comes here).
        if text.utf8.count <= 500, let first = text.utf8.first, first > 0x20, first < 0x7F { return text }
        let trimmed = text.trimmingPrefix(while: \.isWhitespace)
        guard !trimmed.isEmpty else { return nil }
        return String(trimmed.prefix(500))
    }
}
