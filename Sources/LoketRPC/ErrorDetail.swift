import LoketWire

/// One typed detail of an error, as a `google.protobuf.Any`: a type URL and the serialized message.
public struct ErrorDetail: Sendable, Hashable {
    /// `type.googleapis.com/<full message name>`.
    public var typeURL: String
    /// The serialized message.
    public var value: [UInt8]

    /// Wraps a message.
    public init<M: ProtobufMessage>(_ message: M) {
        self.typeURL = "type.googleapis.com/" + M.wireDescriptor.fullName
        self.value = message.serializedBytes()
    }

    /// Wraps already serialized bytes.
    public init(typeURL: String, value: [UInt8]) {
        self.typeURL = typeURL
        self.value = value
    }
}

extension RPCError {
    /// The `google.rpc.Status` for `grpc-status-details-bin`: code (1), message (2), details (3, `Any` with
    /// type_url 1 and value 2). Encoded here directly: three fields do not warrant a generated module.
    public func statusDetails() -> [UInt8] {
        var bytes: [UInt8] = []
        if code != .ok {
            bytes.append(0x08)
            Self.appendVarint(UInt64(code.rawValue), to: &bytes)
        }
        if !message.isEmpty { Self.appendField(2, Array(message.utf8), to: &bytes) }
        for detail in details {
            var any: [UInt8] = []
            Self.appendField(1, Array(detail.typeURL.utf8), to: &any)
            if !detail.value.isEmpty { Self.appendField(2, detail.value, to: &any) }
            Self.appendField(3, any, to: &bytes)
        }
        return bytes
    }

    private static func appendField(_ number: UInt8, _ payload: [UInt8], to bytes: inout [UInt8]) {
        bytes.append(number << 3 | 2)
        appendVarint(UInt64(payload.count), to: &bytes)
        bytes.append(contentsOf: payload)
    }

    private static func appendVarint(_ value: UInt64, to bytes: inout [UInt8]) {
        var value = value
        while value >= 0x80 {
            bytes.append(UInt8(value & 0x7f) | 0x80)
            value >>= 7
        }
        bytes.append(UInt8(value))
    }
}
