/*
 * obj_gen.c - generators, coroutines and async generators: the objects around a frame
 * that comes back (AdGen embeds its frame and the frame's slots), plus the small awaitable
 * objects of the coroutine protocol (coroutine_wrapper, async_generator_asend/_athrow).
 *
 * Invariant: a generator's frame is on the thread's frame chain exactly while its state is
 * AD_GEN_RUNNING. Resuming links it on top of t->frame and runs it - inline in the
 * dispatch loop for FOR_ITER/SEND (vm.c), or through ad_gen_resume from C, which enters
 * ad_vm_run_frame with the frame flagged AD_FRAME_ENTRY so that its yield returns here.
 * Generators are not finalized by the collector: a suspended generator that dies without
 * close() does not run its finally blocks (scripts cannot run inside a collection).
 */
#include <string.h>

#include "core.h"
#include "setup.h"
#include "vm_internal.h"

enum { KIND_GENERATOR, KIND_COROUTINE, KIND_ASYNC_GEN };

static int gen_kind(AdThread *t, AdGen *g) {
    if (g->obj.type == t->vm->type_coroutine) return KIND_COROUTINE;
    if (g->obj.type == t->vm->type_async_generator) return KIND_ASYNC_GEN;
    return KIND_GENERATOR;
}

static const char *kind_name(int kind) {
    return kind == KIND_COROUTINE ? "coroutine"
                                  : kind == KIND_ASYNC_GEN ? "async generator" : "generator";
}

static void gen_trace(AdGC *gc, AdObj *o) {
    AdGen *g = (AdGen *)o;
    AdFrame *f = &g->frame;
    ad_gc_mark_obj(gc, f->code);
    ad_gc_mark_obj(gc, f->func);
    ad_gc_mark_obj(gc, f->globals);
    ad_gc_mark_obj(gc, f->locals);
    for (uint32_t i = 0; i < f->nblocks && i < AD_MAX_BLOCKS; i++)
        ad_gc_mark_value(gc, f->blocks[i].saved);
    /* Every storage slot: popped values stay alive until overwritten, never dangle. */
    ad_gc_mark_values(gc, g->storage, g->nstorage);
    ad_gc_mark_obj(gc, g->name);
    ad_gc_mark_obj(gc, g->qualname);
}

/* ---- the frame plumbing (shared with vm.c) ---------------------------------------------- */

bool ad_gen_enter(AdThread *t, AdGen *g, AdValue value, bool throwing, bool entry) {
    AdVM *vm = t->vm;
    if (g->state == AD_GEN_RUNNING)
        return ad_err_raise(t, vm->exc_ValueError, "%s already executing",
                            kind_name(gen_kind(t, g)));
    if (t->depth >= vm->recursion_limit || t->depth >= AD_MAX_FRAMES - 1)
        return ad_err_raise(t, vm->exc_RecursionError, "maximum recursion depth exceeded");
    if (g->state == AD_GEN_CREATED) {
        if (!throwing && !AD_IS_NULL(value) && !AD_IS_NONE(value))
            return ad_err_raise(t, vm->exc_TypeError,
                                "can't send non-None value to a just-started %s",
                                kind_name(gen_kind(t, g)));
    } else if (!throwing && !AD_IS_NULL(value)) {
        *g->frame.sp++ = value;
    }
    g->state = AD_GEN_RUNNING;
    AdFrame *f = &g->frame;
    f->prev = t->frame;
    f->flags = AD_FRAME_GEN | (entry ? AD_FRAME_ENTRY : 0);
    t->frame = f;
    t->depth++;
    ad_gen_swap_exc(t, f);
    return true;
}

void ad_gen_finish(AdGen *g) {
    g->state = AD_GEN_DONE;
    memset(g->storage, 0, g->nstorage * sizeof(AdValue));
    g->frame.sp = g->storage;
    g->frame.nblocks = 0;
    g->frame.prev = NULL;
    g->frame.locals = NULL;
}

