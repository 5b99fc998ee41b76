/*
 * alloc.h - the per-VM heap that gc.c allocates objects and object-owned buffers from.
 *
 * Small sizes (up to AD_SMALL_MAX, in AD_ALLOC_GRAIN steps) come from pages that each hold
 * blocks of one size class. Pages are carved from arenas that are aligned to their own
 * size, so the page of any small block is found by masking its address, and whether an
 * address is a small block at all by looking its arena up in a small hash set. A fresh
 * page hands out blocks by bumping a pointer, so it costs memory only as it fills; freed
 * blocks go on the page's own free list. Larger sizes go to malloc.
 *
 * Objects and buffers use separate pages: object pages are swept (walked linearly, block
 * by block), buffer pages are only ever freed explicitly, by their owner's finalizer.
 *
 * Nothing here locks: every VM has its own heap, and all of its allocation and freeing
 * happens with that VM's GIL held.
 */
#ifndef ADDER_ALLOC_H
#define ADDER_ALLOC_H

#include "value.h"

#define AD_ALLOC_GRAIN 16
#define AD_SMALL_MAX 512
#define AD_NCLASSES (AD_SMALL_MAX / AD_ALLOC_GRAIN)
/* 64 KiB pages: 127 blocks even in the 512-byte class, and few enough pages that the
 * per-page bookkeeping of the sweep is noise. 4 MiB arenas: 64 pages, virtual until used. */
#define AD_PAGE_SHIFT 16
#define AD_PAGE_SIZE ((size_t)1 << AD_PAGE_SHIFT)
#define AD_ARENA_SHIFT 22
#define AD_ARENA_SIZE ((size_t)1 << AD_ARENA_SHIFT)
/* gc_mark of an object block that is free (0 = unmarked, 1 = marked). */
#define AD_BLOCK_FREE 0xff

#if defined(__SANITIZE_ADDRESS__)
#define AD_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define AD_ASAN 1
#endif
#endif
#ifdef AD_ASAN
#include <sanitizer/asan_interface.h>
#include <sanitizer/lsan_interface.h>
#define AD_POISON(p, n) ASAN_POISON_MEMORY_REGION((p), (n))
#define AD_UNPOISON(p, n) ASAN_UNPOISON_MEMORY_REGION((p), (n))
/* The leak checker scans only malloc'd blocks, stacks and globals; arenas are mmap'd, so
 * they are declared as roots: a VM left alive at exit (to its daemon threads) then owns its
 * malloc'd blocks instead of leaking them. A VM that is freed unmaps its arenas first. */
#define AD_LSAN_ROOT(p, n) __lsan_register_root_region((p), (n))
#define AD_LSAN_UNROOT(p, n) __lsan_unregister_root_region((p), (n))
#else
#define AD_POISON(p, n) ((void)(p), (void)(n))
#define AD_UNPOISON(p, n) ((void)(p), (void)(n))
#define AD_LSAN_ROOT(p, n) ((void)(p), (void)(n))
#define AD_LSAN_UNROOT(p, n) ((void)(p), (void)(n))
#endif

typedef struct AdHeap AdHeap;
typedef struct AdPage AdPage;

/* The header at the start of every page. A free block is linked through its second word
 * (the gc_next field of an object), so that a dead object's type and contents stay
 * readable until the sweep that freed it has finished running finalizers. */
struct AdPage {
    char *free;  /* first free block */
    char *bump;  /* blocks from here on were never handed out */
    char *end;   /* end of the last whole block */
    AdPage *next, *prev; /* the class's pages with room besides `cur`, or the empty pages */
    AdPage *next_all;    /* object classes: every page of the class, for the sweep */
    uint32_t block_size;
    uint32_t used;       /* blocks handed out and not freed */
    uint8_t cls;
    uint8_t is_obj;
    uint8_t listed;      /* on the class's `avail` list */
    uint8_t decommitted; /* empty, and its memory handed back to the OS */
    uint32_t empty_since; /* the heap's sweep count when the page last became empty */
};
#define AD_PAGE_HEADER ((sizeof(AdPage) + 63) & ~(size_t)63)

