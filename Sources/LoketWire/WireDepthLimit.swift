import CProtobufC

/// Rejects input that nests messages deeper than a limit, before protobuf-c sees it.
///
/// protobuf-c unpacks sub-messages recursively with no depth limit, so a few megabytes of nested length prefixes
/// would overflow the stack. This scan walks the wire format iteratively, following only fields the descriptors
/// declare as messages, and stops at the limit. It does not validate anything else: protobuf-c does that.
enum WireDepthLimit {
    /// The deepest nesting accepted (as in Google's protobuf implementations).
    static let maximumDepth = 100

    /// Whether `buffer`, read as `descriptor`'s message, nests at most `maximumDepth` levels.
    static func isWithinLimit(
        _ buffer: UnsafeRawBufferPointer, descriptor: UnsafePointer<ProtobufCMessageDescriptor>
    ) -> Bool {
        guard buffer.count > 0 else { return true }
        // One frame per open sub-message (where its parent ends, and the parent's type). The first few levels fit
        // a block small enough for the stack (all frames at once would be over the 1 KiB that
        // `withUnsafeTemporaryAllocation` keeps off the heap); deeper input is scanned again with all of them.
        let shallow = withUnsafeTemporaryAllocation(of: Frame.self, capacity: shallowFrames) { frames in
            scan(buffer, descriptor: descriptor, frames: frames)
        }
        if let shallow { return shallow }
        return withUnsafeTemporaryAllocation(of: Frame.self, capacity: maximumDepth) { frames in
            scan(buffer, descriptor: descriptor, frames: frames)
        } ?? false
    }

    /// Frames of the first, stack-allocated scan: 32 levels, 512 bytes.
    private static let shallowFrames = 32

    private typealias Frame = (end: Int, descriptor: UnsafePointer<ProtobufCMessageDescriptor>)

    /// Whether the input is within the limit; nil when it nests deeper than `frames` can follow (below the limit).
    private static func scan(
        _ buffer: UnsafeRawBufferPointer, descriptor: UnsafePointer<ProtobufCMessageDescriptor>,
        frames: UnsafeMutableBufferPointer<Frame>
    ) -> Bool? {
        let base = buffer.baseAddress!
        var depth = 0
        var current = descriptor
        var end = buffer.count
        var offset = 0
        while true {
            while offset >= end {
                guard depth > 0 else { return true }
                depth -= 1
                let frame = frames[depth]
                // A sub-message whose length overruns its parent is malformed; protobuf-c will reject it.
                if offset > end { return true }
                end = frame.end
                current = frame.descriptor
            }
            guard let tag = readVarint(base, &offset, end) else { return true }
            switch tag & 7 {
            case 0:
                guard readVarint(base, &offset, end) != nil else { return true }
            case 1:
                offset += 8
            case 5:
                offset += 4
            case 2:
                guard let length = readVarint(base, &offset, end), length <= UInt64(end - offset) else { return true }
                let fieldEnd = offset + Int(length)
                if let sub = messageDescriptor(current, fieldNumber: tag >> 3) {
                    if depth + 2 > maximumDepth { return false }  // root + open frames + this one
                    if depth == frames.count { return nil }
                    frames[depth] = (end, current)
                    depth += 1
                    end = fieldEnd
                    current = sub
                } else {
                    offset = fieldEnd
                }
            default:
                return true  // groups and invalid wire types: protobuf-c's to judge
            }
        }
    }

    private static func messageDescriptor(
        _ descriptor: UnsafePointer<ProtobufCMessageDescriptor>, fieldNumber: UInt64
    ) -> UnsafePointer<ProtobufCMessageDescriptor>? {
        guard fieldNumber <= UInt64(UInt32.max),
            let field = protobuf_c_message_descriptor_get_field(descriptor, UInt32(fieldNumber)),
            field.pointee.type == PROTOBUF_C_TYPE_MESSAGE, let sub = field.pointee.descriptor
        else { return nil }
        return sub.assumingMemoryBound(to: ProtobufCMessageDescriptor.self)
    }

    private static func readVarint(_ base: UnsafeRawPointer, _ offset: inout Int, _ end: Int) -> UInt64? {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while offset < end, shift < 64 {
            let byte = base.load(fromByteOffset: offset, as: UInt8.self)
            offset += 1
            result |= UInt64(byte & 0x7f) << shift
            if byte & 0x80 == 0 { return result }
            shift += 7
        }
        return nil
    }
}