AdValue ad_gen_delegate(AdGen *g) {
    if (g->state != AD_GEN_SUSPENDED) return AD_NULLV;
    AdCode *co = g->frame.code;
    const uint32_t *ip = g->frame.ip;
    if (ip <= co->code || ip >= co->code + co->ncode) return AD_NULLV;
    if (AD_OP(ip[-1]) != AD_OP_YIELD_VALUE || AD_OP(ip[0]) != AD_OP_JUMP) return AD_NULLV;
    uint32_t target = AD_ARG(ip[0]);
    if (target >= co->ncode || AD_OP(co->code[target]) != AD_OP_SEND) return AD_NULLV;
    if (g->frame.sp <= g->storage + ad_code_nfast(co)) return AD_NULLV;
    return g->frame.sp[-1];
}

/* The delegate of a `yield from` finished with `result`: continue after the SEND loop. */
static void finish_delegation(AdGen *g, AdValue result) {
    AdFrame *f = &g->frame;
    AdCode *co = f->code;
    f->sp[-1] = result;
    f->ip = co->code + AD_ARG(co->code[AD_ARG(f->ip[0])]);
}

static bool close_iter(AdThread *t, AdValue it) {
    if (ad_is_gen_like(t, it) || ad_is_type(it, t->vm->type_async_generator))
        return ad_gen_close(t, AD_AS(AdGen, it));
    AdValue meth;
    int r = ad_rt_lookup_attr(t, it, t->vm->name.close, &meth);
    if (r <= 0) return r == 0;
    ad_gc_push_root(t, meth);
    AdValue res = ad_rt_call0(t, meth);
    t->nroots--;
    return !AD_IS_NULL(res);
}

static int run_entry(AdThread *t, AdGen *g, AdValue value, AdValue exc, AdValue *out) {
    bool throwing = !AD_IS_NULL(exc);
    if (t->c_depth >= AD_MAX_C_DEPTH) {
        ad_vm_c_depth_error(t);
        return -1;
    }
    if (!ad_gen_enter(t, g, throwing ? AD_NULLV : value, throwing, true)) return -1;
    if (throwing) {
        /* Raised at the yield, chained only to what the generator itself was handling
         * (CPython's _PyErr_ChainStackItem on the generator's own exception state). */
        for (uint32_t i = 0; i < g->frame.nblocks; i++) {
            if (g->frame.blocks[i].kind == AD_BLOCK_EXCEPT) {
                ad_exc_set_context(t, exc);
                break;
            }
        }
        t->exc = exc;
    }
    return ad_vm_run_frame(t, &g->frame, out, throwing);
}

/* throw() into a generator suspended in `yield from`: CPython's _gen_throw. Returns 2 when
 * the exception (*exc, possibly replaced) must be raised in g itself. */
static int throw_delegate(AdThread *t, AdGen *g, AdValue yf, AdValue *exc, AdValue *out) {
    AdVM *vm = t->vm;
    ad_gc_push_root(t, yf);
    if (ad_is_instance_of(t, *exc, vm->exc_GeneratorExit)) {
        g->state = AD_GEN_RUNNING;
        bool ok = close_iter(t, yf);
        g->state = AD_GEN_SUSPENDED;
        if (!ok) {
            *exc = ad_err_fetch(t);
            ad_gc_push_root(t, *exc);
        }
        return 2;
    }
    int r;
    AdValue v = AD_NULLV;
    g->state = AD_GEN_RUNNING;
    if (ad_is_gen_like(t, yf)) {
        r = ad_gen_resume(t, AD_AS(AdGen, yf), AD_NONE, *exc, &v);
    } else {
        AdValue meth;
        int lr = ad_rt_lookup_attr(t, yf, vm->name.throw, &meth);
        if (lr <= 0) {
            g->state = AD_GEN_SUSPENDED;
            if (lr < 0) {
                *exc = ad_err_fetch(t);
                ad_gc_push_root(t, *exc);
            }
            return 2;
        }
        ad_gc_push_root(t, meth);
        v = ad_rt_call1(t, meth, *exc);
        r = AD_IS_NULL(v) ? -1 : 1;
    }
    g->state = AD_GEN_SUSPENDED;
    if (r == 1) {
        *out = v;
        return 1;
    }
    if (r < 0 && !ad_err_matches(t, vm->exc_StopIteration)) {
        *exc = ad_err_fetch(t);
        ad_gc_push_root(t, *exc);
        return 2;
    }
    if (r < 0) {
        AdValue stop = ad_err_fetch(t);
        v = AD_AS(AdException, stop)->value;
        if (AD_IS_NULL(v)) v = AD_NONE;
    }
    finish_delegation(g, v);
    return run_entry(t, g, AD_NULLV, AD_NULLV, out);
}

