/*
 * vm_internal.h - what the VM's own files (vm.c, call.c, obj_func.c, obj_gen.c) share and
 * nobody else needs: frame pushing, the call dispatcher the loop and C callers both use,
 * and the generator plumbing the loop performs inline.
 *
 * Frame layout on the thread stack: [locals][cells][free vars][operand stack], sized by
 * ad_code_framesize(). A callee pushed by the loop takes its arguments in place where the
 * caller pushed them; a callee of a generator frame (whose operand stack lives in the
 * generator object) gets its arguments copied to the stack top instead.
 */
#ifndef ADDER_VM_INTERNAL_H
#define ADDER_VM_INTERNAL_H

#include "core.h"

static inline size_t ad_code_nfast(const AdCode *co) {
    return (size_t)co->nlocals + co->ncells + co->nfree;
}
static inline size_t ad_code_framesize(const AdCode *co) {
    return ad_code_nfast(co) + co->stacksize;
}
static inline bool ad_on_thread_stack(AdThread *t, const AdValue *p) {
    return (uintptr_t)p >= (uintptr_t)t->stack && (uintptr_t)p < (uintptr_t)t->stack_end;
}

/* Global-name lookup with a remembered position: an interned name's header word obj.extra
 * (unused by str) holds where the name was last found in a module's globals (low 16 bits,
 * AD_HINT_GLOBALS) and in a builtins dict (high 16, AD_HINT_BUILTINS). A hint is verified by
 * key identity before use, so a stale one only costs the ordinary lookup. */
enum { AD_HINT_GLOBALS = 0, AD_HINT_BUILTINS = 16 };
static inline AdValue ad_vm_dict_get_hinted(AdDict *d, AdStr *name, int which) {
    uint32_t h = (name->obj.extra >> which) & 0xFFFF;
    if (h < d->nentries) {
        AdDictEntry *e = &d->entries[h];
        if (e->key.tag == AD_TAG_OBJ && e->key.as.o == &name->obj) return e->value;
    }
    int64_t ix = ad_dict_find_str(d, name);
    if (ix < 0) return AD_NULLV;
    if (ix <= 0xFFFF && (name->obj.flags & AD_STR_INTERNED))
        name->obj.extra = (name->obj.extra & ~((uint32_t)0xFFFF << which)) | ((uint32_t)ix << which);
    return d->entries[ix].value;
}

/* Slack kept above every frame so that C code between frames has room to push arguments. */
enum { AD_STACK_SLACK = 64 };

/* call.c */

/* Calls the callable in args[-1] with args[0..nargs) positionals, then one keyword value per
 * kwnames entry, then (when kwnames) the kwnames tuple itself; everything is rooted (thread
 * stack or a generator frame). `ret` (<= args - 1) is where the result goes.
 * Returns 1 when a frame was pushed for a script function (t->frame is the callee; its
 * return value belongs in *ret), 0 when the result is in *ret, -1 on error. `flags` is
 * AD_FRAME_ENTRY for a call from C (the pushed frame will be run by ad_vm_run_frame), 0
 * for the dispatch loop (which may also push AD_FRAME_INIT constructor frames). */
AD_FUNC int ad_call_dispatch(AdThread *t, AdValue *ret, AdValue *args, int nargs,
                             AdTuple *kwnames, uint32_t flags) AD_RAISES;

/* Binds arguments and pushes a frame for `fn` (args laid out as for ad_call_dispatch; when
 * `self` is not AD_NULLV it is prepended). Returns 1 with the frame pushed, 0 with a new
 * generator/coroutine in *out (nothing pushed), -1 on error (stack top restored). */
AD_FUNC int ad_frame_push(AdThread *t, AdFunc *fn, AdValue *args, int nargs, AdTuple *kwnames,
                          AdValue self, uint32_t flags, AdValue *out) AD_RAISES;

/* Fills the cells (seeded from parameters) and free variables (from fn's closure; fn may
 * be NULL) of a frame whose slots are bound and rooted. false: MemoryError pending. */
AD_FUNC bool ad_frame_cells(AdThread *t, AdFunc *fn, AdCode *co, AdValue *slots) AD_RAISES;

/* f(*args, **kwargs) with fslot = [f, args tuple, kw dict] (rooted: thread stack or a
 * generator's frame; kw is fslot[2] or NULL). `own_dict`: kw is a temporary nobody else
 * sees, which a callee may keep as its **kwargs. Returns as ad_call_dispatch, with the
 * result in fslot[0]. */
