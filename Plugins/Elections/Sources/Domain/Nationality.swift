/// A nationality as the population register codes it (ISO 3166-1 alpha-2), classified for the electoral rules.
struct Nationality: Sendable, Hashable {
    /// The two-letter code, upper case; empty when the register does not know it.
    let code: String

    /// Creates a nationality from a register code.
    init(_ code: String) {
        self.code = code.uppercased()
    }

    /// The 27 member states of the European Union (Greece under both `GR` and the EU's own `EL`).
    static let europeanUnion: Set<String> = [
        "AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "EL", "ES", "FI", "FR", "GR", "HR", "HU", "IE", "IT", "LT",
        "LU", "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK",
    ]

    /// Belgian.
    var isBelgian: Bool { code == "BE" }

    /// A citizen of another EU member state.
    var isOtherEU: Bool { !isBelgian && Self.europeanUnion.contains(code) }
}
