/// A named right to call some methods, e.g. `civil-registry.persons.read`, with the roles that may hold it.
///
/// Administrators hold every permission. Clerks hold the permissions that list ``Role/clerk``, in the departments
/// where the plugin is enabled. Integrations hold a permission only when it lists ``Role/integration`` *and* the
/// integration's scope names it.
public struct Permission: Sendable, Hashable, CustomStringConvertible {
    /// The permission's name, `<plugin id>.<area>.<verb>` by convention.
    public var name: String
    /// The roles that can hold it.
    public var roles: Set<Role>
    /// Whether calls need credentials; false only for ``public(_:)`` permissions.
    public var requiresCredentials: Bool

    /// Creates a permission; by default clerks and administrators hold it.
    public init(_ name: String, roles: Set<Role> = [.administrator, .clerk]) {
        self.name = name
        self.roles = roles.union([.administrator])
        self.requiresCredentials = true
    }

    /// A permission everyone holds, with or without credentials: for methods the public may call, such as
    /// checking the verification code of a certificate. Calls without credentials run as an anonymous caller
    /// (``Role/anonymous``) and skip department enablement; a purpose is still required when the method touches
    /// personal data, and what it reads is audited as read by `anonymous`.
    public static func `public`(_ name: String) -> Permission {
        var permission = Permission(name, roles: Set(Role.allCases))
        permission.requiresCredentials = false
        return permission
    }

    /// The name.
    public var description: String { name }
}
