import CProtobufC
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Read access to one unpacked protobuf-c message, by field index in the descriptor's field table.
///
/// Generated `init(wireReader:)` initialisers use it; the C message stays owned by the codec, and every value read
/// is copied into Swift storage before the codec frees it.
public struct WireReader {
    let base: UnsafeRawPointer
    let descriptor: UnsafePointer<ProtobufCMessageDescriptor>

    init(base: UnsafeRawPointer, descriptor: UnsafePointer<ProtobufCMessageDescriptor>) {
        self.base = base
        self.descriptor = descriptor
    }

    @inline(__always)
    private func field(_ index: Int) -> UnsafePointer<ProtobufCFieldDescriptor> {
        descriptor.pointee.fields.advanced(by: index)
    }

    @inline(__always)
    private func slot(_ index: Int) -> UnsafeRawPointer {
        base + Int(field(index).pointee.offset)
    }

    // MARK: Presence

    /// Whether the field at `index` is set: a oneof member that is the active case, a proto3 `optional` or proto2
    /// optional field with its presence flag, or a message field that is not null. Plain proto3 scalars are always
    /// "present" (at their default).
    public func has(_ index: Int) -> Bool {
        let f = field(index).pointee
        if f.flags & PROTOBUF_C_FIELD_FLAG_ONEOF.rawValue != 0 {
            return base.load(fromByteOffset: Int(f.quantifier_offset), as: UInt32.self) == f.id
        }
        switch f.type {
        case PROTOBUF_C_TYPE_MESSAGE, PROTOBUF_C_TYPE_STRING:
            return base.load(fromByteOffset: Int(f.offset), as: UnsafeRawPointer?.self) != nil
        default:
            if f.label == PROTOBUF_C_LABEL_OPTIONAL {
                return base.load(fromByteOffset: Int(f.quantifier_offset), as: Int32.self) != 0
            }
            return true
        }
    }

    /// The field number of the active member of the oneof that the field at `index` belongs to; 0 if none is set.
    public func oneofCase(_ index: Int) -> Int32 {
        Int32(bitPattern: base.load(fromByteOffset: Int(field(index).pointee.quantifier_offset), as: UInt32.self))
    }

    // MARK: Singular values

    /// A numeric field whose C and Swift representations match (Int32, UInt32, Int64, UInt64, Float, Double).
    @inline(__always)
    public func scalar<T: BitwiseCopyable>(_ index: Int, as type: T.Type = T.self) -> T {
        slot(index).load(as: T.self)
    }

    /// A `bool` field (an `int` in protobuf-c).
    public func bool(_ index: Int) -> Bool {
        slot(index).load(as: Int32.self) != 0
    }

    /// An enum field; numbers without a case become `unrecognized`.
    public func enumValue<E: ProtobufEnum>(_ index: Int, as type: E.Type = E.self) -> E {
        E(rawValue: slot(index).load(as: Int32.self))
    }

    /// A `string` field; throws for bytes that are not UTF-8.
    public func string(_ index: Int) throws(WireError) -> String {
        guard let pointer = slot(index).load(as: UnsafePointer<CChar>?.self) else { return "" }
        return try Self.decodeString(pointer)
    }

    /// A `bytes` field.
    public func bytes(_ index: Int) -> Data {
        Self.data(slot(index).load(as: ProtobufCBinaryData.self))
    }

    /// A message field, or nil when it is not set.
    public func message<M: ProtobufMessage>(_ index: Int, as type: M.Type = M.self) throws(WireError) -> M? {
        guard let pointer = slot(index).load(as: UnsafeRawPointer?.self) else { return nil }
        let sub = WireReader(base: pointer, descriptor: M.wireDescriptor.pointer)
        return try M(wireReader: sub)
    }

    // MARK: Repeated values

    private func count(_ index: Int) -> Int {
        base.load(fromByteOffset: Int(field(index).pointee.quantifier_offset), as: Int.self)
    }

    private func elements<T>(_ index: Int, as type: T.Type) -> UnsafeBufferPointer<T> {
        let n = count(index)
        guard n > 0, let start = slot(index).load(as: UnsafePointer<T>?.self) else {
            return UnsafeBufferPointer(start: nil, count: 0)
        }
        return UnsafeBufferPointer(start: start, count: n)
    }

    /// A repeated numeric field whose C and Swift representations match.
    public func repeatedScalar<T: BitwiseCopyable>(_ index: Int, as type: T.Type = T.self) -> [T] {
        Array(elements(index, as: T.self))
    }

    /// A repeated `bool` field.
    public func repeatedBool(_ index: Int) -> [Bool] {
        elements(index, as: Int32.self).map { $0 != 0 }
    }

    /// A repeated enum field.
    public func repeatedEnum<E: ProtobufEnum>(_ index: Int, as type: E.Type = E.self) -> [E] {
        elements(index, as: Int32.self).map(E.init(rawValue:))
    }

    /// A repeated `string` field.
    public func repeatedString(_ index: Int) throws(WireError) -> [String] {
        let items = elements(index, as: UnsafePointer<CChar>?.self)
        var result: [String] = []
        result.reserveCapacity(items.count)
        for item in items {
            result.append(try item.map { pointer throws(WireError) in try Self.decodeString(pointer) } ?? "")
        }
        return result
    }

    /// A repeated `bytes` field.
    public func repeatedBytes(_ index: Int) -> [Data] {
        elements(index, as: ProtobufCBinaryData.self).map(Self.data)
    }

    /// A repeated message field.
    public func repeatedMessage<M: ProtobufMessage>(_ index: Int, as type: M.Type = M.self) throws(WireError) -> [M] {
        let items = elements(index, as: UnsafeRawPointer?.self)
        var result: [M] = []
        result.reserveCapacity(items.count)
        for item in items {
            guard let item else { result.append(M()); continue }
            result.append(try M(wireReader: WireReader(base: item, descriptor: M.wireDescriptor.pointer)))
        }
        return result
    }

    /// Calls `body` with a reader for every entry of a map field (entry field 0 is the key, 1 the value).
    public func forEachMapEntry(_ index: Int, _ body: (WireReader) throws(WireError) -> Void) throws(WireError) {
        guard let entryDescriptor = field(index).pointee.descriptor else { return }
        let typed = entryDescriptor.assumingMemoryBound(to: ProtobufCMessageDescriptor.self)
        for item in elements(index, as: UnsafeRawPointer?.self) {
            guard let item else { continue }
            try body(WireReader(base: item, descriptor: typed))
        }
    }

    // MARK: Conversions

    private static func decodeString(_ pointer: UnsafePointer<CChar>) throws(WireError) -> String {
        guard let string = String(validatingCString: pointer) else {
            throw WireError(.invalidUTF8, "a string field is not valid UTF-8")
        }
        return string
    }

    private static func data(_ binary: ProtobufCBinaryData) -> Data {
        guard binary.len > 0, let bytes = binary.data else { return Data() }
        return Data(bytes: bytes, count: binary.len)
    }
}
