import CProtobufC

/// Packs and unpacks messages through protobuf-c.
///
/// The generic entry points are inlinable shells around non-generic work (``unpack(_:descriptor:allocator:_:)``,
/// ``pack(descriptor:_:)``): specialised where the message type is known, they need no run-time lookups of generic
/// type metadata, which unspecialised generic code pays on every call.
@usableFromInline
package enum WireCodec {
    /// Decodes `M` from `bytes`. `allocator` replaces protobuf-c's default (tests use it to watch allocations).
    @inlinable
    package static func decode<M: ProtobufMessage>(
        _ type: M.Type, from bytes: some Sequence<UInt8>,
        allocator: UnsafeMutablePointer<ProtobufCAllocator>? = nil
    ) throws(WireError) -> M {
        var message: M?
        var failure: WireError?
        // A closure literal rather than a nested function: what it captures stays on the stack (a nested function
        // capturing these had cost a heap box and a closure context per message).
        let wasContiguous: Void? = bytes.withContiguousStorageIfAvailable { buffer in
            do throws(WireError) {
                message = try decode(M.self, fromBuffer: UnsafeRawBufferPointer(buffer), allocator: allocator)
            } catch {
                failure = error
            }
        }
        // An array's storage is contiguous: the copy takes the path above.
        if wasContiguous == nil { return try decode(M.self, from: Array(bytes), allocator: allocator) }
        if let failure { throw failure }
        return message.take()!
    }

    /// Decodes `M` from raw bytes.
    @inlinable
    package static func decode<M: ProtobufMessage>(
        _ type: M.Type, buffer: UnsafeRawBufferPointer,
        allocator: UnsafeMutablePointer<ProtobufCAllocator>? = nil
    ) -> Result<M, WireError> {
        Result { () throws(WireError) -> M in try decode(M.self, fromBuffer: buffer, allocator: allocator) }
    }

    /// Decodes `M` from raw bytes; the message moves out of the variable the unpacking closure fills.
    @inlinable
    package static func decode<M: ProtobufMessage>(
        _ type: M.Type, fromBuffer buffer: UnsafeRawBufferPointer,
        allocator: UnsafeMutablePointer<ProtobufCAllocator>?
    ) throws(WireError) -> M {
        var message: M?
        try unpack(buffer, descriptor: M.wireDescriptor, allocator: allocator) { reader throws(WireError) in
            message = try M(wireReader: reader)
        }
        return message.take()!
    }

    /// Unpacks `buffer` as a `descriptor` message and lets `read` take what it needs from it before it is freed.
    @usableFromInline
    package static func unpack(
        _ buffer: UnsafeRawBufferPointer, descriptor: WireDescriptor,
        allocator: UnsafeMutablePointer<ProtobufCAllocator>?, _ read: (WireReader) throws(WireError) -> Void
    ) throws(WireError) {
        guard WireDepthLimit.isWithinLimit(buffer, descriptor: descriptor.pointer) else {
            throw WireError(
                .malformed,
                "\(descriptor.fullName): messages nested deeper than \(WireDepthLimit.maximumDepth) levels")
        }
        if let allocator {
            try unpack(buffer, descriptor: descriptor, with: allocator, read)
            return
        }
        // Small messages unpack into stack memory: protobuf-c's many small allocations become pointer bumps.
        try withUnsafeTemporaryAllocation(byteCount: StackAllocator.capacity, alignment: 16) {
            (block) throws(WireError) in
            var state = StackAllocator(block: block)
            try withUnsafeMutablePointer(to: &state) { (statePointer) throws(WireError) in
                var stackAllocator = ProtobufCAllocator(
                    alloc: StackAllocator.alloc, free: StackAllocator.free, allocator_data: statePointer)
                try unpack(buffer, descriptor: descriptor, with: &stackAllocator, read)
            }
        }
    }

    private static func unpack(
        _ buffer: UnsafeRawBufferPointer, descriptor: WireDescriptor,
        with allocator: UnsafeMutablePointer<ProtobufCAllocator>, _ read: (WireReader) throws(WireError) -> Void
    ) throws(WireError) {
        // protobuf-c wants a non-null pointer even for an empty message.
        var empty: UInt8 = 0
        let unpacked: UnsafeMutablePointer<ProtobufCMessage>? = withUnsafeMutablePointer(to: &empty) { emptyPointer in
            let data = buffer.baseAddress?.assumingMemoryBound(to: UInt8.self) ?? UnsafePointer(emptyPointer)
            return protobuf_c_message_unpack(descriptor.pointer, allocator, buffer.count, data)
        }
        guard let unpacked else {
            throw WireError(.malformed, "\(descriptor.fullName): the bytes are not a valid message")
        }
        defer { protobuf_c_message_free_unpacked(unpacked, allocator) }
        try read(WireReader(base: UnsafeRawPointer(unpacked), descriptor: descriptor.pointer))
    }

    /// Encodes `message` in protobuf wire format.
    @inlinable
    package static func encode<M: ProtobufMessage>(_ message: M) -> [UInt8] {
        pack(descriptor: M.wireDescriptor) { writer in message.write(to: &writer) }
    }

    /// Packs the `descriptor` message that `write` fills in.
    @usableFromInline
    package static func pack(descriptor: WireDescriptor, _ write: (inout WireWriter) -> Void) -> [UInt8] {
        withUnsafeTemporaryAllocation(byteCount: StackAllocator.capacity, alignment: 16) { block in
            WireArena.with(initialBlock: block) { arena in
                var writer = WireWriter(descriptor: descriptor.pointer, arena: arena)
                write(&writer)
                let packed = writer.message
                let size = protobuf_c_message_get_packed_size(packed)
                guard size > 0 else { return [] }
                return [UInt8](unsafeUninitializedCapacity: size) { buffer, count in
                    count = protobuf_c_message_pack(packed, buffer.baseAddress!)
                }
            }
        }
    }

    /// The encoded size of `message`.
    @inlinable
    package static func encodedSize<M: ProtobufMessage>(_ message: M) -> Int {
        packedSize(descriptor: M.wireDescriptor) { writer in message.write(to: &writer) }
    }

    /// The packed size of the `descriptor` message that `write` fills in.
    @usableFromInline
    package static func packedSize(descriptor: WireDescriptor, _ write: (inout WireWriter) -> Void) -> Int {
        WireArena.with { arena in
            var writer = WireWriter(descriptor: descriptor.pointer, arena: arena)
            write(&writer)
            return protobuf_c_message_get_packed_size(writer.message)
        }
    }
}