typedef struct AdSizeClass {
    AdPage *cur;   /* allocations are served from here */
    AdPage *avail; /* other pages with room (doubly linked) */
    AdPage *all;   /* object classes: every page */
} AdSizeClass;

struct AdHeap {
    AdSizeClass obj[AD_NCLASSES];
    AdSizeClass mem[AD_NCLASSES];
    AdPage *empty;               /* pages belonging to no class, reusable by any */
    char *arena_next, *arena_end; /* the never-used pages of the newest arena */
    uintptr_t *arenas;           /* open-addressing set of arena numbers (address >> shift) */
    size_t narenas, arenas_cap;
    uint32_t sweeps;             /* collections so far */
    AdObj *large;                /* objects above AD_SMALL_MAX, through gc_next */
    size_t nlarge;
};

static inline unsigned ad_size_class(size_t size) {
    return size ? (unsigned)((size - 1) / AD_ALLOC_GRAIN) : 0;
}

static inline AdPage *ad_page_of(const void *p) {
    return (AdPage *)((uintptr_t)p & ~(uintptr_t)(AD_PAGE_SIZE - 1));
}

/* The slow paths: a new current page for the class. NULL if memory ran out. */
AD_FUNC void *ad_heap_refill(AdHeap *h, AdSizeClass *c, unsigned cls, bool is_obj);

/* A block of class `cls` (contents undefined). NULL if memory ran out. */
static inline void *ad_heap_take(AdHeap *h, AdSizeClass *c, unsigned cls, bool is_obj) {
    AdPage *p = c->cur;
    if (p) {
        char *b = p->free;
        if (b) {
            AD_UNPOISON(b, p->block_size);
            p->free = *(char **)(b + sizeof(void *));
            p->used++;
            return b;
        }
        if (p->bump < p->end) {
            b = p->bump;
            AD_UNPOISON(b, p->block_size);
            p->bump += p->block_size;
            p->used++;
            return b;
        }
    }
    return ad_heap_refill(h, c, cls, is_obj);
}

/* Objects: a small one from its size class, a large one from calloc (zeroed, listed).
 * The small block is not zeroed; *bytes gets what it counts toward the heap size. */
AD_FUNC AdObj *ad_heap_alloc_large(AdHeap *h, size_t size, size_t *bytes);

/* Object-owned buffers. Small ones are found by address, so the caller's idea of the size
 * is never needed; others are malloc'd. *bytes gets the size counted for the block. */
AD_FUNC void *ad_heap_mem_alloc(AdHeap *h, size_t size, size_t *bytes);
AD_FUNC void *ad_heap_mem_realloc(AdHeap *h, void *p, size_t size, size_t *old_bytes,
                                  size_t *new_bytes);
/* Returns the bytes the block counted for. */
AD_FUNC size_t ad_heap_mem_free(AdHeap *h, void *p);

/* Whether `p` lies in one of the heap's arenas (so is a small block). */
static inline bool ad_heap_owns(const AdHeap *h, const void *p) {
    if (!h->narenas) return false;
    uintptr_t key = (uintptr_t)p >> AD_ARENA_SHIFT;
    size_t mask = h->arenas_cap - 1;
    for (size_t i = (size_t)(key ^ (key >> 11)) & mask; h->arenas[i]; i = (i + 1) & mask)
        if (h->arenas[i] == key) return true;
    return false;
}

/* Frees every object whose gc_mark is 0 (all of them if `all_dead`) and clears the marks
 * of the rest. `dead` runs on each dead object during the one walk, and no dead object's
 * memory is reused or poisoned before the sweep returns, so it may look at other dead
 * objects (a type and its bases). Returns the bytes of the objects still alive. */
typedef void (*AdDeadFn)(AdVM *vm, AdObj *o);
AD_FUNC size_t ad_heap_sweep(AdHeap *h, AdVM *vm, AdDeadFn dead, bool all_dead);
/* Gives every arena back to the OS; after a sweep with all_dead. */
AD_FUNC void ad_heap_release(AdHeap *h);
/* Objects currently allocated (live or not yet swept); for tests and statistics. */
AD_FUNC size_t ad_heap_count_objects(const AdHeap *h);

#endif
