/// A 64-bit FNV-1a digest over the roll's lines, to compare two generations cheaply: equal rolls give equal
/// digests. A check for determinism, not a seal against tampering (the audit log and the amendments are that).
struct RollDigest: Sendable {
    private var state: UInt64 = 0xcbf2_9ce4_8422_2325

    /// Adds one line (its UTF-8 bytes and a newline).
    mutating func add(_ line: String) {
        for byte in line.utf8 { mix(byte) }
        mix(0x0A)
    }

    private mutating func mix(_ byte: UInt8) {
        state ^= UInt64(byte)
        state = state &* 0x0000_0100_0000_01B3
    }

    /// The digest as 16 hex digits.
    var hex: String {
        let text = String(state, radix: 16)
        return String(repeating: "0", count: 16 - text.count) + text
    }
}
