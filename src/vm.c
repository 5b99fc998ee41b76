/*
 * vm.c - the dispatch loop: one function runs frames until the entry frame returns, yields
 * or raises. Script-to-script calls push a frame and stay in the loop (no C recursion);
 * a generator resumed by FOR_ITER or SEND is linked on top of its resumer and its yield
 * comes back here too. Only calls from C (natives, the runtime) start a nested loop.
 *
 * Invariants: ip/sp live in C locals and are written back to the frame before anything
 * that may call out, raise or push a frame (the frame's saved sp then marks where the
 * callee's result goes). Operand-stack values are rooted because the thread stack is
 * scanned up to t->stack_top, which always covers the running frame's extent (a
 * generator's stack lives in the generator, traced whole). One error path handles every
 * exception: handler blocks first, then traceback entry, frame pop, and the caller.
 * The semantics of operations are runtime.h's; the loop only adds exact-type fast paths.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "core.h"
#include "iter.h"
#include "typeobj.h"
#include "vm_internal.h"

/* Computed goto where the compiler has it (GCC, Clang); a switch elsewhere, or with
 * -DAD_NO_COMPUTED_GOTO (to test that path). */
#if defined(__GNUC__) && !defined(AD_NO_COMPUTED_GOTO)
#define AD_COMPUTED_GOTO 1
#endif

/* ---- overflow-checked small-int arithmetic ---------------------------------------------- */

#ifdef __GNUC__
#define ADD_OVF(a, b, r) __builtin_add_overflow(a, b, r)
#define SUB_OVF(a, b, r) __builtin_sub_overflow(a, b, r)
#define MUL_OVF(a, b, r) __builtin_mul_overflow(a, b, r)
#else
static bool ADD_OVF(int64_t a, int64_t b, int64_t *r) {
    if ((b > 0 && a > INT64_MAX - b) || (b < 0 && a < INT64_MIN - b)) return true;
    *r = a + b;
    return false;
}
static bool SUB_OVF(int64_t a, int64_t b, int64_t *r) {
    if ((b < 0 && a > INT64_MAX + b) || (b > 0 && a < INT64_MIN + b)) return true;
    *r = a - b;
    return false;
}
static bool MUL_OVF(int64_t a, int64_t b, int64_t *r) {
    if (a != 0 && b != 0) {
        if ((a == -1 && b == INT64_MIN) || (b == -1 && a == INT64_MIN)) return true;
        int64_t p = (int64_t)((uint64_t)a * (uint64_t)b);
        if (p / b != a) return true;
    }
    *r = a * b;
    return false;
}
#endif

#define EXACT_DOUBLE_LIMIT (INT64_C(1) << 53)

/* a op b on small ints when the result is a small int (or a float for /); false when the
 * general path must decide (overflow, division by zero, negative shift, pow). */
#ifdef __GNUC__
#define AD_ALWAYS_INLINE inline __attribute__((always_inline))
#else
#define AD_ALWAYS_INLINE inline
#endif

static AD_ALWAYS_INLINE bool int_binop_fast(int op, int64_t a, int64_t b, AdValue *out) {
    int64_t r;
    switch (op) {
    case AD_BINOP_ADD:
        if (ADD_OVF(a, b, &r)) return false;
        break;
    case AD_BINOP_SUB:
        if (SUB_OVF(a, b, &r)) return false;
        break;
    case AD_BINOP_MUL:
        if (MUL_OVF(a, b, &r)) return false;
        break;
    case AD_BINOP_FLOORDIV:
        if (b == 0 || (a == INT64_MIN && b == -1)) return false;
        r = a / b;
        if ((a % b != 0) && ((a < 0) != (b < 0))) r--;
        break;
    case AD_BINOP_MOD:
        if (b == 0) return false;
        if (b == -1) {
            r = 0;
            break;
        }
        r = a % b;
        if (r != 0 && ((r < 0) != (b < 0))) r += b;
        break;
    case AD_BINOP_AND: r = a & b; break;
    case AD_BINOP_OR: r = a | b; break;
    case AD_BINOP_XOR: r = a ^ b; break;
    case AD_BINOP_LSHIFT:
        if (b < 0 || b >= 63) return false;
        r = (int64_t)((uint64_t)a << b);
        if ((r >> b) != a) return false;
        break;
    case AD_BINOP_RSHIFT:
        if (b < 0) return false;
        r = b >= 63 ? (a < 0 ? -1 : 0) : (a >> b);
        break;
    case AD_BINOP_TRUEDIV:
        if (b == 0 || a > EXACT_DOUBLE_LIMIT || a < -EXACT_DOUBLE_LIMIT ||
            b > EXACT_DOUBLE_LIMIT || b < -EXACT_DOUBLE_LIMIT)
            return false;
        *out = ad_float((double)a / (double)b);
        return true;
    default: return false;
    }
    *out = ad_small_int(r);
    return true;
}

static AD_ALWAYS_INLINE bool float_binop_fast(int op, double a, double b, AdValue *out) {
    switch (op) {
    case AD_BINOP_ADD: *out = ad_float(a + b); return true;
    case AD_BINOP_SUB: *out = ad_float(a - b); return true;
    case AD_BINOP_MUL: *out = ad_float(a * b); return true;
    case AD_BINOP_TRUEDIV:
        if (b == 0.0) return false;
        *out = ad_float(a / b);
        return true;
    case AD_BINOP_POW: {
        /* A positive finite base and a finite exponent: float.__pow__ is pow() itself, with
         * OverflowError for an infinite result (left to it). Not x*x for x**2: glibc's pow
         * rounds exact ties differently. */
        if (!(a > 0.0) || !isfinite(a) || !isfinite(b)) return false;
        double r = pow(a, b);
        if (!isfinite(r)) return false;
        *out = ad_float(r);
        return true;
    }
    default: return false;
    }
}

static inline bool cmp_i64(int op, int64_t a, int64_t b) {
    switch (op) {
    case AD_CMP_LT: return a < b;
    case AD_CMP_LE: return a <= b;
    case AD_CMP_EQ: return a == b;
    case AD_CMP_NE: return a != b;
    case AD_CMP_GT: return a > b;
    default: return a >= b;
    }
}

static inline bool cmp_f64(int op, double a, double b) {
    switch (op) {
    case AD_CMP_LT: return a < b;
    case AD_CMP_LE: return a <= b;
    case AD_CMP_EQ: return a == b;
    case AD_CMP_NE: return a != b;
    case AD_CMP_GT: return a > b;
    default: return a >= b;
    }
}

/* Type flags under which attribute access is object's generic protocol (the runtime keeps
 * them cached; a type whose cache is stale takes the slow path, which refreshes it). */
#define PLAIN_ATTR_MASK (AD_TPFLAG_CACHED | AD_TPFLAG_HAS_GETATTRIBUTE | AD_TPFLAG_META)
#define PLAIN_SETATTR_MASK (AD_TPFLAG_CACHED | AD_TPFLAG_HAS_SETATTR | AD_TPFLAG_META)

/* The value of interned `name` in an instance dict, trying the position where instances of
 * the same class keep it (*hint, verified by key identity) before a lookup; AD_NULLV if
 * absent. */
static inline AdValue instance_dict_get(AdDict *d, AdStr *name, uint32_t *hint) {
    uint32_t h = *hint;
    if (h < d->nentries) {
        AdDictEntry *de = &d->entries[h];
        if (de->key.tag == AD_TAG_OBJ && de->key.as.o == &name->obj) return de->value;
    }
    int64_t ix = ad_dict_find_str(d, name);
    if (ix < 0) return AD_NULLV;
    *hint = (uint32_t)ix;
    return d->entries[ix].value;
}

/* ---- the loop ---------------------------------------------------------------------------- */

/* Frames popped inside the loop hand the stack top back to their caller (see vm_internal.h:
 * arguments copied for a generator caller sat at the old top, which is the callee's slots). */
static inline void restore_stack_top(AdThread *t, AdFrame *f, AdFrame *prev) {
    if (f->flags & AD_FRAME_GEN) return;
    if (prev->flags & AD_FRAME_GEN)
        ad_stack_set_top(t, f->slots);
    else
        ad_stack_set_top(t, prev->slots + ad_code_framesize(prev->code));
}