int ad_gen_resume(AdThread *t, AdGen *g, AdValue value, AdValue exc, AdValue *out) {
    AdVM *vm = t->vm;
    bool throwing = !AD_IS_NULL(exc);
    int kind = gen_kind(t, g);
    if (g->state == AD_GEN_RUNNING) {
        ad_err_raise(t, vm->exc_ValueError, "%s already executing", kind_name(kind));
        return -1;
    }
    if (g->state == AD_GEN_DONE) {
        if (kind == KIND_COROUTINE) {
            ad_err_raise(t, vm->exc_RuntimeError, "cannot reuse already awaited coroutine");
            return -1;
        }
        if (throwing) {
            t->exc = exc;
            return -1;
        }
        *out = AD_NONE;
        return 0;
    }
    int mark = ad_gc_root_mark(t);
    ad_gc_push_obj(t, g);
    ad_gc_push_root(t, exc);
    int r = 2;
    if (throwing && g->state == AD_GEN_SUSPENDED) {
        AdValue yf = ad_gen_delegate(g);
        if (!AD_IS_NULL(yf)) r = throw_delegate(t, g, yf, &exc, out);
    }
    if (r == 2) r = run_entry(t, g, value, exc, out);
    ad_gc_root_restore(t, mark);
    return r;
}

bool ad_gen_close(AdThread *t, AdGen *g) {
    AdVM *vm = t->vm;
    if (g->state == AD_GEN_CREATED || g->state == AD_GEN_DONE) {
        if (g->state == AD_GEN_CREATED) ad_gen_finish(g);
        return true;
    }
    if (g->state == AD_GEN_RUNNING)
        return ad_err_raise(t, vm->exc_ValueError, "%s already executing",
                            kind_name(gen_kind(t, g)));
    int mark = ad_gc_root_mark(t);
    ad_gc_push_obj(t, g);
    AdValue exc = ad_exc_new(t, vm->exc_GeneratorExit, vm->empty_tuple);
    if (AD_IS_NULL(exc)) return false;
    ad_gc_push_root(t, exc);
    AdValue out;
    int r = ad_gen_resume(t, g, AD_NONE, exc, &out);
    ad_gc_root_restore(t, mark);
    if (r == 1)
        return ad_err_raise(t, vm->exc_RuntimeError, "%s ignored GeneratorExit",
                            kind_name(gen_kind(t, g)));
    if (r == 0) return true;
    if (ad_err_matches(t, vm->exc_GeneratorExit) || ad_err_matches(t, vm->exc_StopIteration)) {
        ad_err_clear(t);
        return true;
    }
    return false;
}

/* ---- helpers for the methods ---------------------------------------------------------- */

/* Raises StopIteration(value); `value` (a finished generator's result) need not be rooted. */
static AdValue raise_stop(AdThread *t, AdValue value) {
    if (AD_IS_NONE(value) || AD_IS_NULL(value)) {
        ad_err_raise_obj(t, ad_obj(t->vm->exc_StopIteration));
        return AD_NULLV;
    }
    int mark = ad_gc_root_mark(t);
    ad_gc_push_root(t, value);
    ad_err_stop_iteration(t, value);
    ad_gc_root_restore(t, mark);
    return AD_NULLV;
}

/* send(v) as seen from Python: the yielded value, or StopIteration(return value). */
static AdValue gen_send_value(AdThread *t, AdGen *g, AdValue v) {
    AdValue out;
    int r = ad_gen_resume(t, g, v, AD_NULLV, &out);
    if (r == 1) return out;
    if (r == 0) return raise_stop(t, out);
    return AD_NULLV;
}

