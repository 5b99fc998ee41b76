/*
 * call.c - calling anything: argument binding for script functions (CPython's exact error
 * messages), frame pushing, the dispatcher shared by the loop and by C callers, and the
 * runtime.h / interp.h call entry points.
 *
 * Central invariant: a call's arguments sit on the thread stack (or in the calling
 * generator's frame) with the callable just below them, so a script callee takes them in
 * place as its first locals and nothing is allocated for an ordinary call. C callers copy
 * their arguments to the stack top first; the stack top is restored on every exit.
 * Running a pushed frame is vm.c's business (ad_vm_run_frame).
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core.h"
#include "vm_internal.h"


AdValue ad_vm_strf(AdThread *t, const char *fmt, ...) {
    char small[256];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(small, sizeof small, fmt, ap);
    va_end(ap);
    if (n < 0) return ad_err_raise_v(t, t->vm->exc_SystemError, "bad format");
    if ((size_t)n < sizeof small) {
        AdStr *s = ad_str_new(t, small, (size_t)n);
        return s ? ad_obj(s) : AD_NULLV;
    }
    char *big = malloc((size_t)n + 1);
    if (!big) return ad_err_nomemory(t), AD_NULLV;
    va_start(ap, fmt);
    vsnprintf(big, (size_t)n + 1, fmt, ap);
    va_end(ap);
    AdStr *s = ad_str_new(t, big, (size_t)n);
    free(big);
    return s ? ad_obj(s) : AD_NULLV;
}

static int recursion_error(AdThread *t) {
    ad_err_raise(t, t->vm->exc_RecursionError, "maximum recursion depth exceeded");
    return -1;
}

bool ad_vm_c_depth_error(AdThread *t) {
    return ad_err_raise(t, t->vm->exc_RecursionError,
                        "maximum recursion depth exceeded while calling a Python object");
}

/* ---- argument binding ------------------------------------------------------------------- */

static bool name_eq(AdStr *a, AdStr *b) { return a == b || ad_str_eq(a, b); }

/* "'a', 'b', and 'c'" for the missing-argument messages. */
static bool format_names(AdThread *t, AdBuf *b, AdStr **names, int n) {
    for (int i = 0; i < n; i++) {
        if (i > 0 && !ad_buf_adds(t, b, n == 2 ? " and " : (i == n - 1 ? ", and " : ", ")))
            return false;
        if (!ad_buf_addc(t, b, '\'') || !ad_buf_adds(t, b, names[i]->data) ||
            !ad_buf_addc(t, b, '\''))
            return false;
    }
    return true;
}

static bool missing_arguments(AdThread *t, AdFunc *fn, AdValue *slots, uint32_t start,
                              uint32_t end, bool positional) {
    AdCode *co = fn->code;
    AdStr *missing[64];
    int n = 0;
    for (uint32_t i = start; i < end && n < 64; i++)
        if (AD_IS_NULL(slots[i])) missing[n++] = co->localnames[i];
    AdBuf b;
    ad_buf_init(&b);
    if (!format_names(t, &b, missing, n) || !ad_buf_addc(t, &b, '\0')) {
        ad_buf_free(&b);
        return false;
    }
    ad_err_raise(t, t->vm->exc_TypeError, "%s() missing %d required %s argument%s: %s",
                 fn->qualname->data, n, positional ? "positional" : "keyword-only",
                 n == 1 ? "" : "s", b.data);
    ad_buf_free(&b);
    return false;
}

static bool too_many_positional(AdThread *t, AdFunc *fn, AdValue *slots, int given) {
    AdCode *co = fn->code;
    int kwonly_given = 0;
    for (uint32_t i = co->argcount; i < co->argcount + co->kwonlyargcount; i++)
        if (!AD_IS_NULL(slots[i])) kwonly_given++;
    int defcount = fn->defaults ? (int)fn->defaults->len : 0;
    char sig[64], kwsig[96];
    bool plural;
    if (defcount) {
        plural = true;
        snprintf(sig, sizeof sig, "from %d to %d", (int)co->argcount - defcount,
                 (int)co->argcount);
    } else {
        plural = co->argcount != 1;
        snprintf(sig, sizeof sig, "%d", (int)co->argcount);
    }
    kwsig[0] = '\0';
    if (kwonly_given)
        snprintf(kwsig, sizeof kwsig, " positional argument%s (and %d keyword-only argument%s)",
                 given != 1 ? "s" : "", kwonly_given, kwonly_given != 1 ? "s" : "");
    return ad_err_raise(t, t->vm->exc_TypeError,
                        "%s() takes %s positional argument%s but %d%s %s given",
                        fn->qualname->data, sig, plural ? "s" : "", given, kwsig,
                        given == 1 && !kwonly_given ? "was" : "were");
}

/* The keyword arguments of a call: the kwnames tuple with the values beside it, or the
 * entries of a dict (f(**d) binding straight from the dict). */
typedef struct KwArgs {
    AdTuple *names;
    const AdValue *vals;
    AdDict *dict;
    size_t pos;
} KwArgs;

static inline bool kw_next(KwArgs *kw, AdValue *key, AdValue *value) {
    if (kw->dict) {
        AdDict *d = kw->dict;
        while (kw->pos < d->nentries) {
            AdDictEntry *e = &d->entries[kw->pos++];
            if (AD_IS_NULL(e->key)) continue;
            *key = e->key;
            *value = e->value;
            return true;
        }
        return false;
    }
    if (!kw->names || kw->pos >= kw->names->len) return false;
    *key = kw->names->items[kw->pos];
    *value = kw->vals[kw->pos];
    kw->pos++;
    return true;
}

/* The parameter a keyword names (positional-or-keyword or keyword-only), or `total`.
 * Names are nearly always the same interned strings, so identity goes first. */
static inline uint32_t find_param(AdCode *co, AdStr *name, uint32_t total) {
    AdStr **names = co->localnames;
    for (uint32_t i = co->posonlyargcount; i < total; i++)
        if (names[i] == name) return i;
    for (uint32_t i = co->posonlyargcount; i < total; i++)
        if (ad_str_eq(names[i], name)) return i;
    return total;
}

