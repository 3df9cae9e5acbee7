#ifndef CLOKET_BLOCK_CACHE_H
#define CLOKET_BLOCK_CACHE_H

#include <stddef.h>

/// A cache of small heap blocks for one owner that is used by one thread at a time (an nghttp2 session on its
/// connection's event loop), behind a C library's allocator hooks (`nghttp2_mem`).
///
/// A library that allocates and frees the same few block sizes for every request (nghttp2: a stream, its header
/// buffers, the outbound frames) gets them back from per-size free lists instead of from malloc, whose fast path
/// overflows when ten or more requests are in flight. Blocks up to 2048 bytes are cached, up to a byte budget;
/// larger ones and those beyond the budget go straight to malloc and free. Not thread-safe.
typedef struct loket_block_cache loket_block_cache;

/// A new, empty cache that keeps at most `max_cached_bytes` of free blocks; NULL when out of memory.
loket_block_cache *loket_block_cache_create(size_t max_cached_bytes);

/// Frees the cache and the free blocks it keeps. Every block it handed out must have been freed before.
void loket_block_cache_destroy(loket_block_cache *cache);

/// `malloc` through the cache (`cache` is a `loket_block_cache *`: the hooks' user-data argument).
void *loket_block_cache_malloc(size_t size, void *cache);

/// `free` through the cache; NULL is ignored.
void loket_block_cache_free(void *pointer, void *cache);

/// `calloc` through the cache.
void *loket_block_cache_calloc(size_t count, size_t size, void *cache);

/// `realloc` through the cache.
void *loket_block_cache_realloc(void *pointer, size_t size, void *cache);

#endif
