/// The kind of principal calling.
public enum Role: String, Sendable, Hashable, CaseIterable {
    /// Manages departments, plugins, principals and credentials; holds every permission.
    case administrator
    /// Staff of one department, using the plugins enabled there.
    case clerk
    /// A machine client (a hospital, a federal register link) limited to an explicit scope list.
    case integration
    /// Someone without credentials, calling a public method (``Permission/public(_:)``); never a stored principal.
    case anonymous
}