static bool posonly_as_keyword(AdThread *t, AdFunc *fn, KwArgs kw) {
    AdCode *co = fn->code;
    AdBuf b;
    ad_buf_init(&b);
    int n = 0;
    for (uint32_t k = 0; k < co->posonlyargcount; k++) {
        kw.pos = 0;
        AdValue key, value;
        while (kw_next(&kw, &key, &value)) {
            if (ad_is_str(t, key) && name_eq(co->localnames[k], AD_AS(AdStr, key))) {
                if ((n++ && !ad_buf_adds(t, &b, ", ")) ||
                    !ad_buf_adds(t, &b, co->localnames[k]->data)) {
                    ad_buf_free(&b);
                    return false;
                }
                break;
            }
        }
    }
    if (!n) {
        ad_buf_free(&b);
        return true;
    }
    if (!ad_buf_addc(t, &b, '\0')) {
        ad_buf_free(&b);
        return false;
    }
    ad_err_raise(t, t->vm->exc_TypeError,
                 "%s() got some positional-only arguments passed as keyword arguments: '%s'",
                 fn->qualname->data, b.data);
    ad_buf_free(&b);
    return false;
}

static bool kwdict_add(AdThread *t, AdDict *d, AdValue key, AdValue value) {
    if (key.as.o->type == t->vm->type_str) return ad_dict_set_str(t, d, AD_AS(AdStr, key), value);
    return ad_dict_set(t, d, key, value);
}

/* def f(*args, **kwargs), the shape of every forwarding wrapper: nothing to match against
 * parameters, so just the tuple and the dict. Same contract as bind_general. */
static bool bind_star_only(AdThread *t, AdFunc *fn, AdValue *slots, const AdValue *in, int npos,
                           KwArgs kw, bool own_dict) {
    AdVM *vm = t->vm;
    AdDict *kwdict = NULL;
    if (kw.dict) {
        /* CPython refuses any non-str key before binding anything. */
        size_t p = 0;
        AdValue key;
        while (ad_dict_next(kw.dict, &p, &key, NULL))
            if (!ad_is_str(t, key))
                return ad_err_raise(t, vm->exc_TypeError, "keywords must be strings");
        if (own_dict && kw.dict->obj.type == vm->type_dict) kwdict = kw.dict;
    }
    if (npos) {
        AdTuple *rest = ad_tuple_from_array(t, in, (size_t)npos);
        if (!rest) return false;
        slots[0] = ad_obj(rest);
    } else {
        slots[0] = ad_obj(vm->empty_tuple);
    }
    if (kwdict) {
        slots[1] = ad_obj(kwdict);
        return true;
    }
    if (!(kwdict = ad_dict_new(t))) return false;
    slots[1] = ad_obj(kwdict);
    if (kw.dict) return kw.dict->len == 0 || ad_dict_update(t, kwdict, ad_obj(kw.dict));
    if (kw.names && !ad_dict_reserve(t, kwdict, kw.names->len)) return false;
    for (size_t i = 0; kw.names && i < kw.names->len; i++) {
        AdValue key = kw.names->items[i];
        if (!ad_is_str(t, key))
            return ad_err_raise(t, vm->exc_TypeError, "%s() keywords must be strings",
                                fn->qualname->data);
        if (!kwdict_add(t, kwdict, key, kw.vals[i])) return false;
    }
    return true;
}

/* The general binder: `in` holds npos positionals (then, for the kwnames form, the keyword
 * values); slots[0..nfast) are NULL on entry and receive the parameters. Everything in
 * `in`, `slots` and a keyword dict is rooted. CPython's initialize_locals order.
 * `own_dict`: the keyword dict is a temporary nobody else sees, so a callee with **kwargs
 * may keep it as is when no key names a parameter. */
static bool bind_general(AdThread *t, AdFunc *fn, AdValue *slots, const AdValue *in, int npos,
                         KwArgs kw, bool own_dict) {
    AdVM *vm = t->vm;
    AdCode *co = fn->code;
    uint32_t argc = co->argcount, total = co->argcount + co->kwonlyargcount;
    if (total == 0 && (co->flags & (AD_CODE_VARARGS | AD_CODE_VARKEYWORDS)) ==
                          (AD_CODE_VARARGS | AD_CODE_VARKEYWORDS))
        return bind_star_only(t, fn, slots, in, npos, kw, own_dict);
    AdDict *kwdict = NULL;
    if (kw.dict) {
        /* CPython refuses any non-str key before binding anything. */
        KwArgs it = kw;
        AdValue key, value;
        bool names_param = false;
        while (kw_next(&it, &key, &value)) {
            if (!ad_is_str(t, key))
                return ad_err_raise(t, vm->exc_TypeError, "keywords must be strings");
            if (!names_param && own_dict && find_param(co, AD_AS(AdStr, key), total) < total)
                names_param = true;
        }
        if (own_dict && !names_param && (co->flags & AD_CODE_VARKEYWORDS) &&
            kw.dict->obj.type == vm->type_dict)
            kwdict = kw.dict;
    }
    bool kept = kwdict != NULL;
    if ((co->flags & AD_CODE_VARKEYWORDS)) {
        if (!kwdict && !(kwdict = ad_dict_new(t))) return false;
        slots[total + ((co->flags & AD_CODE_VARARGS) ? 1 : 0)] = ad_obj(kwdict);
    }
    uint32_t n = (uint32_t)npos < argc ? (uint32_t)npos : argc;
    for (uint32_t i = 0; i < n; i++) slots[i] = in[i];
    if (co->flags & AD_CODE_VARARGS) {
        AdTuple *rest;
        if ((uint32_t)npos > argc) {
            rest = ad_tuple_from_array(t, in + argc, (size_t)npos - argc);
            if (!rest) return false;
        } else {
            rest = vm->empty_tuple;
        }
        slots[total] = ad_obj(rest);
    }
    if (kw.names || (kw.dict && !kept)) {
        KwArgs it = kw;
        AdValue key, value;
        while (kw_next(&it, &key, &value)) {
            if (!ad_is_str(t, key))
                return ad_err_raise(t, vm->exc_TypeError, "%s() keywords must be strings",
                                    fn->qualname->data);
            AdStr *name = AD_AS(AdStr, key);
            uint32_t i = find_param(co, name, total);
            if (i == total) {
                if (!kwdict) {
                    if (!posonly_as_keyword(t, fn, kw)) return false;
                    return ad_err_raise(t, vm->exc_TypeError,
                                        "%s() got an unexpected keyword argument '%s'",
                                        fn->qualname->data, name->data);
                }
                if (!kwdict_add(t, kwdict, key, value)) return false;
                continue;
            }
            if (!AD_IS_NULL(slots[i]))
                return ad_err_raise(t, vm->exc_TypeError,
                                    "%s() got multiple values for argument '%s'",
                                    fn->qualname->data, name->data);
            slots[i] = value;
        }
    }
    if ((uint32_t)npos > argc && !(co->flags & AD_CODE_VARARGS))
        return too_many_positional(t, fn, slots, npos);
    if ((uint32_t)npos < argc) {
        uint32_t defcount = fn->defaults ? (uint32_t)fn->defaults->len : 0;
        uint32_t m = argc - defcount;
        for (uint32_t i = (uint32_t)npos; i < m; i++)
            if (AD_IS_NULL(slots[i])) return missing_arguments(t, fn, slots, 0, m, true);
        for (uint32_t i = m > (uint32_t)npos ? m : (uint32_t)npos; i < argc; i++)
            if (AD_IS_NULL(slots[i])) slots[i] = fn->defaults->items[i - m];
    }
    if (co->kwonlyargcount) {
        bool missing = false;
        for (uint32_t i = argc; i < total; i++) {
            if (!AD_IS_NULL(slots[i])) continue;
            AdValue d = fn->kwdefaults ? ad_dict_get_str(fn->kwdefaults, co->localnames[i])
                                       : AD_NULLV;
            if (AD_IS_NULL(d))
                missing = true;
            else
                slots[i] = d;
        }
        if (missing) return missing_arguments(t, fn, slots, argc, total, false);
    }
    return true;
}