/* throw(typ[, val[, tb]]) arguments to one exception instance (AD_NULLV + error if bad). */
static AdValue throw_exception(AdThread *t, AdValue *args, int nargs) {
    AdVM *vm = t->vm;
    AdValue typ = args[0];
    AdValue val = nargs > 1 ? args[1] : AD_NONE;
    AdValue tb = nargs > 2 ? args[2] : AD_NONE;
    if (!AD_IS_NONE(tb) && !ad_is_type(tb, vm->type_traceback))
        return ad_err_raise_v(t, vm->exc_TypeError,
                              "throw() third argument must be a traceback object");
    AdValue exc;
    if (ad_is_exc_class(t, typ)) {
        if (ad_is_instance_of(t, val, AD_AS(AdType, typ))) {
            exc = val;
        } else if (AD_IS_NONE(val)) {
            exc = ad_rt_call0(t, typ);
        } else if (ad_is_type(val, vm->type_tuple)) {
            exc = ad_rt_call_ex(t, typ, val, AD_NULLV);
        } else {
            exc = ad_rt_call1(t, typ, val);
        }
        if (AD_IS_NULL(exc)) return AD_NULLV;
        if (!ad_is_instance_of(t, exc, vm->exc_BaseException))
            return ad_err_raise_v(t, vm->exc_TypeError,
                                  "calling %R should have returned an instance of "
                                  "BaseException, not %T", typ, exc);
    } else if (ad_is_instance_of(t, typ, vm->exc_BaseException)) {
        if (!AD_IS_NONE(val))
            return ad_err_raise_v(t, vm->exc_TypeError,
                                  "instance exception may not have a separate value");
        exc = typ;
    } else {
        return ad_err_raise_v(t, vm->exc_TypeError,
                              "exceptions must be classes or instances deriving from "
                              "BaseException, not %T", typ);
    }
    if (!AD_IS_NONE(tb)) AD_AS(AdException, exc)->traceback = tb;
    return exc;
}

static AdValue gen_throw_value(AdThread *t, AdGen *g, AdValue *args, int nargs) {
    AdValue exc = throw_exception(t, args, nargs);
    if (AD_IS_NULL(exc)) return AD_NULLV;
    ad_gc_push_root(t, exc);
    AdValue out;
    int r = ad_gen_resume(t, g, AD_NULLV, exc, &out);
    if (r == 1) return out;
    if (r == 0) return raise_stop(t, out);
    return AD_NULLV;
}

static AdValue gen_repr_common(AdThread *t, AdValue self, const char *what) {
    AdGen *g = AD_AS(AdGen, self);
    return ad_vm_strf(t, "<%s object %s at %p>", what, g->qualname ? g->qualname->data : "?",
                      (void *)g);
}

/* ---- generator ------------------------------------------------------------------------ */

#define SELF_GEN AdGen *g = AD_AS(AdGen, args[0])

static AdValue gen_iter(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    (void)t, (void)nargs, (void)kwnames;
    return args[0];
}

static AdValue gen_next(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    (void)nargs, (void)kwnames;
    SELF_GEN;
    return gen_send_value(t, g, AD_NONE);
}

static AdValue gen_send(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    if (!ad_args_check(t, "send", nargs - 1, kwnames, 1, 1)) return AD_NULLV;
    SELF_GEN;
    return gen_send_value(t, g, args[1]);
}

static AdValue gen_throw(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    if (!ad_args_check(t, "throw", nargs - 1, kwnames, 1, 3)) return AD_NULLV;
    SELF_GEN;
    return gen_throw_value(t, g, args + 1, nargs - 1);
}

static AdValue gen_close_m(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    if (!ad_args_check(t, "close", nargs - 1, kwnames, 0, 0)) return AD_NULLV;
    SELF_GEN;
    return ad_gen_close(t, g) ? AD_NONE : AD_NULLV;
}

static AdValue gen_repr(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    (void)nargs, (void)kwnames;
    return gen_repr_common(t, args[0], "generator");
}

