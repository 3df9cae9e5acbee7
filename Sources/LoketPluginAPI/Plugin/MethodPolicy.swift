/// What calling one method requires, and what it does with personal data.
public struct MethodPolicy: Sendable, Hashable {
    /// The method's path, `/package.Service/Method`.
    public var path: String
    /// The permission a caller must hold.
    public var permission: Permission
    /// Whether the method reads or writes personal data: such calls need a purpose and are audited.
    public var personalData: PersonalDataUse

    /// Creates a policy for the method at `path`.
    public init(_ path: String, permission: Permission, personalData: PersonalDataUse = .none) {
        self.path = path
        self.permission = permission
        self.personalData = personalData
    }

    /// Creates a policy for `method` of `service` (its full name, `package.Service`).
    public init(
        service: String, method: String, permission: Permission, personalData: PersonalDataUse = .none
    ) {
        self.init("/\(service)/\(method)", permission: permission, personalData: personalData)
    }
}