/* Fills cells (seeded from parameters) and free variables (from the closure). */
bool ad_frame_cells(AdThread *t, AdFunc *fn, AdCode *co, AdValue *slots) {
    AdValue *cells = slots + co->nlocals;
    for (uint32_t i = 0; i < co->ncells; i++) {
        int32_t p = co->cell_param ? co->cell_param[i] : -1;
        AdCell *c = ad_cell_new(t, p >= 0 ? slots[p] : AD_NULLV);
        if (!c) return false;
        cells[i] = ad_obj(c);
    }
    AdValue *frees = cells + co->ncells;
    AdTuple *closure = fn ? fn->closure : NULL;
    for (uint32_t i = 0; i < co->nfree; i++) {
        if (closure && i < closure->len) {
            frees[i] = closure->items[i];
        } else {
            AdCell *c = ad_cell_new(t, AD_NULLV);
            if (!c) return false;
            frees[i] = ad_obj(c);
        }
    }
    return true;
}

static AdType *gen_type_for(AdThread *t, const AdCode *co) {
    if (co->flags & AD_CODE_COROUTINE) return t->vm->type_coroutine;
    if (co->flags & AD_CODE_ASYNC_GENERATOR) return t->vm->type_async_generator;
    return t->vm->type_generator;
}

/* A new generator whose frame holds copies of the bound fast slots. */
static AdValue make_gen(AdThread *t, AdFunc *fn, AdValue *slots) {
    AdCode *co = fn->code;
    size_t nfast = ad_code_nfast(co), nstorage = ad_code_framesize(co);
    AdGen *g = ad_gc_alloc(t, gen_type_for(t, co), sizeof(AdGen) + nstorage * sizeof(AdValue));
    if (!g) return AD_NULLV;
    memcpy(g->storage, slots, nfast * sizeof(AdValue));
    g->nstorage = (uint32_t)nstorage;
    g->frame.prev = NULL;
    g->frame.code = co;
    g->frame.func = fn;
    g->frame.globals = fn->globals;
    g->frame.locals = NULL;
    g->frame.slots = g->storage;
    g->frame.sp = g->storage + nfast;
    g->frame.ip = co->code;
    g->frame.gen = &g->obj;
    g->frame.flags = AD_FRAME_GEN;
    g->frame.nblocks = 0;
    g->name = fn->name;
    g->qualname = fn->qualname;
    g->state = AD_GEN_CREATED;
    return ad_obj(g);
}

/* Keywords into a function without *args or **kwargs, bound where they lie: every keyword
 * must name a parameter by identity (the compiler's interned names), none twice, and
 * nothing may be missing. false, with nothing changed, sends the call to bind_general
 * (which also words any error). slots: npos positionals, the keyword values, kwnames. */
