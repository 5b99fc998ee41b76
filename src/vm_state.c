/*
 * vm_state.c - creating and destroying interpreters and their threads.
 *
 * Bootstrap has one awkward knot: a type object needs a str for its name and a dict for
 * its namespace, and str and dict are types. It is cut by allocating every builtin type
 * object raw first (zeroed, with `type` as their class), interning the names, and only
 * then running each type file's setup, which completes its types in place. The collector
 * stays off until the last setup returns, since half-built types have no trace functions.
 */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "core.h"
#include "setup.h"

/* Binary operator names in AD_BINOP_* order. */
static const char *const binop_stems[AD_BINOP_COUNT] = {
    "add", "and", "floordiv", "lshift", "matmul", "mul", "mod",
    "or",  "pow", "rshift",   "sub",    "truediv", "xor",
};

/* The value stack and frame pool are tens of megabytes each, mapped directly rather than
 * calloc'd: untouched slots and frames then cost no memory, and sanitizer allocators,
 * which zero a calloc block by hand, do not touch every page of every new thread. */
static void *map_zeroed(size_t bytes) {
    void *p = mmap(NULL, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE,
                   -1, 0);
    return p == MAP_FAILED ? NULL : p;
}

static void unmap(void *p, size_t bytes) {
    if (p) munmap(p, bytes);
}

#define STACK_BYTES ((size_t)AD_THREAD_STACK_SLOTS * sizeof(AdValue))
#define POOL_BYTES ((size_t)AD_MAX_FRAMES * sizeof(AdFrame))

AdThread *ad_thread_new(AdVM *vm) {
    /* Zeroed except the temporary-root array (64 KB, only read below nroots): clearing it
     * would make every page of it resident. */
    AdThread *t = malloc(sizeof *t);
    if (!t) return NULL;
    size_t roots_at = offsetof(AdThread, roots), roots_end = roots_at + sizeof t->roots;
    memset(t, 0, roots_at);
    memset((char *)t + roots_end, 0, sizeof *t - roots_end);
    t->stack = map_zeroed(STACK_BYTES);
    t->frame_pool = map_zeroed(POOL_BYTES);
    if (!t->stack || !t->frame_pool) {
        unmap(t->stack, STACK_BYTES);
        unmap(t->frame_pool, POOL_BYTES);
        free(t);
        return NULL;
    }
    t->vm = vm;
    t->stack_end = t->stack + AD_THREAD_STACK_SLOTS;
    t->stack_top = t->stack_hw = t->stack;
    t->exc = AD_NULLV;
    t->handled = AD_NONE;
    t->next_thread = vm->threads;
    vm->threads = t;
    return t;
}

void ad_thread_free(AdThread *t) {
    AdVM *vm = t->vm;
    for (AdThread **link = &vm->threads; *link; link = &(*link)->next_thread) {
        if (*link == t) {
            *link = t->next_thread;
            break;
        }
    }
    unmap(t->stack, STACK_BYTES);
    unmap(t->frame_pool, POOL_BYTES);
    free(t);
}

static bool intern_names(AdThread *t) {
    AdVM *vm = t->vm;
#define X(id, text)                                                                         \
    if (!(vm->name.id = ad_str_intern_cstr(t, text))) return false;
    AD_NAMES(X)
#undef X
    char buf[32];
    for (int i = 0; i < AD_BINOP_COUNT; i++) {
        static const char *const forms[3] = {"__%s__", "__r%s__", "__i%s__"};
        for (int form = 0; form < 3; form++) {
            snprintf(buf, sizeof buf, forms[form], binop_stems[i]);
            AdStr *s = ad_str_intern_cstr(t, buf);
            if (!s) return false;
            vm->binop_names[form * AD_BINOP_COUNT + i] = s;
        }
    }
    return true;
}

static bool bootstrap(AdThread *t) {
    AdVM *vm = t->vm;
    /* `type` first: it is everyone's class, its own included. */
    vm->type_type = ad_gc_alloc(t, NULL, sizeof(AdType));
    if (!vm->type_type) return false;
    vm->type_type->obj.type = vm->type_type;
#define X(id, name)                                                                         \
    if (!vm->type_##id && !(vm->type_##id = ad_gc_alloc(t, vm->type_type, sizeof(AdType))))  \
        return false;
    AD_BUILTIN_TYPES(X)
#undef X
    if (!intern_names(t)) return false;
    return ad_type_setup(t) && ad_str_setup(t) && ad_int_setup(t) && ad_float_setup(t) &&
           ad_tuple_setup(t) && ad_list_setup(t) && ad_dict_setup(t) && ad_set_setup(t) &&
           ad_bytes_setup(t) && ad_range_setup(t) && ad_slice_setup(t) && ad_iter_setup(t) &&
           ad_func_setup(t) && ad_gen_setup(t) && ad_module_setup(t) && ad_exc_setup(t) &&
           ad_builtins_setup(t) && ad_sys_setup(t);
}

AdVM *ad_vm_new(void) {
    AdVM *vm = calloc(1, sizeof *vm);
    if (!vm) return NULL;
    pthread_mutex_init(&vm->gil.mutex, NULL);
    pthread_cond_init(&vm->gil.cond, NULL);
    vm->gil.switch_interval_us = 5000;
    vm->recursion_limit = AD_DEFAULT_RECURSION_LIMIT;
    vm->gc_threshold = AD_GC_MIN_THRESHOLD;
    const char *stress = getenv("ADDER_GC_STRESS");
    vm->gc_stress = stress && *stress && strcmp(stress, "0") != 0;
    AdThread *t = ad_thread_new(vm);
    if (!t) {
        free(vm);
        return NULL;
    }
    vm->main_thread = t;
    vm->gil.holder = t;
    vm->gc_running = true; /* no collection while types are half-built */
    bool ok = bootstrap(t);
    vm->gc_running = false;
    if (!ok) {
        ad_vm_free(vm);
        return NULL;
    }
    return vm;
}

void ad_vm_free(AdVM *vm) {
    if (!vm) return;
    ad_gc_free_all(vm);
    while (vm->threads) ad_thread_free(vm->threads);
    free(vm->interned);
    free(vm->stdlib_dir);
    pthread_mutex_destroy(&vm->gil.mutex);
    pthread_cond_destroy(&vm->gil.cond);
    free(vm);
}
