/// The kind of an election; it decides who may be on the roll besides Belgians.
enum ElectionKind: String, Sendable, Hashable, CaseIterable {
    case municipal
    case provincial
    case regional
    case federal
    case european

    /// Whether EU citizens who applied (and were approved) vote in elections of this kind.
    var admitsEUCitizens: Bool { self == .municipal || self == .european }

    /// Whether non-EU citizens who applied (five years of legal residence, signed declaration) vote.
    var admitsNonEUCitizens: Bool { self == .municipal }
}