enum { INPLACE_MAX_KW = 16, INPLACE_MAX_KWONLY = 8 };
static bool bind_in_place(AdFunc *fn, AdValue *slots, int npos, AdTuple *kwnames) {
    AdCode *co = fn->code;
    uint32_t argc = co->argcount, total = argc + co->kwonlyargcount;
    size_t nkw = kwnames ? kwnames->len : 0;
    if (nkw > INPLACE_MAX_KW || total > 64 || co->kwonlyargcount > INPLACE_MAX_KWONLY)
        return false;
    uint64_t seen = npos >= 64 ? ~(uint64_t)0 : (((uint64_t)1 << npos) - 1);
    uint8_t idx[INPLACE_MAX_KW];
    AdStr **names = co->localnames;
    for (size_t j = 0; j < nkw; j++) {
        AdValue key = kwnames->items[j];
        if (key.tag != AD_TAG_OBJ) return false;
        uint32_t i = co->posonlyargcount;
        while (i < total && &names[i]->obj != key.as.o) i++;
        if (i == total || (seen >> i & 1)) return false;
        seen |= (uint64_t)1 << i;
        idx[j] = (uint8_t)i;
    }
    uint32_t ndef = fn->defaults ? (uint32_t)fn->defaults->len : 0;
    uint32_t m = argc - (ndef < argc ? ndef : argc);
    for (uint32_t i = (uint32_t)npos; i < m; i++)
        if (!(seen >> i & 1)) return false;
    AdValue kwdef[INPLACE_MAX_KWONLY];
    for (uint32_t i = argc; i < total; i++) {
        if (seen >> i & 1) continue;
        AdValue d = fn->kwdefaults ? ad_dict_get_str(fn->kwdefaults, names[i]) : AD_NULLV;
        if (AD_IS_NULL(d)) return false;
        kwdef[i - argc] = d;
    }
    /* From here on it cannot fail. */
    AdValue vals[INPLACE_MAX_KW];
    memcpy(vals, slots + npos, nkw * sizeof(AdValue));
    size_t nfast = ad_code_nfast(co);
    for (size_t i = (size_t)npos; i < nfast; i++) slots[i] = AD_NULLV;
    for (size_t j = 0; j < nkw; j++) slots[idx[j]] = vals[j];
    for (uint32_t i = m > (uint32_t)npos ? m : (uint32_t)npos; i < argc; i++)
        if (!(seen >> i & 1)) slots[i] = fn->defaults->items[i - (argc - ndef)];
    for (uint32_t i = argc; i < total; i++)
        if (!(seen >> i & 1)) slots[i] = kwdef[i - argc];
    return true;
}

/* Links the next frame record of the thread's pool as t->frame, about to run `code` from
 * its first instruction with its locals at `slots`. */
static inline AdFrame *frame_link(AdThread *t, AdCode *code, AdFunc *fn, AdDict *globals,
                                  AdDict *locals, AdValue *slots, size_t nfast, uint32_t flags) {
    AdFrame *f = &t->frame_pool[t->depth];
    f->prev = t->frame;
    f->code = code;
    f->func = fn;
    f->globals = globals;
    f->locals = locals;
    f->slots = slots;
    f->sp = slots + nfast;
    f->ip = code->code;
    f->gen = NULL;
    f->flags = flags;
    f->nblocks = 0;
    t->frame = f;
    t->depth++;
    return f;
}

/* After binding: cells, then either a new generator (0, *out; the stack top goes back to
 * saved_top) or a frame record linked as t->frame (1). */
static inline int frame_finish(AdThread *t, AdFunc *fn, AdValue *slots, AdValue *saved_top,
                        uint32_t flags, AdValue *out) {
    AdCode *co = fn->code;
    size_t nfast = ad_code_nfast(co);
    if ((co->ncells || co->nfree) && !ad_frame_cells(t, fn, co, slots)) {
        ad_stack_set_top(t, saved_top);
        return -1;
    }
    if (co->flags & (AD_CODE_GENERATOR | AD_CODE_COROUTINE | AD_CODE_ASYNC_GENERATOR)) {
        AdValue g = make_gen(t, fn, slots);
        ad_stack_set_top(t, saved_top);
        if (AD_IS_NULL(g)) return -1;
        *out = g;
        return 0;
    }
    frame_link(t, co, fn, fn->globals, NULL, slots, nfast, flags);
    return 1;
}

int ad_frame_push(AdThread *t, AdFunc *fn, AdValue *args, int nargs, AdTuple *kwnames,
                  AdValue self, uint32_t flags, AdValue *out) {
    AdVM *vm = t->vm;
    AdCode *co = fn->code;
    if (t->depth >= vm->recursion_limit || t->depth >= AD_MAX_FRAMES - 1)
        return recursion_error(t);
    int nkw = kwnames ? (int)kwnames->len : 0;
    int has_self = !AD_IS_NULL(self);
    size_t nin = (size_t)nargs + nkw + (kwnames ? 1 : 0); /* incoming values, kwnames too */
    size_t nall = nin + has_self;
    size_t nfast = ad_code_nfast(co), framesize = nfast + co->stacksize;
    AdValue *saved_top = t->stack_top;
    AdValue *slots = ad_on_thread_stack(t, args) ? args : t->stack_top;
    size_t room = (framesize > nall ? framesize : nall) + nall + AD_STACK_SLACK;
    if ((size_t)(t->stack_end - slots) < room) return recursion_error(t);
    if (slots != args)
        memcpy(slots + has_self, args, nin * sizeof(AdValue));
    else if (has_self)
        memmove(slots + 1, args, nin * sizeof(AdValue));
    if (has_self) slots[0] = self;
    if (slots + nall > t->stack_top) ad_stack_set_top(t, slots + nall);

    /* fn may be reachable only from a bound method the dispatcher just unwrapped */
    int mark = ad_gc_root_mark(t);
    ad_gc_push_obj(t, fn);
    int npos = nargs + has_self;
    uint32_t argc = co->argcount;
    size_t ndef = fn->defaults ? fn->defaults->len : 0;
    bool fixed = !(co->flags & (AD_CODE_VARARGS | AD_CODE_VARKEYWORDS)) && (uint32_t)npos <= argc;
    if (fixed && !kwnames && co->kwonlyargcount == 0 && (size_t)npos + ndef >= argc) {
        /* The common case: positionals in place, defaults for the rest. */
        for (uint32_t i = (uint32_t)npos; i < argc; i++)
            slots[i] = fn->defaults->items[i - (argc - ndef)];
        for (size_t i = argc; i < nfast; i++) slots[i] = AD_NULLV;
        ad_stack_set_top(t, slots + framesize);
    } else if (fixed && bind_in_place(fn, slots, npos, kwnames)) {
        ad_stack_set_top(t, slots + framesize);
    } else {
        /* Move the incoming values above the frame, then bind from there. */
        AdValue *in = slots + (framesize > nall ? framesize : nall);
        memmove(in, slots, nall * sizeof(AdValue));
        ad_stack_set_top(t, in + nall);
        for (size_t i = 0; i < nfast; i++) slots[i] = AD_NULLV;
        KwArgs kw = {kwnames, in + npos, NULL, 0};
        if (!bind_general(t, fn, slots, in, npos, kw, false)) {
            ad_gc_root_restore(t, mark);
            ad_stack_set_top(t, saved_top);
            return -1;
        }
        ad_stack_set_top(t, slots + framesize);
    }
    int r = frame_finish(t, fn, slots, saved_top, flags, out);
    ad_gc_root_restore(t, mark);
    return r;
}

