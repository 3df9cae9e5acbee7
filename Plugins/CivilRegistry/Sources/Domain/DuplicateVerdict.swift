/// A registrar's verdict on a possible duplicate person; the raw value is what the database stores.
public enum DuplicateVerdict: String, Sendable, Hashable, CaseIterable {
    /// The same person: the newer record points at the older one, the record to use instead.
    case duplicate
    /// Two different persons: nothing changes on either.
    case notDuplicate = "not_duplicate"

    /// Whether the verdict changes the flagged person (and so is a change for the register feed).
    public var changesPerson: Bool { self == .duplicate }
}
