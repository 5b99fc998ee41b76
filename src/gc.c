/*
 * gc.c - the allocation chokepoint and a precise, non-moving mark-and-sweep collector.
 *
 * Objects and the buffers they own come from the VM's heap (alloc.c): size-class pages for
 * small sizes, malloc for large ones. A collection marks from the roots listed in gc.h with
 * an explicit gray stack (so a million-deep linked list cannot overflow the C stack), then
 * sweeps the heap's pages linearly in one pass. Each dead object's finalizer runs during
 * that pass, and no dead object's memory is reused before the pass ends, so a finalizer
 * may still look at a dead object's type and that type's bases. Objects do not move, so C
 * code may hold raw pointers as long as what they point to is rooted.
 *
 * The heap size is counted in the block sizes the heap hands out (usable sizes for malloc'd
 * blocks), so callers' size arguments are never trusted. The next collection is due when
 * allocation since the last one exceeds the live heap (and at least AD_GC_MIN_THRESHOLD) -
 * heap size roughly doubles at most between collections.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core.h"

struct AdGC {
    AdVM *vm;
};

static void gray_push(AdVM *vm, AdObj *o) {
    if (vm->ngray == vm->gray_cap) {
        size_t cap = vm->gray_cap ? vm->gray_cap * 2 : 1024;
        AdObj **g = realloc(vm->gray, cap * sizeof *g);
        if (!g) {
            /* Out of memory while collecting: nothing sane can continue. */
            fprintf(stderr, "adder: out of memory in the garbage collector\n");
            abort();
        }
        vm->gray = g;
        vm->gray_cap = cap;
    }
    vm->gray[vm->ngray++] = o;
}

/* Strings and bytes reference nothing but their type, a builtin type the VM roots anyway:
 * they are marked without a trip through the gray stack. A big list of words is then one
 * pass over its items. */
static inline void mark(AdGC *gc, AdObj *o) {
    if (!o || o->gc_mark) return;
    o->gc_mark = 1;
    AdVM *vm = gc->vm;
    if (o->type == vm->type_str || o->type == vm->type_bytes) return;
    gray_push(vm, o);
}

void ad_gc_mark_obj(AdGC *gc, void *p) {
    mark(gc, p);
}

void ad_gc_mark_value(AdGC *gc, AdValue v) {
    if (v.tag == AD_TAG_OBJ) mark(gc, v.as.o);
}

void ad_gc_mark_values(AdGC *gc, const AdValue *v, size_t n) {
    for (size_t i = 0; i < n; i++)
        if (v[i].tag == AD_TAG_OBJ) mark(gc, v[i].as.o);
}

/* The first trace/finalize function up the solid-base chain: a class derived from list
 * inherits list's. */
static AdTraceFn find_trace(AdType *type) {
    for (; type; type = type->base)
        if (type->trace) return type->trace;
    return NULL;
}

static AdFinalizeFn find_finalize(AdType *type) {
    for (; type; type = type->base)
        if (type->finalize) return type->finalize;
    return NULL;
}

/* Blacken one object: its class, its own references, and the instance dict and __slots__
 * values that class layouts add on top of a builtin base. */
static void blacken(AdGC *gc, AdObj *o) {
    AdType *type = o->type;
    ad_gc_mark_obj(gc, type);
    AdTraceFn trace = find_trace(type);
    if (trace) trace(gc, o);
    if (type && type->dict_offset) ad_gc_mark_obj(gc, *(AdObj **)((char *)o + type->dict_offset));
    if (type && type->slots_offset)
        ad_gc_mark_values(gc, (AdValue *)((char *)o + type->slots_offset), type->nslots);
}

static void mark_frame(AdGC *gc, AdFrame *f) {
    ad_gc_mark_obj(gc, f->code);
    ad_gc_mark_obj(gc, f->func);
    ad_gc_mark_obj(gc, f->globals);
    ad_gc_mark_obj(gc, f->locals);
    ad_gc_mark_obj(gc, f->gen);
    for (uint32_t i = 0; i < f->nblocks && i < AD_MAX_BLOCKS; i++)
        ad_gc_mark_value(gc, f->blocks[i].saved);
}

/* Marks one thread's roots, and clears the stale slots above its stack top so that a
 * frame pushed there later never shows the collector a pointer to a freed object. */
static void mark_thread(AdGC *gc, AdThread *t) {
    if (t->stack_hw > t->stack_top)
        memset(t->stack_top, 0, (size_t)(t->stack_hw - t->stack_top) * sizeof(AdValue));
    t->stack_hw = t->stack_top;
    ad_gc_mark_values(gc, t->stack, (size_t)(t->stack_top - t->stack));
    for (AdFrame *f = t->frame; f; f = f->prev) mark_frame(gc, f);
    int n = t->nroots < AD_MAX_TEMP_ROOTS ? t->nroots : AD_MAX_TEMP_ROOTS;
    ad_gc_mark_values(gc, t->roots, (size_t)n);
    ad_gc_mark_value(gc, t->exc);
    ad_gc_mark_value(gc, t->handled);
}