/* ---- the dispatcher ---------------------------------------------------------------------- */

static int call_native(AdThread *t, AdNative *n, AdValue *ret, AdValue *args, int nargs,
                       AdTuple *kwnames) {
    if (n->owner && n->kind == AD_METH_INSTANCE) {
        if (nargs < 1) {
            ad_err_raise(t, t->vm->exc_TypeError, "unbound method %s.%s() needs an argument",
                         ad_type_name(n->owner), n->name);
            return -1;
        }
        AdType *st = ad_type_of(t, args[0]);
        if (st != n->owner && !ad_type_is_subtype(st, n->owner)) {
            ad_err_raise(t, t->vm->exc_TypeError,
                         "descriptor '%s' for '%s' objects doesn't apply to a '%s' object",
                         n->name, ad_type_name(n->owner), ad_type_name(st));
            return -1;
        }
    }
    int mark = t->nroots;
    AdValue r = n->fn(t, args, nargs, kwnames);
    t->nroots = mark;
    if (AD_IS_NULL(r)) {
        if (!ad_err_occurred(t))
            ad_err_raise(t, t->vm->exc_SystemError,
                         "%s() returned NULL without setting an exception",
                         n->name);
        return -1;
    }
    *ret = r;
    return 0;
}

/* Slow path: call `callable` through a C-level call (it may run a nested loop). */
static int call_via_c(AdThread *t, AdValue callable, AdValue *ret, AdValue *args, int nargs,
                      AdTuple *kwnames) {
    AdValue r = ad_rt_call(t, callable, args, nargs, kwnames);
    if (AD_IS_NULL(r)) return -1;
    *ret = r;
    return 0;
}

/* class C with a script __init__ and object.__new__: make the instance here and push
 * __init__ as an AD_FRAME_INIT frame. 2 = not applicable. */
static int try_init_frame(AdThread *t, AdType *cls, AdValue *ret, AdValue *args, int nargs,
                          AdTuple *kwnames) {
    AdVM *vm = t->vm;
    if (cls->obj.type != vm->type_type) return 2;
    AdValue init = ad_type_lookup(cls, vm->name.init);
    if (!ad_is_type(init, vm->type_function)) return 2;
    AdFunc *initf = AD_AS(AdFunc, init);
    if (initf->code->flags & (AD_CODE_GENERATOR | AD_CODE_COROUTINE | AD_CODE_ASYNC_GENERATOR))
        return 2;
    AdValue newf = ad_type_lookup(cls, vm->name.new);
    AdValue object_new = ad_dict_get_str(vm->type_object->dict, vm->name.new);
    if (AD_IS_NULL(newf) || !ad_is(newf, object_new) ||
        !ad_is_type(newf, vm->type_builtin_function))
        return 2;
    /* object.__new__(cls): args[-1] is the class, already rooted. */
    AdValue inst;
    int r = call_native(t, AD_AS(AdNative, newf), &inst, args - 1, 1, NULL);
    if (r < 0) return -1;
    if (!ad_is_instance_of(t, inst, cls)) {
        *ret = inst;
        return 0;
    }
    *ret = inst;
    args[-1] = inst;
    AdValue gen;
    return ad_frame_push(t, initf, args, nargs, kwnames, inst, AD_FRAME_INIT, &gen);
}

int ad_call_dispatch(AdThread *t, AdValue *ret, AdValue *args, int nargs, AdTuple *kwnames,
                     uint32_t flags) {
    AdVM *vm = t->vm;
    AdValue callable = args[-1];
    /* args[-1] is the callable until a bound method is unwrapped (then `unwrapped`). */
    bool unwrapped = false;
    for (;;) {
        if (callable.tag != AD_TAG_OBJ) break;
        AdType *tp = callable.as.o->type;
        if (tp == vm->type_function) {
            AdValue gen;
            int r = ad_frame_push(t, AD_AS(AdFunc, callable), args, nargs, kwnames, AD_NULLV,
                                  flags & AD_FRAME_ENTRY, &gen);
            if (r == 0) *ret = gen;
            return r;
        }
        if (tp == vm->type_builtin_function)
            return call_native(t, AD_AS(AdNative, callable), ret, args, nargs, kwnames);
        if (tp == vm->type_method) {
            AdBoundMethod *bm = AD_AS(AdBoundMethod, callable);
            AdValue func = bm->func;
            args[-1] = bm->self;
            args--;
            nargs++;
            callable = func;
            if (ad_is_type(func, vm->type_function) ||
                ad_is_type(func, vm->type_builtin_function)) {
                unwrapped = true;
                continue;
            }
            return call_via_c(t, func, ret, args, nargs, kwnames);
        }
        if (unwrapped) return call_via_c(t, callable, ret, args, nargs, kwnames);
        if (tp == vm->type_type && !(flags & AD_FRAME_ENTRY)) {
            int r = try_init_frame(t, AD_AS(AdType, callable), ret, args, nargs, kwnames);
            if (r != 2) return r;
        }
        AdValue call = ad_type_lookup(tp, vm->name.call);
        if (AD_IS_NULL(call)) break;
        if (ad_is_type(call, vm->type_function) ||
            (ad_is_type(call, vm->type_builtin_function) &&
             AD_AS(AdNative, call)->kind == AD_METH_INSTANCE)) {
            /* type(obj).__call__(obj, *args): obj is already in args[-1]. */
            args--;
            nargs++;
            callable = call;
            unwrapped = true;
            continue;
        }
        AdValue bound = ad_rt_descr_get(t, call, callable, tp);
        if (AD_IS_NULL(bound)) return -1;
        ad_gc_push_root(t, bound);
        int r = call_via_c(t, bound, ret, args, nargs, kwnames);
        t->nroots--;
        return r;
    }
    ad_err_raise(t, vm->exc_TypeError, "'%s' object is not callable",
                 ad_type_name(ad_type_of(t, callable)));
    return -1;
}