static AdValue gen_get_running(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    (void)t, (void)nargs, (void)kwnames;
    SELF_GEN;
    return ad_bool(g->state == AD_GEN_RUNNING);
}
static AdValue gen_get_suspended(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    (void)t, (void)nargs, (void)kwnames;
    SELF_GEN;
    return ad_bool(g->state == AD_GEN_SUSPENDED);
}
/* There are no frame objects; a live generator reports its code object as its frame. */
static AdValue gen_get_frame(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    (void)t, (void)nargs, (void)kwnames;
    SELF_GEN;
    return g->state == AD_GEN_DONE ? AD_NONE : ad_obj(g->frame.code);
}
static AdValue gen_get_code(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    (void)t, (void)nargs, (void)kwnames;
    SELF_GEN;
    return ad_obj(g->frame.code);
}
static AdValue gen_get_yieldfrom(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    (void)t, (void)nargs, (void)kwnames;
    SELF_GEN;
    AdValue d = ad_gen_delegate(g);
    return AD_IS_NULL(d) ? AD_NONE : d;
}
static AdValue gen_get_name(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    (void)t, (void)nargs, (void)kwnames;
    SELF_GEN;
    return ad_obj(g->name);
}
static bool gen_set_name(AdThread *t, AdValue self, AdValue v) {
    if (AD_IS_NULL(v) || !ad_is_str(t, v))
        return ad_err_raise(t, t->vm->exc_TypeError, "__name__ must be set to a string object");
    AD_AS(AdGen, self)->name = AD_AS(AdStr, v);
    return true;
}
static AdValue gen_get_qualname(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    (void)t, (void)nargs, (void)kwnames;
    SELF_GEN;
    return ad_obj(g->qualname);
}
static bool gen_set_qualname(AdThread *t, AdValue self, AdValue v) {
    if (AD_IS_NULL(v) || !ad_is_str(t, v))
        return ad_err_raise(t, t->vm->exc_TypeError,
                            "__qualname__ must be set to a string object");
    AD_AS(AdGen, self)->qualname = AD_AS(AdStr, v);
    return true;
}

static const AdMethodDef generator_methods[] = {
    {"__iter__", gen_iter, AD_METH_INSTANCE, NULL, NULL},
    {"__next__", gen_next, AD_METH_INSTANCE, NULL, NULL},
    {"send", gen_send, AD_METH_INSTANCE, NULL, NULL},
    {"throw", gen_throw, AD_METH_INSTANCE, NULL, NULL},
    {"close", gen_close_m, AD_METH_INSTANCE, NULL, NULL},
    {"__repr__", gen_repr, AD_METH_INSTANCE, NULL, NULL},
    {"gi_running", gen_get_running, AD_METH_GETSET, NULL, NULL},
    {"gi_suspended", gen_get_suspended, AD_METH_GETSET, NULL, NULL},
    {"gi_frame", gen_get_frame, AD_METH_GETSET, NULL, NULL},
    {"gi_code", gen_get_code, AD_METH_GETSET, NULL, NULL},
    {"gi_yieldfrom", gen_get_yieldfrom, AD_METH_GETSET, NULL, NULL},
    {"__name__", gen_get_name, AD_METH_GETSET, gen_set_name, NULL},
    {"__qualname__", gen_get_qualname, AD_METH_GETSET, gen_set_qualname, NULL},
    {NULL, NULL, 0, NULL, NULL},
};

/* ---- coroutine ------------------------------------------------------------------------ */

typedef struct CoroWrapper {
    AdObj obj;
    AdGen *coro;
} CoroWrapper;

static void wrapper_trace(AdGC *gc, AdObj *o) { ad_gc_mark_obj(gc, ((CoroWrapper *)o)->coro); }

static AdValue coro_await(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    (void)nargs, (void)kwnames;
    CoroWrapper *w = ad_gc_alloc(t, t->vm->type_coroutine_wrapper, sizeof(CoroWrapper));
    if (!w) return AD_NULLV;
    w->coro = AD_AS(AdGen, args[0]);
    return ad_obj(w);
}

static AdValue coro_repr(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    (void)nargs, (void)kwnames;
    return gen_repr_common(t, args[0], "coroutine");
}

static const AdMethodDef coroutine_methods[] = {
    {"send", gen_send, AD_METH_INSTANCE, NULL, NULL},
    {"throw", gen_throw, AD_METH_INSTANCE, NULL, NULL},
    {"close", gen_close_m, AD_METH_INSTANCE, NULL, NULL},
    {"__await__", coro_await, AD_METH_INSTANCE, NULL, NULL},
    {"__repr__", coro_repr, AD_METH_INSTANCE, NULL, NULL},
    {"cr_running", gen_get_running, AD_METH_GETSET, NULL, NULL},
    {"cr_suspended", gen_get_suspended, AD_METH_GETSET, NULL, NULL},
    {"cr_frame", gen_get_frame, AD_METH_GETSET, NULL, NULL},
    {"cr_code", gen_get_code, AD_METH_GETSET, NULL, NULL},
    {"cr_await", gen_get_yieldfrom, AD_METH_GETSET, NULL, NULL},
    {"__name__", gen_get_name, AD_METH_GETSET, gen_set_name, NULL},
    {"__qualname__", gen_get_qualname, AD_METH_GETSET, gen_set_qualname, NULL},
    {NULL, NULL, 0, NULL, NULL},
};

