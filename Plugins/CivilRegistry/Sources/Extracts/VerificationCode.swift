/// Verification codes of extracts: 16 characters of the base32 alphabet (A-Z, 2-7: no digit 0 or 1 to mistake for O or I) from
/// the system's secure random source, in groups of four: `K7QM-2XWD-9...`. 80 bits: not guessable.
public enum VerificationCode {
    static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")

    /// A new code.
    public static func make() -> String {
        var generator = SystemRandomNumberGenerator()
        return make(using: &generator)
    }

    /// A code from `generator` (tests pass a seeded one).
    public static func make(using generator: inout some RandomNumberGenerator) -> String {
        var groups: [String] = []
        for _ in 0..<4 {
            groups.append(String((0..<4).map { _ in alphabet[Int(generator.next(upperBound: UInt8(32)))] }))
        }
        return groups.joined(separator: "-")
    }

    /// `code` upper-cased with spaces dropped, if it has the shape of a code; nil otherwise.
    public static func normalized(_ code: String) -> String? {
        let text = code.uppercased().filter { $0 != " " }
        let groups = text.split(separator: "-", omittingEmptySubsequences: false)
        guard groups.count == 4, groups.allSatisfy({ $0.count == 4 && $0.allSatisfy(alphabet.contains) }) else {
            return nil
        }
        return text
    }
}
