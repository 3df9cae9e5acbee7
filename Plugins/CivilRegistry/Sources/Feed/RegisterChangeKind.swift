/// What kind of change a feed entry reports; the raw value is what the feed table stores.
enum RegisterChangeKind: String, Sendable, Hashable, CaseIterable {
    /// A person entered the register (CreatePerson, or the child of a registered birth).
    case personCreated = "person_created"
    /// A registered act changed the person.
    case actRegistered = "act_registered"
    /// An approved correction of a registered act changed the person.
    case actCorrected = "act_corrected"
    /// A move to a new main residence.
    case moved
    /// A registrar found the person to duplicate another: the record now points at the record to use instead.
    case markedDuplicate = "marked_duplicate"
}
