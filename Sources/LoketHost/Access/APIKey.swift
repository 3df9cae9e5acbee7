import LoketStore

/// An API key: `lk_<key id>_<secret>`, where the key id (12 hex digits) finds the credential and the secret
/// (64 hex digits, 256 random bits) proves it. Only the secret's SHA-256 is stored.
struct APIKey: Sendable, Hashable {
    /// The public part, stored as is.
    var keyID: String
    /// The secret part, shown once when issued.
    var secret: String

    /// A new key from the system's cryptographically secure generator.
    static func generate() -> APIKey {
        var generator = SystemRandomNumberGenerator()
        let idBytes = (0..<6).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        let secretBytes = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        return APIKey(keyID: Hex.encode(idBytes), secret: Hex.encode(secretBytes))
    }

    /// Parses the text a client sends; nil when it is not shaped like a key.
    init?(text: some StringProtocol) {
        let parts = text.split(separator: "_", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0] == "lk", parts[1].utf8.count == 12, parts[2].utf8.count == 64,
            parts[1].utf8.allSatisfy(Self.isHexDigit), parts[2].utf8.allSatisfy(Self.isHexDigit)
        else { return nil }
        self.init(keyID: String(parts[1]), secret: String(parts[2]))
    }

    init(keyID: String, secret: String) {
        self.keyID = keyID
        self.secret = secret
    }

    /// The text handed to the key's owner.
    var text: String { "lk_\(keyID)_\(secret)" }

    /// What is stored to check the secret later.
    var secretHash: [UInt8] { SHA256.hash(Array(secret.utf8)) }

    /// Whether this key's secret matches `storedHash`, in time that does not depend on where they differ.
    func matches(_ storedHash: [UInt8]) -> Bool {
        let hash = secretHash
        guard hash.count == storedHash.count else { return false }
        var difference: UInt8 = 0
        for index in hash.indices { difference |= hash[index] ^ storedHash[index] }
        return difference == 0
    }

    private static func isHexDigit(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "f"))
    }
}
