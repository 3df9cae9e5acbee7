import Foundation

/// Why a registrar's verdict on a possible duplicate person cannot be given.
public enum DuplicateRefusal: Error, Sendable, Hashable {
    /// The flag has its verdict already: a verdict is given once and stands.
    case alreadyResolved(DuplicateVerdict)
    /// The flagged person was already found to duplicate another person (through another flag); a record points
    /// at one record to use instead.
    case personAlreadyDuplicate(of: UUID)

    /// The refusal of `verdict` on a flag whose verdict is `current` (nil while open), for a flagged person whose
    /// record already points at `duplicateOf` (nil when it does not); nil when the verdict may be given.
    public static func of(
        _ verdict: DuplicateVerdict, current: DuplicateVerdict?, duplicateOf: UUID?
    ) -> DuplicateRefusal? {
        if let current { return .alreadyResolved(current) }
        if verdict == .duplicate, let duplicateOf { return .personAlreadyDuplicate(of: duplicateOf) }
        return nil
    }
}
