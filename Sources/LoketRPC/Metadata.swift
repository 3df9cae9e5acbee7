#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// gRPC metadata: an ordered list of key-value pairs, where keys ending in `-bin` carry binary values.
///
/// Keys are stored lower-cased. A key may occur several times; order is kept.
public struct Metadata: Sendable, Hashable, Sequence {
    /// One metadata value.
    public enum Value: Sendable, Hashable {
        /// A printable ASCII value.
        case string(String)
        /// A binary value (keys ending in `-bin`); base64 on the wire.
        case binary(Data)
    }

    private var entries: [(key: String, value: Value)] = []

    /// Creates empty metadata.
    public init() {}

    /// Creates metadata from text pairs, in order.
    public init(_ pairs: [(String, String)]) {
        for (key, value) in pairs { addString(value, forKey: key) }
    }

    /// Appends a text value.
    public mutating func addString(_ value: String, forKey key: String) {
        entries.append((Self.lowercased(key), .string(value)))
    }

    /// Appends a text value under a key that is already lower-case (HTTP/2 guarantees it for received headers).
    package mutating func addString(_ value: String, lowercasedKey key: String) {
        reserveForReceivedHeaders()
        entries.append((key, .string(value)))
    }

    /// Appends a binary value under a key that is already lower-case.
    package mutating func addBinary(_ value: Data, lowercasedKey key: String) {
        reserveForReceivedHeaders()
        entries.append((key, .binary(value)))
    }

    /// Room for a request's usual custom headers (user agent, accepted encodings, credentials, purpose) at once:
    /// grown one append at a time, the storage was allocated two or three times per call.
    private mutating func reserveForReceivedHeaders() {
        if entries.capacity == 0 { entries.reserveCapacity(8) }
    }

    /// Whether there are no entries.
    public var isEmpty: Bool { entries.isEmpty }

    /// Appends a binary value; the key should end in `-bin`.
    public mutating func addBinary(_ value: Data, forKey key: String) {
        entries.append((Self.lowercased(key), .binary(value)))
    }

    /// All values for `key`, in order.
    public subscript(key: String) -> [Value] {
        let key = Self.lowercased(key)
        var values: [Value] = []
        for entry in entries where entry.key == key { values.append(entry.value) }
        return values
    }

    /// The first text value for `key`.
    public func firstString(forKey key: String) -> String? {
        let key = Self.lowercased(key)
        for entry in entries where entry.key == key {
            if case .string(let value) = entry.value { return value }
        }
        return nil
    }

    /// `key` lower-cased; keys are nearly always lower-case already, and then no new string is made.
    private static func lowercased(_ key: String) -> String {
        hasUppercase(key) ? key.lowercased() : key
    }

    /// Whether `key` has an ASCII capital, read from its contiguous UTF-8 where it has one (native strings do): a
    /// loop over a buffer rather than over the string's index, which cost about 1% of a unary call's CPU.
    private static func hasUppercase(_ key: String) -> Bool {
        let isCapital = { (byte: UInt8) in byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") }
        return key.utf8.withContiguousStorageIfAvailable { $0.contains(where: isCapital) }
            ?? key.utf8.contains(where: isCapital)
    }

    /// Removes every value for `key`.
    public mutating func removeAll(forKey key: String) {
        let key = Self.lowercased(key)
        entries.removeAll { $0.key == key }
    }

    /// The number of key-value pairs.
    public var count: Int { entries.count }

    public func makeIterator() -> some IteratorProtocol<(key: String, value: Value)> {
        entries.makeIterator()
    }

    public static func == (lhs: Metadata, rhs: Metadata) -> Bool {
        lhs.entries.elementsEqual(rhs.entries) { $0.key == $1.key && $0.value == $1.value }
    }

    public func hash(into hasher: inout Hasher) {
        for entry in entries {
            hasher.combine(entry.key)
            hasher.combine(entry.value)
        }
    }
}
