/*
 * gc.h - the one allocation chokepoint and the precise mark-and-sweep collector.
 *
 * Roots are exact: VM fields (types, names, modules, singletons, interned strings), and per
 * thread the value stack below stack_top, the frame chain (code, function, dicts, blocks,
 * generator frames), the pending and handled exceptions, and the temporary-root stack.
 *
 * THE ROOTING RULE. Any allocation may run a collection (with ADDER_GC_STRESS=1, every one
 * does). An object referenced only from a C local is not a root, so before the next call
 * that may allocate, a C function must make every object it still needs reachable: store it
 * into a rooted object, or push it with ad_gc_push_root(). Arguments a native function
 * receives are already rooted (they sit on the thread stack). The VM restores t->nroots
 * after every native call returns, so a native may push roots and return - on success or
 * error - without popping them; C code that loops must pop (ad_gc_root_restore) to stay
 * within AD_MAX_TEMP_ROOTS.
 *
 * Frames are found through t->frame and the prev links, so every active frame (including
 * a generator's while it runs, and those below a nested C call) must be on that chain.
 * The thread stack is scanned from its base to t->stack_top, moved only by
 * ad_stack_set_top() (vm.h).
 */
#ifndef ADDER_GC_H
#define ADDER_GC_H

#include "vm.h"

/* Allocates `size` zeroed bytes for an object of `type` (header included) from the VM's
 * heap. May collect before allocating. NULL with MemoryError pending on failure. */
AD_FUNC void *ad_gc_alloc(AdThread *t, AdType *type, size_t size) AD_RAISES;
AD_FUNC void ad_gc_collect(AdThread *t);
/* Frees every object of a dying VM (finalizers run); only ad_vm_free calls it. */
AD_FUNC void ad_gc_free_all(AdVM *vm);

/* For trace functions: mark what an object references. NULL pointers and non-object
 * values are ignored. Marking is iterative (a gray stack), so deep structures are safe. */
AD_FUNC void ad_gc_mark_obj(AdGC *gc, void *o);
AD_FUNC void ad_gc_mark_value(AdGC *gc, AdValue v);
AD_FUNC void ad_gc_mark_values(AdGC *gc, const AdValue *v, size_t n);

/* Memory owned by objects (list items, dict tables...), from the VM's heap; only with the
 * GIL held. Counted toward the next collection; ad_mem_alloc and ad_mem_realloc may
 * collect first. NULL + MemoryError on failure. The size arguments of ad_mem_realloc and
 * ad_mem_free are not relied on, and ad_mem_free also takes a plain malloc'd block. */
AD_FUNC void *ad_mem_alloc(AdThread *t, size_t size) AD_RAISES;
AD_FUNC void *ad_mem_realloc(AdThread *t, void *p, size_t old_size, size_t new_size) AD_RAISES;
AD_FUNC void ad_mem_free(AdVM *vm, void *p, size_t size);

static inline void ad_gc_push_root(AdThread *t, AdValue v) {
    if (t->nroots < AD_MAX_TEMP_ROOTS) t->roots[t->nroots] = v;
    t->nroots++; /* overflow is caught by gc.c as an internal error */
}
static inline void ad_gc_push_obj(AdThread *t, void *o) {
    if (o) ad_gc_push_root(t, ad_obj(o));
}
static inline int ad_gc_root_mark(AdThread *t) { return t->nroots; }
static inline void ad_gc_root_restore(AdThread *t, int mark) { t->nroots = mark; }

#endif
