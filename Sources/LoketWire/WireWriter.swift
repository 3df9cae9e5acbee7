import CProtobufC
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Write access to one protobuf-c message being built for packing, by field index in the descriptor's table.
///
/// Generated `write(to:)` methods use it. All C memory (the message, strings, arrays, sub-messages) lives in the
/// codec's arena and is released in one pass after packing.
public struct WireWriter {
    let base: UnsafeMutableRawPointer
    let descriptor: UnsafePointer<ProtobufCMessageDescriptor>
    /// The codec's arena, alive for as long as the writer (both are confined to one packing call).
    let arena: UnsafeMutablePointer<WireArena>

    /// Allocates and initialises (protobuf-c defaults) a message of `descriptor`'s type in `arena`.
    init(descriptor: UnsafePointer<ProtobufCMessageDescriptor>, arena: UnsafeMutablePointer<WireArena>) {
        let base = arena.pointee.allocate(Int(descriptor.pointee.sizeof_message))
        descriptor.pointee.message_init(base.assumingMemoryBound(to: ProtobufCMessage.self))
        self.base = base
        self.descriptor = descriptor
        self.arena = arena
    }

    /// The C message, for packing.
    var message: UnsafePointer<ProtobufCMessage> {
        UnsafePointer(base.assumingMemoryBound(to: ProtobufCMessage.self))
    }

    @inline(__always)
    private func field(_ index: Int) -> UnsafePointer<ProtobufCFieldDescriptor> {
        descriptor.pointee.fields.advanced(by: index)
    }

    @inline(__always)
    private func slot(_ index: Int) -> UnsafeMutableRawPointer {
        base + Int(field(index).pointee.offset)
    }

    /// Records that a field is set: the oneof case, or the `has_` flag of an optional scalar.
    @inline(__always)
    private func markPresent(_ index: Int) {
        let f = field(index).pointee
        if f.flags & PROTOBUF_C_FIELD_FLAG_ONEOF.rawValue != 0 {
            base.storeBytes(of: f.id, toByteOffset: Int(f.quantifier_offset), as: UInt32.self)
        } else if f.label == PROTOBUF_C_LABEL_OPTIONAL, f.type != PROTOBUF_C_TYPE_MESSAGE,
            f.type != PROTOBUF_C_TYPE_STRING
        {
            base.storeBytes(of: 1, toByteOffset: Int(f.quantifier_offset), as: Int32.self)
        }
    }

    // MARK: Singular values

    /// Sets a numeric field whose C and Swift representations match.
    @inline(__always)
    public func setScalar<T: BitwiseCopyable>(_ index: Int, _ value: T) {
        slot(index).storeBytes(of: value, as: T.self)
        markPresent(index)
    }

    /// Sets a `bool` field.
    public func setBool(_ index: Int, _ value: Bool) {
        setScalar(index, Int32(value ? 1 : 0))
    }

    /// Sets an enum field.
    public func setEnum<E: ProtobufEnum>(_ index: Int, _ value: E) {
        setScalar(index, value.rawValue)
    }

    /// Sets a `string` field.
    public func setString(_ index: Int, _ value: String) {
        slot(index).storeBytes(of: UnsafePointer(arena.pointee.copy(value)), as: UnsafePointer<CChar>.self)
        markPresent(index)
    }

    /// Sets a `bytes` field.
    public func setBytes(_ index: Int, _ value: Data) {
        slot(index).storeBytes(of: binary(value), as: ProtobufCBinaryData.self)
        markPresent(index)
    }

    /// Sets a message field.
    public func setMessage<M: ProtobufMessage>(_ index: Int, _ value: M) {
        var sub = WireWriter(descriptor: M.wireDescriptor.pointer, arena: arena)
        value.write(to: &sub)
        slot(index).storeBytes(of: UnsafeRawPointer(sub.base), as: UnsafeRawPointer.self)
        markPresent(index)
    }

    // MARK: Repeated values

    private func setElements<T>(_ index: Int, count: Int, as type: T.Type, _ fill: (UnsafeMutablePointer<T>) -> Void) {
        guard count > 0 else { return }
        let storage = arena.pointee.allocate(MemoryLayout<T>.stride * count, alignment: MemoryLayout<T>.alignment)
        let typed = storage.bindMemory(to: T.self, capacity: count)
        fill(typed)
        base.storeBytes(of: count, toByteOffset: Int(field(index).pointee.quantifier_offset), as: Int.self)
        slot(index).storeBytes(of: UnsafeRawPointer(storage), as: UnsafeRawPointer.self)
    }

    /// Sets a repeated numeric field whose C and Swift representations match.
    public func setRepeatedScalar<T: BitwiseCopyable>(_ index: Int, _ values: [T]) {
        setElements(index, count: values.count, as: T.self) { target in
            values.withUnsafeBufferPointer { source in
                target.update(from: source.baseAddress!, count: source.count)
            }
        }
    }

    /// Sets a repeated `bool` field.
    public func setRepeatedBool(_ index: Int, _ values: [Bool]) {
        setElements(index, count: values.count, as: Int32.self) { target in
            for (i, value) in values.enumerated() { target[i] = value ? 1 : 0 }
        }
    }

    /// Sets a repeated enum field.
    public func setRepeatedEnum<E: ProtobufEnum>(_ index: Int, _ values: [E]) {
        setElements(index, count: values.count, as: Int32.self) { target in
            for (i, value) in values.enumerated() { target[i] = value.rawValue }
        }
    }

    /// Sets a repeated `string` field.
    public func setRepeatedString(_ index: Int, _ values: [String]) {
        setElements(index, count: values.count, as: UnsafePointer<CChar>.self) { target in
            for (i, value) in values.enumerated() { target[i] = UnsafePointer(arena.pointee.copy(value)) }
        }
    }

    /// Sets a repeated `bytes` field.
    public func setRepeatedBytes(_ index: Int, _ values: [Data]) {
        setElements(index, count: values.count, as: ProtobufCBinaryData.self) { target in
            for (i, value) in values.enumerated() { target[i] = binary(value) }
        }
    }

    /// Sets a repeated message field.
    public func setRepeatedMessage<M: ProtobufMessage>(_ index: Int, _ values: [M]) {
        let descriptor = M.wireDescriptor.pointer
        setElements(index, count: values.count, as: UnsafeRawPointer.self) { target in
            for (i, value) in values.enumerated() {
                var sub = WireWriter(descriptor: descriptor, arena: arena)
                value.write(to: &sub)
                target[i] = UnsafeRawPointer(sub.base)
            }
        }
    }

    /// Sets a map field from entries in the order given; `body` writes key (index 0) and value (index 1).
    public func setMap<Entries: Collection>(
        _ index: Int, _ entries: Entries, _ body: (inout WireWriter, Entries.Element) -> Void
    ) {
        guard let entryDescriptor = field(index).pointee.descriptor else { return }
        let typed = entryDescriptor.assumingMemoryBound(to: ProtobufCMessageDescriptor.self)
        setElements(index, count: entries.count, as: UnsafeRawPointer.self) { target in
            for (i, entry) in entries.enumerated() {
                var sub = WireWriter(descriptor: typed, arena: arena)
                body(&sub, entry)
                target[i] = UnsafeRawPointer(sub.base)
            }
        }
    }

    private func binary(_ value: Data) -> ProtobufCBinaryData {
        let copy = value.withUnsafeBytes { arena.pointee.copy($0) }
        return ProtobufCBinaryData(len: value.count, data: copy)
    }
}