#define SELF_WRAPPER AdGen *g = ((CoroWrapper *)AD_AS_OBJ(args[0]))->coro

static AdValue wrapper_next(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    (void)nargs, (void)kwnames;
    SELF_WRAPPER;
    return gen_send_value(t, g, AD_NONE);
}
static AdValue wrapper_send(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    if (!ad_args_check(t, "send", nargs - 1, kwnames, 1, 1)) return AD_NULLV;
    SELF_WRAPPER;
    return gen_send_value(t, g, args[1]);
}
static AdValue wrapper_throw(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    if (!ad_args_check(t, "throw", nargs - 1, kwnames, 1, 3)) return AD_NULLV;
    SELF_WRAPPER;
    return gen_throw_value(t, g, args + 1, nargs - 1);
}
static AdValue wrapper_close(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    if (!ad_args_check(t, "close", nargs - 1, kwnames, 0, 0)) return AD_NULLV;
    SELF_WRAPPER;
    return ad_gen_close(t, g) ? AD_NONE : AD_NULLV;
}

static const AdMethodDef wrapper_methods[] = {
    {"__iter__", gen_iter, AD_METH_INSTANCE, NULL, NULL},
    {"__next__", wrapper_next, AD_METH_INSTANCE, NULL, NULL},
    {"send", wrapper_send, AD_METH_INSTANCE, NULL, NULL},
    {"throw", wrapper_throw, AD_METH_INSTANCE, NULL, NULL},
    {"close", wrapper_close, AD_METH_INSTANCE, NULL, NULL},
    {NULL, NULL, 0, NULL, NULL},
};

/* ---- async generator ------------------------------------------------------------------ */

/* The awaitable behind __anext__/asend (ASEND) and athrow/aclose (ATHROW/ACLOSE). Driving
 * it resumes the generator: values the generator's own awaits yield pass through to the
 * event loop; an async-generator `yield v` completes the awaitable with v. */
enum { OP_ASEND, OP_ATHROW, OP_ACLOSE };
enum { OP_INIT, OP_ITER, OP_CLOSED };
typedef struct AsyncGenOp {
    AdObj obj;
    AdGen *gen;
    AdValue arg; /* ASEND: the value to send first; ATHROW: the exception */
    int mode, state;
} AsyncGenOp;

static void agop_trace(AdGC *gc, AdObj *o) {
    AsyncGenOp *op = (AsyncGenOp *)o;
    ad_gc_mark_obj(gc, op->gen);
    ad_gc_mark_value(gc, op->arg);
}

static AdValue agop_new(AdThread *t, AdValue gen, AdValue arg, int mode) {
    AdType *type = mode == OP_ASEND ? t->vm->type_async_gen_asend : t->vm->type_async_gen_athrow;
    int mark = ad_gc_root_mark(t);
    ad_gc_push_root(t, gen);
    ad_gc_push_root(t, arg);
    AsyncGenOp *op = ad_gc_alloc(t, type, sizeof(AsyncGenOp));
    ad_gc_root_restore(t, mark);
    if (!op) return AD_NULLV;
    op->gen = AD_AS(AdGen, gen);
    op->arg = arg;
    op->mode = mode;
    op->state = OP_INIT;
    return ad_obj(op);
}

