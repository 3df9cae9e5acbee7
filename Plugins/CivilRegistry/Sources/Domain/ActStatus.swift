/// Where an act stands, as its chain of actions leaves it; the raw value is what the database stores.
public enum ActStatus: String, Sendable, Hashable, CaseIterable {
    /// No action yet: the act does not exist.
    case new
    /// Created or notified, not yet declared.
    case draft
    case declared
    case validated
    /// In the register, in effect.
    case registered
    /// Registered, with a correction awaiting a decision.
    case correctionRequested = "correction_requested"
    /// Ended without registration.
    case rejected
    /// Ended as a duplicate of another act.
    case duplicate

    /// Whether no action can follow.
    public var isFinal: Bool { self == .rejected || self == .duplicate }
}
