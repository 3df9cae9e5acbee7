import Foundation

/// A part of a street assigned to a polling station: house numbers `from...to` of a parity.
struct StreetSection: Sendable, Hashable {
    /// The station's id.
    var station: String
    /// The street, compared case- and accent-insensitively.
    var street: String
    /// The lowest house number covered.
    var from: Int
    /// The highest house number covered.
    var to: Int
    /// Odd, even or all numbers.
    var parity: Parity

    /// A street name folded for comparison: case, accents and surrounding spaces ignored.
    static func fold(_ street: String) -> String {
        street.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
            .trimmingCharacters(in: .whitespaces)
    }

    /// The number a house number starts with (`12A` → 12, `7 bus 3` → 7), nil when it starts with no digit.
    static func leadingNumber(_ houseNumber: String) -> Int? {
        let digits = houseNumber.trimmingCharacters(in: .whitespaces).prefix { $0.isASCII && $0.isNumber }
        return digits.isEmpty ? nil : Int(digits.prefix(9))
    }

    /// Whether the section covers an address.
    func covers(street: String, houseNumber: String) -> Bool {
        guard Self.fold(street) == Self.fold(self.street), let number = Self.leadingNumber(houseNumber) else {
            return false
        }
        return (from...to).contains(number) && parity.matches(number)
    }

    /// Whether the section shares an address with `other`.
    func overlaps(_ other: StreetSection) -> Bool {
        guard Self.fold(street) == Self.fold(other.street), from <= other.to, other.from <= to else { return false }
        if parity == .all || other.parity == .all || parity == other.parity {
            // Same parity or one of them covers all: a common number exists when the overlap holds one of the
            // right parity.
            let low = max(from, other.from)
            let high = min(to, other.to)
            let wanted = parity == .all ? other.parity : parity
            return (low...high).contains { wanted.matches($0) }
        }
        return false
    }

    /// The station for an address: the first section, in the order given, that covers it.
    static func station(
        for street: String, houseNumber: String, in sections: [StreetSection]
    ) -> String? {
        sections.first { $0.covers(street: street, houseNumber: houseNumber) }?.station
    }
}
