/// One step in an act's append-only chain; the raw value is what the database stores.
public enum ActAction: String, Sendable, Hashable, CaseIterable {
    /// A registrar started the act.
    case created
    /// An outside party notified it (a hospital's birth notification); birth acts only.
    case notified
    /// The declarant (parents, spouses, …) declared it, completing its data.
    case declared
    /// A registrar checked the declaration.
    case validated
    /// The act was drawn up in the register; it takes effect on the persons concerned.
    case registered
    /// An extract or certificate was issued.
    case certified
    /// The act will not be drawn up.
    case rejected
    /// A correction of a registered act was asked for, with the corrected data.
    case correctionRequested = "correction_requested"
    /// The correction was approved and takes effect.
    case correctionApproved = "correction_approved"
    /// The correction was refused; the act stays as it was.
    case correctionRejected = "correction_rejected"
    /// A possible duplicate was confirmed: this act ends here.
    case markedDuplicate = "marked_duplicate"
    /// A possible duplicate was cleared.
    case markedNotDuplicate = "marked_not_duplicate"

    /// Whether the action needs a reason (who decides against the normal course says why).
    public var requiresReason: Bool {
        switch self {
        case .rejected, .correctionRequested, .correctionApproved, .correctionRejected, .markedDuplicate,
            .markedNotDuplicate:
            true
        case .created, .notified, .declared, .validated, .registered, .certified:
            false
        }
    }
}