/* f(*args, **kwargs) for a script function (self prepended when not AD_NULLV): binds
 * straight from the tuple and the dict into the callee's slots, which start just above
 * fslot[0] (or at the stack top when fslot is in a generator's frame). */
static int push_ex(AdThread *t, AdFunc *fn, AdValue self, AdValue *fslot, AdTuple *pos,
                   AdDict *kw, bool own_dict, uint32_t flags) {
    AdCode *co = fn->code;
    if (t->depth >= t->vm->recursion_limit || t->depth >= AD_MAX_FRAMES - 1)
        return recursion_error(t);
    int has_self = !AD_IS_NULL(self);
    size_t npos = pos->len + has_self;
    size_t nfast = ad_code_nfast(co), framesize = nfast + co->stacksize;
    AdValue *saved_top = t->stack_top;
    AdValue *slots = ad_on_thread_stack(t, fslot) ? fslot + 1 : t->stack_top;
    size_t lo = framesize > 2 ? framesize : 2; /* `in` must not overlap fslot[1..2] */
    if ((size_t)(t->stack_end - slots) < lo + npos + 2 + AD_STACK_SLACK)
        return recursion_error(t);
    /* Rooted above the frame while binding: [self, positionals] when there is a self
     * (binding wants them in one array), else the tuple, read in place; then the kw dict and fn. */
    AdValue *roots = slots + lo;
    const AdValue *in;
    size_t nroot;
    if (has_self) {
        roots[0] = self;
        memcpy(roots + 1, pos->items, pos->len * sizeof(AdValue));
        in = roots;
        nroot = npos;
    } else {
        roots[0] = ad_obj(pos);
        in = pos->items;
        nroot = 1;
    }
    roots[nroot] = kw ? ad_obj(kw) : AD_NONE;
    roots[nroot + 1] = ad_obj(fn);
    ad_stack_set_top(t, roots + nroot + 2);
    for (size_t i = 0; i < nfast; i++) slots[i] = AD_NULLV;
    KwArgs kwa = {NULL, NULL, kw, 0};
    if (!bind_general(t, fn, slots, in, (int)npos, kwa, own_dict)) {
        ad_stack_set_top(t, saved_top);
        return -1;
    }
    ad_stack_set_top(t, slots + framesize);
    int mark = ad_gc_root_mark(t);
    ad_gc_push_obj(t, fn);
    AdValue gen;
    int r = frame_finish(t, fn, slots, saved_top, flags, &gen);
    ad_gc_root_restore(t, mark);
    if (r == 0) fslot[0] = gen;
    return r;
}

int ad_call_ex(AdThread *t, AdValue *fslot, AdDict *kw, bool own_dict, uint32_t flags) {
    AdVM *vm = t->vm;
    AdValue callable = fslot[0];
    AdTuple *pos = AD_AS(AdTuple, fslot[1]);
    if (callable.tag == AD_TAG_OBJ) {
        AdType *tp = callable.as.o->type;
        if (tp == vm->type_function)
            return push_ex(t, AD_AS(AdFunc, callable), AD_NULLV, fslot, pos, kw, own_dict, flags);
        if (tp == vm->type_method && ad_is_type(AD_AS(AdBoundMethod, callable)->func,
                                                vm->type_function)) {
            AdBoundMethod *bm = AD_AS(AdBoundMethod, callable);
            return push_ex(t, AD_AS(AdFunc, bm->func), bm->self, fslot, pos, kw, own_dict, flags);
        }
    }
    /* Anything else: lay the call out as CALL_KW would and dispatch it. */
    AdValue *saved_top = t->stack_top;
    size_t nkw = kw ? kw->len : 0;
    AdTuple *kwnames = NULL;
    if (nkw) {
        kwnames = ad_tuple_new(t, nkw);
        if (!kwnames) return -1;
        for (size_t i = 0; i < nkw; i++) kwnames->items[i] = AD_NONE;
        size_t p = 0, k = 0;
        AdValue key;
        while (k < nkw && ad_dict_next(kw, &p, &key, NULL)) {
            if (!ad_is_str(t, key))
                return ad_err_raise(t, vm->exc_TypeError, "keywords must be strings"), -1;
            kwnames->items[k++] = key;
        }
    }
    /* From here to the dispatch nothing allocates: fslot[1..2] may be overwritten by the
     * values they hold. A generator's operand stack cannot grow: its calls go through C
     * from the stack top. */
    bool in_gen = !ad_on_thread_stack(t, fslot);
    AdValue *dest = in_gen ? t->stack_top + 1 : fslot + 1;
    size_t n = pos->len + nkw + (kwnames ? 1 : 0);
    if ((size_t)(t->stack_end - dest) < n + AD_STACK_SLACK) return recursion_error(t);
    if (in_gen) dest[-1] = callable;
    if (dest + n > t->stack_top) ad_stack_set_top(t, dest + n);
    size_t npos = pos->len;
    memmove(dest, pos->items, npos * sizeof(AdValue));
    if (kw) {
        size_t p = 0, k = 0;
        AdValue value;
        while (k < nkw && ad_dict_next(kw, &p, NULL, &value)) dest[npos + k++] = value;
    }
    if (kwnames) dest[npos + nkw] = ad_obj(kwnames);
    if (in_gen) {
        AdValue result = AD_NULLV;
        int r = ad_call_dispatch(t, dest - 1, dest, (int)npos, kwnames, AD_FRAME_ENTRY);
        if (r > 0)
            r = ad_vm_run_frame(t, t->frame, &result, false);
        else if (r == 0)
            result = dest[-1];
        ad_stack_set_top(t, saved_top);
        if (r < 0) return -1;
        fslot[0] = result;
        return 0;
    }
    int r = ad_call_dispatch(t, fslot, dest, (int)npos, kwnames, flags);
    if (r <= 0) ad_stack_set_top(t, saved_top);
    return r;
}

/* ---- C entry points ------------------------------------------------------------------ */

