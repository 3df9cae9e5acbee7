import CProtobufC

/// The protobuf-c layout of one message type: field numbers, offsets, types and labels.
///
/// Generated code obtains it from the C module that protoc-c produced; plugin code never needs it.
public struct WireDescriptor: @unchecked Sendable {
    // Points at a constant, statically allocated protobuf-c descriptor, so sharing it across threads is safe.
    let pointer: UnsafePointer<ProtobufCMessageDescriptor>

    /// Wraps the address of a `ProtobufCMessageDescriptor` that protoc-c generated.
    public init(_ descriptor: UnsafeRawPointer) {
        pointer = descriptor.assumingMemoryBound(to: ProtobufCMessageDescriptor.self)
    }

    /// The fully qualified protobuf name, e.g. `grpc.health.v1.HealthCheckRequest`.
    public var fullName: String { String(cString: pointer.pointee.name) }

    /// The number of fields the message declares.
    public var fieldCount: Int { Int(pointer.pointee.n_fields) }

    /// The field number of the field at `index` in protobuf-c's field table (sorted by number).
    public func fieldNumber(at index: Int) -> Int { Int(pointer.pointee.fields[index].id) }

    @inline(__always)
    func field(_ index: Int) -> UnsafePointer<ProtobufCFieldDescriptor> {
        pointer.pointee.fields.advanced(by: index)
    }
}