AD_FUNC int ad_call_ex(AdThread *t, AdValue *fslot, AdDict *kw, bool own_dict,
                       uint32_t flags) AD_RAISES;

/* "f()" as CPython's _PyObject_FunctionStr: module.qualname() unless builtins. */
AD_FUNC AdStr *ad_func_str(AdThread *t, AdValue func) AD_RAISES;

/* A str value from printf-style C formatting (vsnprintf), AD_NULLV on error. */
AD_FUNC AdValue ad_vm_strf(AdThread *t, const char *fmt, ...)
    __attribute__((format(printf, 2, 3))) AD_RAISES;

/* The RecursionError raised for runaway C-level recursion (false). */
AD_FUNC bool ad_vm_c_depth_error(AdThread *t) AD_RAISES;

/* vm.c */

/* Runs from `entry` (already linked as t->frame) until it returns (0, *result = its value),
 * yields (1, generator frames only) or raises out of it (-1). With `throwing`, t->exc is
 * raised at the frame's current instruction first. Frames above `entry` are run in the
 * same loop. */
AD_FUNC int ad_vm_run_frame(AdThread *t, AdFrame *entry, AdValue *result,
                            bool throwing) AD_RAISES;

/* An exception class: a type deriving from BaseException. */
static inline bool ad_is_exc_class(AdThread *t, AdValue v) {
    AdVM *vm = t->vm;
    if (v.tag != AD_TAG_OBJ) return false;
    AdType *mt = v.as.o->type;
    if (mt != vm->type_type && !ad_type_is_subtype(mt, vm->type_type)) return false;
    AdType *cls = AD_AS(AdType, v);
    return cls == vm->exc_BaseException || ad_type_is_subtype(cls, vm->exc_BaseException);
}

/* Sets exc.__context__ to the exception being handled (t->handled), cutting any cycle that
 * would create, as CPython's _PyErr_SetObject. Never raises. */
AD_FUNC void ad_exc_set_context(AdThread *t, AdValue exc);

/* vm_ops.c: the loop's cold paths. Errors leave an exception pending and return false /
 * -1 / AD_NULLV as usual; the void error helpers and ad_vm_raise always leave one. */
AD_FUNC void ad_vm_unbound_local(AdThread *t, AdCode *co, uint32_t i);
AD_FUNC AdStr *ad_vm_deref_name(AdCode *co, uint32_t i); /* cells, then free vars */
AD_FUNC void ad_vm_unbound_deref(AdThread *t, AdCode *co, uint32_t i);
AD_FUNC void ad_vm_name_error(AdThread *t, AdStr *name);
AD_FUNC AdDict *ad_vm_frame_builtins(AdThread *t, AdDict *globals); /* never raises */
/* Adds f's traceback entry for the instruction before ip (the def line before the first). */
AD_FUNC void ad_vm_add_traceback(AdThread *t, AdFrame *f, const uint32_t *ip);
/* An exception leaves generator frame f: PEP 479 conversion, then the generator is done. */
AD_FUNC void ad_vm_gen_error_exit(AdThread *t, AdFrame *f);
AD_FUNC void ad_vm_raise(AdThread *t, AdValue exc, AdValue cause); /* RAISE_VARARGS 1, 2 */
AD_FUNC int ad_vm_exc_matches(AdThread *t, AdValue exc, AdValue typ); /* CHECK_EXC_MATCH */
AD_FUNC void ad_vm_drop_blocks(AdThread *t, AdFrame *f); /* restores t->handled; no raise */
/* UNPACK_SEQUENCE / UNPACK_EX: the values go to dest[..], the first item highest. */
AD_FUNC bool ad_vm_unpack_sequence(AdThread *t, AdValue seq, uint32_t n, AdValue *dest);
AD_FUNC bool ad_vm_unpack_ex(AdThread *t, AdValue seq, uint32_t before, uint32_t after,
                             AdValue *dest);
AD_FUNC AdValue ad_vm_build_string(AdThread *t, AdValue *items, uint32_t n);
/* FORMAT_VALUE: `slot` (rooted) receives the converted value before formatting. */
AD_FUNC AdValue ad_vm_format_value(AdThread *t, AdValue v, int conv, AdValue spec,
                                   AdValue *slot);