AdValue ad_rt_call(AdThread *t, AdValue callable, const AdValue *args, int nargs,
                   AdTuple *kwnames) {
    int nkw = kwnames ? (int)kwnames->len : 0;
    size_t n = 1 + (size_t)nargs + nkw + (kwnames ? 1 : 0);
    AdValue *base = t->stack_top;
    if ((size_t)(t->stack_end - base) < n + AD_STACK_SLACK) return recursion_error(t), AD_NULLV;
    base[0] = callable;
    if (nargs + nkw) memcpy(base + 1, args, (size_t)(nargs + nkw) * sizeof(AdValue));
    if (kwnames) base[1 + nargs + nkw] = ad_obj(kwnames);
    ad_stack_set_top(t, base + n);
    AdValue result = AD_NULLV;
    int r = ad_call_dispatch(t, base, base + 1, nargs, kwnames, AD_FRAME_ENTRY);
    if (r > 0)
        r = ad_vm_run_frame(t, t->frame, &result, false);
    else if (r == 0)
        result = base[0];
    ad_stack_set_top(t, base);
    return r < 0 ? AD_NULLV : result;
}

AdValue ad_rt_call0(AdThread *t, AdValue callable) {
    return ad_rt_call(t, callable, NULL, 0, NULL);
}

AdValue ad_rt_call1(AdThread *t, AdValue callable, AdValue a) {
    return ad_rt_call(t, callable, &a, 1, NULL);
}

AdValue ad_rt_call2(AdThread *t, AdValue callable, AdValue a, AdValue b) {
    AdValue args[2] = {a, b};
    return ad_rt_call(t, callable, args, 2, NULL);
}

AdValue ad_vm_call_function(AdThread *t, AdFunc *f, const AdValue *args, int nargs,
                            AdTuple *kwnames) {
    return ad_rt_call(t, ad_obj(f), args, nargs, kwnames);
}

/* Calls `attr` found on obj's type as a method of obj: plain functions and instance natives
 * get obj prepended without a bound method; anything else goes through __get__. */
static AdValue call_type_attr(AdThread *t, AdValue obj, AdValue attr, const AdValue *args,
                              int nargs, AdTuple *kwnames) {
    AdVM *vm = t->vm;
    int nkw = kwnames ? (int)kwnames->len : 0;
    if (ad_is_type(attr, vm->type_function) ||
        (ad_is_type(attr, vm->type_builtin_function) &&
         AD_AS(AdNative, attr)->kind == AD_METH_INSTANCE)) {
        size_t n = 2 + (size_t)nargs + nkw + (kwnames ? 1 : 0);
        AdValue *base = t->stack_top;
        if ((size_t)(t->stack_end - base) < n + AD_STACK_SLACK) return recursion_error(t), AD_NULLV;
        base[0] = attr;
        base[1] = obj;
        if (nargs + nkw) memcpy(base + 2, args, (size_t)(nargs + nkw) * sizeof(AdValue));
        if (kwnames) base[2 + nargs + nkw] = ad_obj(kwnames);
        ad_stack_set_top(t, base + n);
        AdValue result = AD_NULLV;
        int r = ad_call_dispatch(t, base, base + 1, nargs + 1, kwnames, AD_FRAME_ENTRY);
        if (r > 0)
            r = ad_vm_run_frame(t, t->frame, &result, false);
        else if (r == 0)
            result = base[0];
        ad_stack_set_top(t, base);
        return r < 0 ? AD_NULLV : result;
    }
    int mark = ad_gc_root_mark(t);
    ad_gc_push_root(t, obj);
    ad_gc_push_root(t, attr);
    AdValue bound = ad_rt_descr_get(t, attr, obj, ad_type_of(t, obj));
    if (AD_IS_NULL(bound)) {
        ad_gc_root_restore(t, mark);
        return AD_NULLV;
    }
    ad_gc_push_root(t, bound);
    AdValue r = ad_rt_call(t, bound, args, nargs, kwnames);
    ad_gc_root_restore(t, mark);
    return r;
}

AdValue ad_rt_call_special(AdThread *t, AdValue obj, AdStr *name, const AdValue *args,
                           int nargs) {
    AdValue attr = ad_type_lookup(ad_type_of(t, obj), name);
    if (AD_IS_NULL(attr)) return AD_NULLV;
    return call_type_attr(t, obj, attr, args, nargs, NULL);
}

AdValue ad_rt_call_method(AdThread *t, AdValue obj, AdStr *name, const AdValue *args, int nargs,
                          AdTuple *kwnames) {
    int mark = ad_gc_root_mark(t);
    ad_gc_push_root(t, obj);
    AdValue meth;
    int r = ad_rt_load_method(t, obj, name, &meth);
    if (r < 0) {
        ad_gc_root_restore(t, mark);
        return AD_NULLV;
    }
    ad_gc_push_root(t, meth);
    AdValue result;
    if (r == 1) {
        int nkw = kwnames ? (int)kwnames->len : 0;
        size_t n = 2 + (size_t)nargs + nkw + (kwnames ? 1 : 0);
        AdValue *base = t->stack_top;
        if ((size_t)(t->stack_end - base) < n + AD_STACK_SLACK) {
            ad_gc_root_restore(t, mark);
            return recursion_error(t), AD_NULLV;
        }
        base[0] = meth;
        base[1] = obj;
        if (nargs + nkw) memcpy(base + 2, args, (size_t)(nargs + nkw) * sizeof(AdValue));
        if (kwnames) base[2 + nargs + nkw] = ad_obj(kwnames);
        ad_stack_set_top(t, base + n);
        result = AD_NULLV;
        int rr = ad_call_dispatch(t, base, base + 1, nargs + 1, kwnames, AD_FRAME_ENTRY);
        if (rr > 0)
            rr = ad_vm_run_frame(t, t->frame, &result, false);
        else if (rr == 0)
            result = base[0];
        ad_stack_set_top(t, base);
        if (rr < 0) result = AD_NULLV;
    } else {
        result = ad_rt_call(t, meth, args, nargs, kwnames);
    }
    ad_gc_root_restore(t, mark);
    return result;
}

