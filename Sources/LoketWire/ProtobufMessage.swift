/// A protobuf message as a Swift value type.
///
/// Generated types conform to this protocol; their encoding and decoding run through protobuf-c, driven by the
/// message's protobuf-c descriptor. Plugin code only uses ``init(serializedBytes:)`` and ``serializedBytes()``.
public protocol ProtobufMessage: Sendable, Hashable {
    /// The protobuf-c layout of this message.
    static var wireDescriptor: WireDescriptor { get }

    /// Creates a message with every field at its default value.
    init()

    /// Reads the fields of an unpacked protobuf-c message. Called by the codec; not for plugin code.
    init(wireReader reader: WireReader) throws(WireError)

    /// Writes the fields into a protobuf-c message that is about to be packed. Called by the codec.
    func write(to writer: inout WireWriter)
}

extension ProtobufMessage {
    /// Decodes a message from its protobuf wire format.
    ///
    /// Truncated, malformed or over-long input throws ``WireError``; it never traps.
    @inlinable
    public init(serializedBytes bytes: some Sequence<UInt8>) throws(WireError) {
        self = try WireCodec.decode(Self.self, from: bytes)
    }

    /// Encodes the message in protobuf wire format. Map entries are written in key order, so equal messages give
    /// equal bytes.
    @inlinable
    public func serializedBytes() -> [UInt8] {
        WireCodec.encode(self)
    }

    /// The number of bytes ``serializedBytes()`` produces.
    @inlinable
    public var serializedSize: Int {
        WireCodec.encodedSize(self)
    }
}

extension ProtobufMessage {
    /// Builds a message by setting fields on a default instance: `Request.with { $0.name = "Peeters" }`.
    public static func with(_ populate: (inout Self) throws -> Void) rethrows -> Self {
        var message = Self()
        try populate(&message)
        return message
    }
}
