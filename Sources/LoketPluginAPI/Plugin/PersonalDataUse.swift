/// What a method does with personal data (GDPR): decides whether a purpose is required and what is audited.
public enum PersonalDataUse: Sendable, Hashable {
    /// No personal data: no purpose needed. Writes are still audited.
    case none
    /// Reads personal data: the caller must give a purpose (`x-loket-purpose`), and the read is audited.
    case reads
    /// Writes personal data (and may read it back): a purpose is required and the change is audited.
    case writes

    /// Whether calls need a purpose.
    public var requiresPurpose: Bool { self != .none }
}