bool ad_rt_callable(AdThread *t, AdValue v) {
    if (v.tag != AD_TAG_OBJ) return false;
    AdVM *vm = t->vm;
    AdType *tp = v.as.o->type;
    if (tp == vm->type_function || tp == vm->type_builtin_function || tp == vm->type_method ||
        tp == vm->type_type)
        return true;
    return !AD_IS_NULL(ad_type_lookup(tp, vm->name.call));
}

/* "f()" naming for call errors: module.qualname() unless the module is builtins. */
AdStr *ad_func_str(AdThread *t, AdValue func) {
    AdVM *vm = t->vm;
    int mark = ad_gc_root_mark(t);
    AdValue qual, mod;
    int r = ad_rt_lookup_attr(t, func, vm->name.qualname, &qual);
    if (r < 0) return NULL;
    AdStr *res;
    if (r == 0 || !ad_is_str(t, qual)) {
        AdValue s = ad_rt_str(t, func);
        if (AD_IS_NULL(s)) return NULL;
        return AD_AS(AdStr, s);
    }
    ad_gc_push_root(t, qual);
    r = ad_rt_lookup_attr(t, func, vm->name.module, &mod);
    if (r < 0) {
        ad_gc_root_restore(t, mark);
        return NULL;
    }
    AdValue v;
    if (r > 0 && ad_is_str(t, mod) && !ad_str_eq_cstr(AD_AS(AdStr, mod), "builtins"))
        v = ad_vm_strf(t, "%s.%s()", AD_AS(AdStr, mod)->data, AD_AS(AdStr, qual)->data);
    else
        v = ad_vm_strf(t, "%s()", AD_AS(AdStr, qual)->data);
    ad_gc_root_restore(t, mark);
    res = AD_IS_NULL(v) ? NULL : AD_AS(AdStr, v);
    return res;
}

AdValue ad_rt_call_ex(AdThread *t, AdValue callable, AdValue args_tuple, AdValue kwargs_dict) {
    AdVM *vm = t->vm;
    AdValue *base = t->stack_top;
    if ((size_t)(t->stack_end - base) < 3 + AD_STACK_SLACK) return recursion_error(t), AD_NULLV;
    base[0] = callable;
    base[1] = AD_IS_NULL(args_tuple) ? ad_obj(vm->empty_tuple) : args_tuple;
    base[2] = AD_IS_NULL(kwargs_dict) || AD_IS_NONE(kwargs_dict) ? AD_NULLV : kwargs_dict;
    ad_stack_set_top(t, base + 3);
    AdValue result = AD_NULLV;
    if (!ad_is_type(base[1], vm->type_tuple)) {
        AdValue tup = ad_sequence_to_tuple(t, base[1]);
        if (AD_IS_NULL(tup)) goto done;
        base[1] = tup;
    }
    bool own = false;
    if (!AD_IS_NULL(base[2]) && !ad_is_type(base[2], vm->type_dict)) {
        AdDict *d = ad_dict_new(t);
        if (!d) goto done;
        AdValue src = base[2];
        base[2] = ad_obj(d);
        ad_gc_push_root(t, src);
        bool ok = ad_dict_update(t, d, src);
        t->nroots--;
        if (!ok) goto done;
        own = true;
    }
    AdDict *kw = AD_IS_NULL(base[2]) ? NULL : AD_AS(AdDict, base[2]);
    int r = ad_call_ex(t, base, kw, own, AD_FRAME_ENTRY);
    if (r > 0)
        r = ad_vm_run_frame(t, t->frame, &result, false);
    else if (r == 0)
        result = base[0];
    if (r < 0) result = AD_NULLV;
done:
    ad_stack_set_top(t, base);
    return result;
}

/* ---- running code objects ------------------------------------------------------------ */

AdValue ad_vm_run_code(AdThread *t, AdCode *code, AdDict *globals, AdDict *locals) {
    AdVM *vm = t->vm;
    if (t->depth >= vm->recursion_limit || t->depth >= AD_MAX_FRAMES - 1)
        return recursion_error(t), AD_NULLV;
    AdValue *base = t->stack_top;
    size_t nfast = ad_code_nfast(code), framesize = ad_code_framesize(code);
    if ((size_t)(t->stack_end - base) < framesize + AD_STACK_SLACK)
        return recursion_error(t), AD_NULLV;
    for (size_t i = 0; i < nfast; i++) base[i] = AD_NULLV;
    ad_stack_set_top(t, base + framesize);
    /* code and the namespaces are rooted by the frame once it is linked; until then here */
    int mark = ad_gc_root_mark(t);
    ad_gc_push_obj(t, code);
    ad_gc_push_obj(t, globals);
    ad_gc_push_obj(t, locals);
    if ((code->ncells || code->nfree) && !ad_frame_cells(t, NULL, code, base)) {
        ad_gc_root_restore(t, mark);
        ad_stack_set_top(t, base);
        return AD_NULLV;
    }
    ad_gc_root_restore(t, mark);
    AdFrame *f = frame_link(t, code, NULL, globals, locals, base, nfast, AD_FRAME_ENTRY);
    AdValue result = AD_NULLV;
    int r = ad_vm_run_frame(t, f, &result, false);
    ad_stack_set_top(t, base);
    return r < 0 ? AD_NULLV : result;
}

AdValue ad_vm_call_with_locals(AdThread *t, AdFunc *fn, AdDict *locals) {
    AdValue *base = t->stack_top;
    if ((size_t)(t->stack_end - base) < 2 + AD_STACK_SLACK) return recursion_error(t), AD_NULLV;
    base[0] = ad_obj(fn);
    base[1] = ad_obj(locals);
    ad_stack_set_top(t, base + 2);
    AdValue result = AD_NULLV;
    AdValue gen;
    int r = ad_frame_push(t, fn, base + 2, 0, NULL, AD_NULLV, AD_FRAME_ENTRY, &gen);
    if (r > 0) {
        t->frame->locals = locals;
        r = ad_vm_run_frame(t, t->frame, &result, false);
    } else if (r == 0) {
        result = gen;
    }
    ad_stack_set_top(t, base);
    return r < 0 ? AD_NULLV : result;
}
