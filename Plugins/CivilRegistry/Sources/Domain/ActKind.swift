/// The kinds of civil status acts; the raw value is what the database stores.
public enum ActKind: String, Sendable, Hashable, CaseIterable {
    case birth
    case recognition
    case marriage
    case divorce
    case legalCohabitation = "legal_cohabitation"
    case endOfLegalCohabitation = "end_of_legal_cohabitation"
    case nameChange = "name_change"
    case death
}