static AdValue agen_aiter(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    (void)t, (void)nargs, (void)kwnames;
    return args[0];
}
static AdValue agen_anext(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    (void)nargs, (void)kwnames;
    return agop_new(t, args[0], AD_NONE, OP_ASEND);
}
static AdValue agen_asend(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    if (!ad_args_check(t, "asend", nargs - 1, kwnames, 1, 1)) return AD_NULLV;
    return agop_new(t, args[0], args[1], OP_ASEND);
}
static AdValue agen_athrow(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    if (!ad_args_check(t, "athrow", nargs - 1, kwnames, 1, 3)) return AD_NULLV;
    AdValue exc = throw_exception(t, args + 1, nargs - 1);
    if (AD_IS_NULL(exc)) return AD_NULLV;
    return agop_new(t, args[0], exc, OP_ATHROW);
}
static AdValue agen_aclose(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    if (!ad_args_check(t, "aclose", nargs - 1, kwnames, 0, 0)) return AD_NULLV;
    return agop_new(t, args[0], AD_NONE, OP_ACLOSE);
}
static AdValue agen_repr(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    (void)nargs, (void)kwnames;
    return gen_repr_common(t, args[0], "async_generator");
}

static const AdMethodDef async_gen_methods[] = {
    {"__aiter__", agen_aiter, AD_METH_INSTANCE, NULL, NULL},
    {"__anext__", agen_anext, AD_METH_INSTANCE, NULL, NULL},
    {"asend", agen_asend, AD_METH_INSTANCE, NULL, NULL},
    {"athrow", agen_athrow, AD_METH_INSTANCE, NULL, NULL},
    {"aclose", agen_aclose, AD_METH_INSTANCE, NULL, NULL},
    {"__repr__", agen_repr, AD_METH_INSTANCE, NULL, NULL},
    {"ag_running", gen_get_running, AD_METH_GETSET, NULL, NULL},
    {"ag_frame", gen_get_frame, AD_METH_GETSET, NULL, NULL},
    {"ag_code", gen_get_code, AD_METH_GETSET, NULL, NULL},
    {"ag_await", gen_get_yieldfrom, AD_METH_GETSET, NULL, NULL},
    {"__name__", gen_get_name, AD_METH_GETSET, gen_set_name, NULL},
    {"__qualname__", gen_get_qualname, AD_METH_GETSET, gen_set_qualname, NULL},
    {NULL, NULL, 0, NULL, NULL},
};

/* What one resumption of the async generator means for the awaitable driving it. */
static AdValue agop_result(AdThread *t, AsyncGenOp *op, int r, AdValue out) {
    AdVM *vm = t->vm;
    AdGen *g = op->gen;
    if (r == 1) {
        if (!AD_IS_NULL(ad_gen_delegate(g))) return out; /* an await inside: pass it up */
        op->state = OP_CLOSED;
        if (op->mode == OP_ACLOSE)
            return ad_err_raise_v(t, vm->exc_RuntimeError, "async generator ignored GeneratorExit");
        return raise_stop(t, out);
    }
    op->state = OP_CLOSED;
    if (r == 0) {
        if (op->mode == OP_ACLOSE) return raise_stop(t, AD_NONE);
        ad_err_raise_obj(t, ad_obj(vm->exc_StopAsyncIteration));
        return AD_NULLV;
    }
    if (op->mode == OP_ACLOSE &&
        (ad_err_matches(t, vm->exc_StopAsyncIteration) ||
         ad_err_matches(t, vm->exc_GeneratorExit))) {
        ad_err_clear(t);
        return raise_stop(t, AD_NONE);
    }
    return AD_NULLV;
}

static AdValue agop_send_value(AdThread *t, AsyncGenOp *op, AdValue v) {
    AdVM *vm = t->vm;
    AdGen *g = op->gen;
    const char *what = op->mode == OP_ASEND ? "__anext__()/asend()" : "aclose()/athrow()";
    if (op->state == OP_CLOSED)
        return ad_err_raise_v(t, vm->exc_RuntimeError, "cannot reuse already awaited %s", what);
    if (g->state == AD_GEN_RUNNING)
        return ad_err_raise_v(t, vm->exc_RuntimeError,
                              "%s: asynchronous generator is already running",
                              op->mode == OP_ASEND ? "anext()" : op->mode == OP_ATHROW
                                                                     ? "athrow()" : "aclose()");
    AdValue out;
    int r;
    if (op->state == OP_INIT) {
        op->state = OP_ITER;
        if (op->mode == OP_ASEND) {
            if (g->state == AD_GEN_DONE) {
                op->state = OP_CLOSED;
                ad_err_raise_obj(t, ad_obj(vm->exc_StopAsyncIteration));
                return AD_NULLV;
            }
            r = ad_gen_resume(t, g, AD_IS_NONE(v) ? op->arg : v, AD_NULLV, &out);
        } else {
            if (g->state == AD_GEN_DONE) {
                op->state = OP_CLOSED;
                return raise_stop(t, AD_NONE);
            }
            AdValue exc = op->arg;
            if (op->mode == OP_ACLOSE) {
                exc = ad_exc_new(t, vm->exc_GeneratorExit, vm->empty_tuple);
                if (AD_IS_NULL(exc)) return AD_NULLV;
                op->arg = exc;
            }
            r = ad_gen_resume(t, g, AD_NULLV, exc, &out);
        }
    } else {
        r = ad_gen_resume(t, g, v, AD_NULLV, &out);
    }
    return agop_result(t, op, r, out);
}

