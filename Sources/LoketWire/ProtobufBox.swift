/// Immutable heap storage for a message field whose type contains the message itself (directly or through other
/// messages), which a Swift struct cannot hold inline. Generated code uses it behind an ordinary property.
public final class ProtobufBox<Value: Sendable & Hashable>: Sendable, Hashable {
    /// The stored value.
    public let value: Value

    /// Boxes `value`.
    public init(_ value: Value) {
        self.value = value
    }

    public static func == (lhs: ProtobufBox, rhs: ProtobufBox) -> Bool { lhs.value == rhs.value }

    public func hash(into hasher: inout Hasher) { hasher.combine(value) }
}
