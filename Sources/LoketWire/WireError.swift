/// An error from decoding protobuf bytes.
public struct WireError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What went wrong, in broad terms.
    public enum Code: Sendable, Hashable {
        /// The bytes are not a valid encoding of the message (truncated, bad tag, bad length, wrong wire type).
        case malformed
        /// A string field holds bytes that are not UTF-8.
        case invalidUTF8
        /// The input is larger than the caller's limit.
        case tooLarge
    }

    /// The kind of failure.
    public var code: Code
    /// A short English description for logs; safe to show (it never contains message content).
    public var message: String

    /// Creates an error.
    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "WireError.\(code): \(message)" }
}
