/*
 * alloc.c - the per-VM heap: arenas, size-class pages, large blocks, and the page sweep.
 *
 * See alloc.h for the layout. Under AddressSanitizer every block that is not handed out
 * is poisoned (freed blocks once the sweep that freed them is over), so a use after free
 * is still reported as long as the block has not been reused.
 */
#include <malloc.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "core.h"

/* A page that stays empty through this many collections gives its memory back to the OS.
 * Releasing at once is ruinous: a program's garbage empties pages every cycle and the next
 * cycle fills them again, so each release would be paid back in page faults. */
#define EMPTY_SWEEPS_BEFORE_RELEASE 2

/* Arenas mapped before huge pages are asked for (see map_arena). */
#define HUGE_PAGES_AFTER_ARENAS 2

#define LINK(b) (*(char **)((char *)(b) + sizeof(void *)))

/* ---- arenas ----------------------------------------------------------------------------- */

static size_t arena_slot(const AdHeap *h, uintptr_t key) {
    size_t mask = h->arenas_cap - 1;
    size_t i = (size_t)(key ^ (key >> 11)) & mask;
    while (h->arenas[i] && h->arenas[i] != key) i = (i + 1) & mask;
    return i;
}

static bool arena_set_add(AdHeap *h, uintptr_t key) {
    if ((h->narenas + 1) * 2 > h->arenas_cap) {
        size_t cap = h->arenas_cap ? h->arenas_cap * 2 : 16;
        uintptr_t *old = h->arenas;
        size_t oldcap = h->arenas_cap;
        h->arenas = calloc(cap, sizeof *h->arenas);
        if (!h->arenas) {
            h->arenas = old;
            return false;
        }
        h->arenas_cap = cap;
        for (size_t i = 0; i < oldcap; i++)
            if (old[i]) h->arenas[arena_slot(h, old[i])] = old[i];
        free(old);
    }
    h->arenas[arena_slot(h, key)] = key;
    h->narenas++;
    return true;
}

/* An arena aligned to its size: map twice the size and trim both ends. The kernel hands
 * out zero pages lazily, so an arena costs address space, not memory, until pages fill. */
