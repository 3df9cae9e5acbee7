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

    /// Creates a permission; by default clerks and administrators hold it.
    public init(_ name: String, roles: Set<Role> = [.administrator, .clerk]) {
        self.name = name
        self.roles = roles.union([.administrator])
    }

    /// The name.
    public var description: String { name }
}
