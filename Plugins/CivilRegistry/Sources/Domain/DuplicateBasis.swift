/// Why a person entering the register was flagged as a possible duplicate of one already there; the raw value is
/// what the database stores.
public enum DuplicateBasis: String, Sendable, Hashable, CaseIterable {
    /// The same family and given names (accents and case folded) and the same birth date; no parent is recorded
    /// for both, so the parents could not be compared.
    case nameBirthDate = "name_birth_date"
    /// The same names and birth date, and the same parents where both have them recorded.
    case nameBirthDateParents = "name_birth_date_parents"

    /// The basis on which `person` may duplicate `candidate`, two persons with the same folded names and birth
    /// date; nil when their parents tell them apart.
    ///
    /// Parents are compared one by one, where both persons have that parent recorded: a different mother or a
    /// different father means two persons (twins carry different given names, so the names already differ). A
    /// parent recorded on one side only contradicts nothing, e.g. a child whose father was recognised later. When
    /// at least one parent matches on both sides the basis includes the parents; otherwise it is names and birth
    /// date alone.
    public static func between(_ person: Parentage, _ candidate: Parentage) -> DuplicateBasis? {
        var matched = false
        for (own, other) in [(person.mother, candidate.mother), (person.father, candidate.father)] {
            guard let own, let other else { continue }
            if own != other { return nil }
            matched = true
        }
        return matched ? .nameBirthDateParents : .nameBirthDate
    }
}