static void mark_vm(AdGC *gc, AdVM *vm) {
#define X(id, name) ad_gc_mark_obj(gc, vm->type_##id);
    AD_BUILTIN_TYPES(X)
#undef X
#define X(id, base) ad_gc_mark_obj(gc, vm->exc_##id);
    AD_EXCEPTIONS(X)
#undef X
#define X(id, text) ad_gc_mark_obj(gc, vm->name.id);
    AD_NAMES(X)
#undef X
    for (size_t i = 0; i < sizeof vm->binop_names / sizeof vm->binop_names[0]; i++)
        ad_gc_mark_obj(gc, vm->binop_names[i]);
    /* Interned strings are strong roots: they are names, and names are few and long-lived. */
    for (size_t i = 0; i < vm->interned_cap; i++) ad_gc_mark_obj(gc, vm->interned[i]);
    ad_gc_mark_value(gc, vm->not_implemented);
    ad_gc_mark_value(gc, vm->ellipsis);
    ad_gc_mark_obj(gc, vm->empty_tuple);
    ad_gc_mark_value(gc, vm->set_dummy);
    ad_gc_mark_value(gc, vm->memory_error);
    ad_gc_mark_obj(gc, vm->builtins_module);
    ad_gc_mark_obj(gc, vm->builtins);
    ad_gc_mark_obj(gc, vm->modules);
    ad_gc_mark_obj(gc, vm->sys_module);
    ad_gc_mark_obj(gc, vm->path);
    ad_gc_mark_values(gc, vm->module_state, AD_MODSTATE_COUNT);
    for (AdThread *t = vm->threads; t; t = t->next_thread) mark_thread(gc, t);
}

static void finalize_dead(AdVM *vm, AdObj *o) {
    AdFinalizeFn fin = find_finalize(o->type);
    if (fin) fin(vm, o);
}

static void sweep(AdVM *vm) {
    size_t live = ad_heap_sweep(&vm->heap, vm, finalize_dead, false);
    /* Buffers owned by objects (list items, dict tables) are heap too: counting them keeps
     * a program with few, large containers from collecting over and over. */
    live += vm->mem_bytes;
    vm->bytes_allocated = live;
    size_t threshold = live * 2;
    vm->gc_threshold = threshold > AD_GC_MIN_THRESHOLD ? threshold : AD_GC_MIN_THRESHOLD;
}

void ad_gc_collect(AdThread *t) {
    AdVM *vm = t->vm;
    if (vm->gc_running) return; /* bootstrap, or a finalizer that allocated */
    vm->gc_running = true;
    for (AdThread *th = vm->threads; th; th = th->next_thread) {
        if (th->nroots > AD_MAX_TEMP_ROOTS) {
            fprintf(stderr, "adder: internal error: temporary GC roots overflowed\n");
            abort();
        }
    }
    AdGC gc = {vm};
    mark_vm(&gc, vm);
    while (vm->ngray) blacken(&gc, vm->gray[--vm->ngray]);
    sweep(vm);
    vm->gc_running = false;
}

static inline void maybe_collect(AdThread *t) {
    AdVM *vm = t->vm;
    if ((vm->gc_stress || vm->bytes_allocated >= vm->gc_threshold) && !vm->gc_running)
        ad_gc_collect(t);
}

static AdObj *alloc_obj(AdVM *vm, size_t size, size_t *bytes) {
    if (size <= AD_SMALL_MAX) {
        unsigned cls = ad_size_class(size);
        AdObj *o = ad_heap_take(&vm->heap, &vm->heap.obj[cls], cls, true);
        if (!o) return NULL;
        memset(o, 0, size);
        *bytes = (size_t)(cls + 1) * AD_ALLOC_GRAIN;
        return o;
    }
    return ad_heap_alloc_large(&vm->heap, size, bytes);
}

static void *__attribute__((noinline)) gc_alloc_slow(AdThread *t, AdType *type, size_t size) {
    AdVM *vm = t->vm;
    maybe_collect(t);
    size_t bytes;
    AdObj *o = alloc_obj(vm, size, &bytes);
    if (!o) {
        ad_gc_collect(t);
        o = alloc_obj(vm, size, &bytes);
        if (!o) {
            ad_err_nomemory(t);
            return NULL;
        }
    }
    o->type = type;
    vm->bytes_allocated += bytes;
    return o;
}

/* Zeroes a small block 16 bytes at a time. Inline stores beat a memset call for the
 * 32-64 byte objects that dominate; the empty asm keeps the compiler from turning the
 * loop back into that call. */
static inline void zero_block(void *b, size_t n) {
    typedef long long v2 __attribute__((vector_size(16)));
    v2 *q = b, *e = (v2 *)((char *)b + n);
    do {
        *q++ = (v2){0, 0};
        __asm__("" : "+r"(q));
    } while (q < e);
}

