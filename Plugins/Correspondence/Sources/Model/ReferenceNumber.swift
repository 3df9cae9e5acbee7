/// A register reference, `2026/IN/000123`: year, direction and a number that is gapless per year and direction.
public struct ReferenceNumber: Sendable, Hashable, CustomStringConvertible {
    /// The registration year.
    public let year: Int
    /// The direction.
    public let direction: Direction
    /// The number within the year and direction, from 1.
    public let number: Int

    /// Creates a reference; nil when the year is outside 1...9999 or the number is not positive.
    public init?(year: Int, direction: Direction, number: Int) {
        guard (1...9999).contains(year), number >= 1 else { return nil }
        self.year = year
        self.direction = direction
        self.number = number
    }

    /// Parses `2026/IN/000123` (at least six digits of number, four of year).
    public init?(_ text: String) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[2].count >= 6,
            parts[0].utf8.allSatisfy(Self.isDigit), parts[2].utf8.allSatisfy(Self.isDigit),
            let year = Int(parts[0]), let number = Int(parts[2]),
            let direction = Direction.allCases.first(where: { $0.referenceCode == parts[1] })
        else { return nil }
        // One spelling per reference: no extra leading zeros beyond the six-digit width.
        guard parts[2].count == 6 || parts[2].first != "0" else { return nil }
        self.init(year: year, direction: direction, number: number)
    }

    /// `2026/IN/000123`; numbers above 999999 take as many digits as they need.
    public var description: String {
        let digits = String(number)
        let year = String(repeating: "0", count: max(0, 4 - String(self.year).count)) + String(self.year)
        return "\(year)/\(direction.referenceCode)/" + String(repeating: "0", count: max(0, 6 - digits.count)) + digits
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }
}
