import CProtobufC

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A protobuf-c allocator over a caller's stack block: allocations bump a cursor and frees of them do nothing;
/// what does not fit goes to malloc and is freed normally.
struct StackAllocator {
    /// Bytes of stack used per encode or decode: at most the 1 KiB that `withUnsafeTemporaryAllocation` always
    /// takes from the stack (larger blocks went to the heap on event-loop threads).
    static let capacity = 1024

    private let base: UnsafeMutableRawPointer
    private let end: UnsafeMutableRawPointer
    private var cursor: UnsafeMutableRawPointer

    init(block: UnsafeMutableRawBufferPointer) {
        base = block.baseAddress!
        end = base + block.count
        cursor = base
    }

    mutating func allocate(_ size: Int) -> UnsafeMutableRawPointer? {
        let aligned = (size + 15) & ~15
        if aligned <= end - cursor {
            defer { cursor += aligned }
            return cursor
        }
        return malloc(max(size, 1))
    }

    func owns(_ pointer: UnsafeMutableRawPointer) -> Bool {
        pointer >= base && pointer < end
    }

    static let alloc: @convention(c) (UnsafeMutableRawPointer?, Int) -> UnsafeMutableRawPointer? = { data, size in
        data!.assumingMemoryBound(to: StackAllocator.self).pointee.allocate(size)
    }

    static let free: @convention(c) (UnsafeMutableRawPointer?, UnsafeMutableRawPointer?) -> Void = { data, pointer in
        guard let pointer, !data!.assumingMemoryBound(to: StackAllocator.self).pointee.owns(pointer) else { return }
        releaseHeapBlock(pointer)
    }
}

/// `free`, under a name the allocator's own `free` member does not shadow.
private func releaseHeapBlock(_ pointer: UnsafeMutableRawPointer) {
    free(pointer)
}