#define SELF_OP AsyncGenOp *op = (AsyncGenOp *)AD_AS_OBJ(args[0])

static AdValue agop_next(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    (void)nargs, (void)kwnames;
    SELF_OP;
    return agop_send_value(t, op, AD_NONE);
}
static AdValue agop_send(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    if (!ad_args_check(t, "send", nargs - 1, kwnames, 1, 1)) return AD_NULLV;
    SELF_OP;
    return agop_send_value(t, op, args[1]);
}
static AdValue agop_throw(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    if (!ad_args_check(t, "throw", nargs - 1, kwnames, 1, 3)) return AD_NULLV;
    SELF_OP;
    if (op->state == OP_CLOSED)
        return ad_err_raise_v(t, t->vm->exc_RuntimeError, "cannot reuse already awaited %s",
                              op->mode == OP_ASEND ? "__anext__()/asend()" : "aclose()/athrow()");
    AdValue exc = throw_exception(t, args + 1, nargs - 1);
    if (AD_IS_NULL(exc)) return AD_NULLV;
    ad_gc_push_root(t, exc);
    op->state = OP_ITER;
    AdValue out;
    int r = ad_gen_resume(t, op->gen, AD_NULLV, exc, &out);
    return agop_result(t, op, r, out);
}
static AdValue agop_close(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    (void)t, (void)nargs, (void)kwnames;
    SELF_OP;
    op->state = OP_CLOSED;
    return AD_NONE;
}

static const AdMethodDef agop_methods[] = {
    {"__await__", gen_iter, AD_METH_INSTANCE, NULL, NULL},
    {"__iter__", gen_iter, AD_METH_INSTANCE, NULL, NULL},
    {"__next__", agop_next, AD_METH_INSTANCE, NULL, NULL},
    {"send", agop_send, AD_METH_INSTANCE, NULL, NULL},
    {"throw", agop_throw, AD_METH_INSTANCE, NULL, NULL},
    {"close", agop_close, AD_METH_INSTANCE, NULL, NULL},
    {NULL, NULL, 0, NULL, NULL},
};

/* ---- setup ------------------------------------------------------------------------------ */

bool ad_gen_setup(AdThread *t) {
    AdVM *vm = t->vm;
    AdType *object = vm->type_object;
    return ad_type_init_builtin(t, vm->type_generator, "generator", object, sizeof(AdGen),
                                gen_trace, NULL, generator_methods, 0) &&
           ad_type_init_builtin(t, vm->type_coroutine, "coroutine", object, sizeof(AdGen),
                                gen_trace, NULL, coroutine_methods, 0) &&
           ad_type_init_builtin(t, vm->type_async_generator, "async_generator", object,
                                sizeof(AdGen), gen_trace, NULL, async_gen_methods, 0) &&
           ad_type_init_builtin(t, vm->type_coroutine_wrapper, "coroutine_wrapper", object,
                                sizeof(CoroWrapper), wrapper_trace, NULL, wrapper_methods, 0) &&
           ad_type_init_builtin(t, vm->type_async_gen_asend, "async_generator_asend", object,
                                sizeof(AsyncGenOp), agop_trace, NULL, agop_methods, 0) &&
           ad_type_init_builtin(t, vm->type_async_gen_athrow, "async_generator_athrow", object,
                                sizeof(AsyncGenOp), agop_trace, NULL, agop_methods, 0);
}