static int run(AdThread *t, AdValue *result, bool throwing) {
    AdVM *vm = t->vm;
    const int base_roots = t->nroots;
    AdFrame *f;
    AdCode *code;
    const uint32_t *ip;
    AdValue *sp, *fast, *stack_base, *consts;
    AdStr **names;
    uint32_t word, arg;
    /* registers shared by the call and return paths */
    AdValue *cargs, *cret, retval;
    int call_status;
    int cnargs;
    AdTuple *ckw;

#define LOAD_FRAME()                                                                         \
    do {                                                                                     \
        f = t->frame;                                                                        \
        code = f->code;                                                                      \
        ip = f->ip;                                                                          \
        sp = f->sp;                                                                          \
        fast = f->slots;                                                                     \
        consts = code->consts;                                                               \
        names = code->names;                                                                 \
        stack_base = fast + ad_code_nfast(code);                                             \
    } while (0)
#define SAVE() (f->ip = ip, f->sp = sp)
#define PUSH(v) (*sp++ = (v))
#define POP() (*--sp)
#define TOP() (sp[-1])
#define JUMPTO(n) (ip = code->code + (n))
#define CHECK_BREAKER()                                                                      \
    do {                                                                                     \
        if (atomic_load_explicit(&t->eval_breaker, memory_order_relaxed)) {                  \
            SAVE();                                                                          \
            if (!ad_vm_handle_breaker(t)) goto error;                                        \
        }                                                                                    \
    } while (0)

#ifdef AD_COMPUTED_GOTO
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Woverride-init"
#pragma GCC diagnostic ignored "-Wpedantic"
    static const void *const dispatch_table[256] = {
        [0 ... 255] = &&op_bad,
#define X(name, effect) [AD_OP_##name] = &&op_##name,
        AD_OPCODES(X)
#undef X
    };
#pragma GCC diagnostic pop
#define TARGET(name) op_##name:
#define DISPATCH()                                                                           \
    do {                                                                                     \
        word = *ip++;                                                                        \
        arg = AD_ARG(word);                                                                  \
        goto *dispatch_table[AD_OP(word)];                                                   \
    } while (0)
#else
#define TARGET(name) case AD_OP_##name:
#define DISPATCH() goto dispatch
#endif

    LOAD_FRAME();
    if (throwing) goto error_at_ip;

#ifdef AD_COMPUTED_GOTO
    DISPATCH();
#else
dispatch:
    word = *ip++;
    arg = AD_ARG(word);
    switch (AD_OP(word)) {
#endif

    TARGET(NOP) DISPATCH();

    TARGET(POP_TOP) {
        sp--;
        DISPATCH();
    }

    TARGET(COPY) {
        AdValue v = sp[-(ptrdiff_t)arg];
        PUSH(v);
        DISPATCH();
    }

    TARGET(SWAP) {
        AdValue v = sp[-1];
        sp[-1] = sp[-(ptrdiff_t)arg];
        sp[-(ptrdiff_t)arg] = v;
        DISPATCH();
    }

    TARGET(ROT_N) {
        if (arg > 1) {
            AdValue top = sp[-1];
            memmove(sp - arg + 1, sp - arg, (arg - 1) * sizeof(AdValue));
            sp[-(ptrdiff_t)arg] = top;
        }
        DISPATCH();
    }

    TARGET(LOAD_CONST) {
        PUSH(consts[arg]);
        DISPATCH();
    }

    TARGET(LOAD_FAST) {
        AdValue v = fast[arg];
        if (AD_IS_NULL(v)) {
            ad_vm_unbound_local(t, code, arg);
            goto error;
        }
        PUSH(v);
        DISPATCH();
    }

    TARGET(STORE_FAST) {
        fast[arg] = POP();
        DISPATCH();
    }

    TARGET(DELETE_FAST) {
        if (AD_IS_NULL(fast[arg])) {
            ad_vm_unbound_local(t, code, arg);
            goto error;
        }
        fast[arg] = AD_NULLV;
        DISPATCH();
    }

    TARGET(LOAD_DEREF) {
        AdCell *c = AD_AS(AdCell, fast[code->nlocals + arg]);
        if (AD_IS_NULL(c->value)) {
            ad_vm_unbound_deref(t, code, arg);
            goto error;
        }
        PUSH(c->value);
        DISPATCH();
    }

    TARGET(STORE_DEREF) {
        AD_AS(AdCell, fast[code->nlocals + arg])->value = POP();
        DISPATCH();
    }

    TARGET(DELETE_DEREF) {
        AdCell *c = AD_AS(AdCell, fast[code->nlocals + arg]);
        if (AD_IS_NULL(c->value)) {
            ad_vm_unbound_deref(t, code, arg);
            goto error;
        }
        c->value = AD_NULLV;
        DISPATCH();
    }

    TARGET(LOAD_CLOSURE) {
        PUSH(fast[code->nlocals + arg]);
        DISPATCH();
    }

    TARGET(LOAD_CLASSDEREF) {
        AdStr *name = ad_vm_deref_name(code, arg);
        SAVE();
        if (f->locals) {
            AdValue v;
            int r = ad_vm_ns_get(t, f->locals, name, &v);
            if (r < 0) goto error;
            if (r > 0) {
                PUSH(v);
                DISPATCH();
            }
        }
        AdCell *c = AD_AS(AdCell, fast[code->nlocals + arg]);
        if (AD_IS_NULL(c->value)) {
            ad_vm_unbound_deref(t, code, arg);
            goto error;
        }
        PUSH(c->value);
        DISPATCH();
    }

    TARGET(LOAD_NAME) {
        AdStr *name = names[arg];
        AdValue v = AD_NULLV;
        SAVE();
        if (f->locals) {
            int r = ad_vm_ns_get(t, f->locals, name, &v);
            if (r < 0) goto error;
        }
        if (AD_IS_NULL(v)) v = ad_dict_get_str(f->globals, name);
        if (AD_IS_NULL(v)) v = ad_dict_get_str(ad_vm_frame_builtins(t, f->globals), name);
        if (AD_IS_NULL(v)) {
            ad_vm_name_error(t, name);
            goto error;
        }
        PUSH(v);
        DISPATCH();
    }

    TARGET(STORE_NAME) {
        AdValue v = POP();
        SAVE();
        AdDict *ns = f->locals ? f->locals : f->globals;
        if (!ad_vm_ns_set(t, ns, names[arg], v)) goto error;
        DISPATCH();
    }

    TARGET(DELETE_NAME) {
        AdDict *ns = f->locals ? f->locals : f->globals;
        SAVE();
        if (ns->obj.type == vm->type_dict) {
            if (ad_dict_del_str(t, ns, names[arg]) <= 0) {
                ad_vm_name_error(t, names[arg]);
                goto error;
            }
        } else if (!ad_rt_delitem(t, ad_obj(ns), ad_obj(names[arg]))) {
            if (ad_err_matches(t, vm->exc_KeyError)) {
                ad_err_clear(t);
                ad_vm_name_error(t, names[arg]);
            }
            goto error;
        }
        DISPATCH();
    }

    TARGET(LOAD_GLOBAL) {
        AdStr *name = names[arg];
        AdValue v = ad_vm_dict_get_hinted(f->globals, name, AD_HINT_GLOBALS);
        if (AD_IS_NULL(v)) {
            v = ad_vm_dict_get_hinted(ad_vm_frame_builtins(t, f->globals), name,
                                      AD_HINT_BUILTINS);
            if (AD_IS_NULL(v)) {
                SAVE();
                ad_vm_name_error(t, name);
                goto error;
            }
        }
        PUSH(v);
        DISPATCH();
    }

    TARGET(STORE_GLOBAL) {
        AdValue v = POP();
        SAVE();
        if (!ad_dict_set_str(t, f->globals, names[arg], v)) goto error;
        DISPATCH();
    }

    TARGET(DELETE_GLOBAL) {
        SAVE();
        if (ad_dict_del_str(t, f->globals, names[arg]) <= 0) {
            ad_vm_name_error(t, names[arg]);
            goto error;
        }
        DISPATCH();
    }

    TARGET(LOAD_ATTR) {
        AdValue obj = TOP();
        if (obj.tag == AD_TAG_OBJ) {
            /* object's generic protocol, with the class attribute from the type's cache:
             * nothing on the class (the instance dict decides), or a property whose getter
             * then runs as a call from this loop. */
            AdType *tp = obj.as.o->type;
            if ((tp->flags & PLAIN_ATTR_MASK) == AD_TPFLAG_CACHED && tp != vm->type_module) {
                AdStr *name = names[arg];
                AdTypeCacheEntry *e = ad_type_cache_entry(tp, name);
                if (e) {
                    AdValue cv = e->value;
                    if (AD_IS_NULL(cv)) {
                        if (tp->dict_offset) {
                            AdDict *d = *(AdDict **)((char *)obj.as.o + tp->dict_offset);
                            if (d) {
                                AdValue v = instance_dict_get(d, name, &e->hint);
                                if (!AD_IS_NULL(v)) {
                                    sp[-1] = v;
                                    DISPATCH();
                                }
                            }
                        }
                    } else if (cv.tag == AD_TAG_OBJ && cv.as.o->type == vm->type_property &&
                               sp < stack_base + code->stacksize) {
                        AdValue fget = ((AdProperty *)cv.as.o)->fget;
                        if (fget.tag == AD_TAG_OBJ) {
                            sp[-1] = fget;
                            PUSH(obj);
                            cret = sp - 2;
                            cargs = sp - 1;
                            cnargs = 1;
                            ckw = NULL;
                            goto do_call;
                        }
                    }
                }
            }
        }
        SAVE();
        AdValue v = ad_rt_getattr(t, obj, names[arg]);
        if (AD_IS_NULL(v)) goto error;
        sp[-1] = v;
        DISPATCH();
    }

    TARGET(STORE_ATTR) {
        AdValue obj = POP();
        AdValue v = POP();
        if (obj.tag == AD_TAG_OBJ) {
            /* Plain instance, no class attribute of that name: straight into the dict (the
             * popped values stay rooted: the stack top still covers them). */
            AdType *tp = obj.as.o->type;
            if ((tp->flags & PLAIN_SETATTR_MASK) == AD_TPFLAG_CACHED && tp->dict_offset &&
                tp != vm->type_module) {
                AdStr *name = names[arg];
                AdTypeCacheEntry *e = ad_type_cache_entry(tp, name);
                if (e && AD_IS_NULL(e->value)) {
                    AdDict **dp = (AdDict **)((char *)obj.as.o + tp->dict_offset);
                    AdDict *d = *dp;
                    if (d) {
                        uint32_t h = e->hint;
                        if (h < d->nentries && d->entries[h].key.tag == AD_TAG_OBJ &&
                            d->entries[h].key.as.o == &name->obj) {
                            d->entries[h].value = v;
                            DISPATCH();
                        }
                    }
                    if (!d || d->obj.type == vm->type_dict) {
                        SAVE();
                        if (!d) {
                            if (!(d = ad_dict_new(t))) goto error;
                            *dp = d;
                        }
                        /* A name the class lacks shadows nothing: a dict that shadowed
                         * nothing still does (see AD_DICT_NO_SHADOW). */
                        bool no_shadow = d->len == 0 || ((d->obj.flags & AD_DICT_NO_SHADOW) &&
                                                         d->obj.extra == tp->version);
                        if (!ad_dict_set_str(t, d, name, v)) goto error;
                        /* `e` survives the allocations: a collection runs no lookups. */
                        if (d->nentries && d->entries[d->nentries - 1].key.as.o == &name->obj)
                            e->hint = (uint32_t)(d->nentries - 1);
                        if (no_shadow && tp->version) {
                            d->obj.flags |= AD_DICT_NO_SHADOW;
                            d->obj.extra = tp->version;
                        }
                        DISPATCH();
                    }
                }
            }
        }
        SAVE();
        if (!ad_rt_setattr(t, obj, names[arg], v)) goto error;
        DISPATCH();
    }

    TARGET(DELETE_ATTR) {
        AdValue obj = POP();
        SAVE();
        if (!ad_rt_delattr(t, obj, names[arg])) goto error;
        DISPATCH();
    }

    TARGET(LOAD_METHOD) {
        AdValue obj = TOP();
        AdValue meth;
        if (obj.tag == AD_TAG_OBJ) {
            /* A function on the class not shadowed by the instance dict: no bound method;
             * or nothing on the class and the attribute in the instance dict. */
            AdType *tp = obj.as.o->type;
            if ((tp->flags & PLAIN_ATTR_MASK) == AD_TPFLAG_CACHED && tp != vm->type_module) {
                AdStr *name = names[arg];
                AdTypeCacheEntry *e = ad_type_cache_entry(tp, name);
                if (e) {
                    AdValue cv = e->value;
                    AdDict *d = tp->dict_offset ? *(AdDict **)((char *)obj.as.o + tp->dict_offset)
                                                : NULL;
                    if (AD_IS_NULL(cv)) {
                        if (d) {
                            AdValue v = instance_dict_get(d, name, &e->hint);
                            if (!AD_IS_NULL(v)) {
                                sp[-1] = AD_NULLV;
                                PUSH(v);
                                DISPATCH();
                            }
                        }
                    } else if (cv.tag == AD_TAG_OBJ &&
                               (cv.as.o->type == vm->type_function ||
                                (cv.as.o->type == vm->type_builtin_function &&
                                 ((AdNative *)cv.as.o)->kind == AD_METH_INSTANCE &&
                                 ((AdNative *)cv.as.o)->owner)) &&
                               (!d || !d->len ||
                                ((d->obj.flags & AD_DICT_NO_SHADOW) &&
                                 d->obj.extra == tp->version) ||
                                ad_dict_find_str(d, name) < 0)) {
                        sp[-1] = cv;
                        PUSH(obj);
                        DISPATCH();
                    }
                }
            }
        }
        SAVE();
        int r;
        if (obj.tag == AD_TAG_OBJ && obj.as.o->type == vm->type_super) {
            /* super().m(...): the instance is the self, and no bound method is made. */
            r = ad_super_load_method(t, AD_AS(AdSuper, obj), names[arg], &meth);
            if (r > 0) obj = AD_AS(AdSuper, obj)->obj_;
        } else {
            r = ad_rt_load_method(t, obj, names[arg], &meth);
        }
        if (r < 0) goto error;
        if (r > 0) {
            sp[-1] = meth;
            PUSH(obj);
        } else {
            sp[-1] = AD_NULLV;
            PUSH(meth);
        }
        DISPATCH();
    }

    TARGET(CALL_METHOD) {
        cret = sp - arg - 2;
        if (AD_IS_NULL(cret[0])) {
            cargs = cret + 2;
            cnargs = (int)arg;
        } else {
            cargs = cret + 1;
            cnargs = (int)arg + 1;
        }
        ckw = NULL;
        goto do_call;
    }

    TARGET(CALL_METHOD_KW) {
        ckw = AD_AS(AdTuple, sp[-1]);
        cret = sp - 1 - arg - 2;
        if (AD_IS_NULL(cret[0])) {
            cargs = cret + 2;
            cnargs = (int)arg - (int)ckw->len;
        } else {
            cargs = cret + 1;
            cnargs = (int)arg + 1 - (int)ckw->len;
        }
        goto do_call;
    }

    TARGET(CALL) {
        cargs = sp - arg;
        cret = cargs - 1;
        cnargs = (int)arg;
        ckw = NULL;
        goto do_call;
    }

    TARGET(CALL_KW) {
        ckw = AD_AS(AdTuple, sp[-1]);
        cargs = sp - 1 - arg;
        cret = cargs - 1;
        cnargs = (int)arg - (int)ckw->len;
        goto do_call;
    }

do_call:
    /* A plain script function called with positionals only (and defaults for the rest):
     * the frame is set up here and the loop carries on in it. Everything else, and any
     * error (recursion, stack room), takes ad_call_dispatch. The recursion limit is always
     * below the frame pool's size (sys.setrecursionlimit clamps it), so one test covers both. */
    if (ckw == NULL && cargs[-1].tag == AD_TAG_OBJ &&
        cargs[-1].as.o->type == vm->type_function && !(f->flags & AD_FRAME_GEN)) {
        AdFunc *fn = AD_AS(AdFunc, cargs[-1]);
        AdCode *co = fn->code;
        uint32_t argc = co->argcount, given = (uint32_t)cnargs;
        uint32_t ndef = fn->defaults ? (uint32_t)fn->defaults->len : 0;
        if (!(co->flags & AD_CODE_NOT_SIMPLE) && co->kwonlyargcount == 0 && given <= argc &&
            given + ndef >= argc && t->depth < vm->recursion_limit) {
            size_t nfast = ad_code_nfast(co), framesize = nfast + co->stacksize;
            if ((size_t)(t->stack_end - cargs) >= framesize + AD_STACK_SLACK) {
                for (uint32_t i = given; i < argc; i++)
                    cargs[i] = fn->defaults->items[i - (argc - ndef)];
                for (size_t i = argc; i < nfast; i++) cargs[i] = AD_NULLV;
                AdValue *caller_top = t->stack_top;
                ad_stack_set_top(t, cargs + framesize);
                f->ip = ip;
                f->sp = cret;
                if ((co->ncells | co->nfree) && !ad_frame_cells(t, fn, co, cargs)) {
                    ad_stack_set_top(t, caller_top);
                    sp = cret;
                    goto error;
                }
                AdFrame *nf = &t->frame_pool[t->depth];
                nf->prev = f;
                nf->code = co;
                nf->func = fn;
                nf->globals = fn->globals;
                nf->locals = NULL;
                nf->slots = cargs;
                nf->gen = NULL;
                nf->flags = 0;
                nf->nblocks = 0;
                t->frame = nf;
                t->depth++;
                f = nf;
                code = co;
                ip = co->code;
                fast = cargs;
                sp = stack_base = cargs + nfast;
                consts = co->consts;
                names = co->names;
                CHECK_BREAKER();
                DISPATCH();
            }
        }
    }
    f->ip = ip;
    f->sp = cret;
    call_status = ad_call_dispatch(t, cret, cargs, cnargs, ckw, 0);
    /* Every call opcode ends here: 0 = the result is in *cret, 1 = a frame was pushed. */
call_done:
    if (call_status == 0) {
        sp = cret + 1;
        DISPATCH();
    }
    if (call_status < 0) {
        sp = cret;
        goto error;
    }
    LOAD_FRAME();
    CHECK_BREAKER();
    DISPATCH();

    TARGET(CALL_FUNCTION_EX) {
        cret = sp - 2 - (arg & 1);
        f->ip = ip;
        f->sp = cret;
        call_status = ad_vm_call_function_ex(t, f, cret, arg & 1);
        goto call_done;
    }

    TARGET(BINARY_OP) {
    binop_general:;
        AdValue b = sp[-1], a = sp[-2];
        int op = (int)arg >= AD_BINOP_INPLACE ? (int)arg - AD_BINOP_INPLACE : (int)arg;
        AdValue r;
        if (a.tag == AD_TAG_INT && b.tag == AD_TAG_INT) {
            if (int_binop_fast(op, a.as.i, b.as.i, &r)) goto binop_done;
        } else if (a.tag == AD_TAG_FLOAT) {
            if (b.tag == AD_TAG_FLOAT) {
                if (float_binop_fast(op, a.as.f, b.as.f, &r)) goto binop_done;
            } else if (b.tag == AD_TAG_INT) {
                if (float_binop_fast(op, a.as.f, (double)b.as.i, &r)) goto binop_done;
            }
        } else if (a.tag == AD_TAG_INT && b.tag == AD_TAG_FLOAT) {
            if (float_binop_fast(op, (double)a.as.i, b.as.f, &r)) goto binop_done;
        } else if (op == AD_BINOP_ADD && a.tag == AD_TAG_OBJ && b.tag == AD_TAG_OBJ &&
                   a.as.o->type == vm->type_str && b.as.o->type == vm->type_str) {
            SAVE();
            AdStr *s = ad_str_concat(t, AD_AS(AdStr, a), AD_AS(AdStr, b));
            if (!s) goto error;
            r = ad_obj(s);
            goto binop_done;
        }
        SAVE();
        r = ad_rt_binop(t, (int)arg, a, b);
        if (AD_IS_NULL(r)) goto error;
    binop_done:
        sp--;
        sp[-1] = r;
        DISPATCH();
    }

    TARGET(UNARY_OP) {
        AdValue v = sp[-1];
        AdValue r;
        switch (arg) {
        case AD_UNARY_NOT:
            if (v.tag == AD_TAG_BOOL) {
                r = ad_bool(!v.as.i);
            } else {
                SAVE();
                int b = ad_rt_truthy(t, v);
                if (b < 0) goto error;
                r = ad_bool(!b);
            }
            sp[-1] = r;
            DISPATCH();
        case AD_UNARY_NEG:
            if (v.tag == AD_TAG_INT && v.as.i != INT64_MIN) {
                sp[-1] = ad_small_int(-v.as.i);
                DISPATCH();
            }
            if (v.tag == AD_TAG_FLOAT) {
                sp[-1] = ad_float(-v.as.f);
                DISPATCH();
            }
            break;
        case AD_UNARY_POS:
            if (v.tag == AD_TAG_INT || v.tag == AD_TAG_FLOAT) DISPATCH();
            break;
        case AD_UNARY_INVERT:
            if (v.tag == AD_TAG_INT) {
                sp[-1] = ad_small_int(~v.as.i);
                DISPATCH();
            }
            break;
        default: break;
        }
        SAVE();
        r = ad_rt_unary(t, (int)arg, v);
        if (AD_IS_NULL(r)) goto error;
        sp[-1] = r;
        DISPATCH();
    }

    TARGET(COMPARE_OP) {
        AdValue b = sp[-1], a = sp[-2];
        AdValue r;
        if (a.tag == AD_TAG_INT && b.tag == AD_TAG_INT) {
            r = ad_bool(cmp_i64((int)arg, a.as.i, b.as.i));
        } else if (a.tag == AD_TAG_FLOAT && b.tag == AD_TAG_FLOAT) {
            r = ad_bool(cmp_f64((int)arg, a.as.f, b.as.f));
        } else if ((arg == AD_CMP_EQ || arg == AD_CMP_NE) && a.tag == AD_TAG_OBJ &&
                   b.tag == AD_TAG_OBJ && a.as.o->type == vm->type_str &&
                   b.as.o->type == vm->type_str) {
            bool eq = ad_str_eq(AD_AS(AdStr, a), AD_AS(AdStr, b));
            r = ad_bool(arg == AD_CMP_EQ ? eq : !eq);
        } else {
            SAVE();
            r = ad_rt_compare(t, (int)arg, a, b);
            if (AD_IS_NULL(r)) goto error;
        }
        sp--;
        sp[-1] = r;
        DISPATCH();
    }

    TARGET(IS_OP) {
        AdValue b = POP();
        bool is = ad_is(sp[-1], b);
        sp[-1] = ad_bool(arg ? !is : is);
        DISPATCH();
    }

    TARGET(CONTAINS_OP) {
        AdValue container = sp[-1], item = sp[-2];
        SAVE();
        int r = ad_rt_contains(t, container, item);
        if (r < 0) goto error;
        sp--;
        sp[-1] = ad_bool(arg ? !r : r);
        DISPATCH();
    }

    TARGET(BINARY_SUBSCR) {
        AdValue key = sp[-1], obj = sp[-2];
        AdValue r;
        if (obj.tag == AD_TAG_OBJ && key.tag == AD_TAG_INT) {
            AdType *tp = obj.as.o->type;
            int64_t i = key.as.i;
            if (tp == vm->type_list) {
                AdList *l = AD_AS(AdList, obj);
                if (i < 0) i += (int64_t)l->len;
                if (i >= 0 && (size_t)i < l->len) {
                    r = l->items[i];
                    goto subscr_done;
                }
            } else if (tp == vm->type_tuple) {
                AdTuple *tu = AD_AS(AdTuple, obj);
                if (i < 0) i += (int64_t)tu->len;
                if (i >= 0 && (size_t)i < tu->len) {
                    r = tu->items[i];
                    goto subscr_done;
                }
            }
        }
        SAVE();
        if (obj.tag == AD_TAG_OBJ && obj.as.o->type == vm->type_dict) {
            int found = ad_dict_get(t, AD_AS(AdDict, obj), key, &r);
            if (found < 0) goto error;
            if (found > 0) goto subscr_done;
        }
        r = ad_rt_getitem(t, obj, key);
        if (AD_IS_NULL(r)) goto error;
    subscr_done:
        sp--;
        sp[-1] = r;
        DISPATCH();
    }

    TARGET(STORE_SUBSCR) {
        AdValue key, obj, v;
        if (arg) {
            v = sp[-1], key = sp[-2], obj = sp[-3];
        } else {
            key = sp[-1], obj = sp[-2], v = sp[-3];
        }
        if (obj.tag == AD_TAG_OBJ && obj.as.o->type == vm->type_list && key.tag == AD_TAG_INT) {
            AdList *l = AD_AS(AdList, obj);
            int64_t i = key.as.i;
            if (i < 0) i += (int64_t)l->len;
            if (i >= 0 && (size_t)i < l->len) {
                l->items[i] = v;
                sp -= 3;
                DISPATCH();
            }
        }
        SAVE();
        if (obj.tag == AD_TAG_OBJ && obj.as.o->type == vm->type_dict) {
            if (!ad_dict_set(t, AD_AS(AdDict, obj), key, v)) goto error;
        } else if (!ad_rt_setitem(t, obj, key, v)) {
            goto error;
        }
        sp -= 3;
        DISPATCH();
    }

    TARGET(DELETE_SUBSCR) {
        AdValue key = sp[-1], obj = sp[-2];
        SAVE();
        if (!ad_rt_delitem(t, obj, key)) goto error;
        sp -= 2;
        DISPATCH();
    }

    TARGET(BUILD_SLICE) {
        AdValue step = arg == 3 ? POP() : AD_NONE;
        AdValue stop = POP();
        AdValue start = TOP();
        SAVE();
        AdValue s = ad_slice_new(t, start, stop, step);
        if (AD_IS_NULL(s)) goto error;
        sp[-1] = s;
        DISPATCH();
    }

    TARGET(JUMP) {
        const uint32_t *target = code->code + arg;
        if (target < ip) {
            /* Checked before jumping, so that a KeyboardInterrupt raised here is reported
             * at the jump's line (the loop header), not the line before the loop. */
            CHECK_BREAKER();
            ip = target;
        } else {
            ip = target;
        }
        DISPATCH();
    }

    TARGET(POP_JUMP_IF_FALSE) {
        AdValue v = POP();
        if (v.tag == AD_TAG_BOOL) {
            if (!v.as.i) JUMPTO(arg);
        } else if (v.tag == AD_TAG_NONE) {
            JUMPTO(arg);
        } else if (v.tag == AD_TAG_INT) {
            if (!v.as.i) JUMPTO(arg);
        } else {
            SAVE();
            int b = ad_rt_truthy(t, v);
            if (b < 0) goto error;
            if (!b) JUMPTO(arg);
        }
        DISPATCH();
    }

    TARGET(POP_JUMP_IF_TRUE) {
        AdValue v = POP();
        if (v.tag == AD_TAG_BOOL) {
            if (v.as.i) JUMPTO(arg);
        } else if (v.tag == AD_TAG_NONE) {
        } else if (v.tag == AD_TAG_INT) {
            if (v.as.i) JUMPTO(arg);
        } else {
            SAVE();
            int b = ad_rt_truthy(t, v);
            if (b < 0) goto error;
            if (b) JUMPTO(arg);
        }
        DISPATCH();
    }

    TARGET(JUMP_IF_FALSE_OR_POP) {
        AdValue v = TOP();
        int b;
        if (v.tag == AD_TAG_BOOL) {
            b = (int)v.as.i;
        } else {
            SAVE();
            b = ad_rt_truthy(t, v);
            if (b < 0) goto error;
        }
        if (!b)
            JUMPTO(arg);
        else
            sp--;
        DISPATCH();
    }

    TARGET(JUMP_IF_TRUE_OR_POP) {
        AdValue v = TOP();
        int b;
        if (v.tag == AD_TAG_BOOL) {
            b = (int)v.as.i;
        } else {
            SAVE();
            b = ad_rt_truthy(t, v);
            if (b < 0) goto error;
        }
        if (b)
            JUMPTO(arg);
        else
            sp--;
        DISPATCH();
    }

    TARGET(POP_JUMP_IF_NONE) {
        AdValue v = POP();
        if (v.tag == AD_TAG_NONE) JUMPTO(arg);
        DISPATCH();
    }

    TARGET(POP_JUMP_IF_NOT_NONE) {
        AdValue v = POP();
        if (v.tag != AD_TAG_NONE) JUMPTO(arg);
        DISPATCH();
    }

    TARGET(GET_ITER) {
        SAVE();
        AdValue it = ad_rt_getiter(t, TOP());
        if (AD_IS_NULL(it)) goto error;
        sp[-1] = it;
        DISPATCH();
    }

    /* The iterators stepped inline, shared by FOR_ITER (STORE pushes the next value) and
     * FOR_ITER_STORE_FAST (STORE writes the local named by the STORE_FAST kept after it, and
     * skips it). A generator resumes in this loop; its yield comes back to the instruction
     * after the FOR_ITER*, which for the fused form is that STORE_FAST. */
#define FOR_ITER_INLINE(STORE)                                                               \
    do {                                                                                     \
        AdValue it_ = TOP();                                                                 \
        if (it_.tag != AD_TAG_OBJ) break;                                                    \
        AdType *tp_ = it_.as.o->type;                                                        \
        if (tp_ == vm->type_list_iterator) {                                                 \
            AdListIter *li = (AdListIter *)it_.as.o;                                         \
            AdList *l = li->list;                                                            \
            if (l && li->index < l->len) {                                                   \
                STORE(l->items[li->index++]);                                                \
                DISPATCH();                                                                  \
            }                                                                                \
            li->list = NULL;                                                                 \
            sp--;                                                                            \
            JUMPTO(arg);                                                                     \
            DISPATCH();                                                                      \
        }                                                                                    \
        if (tp_ == vm->type_range_iterator) {                                                \
            AdRangeIter *ri = (AdRangeIter *)it_.as.o;                                       \
            if (ri->remaining > 0) {                                                         \
                int64_t v_ = ri->next;                                                       \
                ri->remaining--;                                                             \
                ri->next = (int64_t)((uint64_t)ri->next + (uint64_t)ri->step);               \
                STORE(ad_small_int(v_));                                                     \
                DISPATCH();                                                                  \
            }                                                                                \
            sp--;                                                                            \
            JUMPTO(arg);                                                                     \
            DISPATCH();                                                                      \
        }                                                                                    \
        if (tp_ == vm->type_generator) {                                                     \
            AdGen *g = (AdGen *)it_.as.o;                                                    \
            if (g->state == AD_GEN_DONE) {                                                   \
                sp--;                                                                        \
                JUMPTO(arg);                                                                 \
                DISPATCH();                                                                  \
            }                                                                                \
            SAVE();                                                                          \
            if (!ad_gen_enter(t, g, AD_NONE, false, false)) goto error;                      \
            LOAD_FRAME();                                                                    \
            DISPATCH();                                                                      \
        }                                                                                    \
    } while (0)
#define STORE_PUSH(v) PUSH(v)
#define STORE_NEXT_LOCAL(v) (fast[AD_ARG(*ip++)] = (v))

    TARGET(FOR_ITER) {
        FOR_ITER_INLINE(STORE_PUSH);
    for_iter_general:;
        AdValue it = TOP();
        SAVE();
        AdValue v;
        int r = ad_iter_fast_next(t, it, &v);
        if (r == -2) r = ad_rt_next(t, it, &v);
        if (r > 0) {
            PUSH(v);
        } else if (r == 0) {
            sp--;
            JUMPTO(arg);
        } else {
            goto error;
        }
        DISPATCH();
    }

    TARGET(BUILD_TUPLE) {
        SAVE();
        AdTuple *tu = arg ? ad_tuple_from_array(t, sp - arg, arg) : vm->empty_tuple;
        if (!tu) goto error;
        sp -= arg;
        PUSH(ad_obj(tu));
        DISPATCH();
    }

    TARGET(BUILD_LIST) {
        SAVE();
        AdList *l = ad_list_from_array(t, sp - arg, arg);
        if (!l) goto error;
        sp -= arg;
        PUSH(ad_obj(l));
        DISPATCH();
    }

    TARGET(BUILD_SET) {
        SAVE();
        AdSet *s = ad_set_new(t, false);
        if (!s) goto error;
        /* the new set waits in the slot above the items (rooted) while they are added */
        sp[0] = ad_obj(s);
        for (uint32_t i = 0; i < arg; i++)
            if (!ad_set_add(t, s, sp[(ptrdiff_t)i - (ptrdiff_t)arg])) goto error;
        sp -= arg;
        PUSH(ad_obj(s));
        DISPATCH();
    }

    TARGET(BUILD_MAP) {
        SAVE();
        AdDict *d = ad_dict_new(t);
        if (!d) goto error;
        sp[0] = ad_obj(d);
        AdValue *items = sp - 2 * (ptrdiff_t)arg;
        for (uint32_t i = 0; i < arg; i++)
            if (!ad_dict_set(t, d, items[2 * i], items[2 * i + 1])) goto error;
        sp = items;
        PUSH(ad_obj(d));
        DISPATCH();
    }

    TARGET(BUILD_STRING) {
        SAVE();
        AdValue s = ad_vm_build_string(t, sp - arg, arg);
        if (AD_IS_NULL(s)) goto error;
        sp -= arg;
        PUSH(s);
        DISPATCH();
    }

    TARGET(LIST_APPEND) {
        AdValue v = POP();
        SAVE();
        if (!ad_list_append(t, AD_AS(AdList, sp[-(ptrdiff_t)arg]), v)) goto error;
        DISPATCH();
    }

    TARGET(SET_ADD) {
        AdValue v = POP();
        SAVE();
        if (!ad_set_add(t, AD_AS(AdSet, sp[-(ptrdiff_t)arg]), v)) goto error;
        DISPATCH();
    }

    TARGET(MAP_ADD) {
        AdValue v = POP();
        AdValue k = POP();
        SAVE();
        if (!ad_dict_set(t, AD_AS(AdDict, sp[-(ptrdiff_t)arg]), k, v)) goto error;
        DISPATCH();
    }

    TARGET(LIST_EXTEND) {
        AdValue v = POP();
        SAVE();
        if (!ad_vm_list_extend(t, sp[-(ptrdiff_t)arg], v)) goto error;
        DISPATCH();
    }

    TARGET(SET_UPDATE) {
        AdValue v = POP();
        SAVE();
        if (!ad_set_update(t, AD_AS(AdSet, sp[-(ptrdiff_t)arg]), v)) goto error;
        DISPATCH();
    }

    TARGET(DICT_UPDATE) {
        AdValue v = POP();
        SAVE();
        if (!ad_vm_dict_update(t, sp[-(ptrdiff_t)arg], v)) goto error;
        DISPATCH();
    }

    TARGET(DICT_MERGE) {
        AdValue v = POP();
        SAVE();
        if (!ad_vm_dict_merge(t, sp[-(ptrdiff_t)arg], v, sp[-(ptrdiff_t)arg - 2])) goto error;
        DISPATCH();
    }

    TARGET(LIST_TO_TUPLE) {
        SAVE();
        AdList *l = AD_AS(AdList, TOP());
        AdTuple *tu = ad_tuple_from_array(t, l->items, l->len);
        if (!tu) goto error;
        sp[-1] = ad_obj(tu);
        DISPATCH();
    }

    TARGET(UNPACK_SEQUENCE) {
        AdValue seq = sp[-1];
        if (seq.tag == AD_TAG_OBJ) {
            AdType *tp = seq.as.o->type;
            AdValue *items = NULL;
            size_t len = 0;
            if (tp == vm->type_tuple) {
                items = AD_AS(AdTuple, seq)->items;
                len = AD_AS(AdTuple, seq)->len;
            } else if (tp == vm->type_list) {
                items = AD_AS(AdList, seq)->items;
                len = AD_AS(AdList, seq)->len;
            }
            if (items && len == arg) {
                sp--;
                for (uint32_t i = 0; i < arg; i++) sp[arg - 1 - i] = items[i];
                sp += arg;
                DISPATCH();
            }
        }
        sp--;
        SAVE();
        /* seq stays rooted in its slot (dest[0]) until the unpacking overwrites it */
        if (!ad_vm_unpack_sequence(t, seq, arg, sp)) goto error;
        sp += arg;
        DISPATCH();
    }

    TARGET(UNPACK_EX) {
        AdValue seq = POP();
        uint32_t before = arg & 0xFF, after = arg >> 8;
        SAVE();
        if (!ad_vm_unpack_ex(t, seq, before, after, sp)) goto error;
        sp += before + 1 + after;
        DISPATCH();
    }

    TARGET(FORMAT_VALUE) {
        AdValue spec = (arg & 4) ? POP() : AD_NULLV;
        SAVE();
        /* spec stays rooted in its old slot (sp[0]) */
        AdValue r = ad_vm_format_value(t, TOP(), (int)(arg & 3), spec, &sp[-1]);
        if (AD_IS_NULL(r)) goto error;
        sp[-1] = r;
        DISPATCH();
    }

    TARGET(MAKE_FUNCTION) {
        uint32_t n = 2 + !!(arg & 1) + !!(arg & 2) + !!(arg & 4) + !!(arg & 8);
        SAVE();
        AdValue fn = ad_vm_make_function(t, f, sp - n, arg);
        if (AD_IS_NULL(fn)) goto error;
        sp -= n;
        PUSH(fn);
        DISPATCH();
    }

    TARGET(RETURN_VALUE) {
        retval = POP();
        if (f->nblocks) ad_vm_drop_blocks(t, f);
        uint32_t fl = f->flags;
        AdFrame *prev = f->prev;
        t->frame = prev;
        t->depth--;
        if (!(fl & (AD_FRAME_GEN | AD_FRAME_ENTRY | AD_FRAME_INIT)) &&
            !(prev->flags & AD_FRAME_GEN)) {
            /* back to a caller on the thread stack: its extent is the stack top again */
            f = prev;
            code = f->code;
            fast = f->slots;
            stack_base = fast + ad_code_nfast(code);
            ad_stack_set_top(t, stack_base + code->stacksize);
            ip = f->ip;
            sp = f->sp;
            consts = code->consts;
            names = code->names;
            PUSH(retval);
            DISPATCH();
        }
        if (fl & AD_FRAME_GEN) {
            ad_gen_finish((AdGen *)f->gen);
            if (fl & AD_FRAME_ENTRY) {
                *result = retval;
                t->c_depth--;
                t->nroots = base_roots;
                return 0;
            }
            LOAD_FRAME();
            uint32_t w = ip[-1];
            if (AD_OP(w) == AD_OP_FOR_ITER || AD_OP(w) == AD_OP_FOR_ITER_STORE_FAST)
                sp--;
            else
                sp[-1] = retval;
            JUMPTO(AD_ARG(w));
            DISPATCH();
        }
        if (fl & AD_FRAME_ENTRY) {
            *result = retval;
            t->c_depth--;
            t->nroots = base_roots;
            return 0;
        }
        restore_stack_top(t, f, prev);
        LOAD_FRAME();
        if (fl & AD_FRAME_INIT) {
            if (!AD_IS_NONE(retval)) {
                ad_err_raise(t, vm->exc_TypeError, "__init__() should return None, not '%s'",
                             ad_type_name(ad_type_of(t, retval)));
                goto error;
            }
            retval = *sp;
        }
        PUSH(retval);
        DISPATCH();
    }

    TARGET(YIELD_VALUE) {
        if (!(f->flags & AD_FRAME_GEN)) {
            SAVE();
            ad_err_raise(t, vm->exc_SystemError, "YIELD_VALUE outside a generator");
            goto error;
        }
        retval = POP();
        SAVE();
        ((AdGen *)f->gen)->state = AD_GEN_SUSPENDED;
        ad_gen_swap_exc(t, f);
        uint32_t fl = f->flags;
        t->frame = f->prev;
        t->depth--;
        f->prev = NULL;
        if (fl & AD_FRAME_ENTRY) {
            *result = retval;
            t->c_depth--;
            t->nroots = base_roots;
            return 1;
        }
        LOAD_FRAME();
        PUSH(retval);
        DISPATCH();
    }

    TARGET(GET_YIELD_FROM_ITER) {
        AdValue v = TOP();
        if (ad_is_type(v, vm->type_coroutine)) {
            if (!(code->flags & (AD_CODE_COROUTINE | AD_CODE_ITERABLE_COROUTINE))) {
                SAVE();
                ad_err_raise(t, vm->exc_TypeError,
                             "cannot 'yield from' a coroutine object in a non-coroutine generator");
                goto error;
            }
        } else if (!ad_is_type(v, vm->type_generator)) {
            SAVE();
            AdValue it = ad_rt_getiter(t, v);
            if (AD_IS_NULL(it)) goto error;
            sp[-1] = it;
        }
        DISPATCH();
    }

    TARGET(SEND) {
        AdValue v = POP();
        AdValue sub = TOP();
        SAVE();
        if (ad_is_gen_like(t, sub)) {
            AdGen *g = AD_AS(AdGen, sub);
            if (g->state == AD_GEN_DONE) {
                if (sub.as.o->type == vm->type_coroutine) {
                    ad_err_raise(t, vm->exc_RuntimeError, "cannot reuse already awaited coroutine");
                    goto error;
                }
                sp[-1] = AD_NONE;
                JUMPTO(arg);
                DISPATCH();
            }
            if (!ad_gen_enter(t, g, v, false, false)) goto error;
            LOAD_FRAME();
            DISPATCH();
        }
        AdValue r;
        if (AD_IS_NONE(v)) {
            r = ad_rt_call_special(t, sub, vm->name.next, NULL, 0);
            if (AD_IS_NULL(r) && !ad_err_occurred(t))
                ad_err_raise(t, vm->exc_TypeError, "'%s' object is not an iterator",
                             ad_type_name(ad_type_of(t, sub)));
        } else {
            r = ad_rt_call_method(t, sub, vm->name.send, &v, 1, NULL);
        }
        if (AD_IS_NULL(r)) {
            if (!ad_err_matches(t, vm->exc_StopIteration)) goto error;
            AdValue stop = ad_err_fetch(t);
            AdValue value = AD_AS(AdException, stop)->value;
            sp[-1] = AD_IS_NULL(value) ? AD_NONE : value;
            JUMPTO(arg);
            DISPATCH();
        }
        PUSH(r);
        DISPATCH();
    }

    TARGET(GET_AWAITABLE) {
        SAVE();
        AdValue it = ad_vm_get_awaitable(t, TOP());
        if (AD_IS_NULL(it)) goto error;
        sp[-1] = it;
        DISPATCH();
    }

    TARGET(GET_AITER) {
        SAVE();
        AdValue it = ad_vm_get_aiter(t, TOP());
        if (AD_IS_NULL(it)) goto error;
        sp[-1] = it;
        DISPATCH();
    }

    TARGET(GET_ANEXT) {
        SAVE();
        AdValue aw = ad_vm_get_anext(t, TOP(), &sp[0]);
        if (AD_IS_NULL(aw)) goto error;
        PUSH(aw);
        DISPATCH();
    }

    TARGET(END_ASYNC_FOR) {
        AdValue exc = POP();
        if (ad_is_instance_of(t, exc, vm->exc_StopAsyncIteration)) {
            sp--;
            if (f->nblocks && f->blocks[f->nblocks - 1].kind == AD_BLOCK_EXCEPT)
                t->handled = f->blocks[--f->nblocks].saved;
            DISPATCH();
        }
        SAVE();
        t->exc = exc;
        goto exception_unwind;
    }

    TARGET(BEFORE_ASYNC_WITH) {
        SAVE();
        if (!ad_vm_before_with(t, sp - 1, true)) goto error;
        sp++;
        DISPATCH();
    }

    TARGET(SETUP_FINALLY) {
        if (f->nblocks >= AD_MAX_BLOCKS) {
            SAVE();
            ad_err_raise(t, vm->exc_SystemError, "too many statically nested blocks");
            goto error;
        }
        AdBlock *b = &f->blocks[f->nblocks++];
        b->kind = AD_BLOCK_HANDLER;
        b->handler = arg;
        b->level = (uint32_t)(sp - stack_base);
        b->saved = AD_NONE;
        DISPATCH();
    }

    TARGET(POP_BLOCK) {
        if (f->nblocks) f->nblocks--;
        DISPATCH();
    }

    TARGET(POP_EXCEPT) {
        if (f->nblocks && f->blocks[f->nblocks - 1].kind == AD_BLOCK_EXCEPT)
            t->handled = f->blocks[--f->nblocks].saved;
        DISPATCH();
    }

    TARGET(RERAISE) {
        AdValue exc = POP();
        SAVE();
        t->exc = exc;
        goto exception_unwind;
    }

    TARGET(RAISE_VARARGS) {
        SAVE();
        if (arg == 0) {
            if (!AD_IS_OBJ(t->handled)) {
                ad_err_raise(t, vm->exc_RuntimeError, "No active exception to reraise");
                goto error;
            }
            t->exc = t->handled;
            goto exception_unwind;
        }
        AdValue cause = arg == 2 ? POP() : AD_NULLV;
        AdValue exc = POP();
        ad_vm_raise(t, exc, cause);
        goto error;
    }

    TARGET(CHECK_EXC_MATCH) {
        AdValue typ = sp[-1];
        SAVE();
        int r = ad_vm_exc_matches(t, sp[-2], typ);
        if (r < 0) goto error;
        sp[-1] = ad_bool(r);
        DISPATCH();
    }

    TARGET(BEFORE_WITH) {
        SAVE();
        if (!ad_vm_before_with(t, sp - 1, false)) goto error;
        sp++;
        DISPATCH();
    }

    TARGET(WITH_EXCEPT_START) {
        SAVE();
        AdValue r = ad_vm_with_except_start(t, sp[-2], sp[-1]);
        if (AD_IS_NULL(r)) goto error;
        PUSH(r);
        DISPATCH();
    }

    TARGET(LOAD_BUILD_CLASS) {
        AdValue bc = ad_dict_get_cstr(vm->builtins, "__build_class__");
        if (AD_IS_NULL(bc)) {
            SAVE();
            ad_err_raise(t, vm->exc_NameError, "__build_class__ not found");
            goto error;
        }
        PUSH(bc);
        DISPATCH();
    }

    TARGET(LOAD_ASSERTION_ERROR) {
        PUSH(ad_obj(vm->exc_AssertionError));
        DISPATCH();
    }

    TARGET(IMPORT_NAME) {
        AdValue fromlist = POP();
        AdValue level = TOP();
        SAVE();
        AdValue m = ad_import_name(t, names[arg], f->globals, fromlist,
                                   level.tag == AD_TAG_INT ? (int)level.as.i : 0);
        if (AD_IS_NULL(m)) goto error;
        sp[-1] = m;
        DISPATCH();
    }

    TARGET(IMPORT_FROM) {
        SAVE();
        AdValue v = ad_vm_import_from(t, TOP(), names[arg]);
        if (AD_IS_NULL(v)) goto error;
        PUSH(v);
        DISPATCH();
    }

    TARGET(IMPORT_STAR) {
        AdValue mod = POP();
        SAVE();
        if (!ad_vm_import_star(t, f, mod)) goto error;
        DISPATCH();
    }

    TARGET(SETUP_ANNOTATIONS) {
        AdDict *ns = f->locals ? f->locals : f->globals;
        SAVE();
        AdValue v;
        int r = ad_vm_ns_get(t, ns, vm->name.annotations, &v);
        if (r < 0) goto error;
        if (r == 0) {
            AdDict *d = ad_dict_new(t);
            if (!d) goto error;
            ad_gc_push_obj(t, d);
            bool ok = ad_vm_ns_set(t, ns, vm->name.annotations, ad_obj(d));
            t->nroots--;
            if (!ok) goto error;
        }
        DISPATCH();
    }

    TARGET(PRINT_EXPR) {
        AdValue v = POP();
        SAVE();
        if (!ad_vm_print_expr(t, v)) goto error;
        DISPATCH();
    }

    TARGET(GET_LEN) {
        SAVE();
        int64_t n = ad_rt_len(t, TOP());
        if (n < 0) goto error;
        PUSH(ad_small_int(n));
        DISPATCH();
    }

    TARGET(MATCH_MAPPING) {
        bool m = ad_vm_is_mapping(t, TOP());
        PUSH(ad_bool(m));
        DISPATCH();
    }

    TARGET(MATCH_SEQUENCE) {
        bool m = ad_vm_is_sequence(t, TOP());
        PUSH(ad_bool(m));
        DISPATCH();
    }

    TARGET(MATCH_KEYS) {
        SAVE();
        AdValue r = ad_vm_match_keys(t, sp[-2], sp[-1]);
        if (AD_IS_NULL(r)) goto error;
        PUSH(r);
        DISPATCH();
    }

    TARGET(MATCH_CLASS) {
        SAVE();
        AdValue r = ad_vm_match_class(t, sp[-3], sp[-2], arg, sp[-1]);
        if (AD_IS_NULL(r)) goto error;
        sp -= 2;
        sp[-1] = r;
        DISPATCH();
    }

    TARGET(COPY_DICT_WITHOUT_KEYS) {
        SAVE();
        AdValue r = ad_vm_copy_dict_without_keys(t, sp[-2], sp[-1]);
        if (AD_IS_NULL(r)) goto error;
        sp[-1] = r;
        DISPATCH();
    }

    /* ---- specialised forms (opcodes.h): inline paths, else the generic handler ---- */

    /* Two floats or two small ints are done inline; anything else (an int overflow too) goes
     * to BINARY_OP's handler, the operator still being in the argument. */
#define ARITH_INLINE(OP, OVF)                                                                \
    do {                                                                                     \
        AdValue b = sp[-1], a = sp[-2];                                                      \
        if (a.tag == AD_TAG_FLOAT && b.tag == AD_TAG_FLOAT) {                                \
            sp[-2].as.f = a.as.f OP b.as.f;                                                  \
            sp--;                                                                            \
            DISPATCH();                                                                      \
        }                                                                                    \
        int64_t r;                                                                           \
        if (a.tag == AD_TAG_INT && b.tag == AD_TAG_INT && !OVF(a.as.i, b.as.i, &r)) {        \
            sp[-2].as.i = r;                                                                 \
            sp--;                                                                            \
            DISPATCH();                                                                      \
        }                                                                                    \
        goto binop_general;                                                                  \
    } while (0)

    TARGET(BINARY_ADD) ARITH_INLINE(+, ADD_OVF);
    TARGET(BINARY_SUB) ARITH_INLINE(-, SUB_OVF);
    TARGET(BINARY_MUL) ARITH_INLINE(*, MUL_OVF);

    TARGET(LOAD_FAST_LOAD_FAST) {
        AdValue v = fast[arg];
        if (AD_IS_NULL(v)) {
            ad_vm_unbound_local(t, code, arg);
            goto error;
        }
        uint32_t arg2 = AD_ARG(*ip++);
        AdValue w = fast[arg2];
        if (AD_IS_NULL(w)) {
            ad_vm_unbound_local(t, code, arg2);
            goto error;
        }
        sp[0] = v;
        sp[1] = w;
        sp += 2;
        DISPATCH();
    }

    TARGET(LOAD_FAST_LOAD_CONST) {
        AdValue v = fast[arg];
        if (AD_IS_NULL(v)) {
            ad_vm_unbound_local(t, code, arg);
            goto error;
        }
        sp[0] = v;
        sp[1] = consts[AD_ARG(*ip++)];
        sp += 2;
        DISPATCH();
    }

    TARGET(STORE_FAST_LOAD_FAST) {
        fast[arg] = sp[-1];
        uint32_t arg2 = AD_ARG(*ip++);
        AdValue w = fast[arg2];
        if (AD_IS_NULL(w)) {
            sp--;
            ad_vm_unbound_local(t, code, arg2);
            goto error;
        }
        sp[-1] = w;
        DISPATCH();
    }

    TARGET(FOR_ITER_STORE_FAST) {
        FOR_ITER_INLINE(STORE_NEXT_LOCAL);
        goto for_iter_general;
    }

    TARGET(COMPARE_JUMP) {
        AdValue b = sp[-1], a = sp[-2];
        bool res;
        if (a.tag == AD_TAG_INT && b.tag == AD_TAG_INT) {
            res = cmp_i64((int)arg, a.as.i, b.as.i);
        } else if (a.tag == AD_TAG_FLOAT && b.tag == AD_TAG_FLOAT) {
            res = cmp_f64((int)arg, a.as.f, b.as.f);
        } else {
            SAVE();
            AdValue r = ad_rt_compare(t, (int)arg, a, b);
            if (AD_IS_NULL(r)) goto error;
            sp--;
            sp[-1] = r;
            DISPATCH(); /* the jump at i+1 runs as itself */
        }
        sp -= 2;
        uint32_t w = *ip++;
        if (res == (AD_OP(w) == AD_OP_POP_JUMP_IF_TRUE)) JUMPTO(AD_ARG(w));
        DISPATCH();
    }

#ifdef AD_COMPUTED_GOTO
op_bad:
#else
    default:
#endif
    SAVE();
    /* from ip, not `word`: keeping the opcode live for this costs a move per dispatch */
    ad_err_raise(t, vm->exc_SystemError, "unknown opcode %d", (int)AD_OP(ip[-1]));
    goto error;

#ifndef AD_COMPUTED_GOTO
    }
#endif

    /* ---- the one exception path ---- */
error_at_ip:
error:
    t->nroots = base_roots;
    ad_vm_add_traceback(t, f, ip);
exception_unwind:
    while (f->nblocks > 0) {
        AdBlock *b = &f->blocks[--f->nblocks];
        if (b->kind == AD_BLOCK_EXCEPT) {
            t->handled = b->saved;
            continue;
        }
        uint32_t handler = b->handler, level = b->level;
        sp = stack_base + level;
        AdBlock *eb = &f->blocks[f->nblocks++];
        eb->kind = AD_BLOCK_EXCEPT;
        eb->handler = 0;
        eb->level = level;
        eb->saved = t->handled;
        AdValue exc = t->exc;
        t->exc = AD_NULLV;
        t->handled = exc;
        PUSH(exc);
        JUMPTO(handler);
        DISPATCH();
    }
    {
        uint32_t fl = f->flags;
        AdFrame *prev = f->prev;
        if (fl & AD_FRAME_GEN) ad_vm_gen_error_exit(t, f);
        t->frame = prev;
        t->depth--;
        if (fl & AD_FRAME_ENTRY) {
            t->c_depth--;
            t->nroots = base_roots;
            return -1;
        }
        restore_stack_top(t, f, prev);
        LOAD_FRAME();
        goto error;
    }

#undef LOAD_FRAME
#undef SAVE
#undef PUSH
#undef POP
#undef TOP
#undef JUMPTO
#undef CHECK_BREAKER
#undef TARGET
#undef DISPATCH
}

int ad_vm_run_frame(AdThread *t, AdFrame *entry, AdValue *result, bool throwing) {
    if (t->c_depth >= AD_MAX_C_DEPTH && !(entry->flags & AD_FRAME_GEN)) {
        t->frame = entry->prev;
        t->depth--;
        ad_vm_c_depth_error(t);
        return -1;
    }
    t->c_depth++;
    return run(t, result, throwing);
}