/* A block of `bs` bytes from page p: its free list first, else the untouched tail. */
static inline char *take_block(AdPage *p, size_t bs) {
    char *b = p->free;
    if (b) {
        AD_UNPOISON(b, bs);
        p->free = *(char **)(b + sizeof(void *));
    } else if (p->bump < p->end) {
        b = p->bump;
        AD_UNPOISON(b, bs);
        p->bump = b + bs;
    } else {
        return NULL;
    }
    p->used++;
    return b;
}

/* The fast path: a block from the class's current page, no collection due. */
void *ad_gc_alloc(AdThread *t, AdType *type, size_t size) {
    AdVM *vm = t->vm;
    if (__builtin_expect(size - 1 < AD_SMALL_MAX && vm->bytes_allocated < vm->gc_threshold &&
                             !vm->gc_stress,
                         1)) {
        unsigned cls = (unsigned)((size - 1) / AD_ALLOC_GRAIN);
        AdPage *p = vm->heap.obj[cls].cur;
        size_t bs = (size_t)(cls + 1) * AD_ALLOC_GRAIN;
        char *b = p ? take_block(p, bs) : NULL;
        if (b) {
            zero_block(b, bs);
            ((AdObj *)b)->type = type;
            vm->bytes_allocated += bs;
            return b;
        }
    }
    return gc_alloc_slow(t, type, size);
}

static void *__attribute__((noinline)) mem_alloc_slow(AdThread *t, size_t size) {
    AdVM *vm = t->vm;
    maybe_collect(t);
    size_t bytes;
    void *p = ad_heap_mem_alloc(&vm->heap, size, &bytes);
    if (!p) {
        ad_gc_collect(t);
        p = ad_heap_mem_alloc(&vm->heap, size, &bytes);
        if (!p) {
            ad_err_nomemory(t);
            return NULL;
        }
    }
    vm->bytes_allocated += bytes;
    vm->mem_bytes += bytes;
    return p;
}

void *ad_mem_alloc(AdThread *t, size_t size) {
    AdVM *vm = t->vm;
    if (__builtin_expect(size <= AD_SMALL_MAX && vm->bytes_allocated < vm->gc_threshold &&
                             !vm->gc_stress,
                         1)) {
        unsigned cls = ad_size_class(size);
        AdPage *p = vm->heap.mem[cls].cur;
        size_t bs = (size_t)(cls + 1) * AD_ALLOC_GRAIN;
        char *b = p ? take_block(p, bs) : NULL;
        if (b) {
            vm->bytes_allocated += bs;
            vm->mem_bytes += bs;
            return b;
        }
    }
    return mem_alloc_slow(t, size);
}

void *ad_mem_realloc(AdThread *t, void *p, size_t old_size, size_t new_size) {
    AdVM *vm = t->vm;
    if (new_size > old_size) maybe_collect(t);
    size_t old_bytes, new_bytes;
    void *q = ad_heap_mem_realloc(&vm->heap, p, new_size, &old_bytes, &new_bytes);
    if (!q) {
        ad_gc_collect(t);
        q = ad_heap_mem_realloc(&vm->heap, p, new_size, &old_bytes, &new_bytes);
        if (!q) {
            ad_err_nomemory(t);
            return NULL;
        }
    }
    vm->mem_bytes = vm->mem_bytes - (old_bytes < vm->mem_bytes ? old_bytes : vm->mem_bytes) + new_bytes;
    if (new_bytes > old_bytes) vm->bytes_allocated += new_bytes - old_bytes;
    return q;
}

void ad_mem_free(AdVM *vm, void *p, size_t size) {
    (void)size; /* the heap knows the real size better than the caller */
    if (!p) return;
    AdHeap *h = &vm->heap;
    size_t bytes;
    AdPage *pg = ad_page_of(p);
    /* The common case inline: a small block whose page keeps other blocks and is already
     * where a page with room belongs; the page lists change only in ad_heap_mem_free. */
    if (ad_heap_owns(h, p) && pg->used > 1 && (pg->listed || pg == h->mem[pg->cls].cur)) {
        bytes = pg->block_size;
        *(char **)((char *)p + sizeof(void *)) = pg->free;
        pg->free = p;
        AD_POISON(p, bytes);
        pg->used--;
    } else {
        bytes = ad_heap_mem_free(h, p);
    }
    vm->mem_bytes -= bytes < vm->mem_bytes ? bytes : vm->mem_bytes;
}

void ad_gc_free_all(AdVM *vm) {
    vm->gc_running = true;
    ad_heap_sweep(&vm->heap, vm, finalize_dead, true);
    ad_heap_release(&vm->heap);
    vm->mem_bytes = vm->bytes_allocated = 0;
    free(vm->gray);
    vm->gray = NULL;
    vm->ngray = vm->gray_cap = 0;
}