static char *map_arena(AdHeap *h) {
    size_t span = AD_ARENA_SIZE * 2;
    char *raw = mmap(NULL, span, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (raw == MAP_FAILED) return NULL;
    uintptr_t base = ((uintptr_t)raw + AD_ARENA_SIZE - 1) & ~(uintptr_t)(AD_ARENA_SIZE - 1);
    char *a = (char *)base;
    if (a > raw) munmap(raw, (size_t)(a - raw));
    char *tail = a + AD_ARENA_SIZE;
    if (tail < raw + span) munmap(tail, (size_t)(raw + span - tail));
    if (!arena_set_add(h, base >> AD_ARENA_SHIFT)) {
        munmap(a, AD_ARENA_SIZE);
        return NULL;
    }
    AD_LSAN_ROOT(a, AD_ARENA_SIZE);
#ifdef MADV_HUGEPAGE
    /* A heap that has outgrown its first arenas is big: huge pages spare it most of its
     * page faults and TLB misses. Small programs stay on small pages, which keeps their
     * resident size down to what they touch. */
    if (h->narenas > HUGE_PAGES_AFTER_ARENAS) madvise(a, AD_ARENA_SIZE, MADV_HUGEPAGE);
#endif
    return a;
}

/* ---- pages ------------------------------------------------------------------------------ */

static AdPage *new_page(AdHeap *h) {
    AdPage *p = h->empty;
    if (p) {
        h->empty = p->next;
        return p;
    }
    if (h->arena_next == h->arena_end) {
        char *a = map_arena(h);
        if (!a) return NULL;
        h->arena_next = a;
        h->arena_end = a + AD_ARENA_SIZE;
    }
    p = (AdPage *)h->arena_next;
    h->arena_next += AD_PAGE_SIZE;
    return p;
}

static void page_init(AdPage *p, unsigned cls, bool is_obj) {
    size_t bs = (size_t)(cls + 1) * AD_ALLOC_GRAIN;
    char *start = (char *)p + AD_PAGE_HEADER;
    p->block_size = (uint32_t)bs;
    p->bump = start;
    p->end = start + (AD_PAGE_SIZE - AD_PAGE_HEADER) / bs * bs;
    p->free = NULL;
    p->next = p->prev = p->next_all = NULL;
    p->used = 0;
    p->cls = (uint8_t)cls;
    p->is_obj = is_obj;
    p->listed = 0;
    p->decommitted = 0;
    AD_POISON(start, (size_t)(p->end - start));
}

static void avail_push(AdSizeClass *c, AdPage *p) {
    p->prev = NULL;
    p->next = c->avail;
    if (c->avail) c->avail->prev = p;
    c->avail = p;
    p->listed = 1;
}

static void avail_unlink(AdSizeClass *c, AdPage *p) {
    if (p->prev) p->prev->next = p->next;
    else c->avail = p->next;
    if (p->next) p->next->prev = p->prev;
    p->next = p->prev = NULL;
    p->listed = 0;
}

void *ad_heap_refill(AdHeap *h, AdSizeClass *c, unsigned cls, bool is_obj) {
    AdPage *p = c->avail;
    if (p) {
        avail_unlink(c, p);
    } else {
        p = new_page(h);
        if (!p) return NULL;
        page_init(p, cls, is_obj);
        if (is_obj) {
            p->next_all = c->all;
            c->all = p;
        }
    }
    c->cur = p;
    return ad_heap_take(h, c, cls, is_obj);
}

/* ---- large objects and buffers ------------------------------------------------------------ */

AdObj *ad_heap_alloc_large(AdHeap *h, size_t size, size_t *bytes) {
    AdObj *o = calloc(1, size);
    if (!o) return NULL;
    o->gc_next = h->large;
    h->large = o;
    h->nlarge++;
    *bytes = malloc_usable_size(o);
    return o;
}

void *ad_heap_mem_alloc(AdHeap *h, size_t size, size_t *bytes) {
    if (size <= AD_SMALL_MAX) {
        unsigned cls = ad_size_class(size);
        void *b = ad_heap_take(h, &h->mem[cls], cls, false);
        *bytes = b ? (size_t)(cls + 1) * AD_ALLOC_GRAIN : 0;
        return b;
    }
    void *p = malloc(size);
    *bytes = p ? malloc_usable_size(p) : 0;
    return p;
}

static size_t small_free(AdHeap *h, char *b) {
    AdPage *p = ad_page_of(b);
    AdSizeClass *c = &h->mem[p->cls];
    LINK(b) = p->free;
    p->free = b;
    AD_POISON(b, p->block_size);
    p->used--;
    if (p != c->cur) {
        if (p->used == 0) {
            /* Empty: any class may have it now. */
            if (p->listed) avail_unlink(c, p);
            p->empty_since = h->sweeps;
            p->next = h->empty;
            h->empty = p;
        } else if (!p->listed) {
            avail_push(c, p);
        }
    }
    return p->block_size;
}

size_t ad_heap_mem_free(AdHeap *h, void *p) {
    if (!p) return 0;
    if (ad_heap_owns(h, p)) return small_free(h, p);
    /* Not ours: large, or malloc'd by code that hands the buffer over. */
    size_t n = malloc_usable_size(p);
    free(p);
    return n;
}

void *ad_heap_mem_realloc(AdHeap *h, void *p, size_t size, size_t *old_bytes, size_t *new_bytes) {
    if (!p) {
        *old_bytes = 0;
        return ad_heap_mem_alloc(h, size, new_bytes);
    }
    if (!ad_heap_owns(h, p)) {
        size_t old = malloc_usable_size(p);
        if (size <= AD_SMALL_MAX) {
            /* Shrunk into the small range: back to a size class. */
            void *q = ad_heap_mem_alloc(h, size, new_bytes);
            if (!q) return NULL;
            memcpy(q, p, size < old ? size : old);
            free(p);
            *old_bytes = old;
            return q;
        }
        void *q = realloc(p, size);
        if (!q) return NULL;
        *old_bytes = old;
        *new_bytes = malloc_usable_size(q);
        return q;
    }
    AdPage *pg = ad_page_of(p);
    size_t bs = pg->block_size;
    /* Stay put when the size still fits and would not waste more than half the block. */
    if (size <= bs && (size * 2 > bs || bs == AD_ALLOC_GRAIN)) {
        *old_bytes = *new_bytes = bs;
        return p;
    }
    void *q = ad_heap_mem_alloc(h, size, new_bytes);
    if (!q) return NULL;
    memcpy(q, p, size < bs ? size : bs);
    *old_bytes = small_free(h, p);
    return q;
}

/* ---- sweep ------------------------------------------------------------------------------ */

static size_t sweep_class(AdHeap *h, AdSizeClass *c, AdVM *vm, AdDeadFn dead, bool all_dead) {
    size_t live = 0;
    c->cur = NULL;
    c->avail = NULL;
    AdPage **link = &c->all;
    AdPage *p;
    while ((p = *link)) {
        size_t bs = p->block_size;
        char *start = (char *)p + AD_PAGE_HEADER;
        AD_UNPOISON(start, (size_t)(p->bump - start));
        /* Rebuilding the free list in address order keeps later allocations close. */
        char *head = NULL, **tail = &head;
        uint32_t used = 0;
        for (char *b = start; b < p->bump; b += bs) {
            AdObj *o = (AdObj *)b;
            uint8_t m = o->gc_mark;
            if (m == 1 && !all_dead) {
                o->gc_mark = 0;
                used++;
                continue;
            }
            if (m != AD_BLOCK_FREE) {
                dead(vm, o);
                o->gc_mark = AD_BLOCK_FREE;
            }
            *tail = b;
            tail = &LINK(b);
        }
        *tail = NULL;
        p->free = head;
        p->used = used;
        p->listed = 0;
        live += (size_t)used * bs;
        if (used == 0) {
            /* Nothing allocates during a sweep, so the page may join the empty list at
             * once: its blocks stay as they are until it is taken again. */
            *link = p->next_all;
            p->empty_since = h->sweeps;
            p->next = h->empty;
            h->empty = p;
            continue;
        }
        link = &p->next_all;
        if (head || p->bump < p->end) {
            if (!c->cur) c->cur = p;
            else avail_push(c, p);
        }
    }
    return live;
}

#ifdef AD_ASAN
static void poison_free_blocks(AdHeap *h) {
    for (unsigned i = 0; i < AD_NCLASSES; i++) {
        for (AdPage *p = h->obj[i].all; p; p = p->next_all) {
            for (char *b = p->free, *next; b; b = next) {
                next = LINK(b);
                AD_POISON(b, p->block_size);
            }
            AD_POISON(p->bump, (size_t)(p->end - p->bump));
        }
    }
    for (AdPage *p = h->empty; p; p = p->next) {
        char *start = (char *)p + AD_PAGE_HEADER;
        AD_POISON(start, AD_PAGE_SIZE - AD_PAGE_HEADER);
    }
}
#endif

/* Hands the memory of pages that have stayed empty for a while back to the OS. The header
 * stays (it links the page), so only whole OS pages after it are released. */
static void trim_empty_pages(AdHeap *h) {
    long os_page = sysconf(_SC_PAGESIZE);
    if (os_page <= 0 || (size_t)os_page >= AD_PAGE_SIZE) return;
    size_t skip = ((size_t)AD_PAGE_HEADER + (size_t)os_page - 1) & ~((size_t)os_page - 1);
    for (AdPage *p = h->empty; p; p = p->next) {
        if (p->decommitted || h->sweeps - p->empty_since < EMPTY_SWEEPS_BEFORE_RELEASE) continue;
        madvise((char *)p + skip, AD_PAGE_SIZE - skip, MADV_DONTNEED);
        p->decommitted = 1;
    }
}

size_t ad_heap_sweep(AdHeap *h, AdVM *vm, AdDeadFn dead, bool all_dead) {
    size_t live = 0;
    h->sweeps++;
    /* Large objects first, but their memory is freed last: small dead objects' finalizers
     * may still look at them. */
    AdObj *dead_large = NULL;
    AdObj **link = &h->large;
    AdObj *o;
    while ((o = *link)) {
        if (o->gc_mark == 1 && !all_dead) {
            o->gc_mark = 0;
            live += malloc_usable_size(o);
            link = &o->gc_next;
        } else {
            dead(vm, o);
            *link = o->gc_next;
            o->gc_next = dead_large;
            dead_large = o;
            h->nlarge--;
        }
    }
    for (unsigned i = 0; i < AD_NCLASSES; i++) live += sweep_class(h, &h->obj[i], vm, dead, all_dead);
    while (dead_large) {
        o = dead_large;
        dead_large = o->gc_next;
        free(o);
    }
#ifdef AD_ASAN
    poison_free_blocks(h);
#endif
    if (!all_dead) trim_empty_pages(h);
    return live;
}

void ad_heap_release(AdHeap *h) {
    for (size_t i = 0; i < h->arenas_cap; i++) {
        if (!h->arenas[i]) continue;
        char *a = (char *)(h->arenas[i] << AD_ARENA_SHIFT);
        AD_UNPOISON(a, AD_ARENA_SIZE);
        AD_LSAN_UNROOT(a, AD_ARENA_SIZE);
        munmap(a, AD_ARENA_SIZE);
    }
    free(h->arenas);
    memset(h, 0, sizeof *h);
}

size_t ad_heap_count_objects(const AdHeap *h) {
    size_t n = h->nlarge;
    for (unsigned i = 0; i < AD_NCLASSES; i++)
        for (const AdPage *p = h->obj[i].all; p; p = p->next_all) n += p->used;
    return n;
}
