/// Who is calling: the authenticated principal, its department and role, and what the call declared (language,
/// purpose). The host's authentication attaches it to the call's context before any plugin code runs.
public struct Caller: Sendable, Hashable {
    /// The principal's id (a UUID in text form).
    public var principalID: String
    /// The principal's name, e.g. `an.peeters` or `hospital-gasthuisberg`.
    public var principalName: String
    /// The principal's role.
    public var role: Role
    /// The department the principal belongs to; nil only for administrators outside any department.
    public var department: String?
    /// For integrations: the permissions they may use.
    public var scopes: Set<String>
    /// The language of user-facing messages, from `accept-language` (default Dutch).
    public var language: Language
    /// Why personal data is accessed, from `x-loket-purpose`; nil when the caller gave none.
    public var purpose: String?

    /// Creates a caller.
    public init(
        principalID: String, principalName: String, role: Role, department: String?, scopes: Set<String> = [],
        language: Language = .dutch, purpose: String? = nil
    ) {
        self.principalID = principalID
        self.principalName = principalName
        self.role = role
        self.department = department
        self.scopes = scopes
        self.language = language
        self.purpose = purpose
    }

    /// Whether the caller holds `permission` (department enablement is checked separately, by the host).
    public func holds(_ permission: Permission) -> Bool {
        switch role {
        case .administrator: true
        case .clerk: permission.roles.contains(.clerk)
        case .integration:
            !permission.requiresCredentials
                || (permission.roles.contains(.integration) && scopes.contains(permission.name))
        case .anonymous: !permission.requiresCredentials
        }
    }
}
