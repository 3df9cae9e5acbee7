#include "CLoketBlockCache.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

// Every block starts with a header that says how it was allocated; 16 bytes keep malloc's alignment for the
// caller's part.
typedef struct {
    uint32_t size_class;  // index into class_sizes, or UNCACHED
    uint32_t reserved;
    size_t size;          // bytes asked for (uncached blocks: what realloc must keep)
} block_header;

_Static_assert(sizeof(block_header) == 16, "the header must keep 16-byte alignment");

enum { CLASS_COUNT = 6, UNCACHED = UINT32_MAX };
static const size_t class_sizes[CLASS_COUNT] = {64, 128, 256, 512, 1024, 2048};

typedef struct free_block {
    struct free_block *next;
} free_block;

struct loket_block_cache {
    free_block *lists[CLASS_COUNT];
    size_t cached_bytes;
    size_t max_cached_bytes;
};

static uint32_t class_for(size_t size) {
    for (uint32_t index = 0; index < CLASS_COUNT; index++) {
        if (size <= class_sizes[index]) return index;
    }
    return UNCACHED;
}

static block_header *header_of(void *pointer) {
    return (block_header *)((char *)pointer - sizeof(block_header));
}

loket_block_cache *loket_block_cache_create(size_t max_cached_bytes) {
    loket_block_cache *cache = calloc(1, sizeof(loket_block_cache));
    if (cache != NULL) cache->max_cached_bytes = max_cached_bytes;
    return cache;
}

void loket_block_cache_destroy(loket_block_cache *cache) {
    if (cache == NULL) return;
    for (int index = 0; index < CLASS_COUNT; index++) {
        free_block *block = cache->lists[index];
        while (block != NULL) {
            free_block *next = block->next;
            free(block);
            block = next;
        }
    }
    free(cache);
}

void *loket_block_cache_malloc(size_t size, void *user_data) {
    loket_block_cache *cache = user_data;
    uint32_t size_class = class_for(size);
    block_header *header;
    if (size_class == UNCACHED) {
        if (size > SIZE_MAX - sizeof(block_header)) return NULL;
        header = malloc(sizeof(block_header) + size);
    } else if (cache->lists[size_class] != NULL) {
        free_block *block = cache->lists[size_class];
        cache->lists[size_class] = block->next;
        cache->cached_bytes -= class_sizes[size_class];
        header = (block_header *)block;
    } else {
        header = malloc(sizeof(block_header) + class_sizes[size_class]);
    }
    if (header == NULL) return NULL;
    header->size_class = size_class;
    header->size = size;
    return header + 1;
}

void loket_block_cache_free(void *pointer, void *user_data) {
    if (pointer == NULL) return;
    loket_block_cache *cache = user_data;
    block_header *header = header_of(pointer);
    uint32_t size_class = header->size_class;
    if (size_class == UNCACHED || cache->cached_bytes + class_sizes[size_class] > cache->max_cached_bytes) {
        free(header);
        return;
    }
    free_block *block = (free_block *)header;
    block->next = cache->lists[size_class];
    cache->lists[size_class] = block;
    cache->cached_bytes += class_sizes[size_class];
}

void *loket_block_cache_calloc(size_t count, size_t size, void *user_data) {
    if (size != 0 && count > SIZE_MAX / size) return NULL;
    void *pointer = loket_block_cache_malloc(count * size, user_data);
    if (pointer != NULL) memset(pointer, 0, count * size);
    return pointer;
}

void *loket_block_cache_realloc(void *pointer, size_t size, void *user_data) {
    if (pointer == NULL) return loket_block_cache_malloc(size, user_data);
    if (size == 0) {
        loket_block_cache_free(pointer, user_data);
        return NULL;
    }
    block_header *header = header_of(pointer);
    if (header->size_class == UNCACHED && class_for(size) == UNCACHED) {
        if (size > SIZE_MAX - sizeof(block_header)) return NULL;
        block_header *moved = realloc(header, sizeof(block_header) + size);
        if (moved == NULL) return NULL;
        moved->size = size;
        return moved + 1;
    }
    if (header->size_class != UNCACHED && size <= class_sizes[header->size_class]) {
        header->size = size;
        return pointer;
    }
    void *moved = loket_block_cache_malloc(size, user_data);
    if (moved == NULL) return NULL;
    memcpy(moved, pointer, header->size < size ? header->size : size);
    loket_block_cache_free(pointer, user_data);
    return moved;
}
