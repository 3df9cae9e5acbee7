/// What a call did with personal or administrative data, as a plugin reports it. The host adds who, when, which
/// method, the purpose and the outcome.
public struct AuditRecord: Sendable, Hashable {
    /// The kind of access.
    public var action: AuditAction
    /// Whose data, e.g. `[.person("85073003328")]`.
    public var subjects: [AuditSubject]
    /// Which fields or information types were read or changed, e.g. `["name", "address", "civil_status"]`.
    public var information: [String]

    /// Creates a record.
    public init(_ action: AuditAction, subjects: [AuditSubject], information: [String] = []) {
        self.action = action
        self.subjects = subjects
        self.information = information
    }
}

/// The kind of access an audit record reports.
public enum AuditAction: String, Sendable, Hashable, CaseIterable {
    case read
    case create
    case update
    case delete
}

/// One subject of an audit record: what kind of thing and its identifier.
public struct AuditSubject: Sendable, Hashable {
    /// The kind, e.g. `person`, `act`, `department`, `principal`.
    public var kind: String
    /// The identifier, e.g. a national register number or a UUID.
    public var id: String

    /// Creates a subject.
    public init(kind: String, id: String) {
        self.kind = kind
        self.id = id
    }

    /// A person by national register number (or bis number), the subject citizens search their audit trail by.
    public static func person(_ nationalNumber: String) -> AuditSubject {
        AuditSubject(kind: "person", id: nationalNumber)
    }
}