AD_FUNC bool ad_vm_dict_update(AdThread *t, AdValue dict, AdValue update);
AD_FUNC bool ad_vm_dict_merge(AdThread *t, AdValue dictv, AdValue update, AdValue func);
AD_FUNC bool ad_vm_list_extend(AdThread *t, AdValue list, AdValue v);
/* MAKE_FUNCTION: `items` are its operands, bottom first. */
AD_FUNC AdValue ad_vm_make_function(AdThread *t, AdFrame *f, AdValue *items, uint32_t flags);
/* CALL_FUNCTION_EX at fslot ([f, args(, kwargs)]): as ad_call_dispatch, result in *fslot. */
AD_FUNC int ad_vm_call_function_ex(AdThread *t, AdFrame *f, AdValue *fslot, bool has_kw);
AD_FUNC AdValue ad_vm_get_awaitable(AdThread *t, AdValue obj);
AD_FUNC AdValue ad_vm_get_aiter(AdThread *t, AdValue obj);
AD_FUNC AdValue ad_vm_get_anext(AdThread *t, AdValue ait, AdValue *slot);
/* BEFORE_WITH / BEFORE_ASYNC_WITH: top[0] is the manager; top[0..1] receive the result. */
AD_FUNC bool ad_vm_before_with(AdThread *t, AdValue *top, bool async);
AD_FUNC AdValue ad_vm_with_except_start(AdThread *t, AdValue exit, AdValue exc);
/* Namespace dicts that may be dict subclasses (class bodies): 1 found, 0 absent, -1. */
AD_FUNC int ad_vm_ns_get(AdThread *t, AdDict *ns, AdStr *name, AdValue *out);
AD_FUNC bool ad_vm_ns_set(AdThread *t, AdDict *ns, AdStr *name, AdValue v);
AD_FUNC AdValue ad_vm_import_from(AdThread *t, AdValue mod, AdStr *name);
AD_FUNC bool ad_vm_import_star(AdThread *t, AdFrame *f, AdValue mod);
AD_FUNC bool ad_vm_print_expr(AdThread *t, AdValue v);
AD_FUNC bool ad_vm_display(AdThread *t, AdValue v); /* sys.__displayhook__ */
AD_FUNC bool ad_vm_is_mapping(AdThread *t, AdValue v);  /* MATCH_MAPPING; no raise */
AD_FUNC bool ad_vm_is_sequence(AdThread *t, AdValue v); /* MATCH_SEQUENCE; no raise */
AD_FUNC AdValue ad_vm_match_class(AdThread *t, AdValue subj, AdValue clsv, uint32_t npos,
                                  AdValue kwnames);
AD_FUNC AdValue ad_vm_match_keys(AdThread *t, AdValue subj, AdValue keysv);
AD_FUNC AdValue ad_vm_copy_dict_without_keys(AdThread *t, AdValue subj, AdValue keysv);

/* obj_gen.c */

/* Links a suspended or new generator frame on top of t->frame to run it, after checking
 * it may run; pushes `value` as the result of the pending yield (unless `throwing`).
 * `entry`: resumed from C (its yield leaves the loop). false with an exception on error. */
AD_FUNC bool ad_gen_enter(AdThread *t, AdGen *g, AdValue value, bool throwing,
                          bool entry) AD_RAISES;
/* The generator's frame has finished (returned or raised): drop its references. */
AD_FUNC void ad_gen_finish(AdGen *g);
/* The generator is suspended inside `yield from` / `await`: the delegate, else AD_NULLV. */
AD_FUNC AdValue ad_gen_delegate(AdGen *g);
/* A generator is exactly a generator or coroutine the loop can resume inline. */
static inline bool ad_is_gen_like(AdThread *t, AdValue v) {
    return v.tag == AD_TAG_OBJ &&
           (v.as.o->type == t->vm->type_generator || v.as.o->type == t->vm->type_coroutine);
}

/* A generator's sys.exc_info() is its own while it runs: the outermost EXCEPT block of its
 * frame holds the resumer's handled exception while running and the generator's own while
 * suspended, so swapping it with t->handled on every resume and suspend keeps both right. */
static inline void ad_gen_swap_exc(AdThread *t, AdFrame *f) {
    for (uint32_t i = 0; i < f->nblocks; i++) {
        if (f->blocks[i].kind == AD_BLOCK_EXCEPT) {
            AdValue h = t->handled;
            t->handled = f->blocks[i].saved;
            f->blocks[i].saved = h;
            return;
        }
    }
}

#endif
