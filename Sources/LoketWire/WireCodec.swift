import CProtobufC

/// Packs and unpacks messages through protobuf-c.
package enum WireCodec {
    /// Decodes `M` from `bytes`. `allocator` replaces protobuf-c's default (tests use it to watch allocations).
    package static func decode<M: ProtobufMessage>(
        _ type: M.Type, from bytes: some Sequence<UInt8>,
        allocator: UnsafeMutablePointer<ProtobufCAllocator>? = nil
    ) throws(WireError) -> M {
        let result: Result<M, WireError>? = bytes.withContiguousStorageIfAvailable { buffer in
            decode(M.self, buffer: UnsafeRawBufferPointer(buffer), allocator: allocator)
        }
        if let result { return try result.get() }
        let copy = Array(bytes)
        return try copy.withUnsafeBytes { decode(M.self, buffer: $0, allocator: allocator) }.get()
    }

    /// Decodes `M` from raw bytes.
    package static func decode<M: ProtobufMessage>(
        _ type: M.Type, buffer: UnsafeRawBufferPointer,
        allocator: UnsafeMutablePointer<ProtobufCAllocator>? = nil
    ) -> Result<M, WireError> {
        let descriptor = M.wireDescriptor.pointer
        guard WireDepthLimit.isWithinLimit(buffer, descriptor: descriptor) else {
            return .failure(
                WireError(.malformed, "\(M.wireDescriptor.fullName): messages nested deeper than \(WireDepthLimit.maximumDepth) levels"))
        }
        if let allocator { return unpack(M.self, buffer: buffer, allocator: allocator) }
        // Small messages unpack into stack memory: protobuf-c's many small allocations become pointer bumps.
        return withUnsafeTemporaryAllocation(byteCount: StackAllocator.capacity, alignment: 16) { block in
            var state = StackAllocator(block: block)
            return withUnsafeMutablePointer(to: &state) { statePointer in
                var stackAllocator = ProtobufCAllocator(
                    alloc: StackAllocator.alloc, free: StackAllocator.free, allocator_data: statePointer)
                return unpack(M.self, buffer: buffer, allocator: &stackAllocator)
            }
        }
    }

    private static func unpack<M: ProtobufMessage>(
        _ type: M.Type, buffer: UnsafeRawBufferPointer, allocator: UnsafeMutablePointer<ProtobufCAllocator>
    ) -> Result<M, WireError> {
        let descriptor = M.wireDescriptor.pointer
        // protobuf-c wants a non-null pointer even for an empty message.
        var empty: UInt8 = 0
        let unpacked: UnsafeMutablePointer<ProtobufCMessage>? = withUnsafeMutablePointer(to: &empty) { emptyPointer in
            let data = buffer.baseAddress?.assumingMemoryBound(to: UInt8.self) ?? UnsafePointer(emptyPointer)
            return protobuf_c_message_unpack(descriptor, allocator, buffer.count, data)
        }
        guard let unpacked else {
            return .failure(WireError(.malformed, "\(M.wireDescriptor.fullName): the bytes are not a valid message"))
        }
        defer { protobuf_c_message_free_unpacked(unpacked, allocator) }
        return Result { () throws(WireError) -> M in
            try M(wireReader: WireReader(base: UnsafeRawPointer(unpacked), descriptor: descriptor))
        }
    }

    /// Encodes `message` in protobuf wire format.
    package static func encode<M: ProtobufMessage>(_ message: M) -> [UInt8] {
        withUnsafeTemporaryAllocation(byteCount: StackAllocator.capacity, alignment: 16) { block in
            let arena = WireArena(initialBlock: block)
            var writer = WireWriter(descriptor: M.wireDescriptor.pointer, arena: arena)
            message.write(to: &writer)
            let packed = writer.message
            let size = protobuf_c_message_get_packed_size(packed)
            guard size > 0 else { return [] }
            return withExtendedLifetime(arena) {
                [UInt8](unsafeUninitializedCapacity: size) { buffer, count in
                    count = protobuf_c_message_pack(packed, buffer.baseAddress!)
                }
            }
        }
    }

    /// The encoded size of `message`.
    package static func encodedSize<M: ProtobufMessage>(_ message: M) -> Int {
        let arena = WireArena()
        var writer = WireWriter(descriptor: M.wireDescriptor.pointer, arena: arena)
        message.write(to: &writer)
        return withExtendedLifetime(arena) { protobuf_c_message_get_packed_size(writer.message) }
    }
}
