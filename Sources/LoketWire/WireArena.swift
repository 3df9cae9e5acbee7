#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A bump allocator for the C memory of one message being packed: one `free` pass at the end instead of one per
/// string, array and sub-message.
///
/// A struct that lives on the packing function's stack and is reached through a pointer, so that packing allocates
/// nothing for the arena itself; its owner calls ``deallocateBlocks()`` when done.
struct WireArena {
    private static let blockSize = 4096
    private var blocks: [UnsafeMutableRawPointer] = []
    private var cursor: UnsafeMutableRawPointer?
    private var remaining = 0

    /// Creates an arena; `initialBlock` (not owned, e.g. stack memory of the caller) is used up first, so that a
    /// small message needs no heap block at all.
    init(initialBlock: UnsafeMutableRawBufferPointer? = nil) {
        if let initialBlock, let base = initialBlock.baseAddress {
            cursor = base
            remaining = initialBlock.count
        }
    }

    /// Frees the heap blocks; the memory handed out is invalid afterwards.
    mutating func deallocateBlocks() {
        for block in blocks { free(block) }
        blocks = []
        cursor = nil
        remaining = 0
    }

    /// Runs `body` with a fresh arena that uses `initialBlock` first, and frees the arena's blocks afterwards.
    static func with<Result>(
        initialBlock: UnsafeMutableRawBufferPointer? = nil, _ body: (UnsafeMutablePointer<WireArena>) -> Result
    ) -> Result {
        var arena = WireArena(initialBlock: initialBlock)
        defer { arena.deallocateBlocks() }
        return withUnsafeMutablePointer(to: &arena, body)
    }

    /// Returns `size` bytes aligned to `alignment` (a power of two no larger than 16); valid until the arena dies.
    mutating func allocate(_ size: Int, alignment: Int = 16) -> UnsafeMutableRawPointer {
        if let cursor {
            let padding = (alignment - Int(bitPattern: cursor) & (alignment - 1)) & (alignment - 1)
            if padding + size <= remaining {
                let result = cursor + padding
                self.cursor = result + size
                remaining -= padding + size
                return result
            }
        }
        if size > Self.blockSize / 4 {
            // Large objects get their own block so that the current block keeps its free tail.
            let block = malloc(max(size, 1))!
            blocks.append(block)
            return block
        }
        let block = malloc(Self.blockSize)!
        blocks.append(block)
        cursor = block + size
        remaining = Self.blockSize - size
        return block
    }

    /// Copies `string` into the arena as a NUL-terminated C string.
    mutating func copy(_ string: String) -> UnsafeMutablePointer<CChar> {
        var string = string
        return string.withUTF8 { utf8 in
            let target = allocate(utf8.count + 1, alignment: 1)
            if let base = utf8.baseAddress { target.copyMemory(from: base, byteCount: utf8.count) }
            target.storeBytes(of: 0, toByteOffset: utf8.count, as: UInt8.self)
            return target.assumingMemoryBound(to: CChar.self)
        }
    }

    /// Copies `bytes` into the arena.
    mutating func copy(_ bytes: UnsafeRawBufferPointer) -> UnsafeMutablePointer<UInt8>? {
        guard let base = bytes.baseAddress, bytes.count > 0 else { return nil }
        let target = allocate(bytes.count, alignment: 1)
        target.copyMemory(from: base, byteCount: bytes.count)
        return target.assumingMemoryBound(to: UInt8.self)
    }
}
