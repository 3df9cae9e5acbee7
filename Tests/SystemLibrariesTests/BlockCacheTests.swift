import CLoketBlockCache
import CNGHTTP2
import Testing

/// The block cache behind nghttp2's allocator hooks: blocks come back per size, contents survive realloc, and a
/// real nghttp2 session runs on it.
@Suite("block cache")
struct BlockCacheTests {
    /// Runs `body` with a fresh cache as the hooks' user data, destroyed afterwards.
    private func withCache(budget: Int = 4096, _ body: (UnsafeMutableRawPointer) throws -> Void) throws {
        let cache = try #require(loket_block_cache_create(budget))
        defer { loket_block_cache_destroy(cache) }
        try body(UnsafeMutableRawPointer(cache))
    }

    @Test("a freed block is handed out again for a request of the same size class, aligned to 16 bytes")
    func reuse() throws {
        try withCache { cache in
            let first = try #require(loket_block_cache_malloc(40, cache))
            #expect(Int(bitPattern: first) % 16 == 0)
            loket_block_cache_free(first, cache)
            let second = try #require(loket_block_cache_malloc(64, cache))
            #expect(second == first)
            let other = try #require(loket_block_cache_malloc(100, cache))
            #expect(other != first)
            loket_block_cache_free(second, cache)
            loket_block_cache_free(other, cache)
            loket_block_cache_free(nil, cache)
        }
    }

    @Test("calloc zeroes; realloc keeps the contents across size classes, to large blocks and back")
    func reallocation() throws {
        try withCache { cache in
            let zeroed = try #require(loket_block_cache_calloc(10, 30, cache))
            #expect(UnsafeRawBufferPointer(start: zeroed, count: 300).allSatisfy { $0 == 0 })
            loket_block_cache_free(zeroed, cache)

            var block = try #require(loket_block_cache_malloc(50, cache))
            for index in 0..<50 { block.storeBytes(of: UInt8(index), toByteOffset: index, as: UInt8.self) }
            for size in [60, 500, 10_000, 100_000, 3000, 20] {
                block = try #require(loket_block_cache_realloc(block, size, cache))
                let kept = min(size, 50)
                #expect((0..<kept).allSatisfy { block.load(fromByteOffset: $0, as: UInt8.self) == UInt8($0) })
            }
            #expect(loket_block_cache_realloc(block, 0, cache) == nil)
            let fresh = try #require(loket_block_cache_realloc(nil, 32, cache))
            loket_block_cache_free(fresh, cache)
            #expect(loket_block_cache_calloc(Int.max, 2, cache) == nil)
        }
    }

    @Test("blocks beyond the byte budget go back to malloc, and the cache still serves every size")
    func budget() throws {
        try withCache(budget: 128) { cache in
            let blocks = try (0..<8).map { _ in try #require(loket_block_cache_malloc(64, cache)) }
            for block in blocks { loket_block_cache_free(block, cache) }
            let again = try (0..<8).map { _ in try #require(loket_block_cache_malloc(64, cache)) }
            // Only the first two freed fitted the 128-byte budget; they come back first, last in first out.
            #expect(again[0] == blocks[1])
            #expect(again[1] == blocks[0])
            for block in again { loket_block_cache_free(block, cache) }
        }
    }

    @Test("an nghttp2 server session allocates through the cache and is deleted before it")
    func nghttp2Session() throws {
        try withCache { cache in
            let preface = Array("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".utf8)
            var callbacks: OpaquePointer?
            #expect(nghttp2_session_callbacks_new(&callbacks) == 0)
            defer { nghttp2_session_callbacks_del(callbacks) }
            var memory = nghttp2_mem(
                mem_user_data: cache, malloc: loket_block_cache_malloc, free: loket_block_cache_free,
                calloc: loket_block_cache_calloc, realloc: loket_block_cache_realloc)
            var session: OpaquePointer?
            #expect(nghttp2_session_server_new3(&session, callbacks, nil, nil, &memory) == 0)
            // A client preface and an empty SETTINGS frame: the session parses them and queues its own SETTINGS ack.
            var input = preface + [0, 0, 0, 4, 0, 0, 0, 0, 0]
            #expect(nghttp2_session_mem_recv(session, &input, input.count) == input.count)
            var output: UnsafePointer<UInt8>?
            #expect(nghttp2_session_mem_send(session, &output) > 0)
            nghttp2_session_del(session)
        }
    }
}
