/*
 * vm_ops.c - the dispatch loop's cold paths: opcodes whose work is more than a fast path
 * (unpacking, f-strings, **kwargs merging, f(*a, **k), with/async protocol, imports,
 * pattern matching) and the error helpers. Each takes what the loop hands it and leaves the
 * loop's registers alone: results come back as values or in stack slots the loop names.
 *
 * Invariant: values these functions create are rooted before the next allocation, in the
 * stack slots the loop passes (they are below the stack top) or on the temp-root stack.
 */
#include <stdio.h>
#include <string.h>

#include "core.h"
#include "vm_internal.h"

/* ---- cold helpers: errors ---------------------------------------------------------------- */

void ad_vm_unbound_local(AdThread *t, AdCode *co, uint32_t i) {
    ad_err_raise(t, t->vm->exc_UnboundLocalError,
                 "cannot access local variable '%s' where it is not associated with a value",
                 co->localnames[i]->data);
}

AdStr *ad_vm_deref_name(AdCode *co, uint32_t i) {
    return i < co->ncells ? co->cellnames[i] : co->freenames[i - co->ncells];
}

/* NameError carries the name (its `name` attribute, extra[0] in obj_exc.c's layout). */
static void set_name_attr(AdThread *t, AdStr *name) {
    if (ad_err_matches(t, t->vm->exc_NameError) && AD_IS_OBJ(t->exc))
        AD_AS(AdException, t->exc)->extra[0] = ad_obj(name);
}

void ad_vm_unbound_deref(AdThread *t, AdCode *co, uint32_t i) {
    if (i < co->ncells) {
        ad_err_raise(t, t->vm->exc_UnboundLocalError,
                     "cannot access local variable '%s' where it is not associated with a value",
                     co->cellnames[i]->data);
        return;
    }
    AdStr *name = co->freenames[i - co->ncells];
    ad_err_raise(t, t->vm->exc_NameError,
                 "cannot access free variable '%s' where it is not associated with a value"
                 " in enclosing scope",
                 name->data);
    set_name_attr(t, name);
}

void ad_vm_name_error(AdThread *t, AdStr *name) {
    ad_err_raise(t, t->vm->exc_NameError, "name '%s' is not defined", name->data);
    set_name_attr(t, name);
}

/* The builtins a frame with these globals sees: globals['__builtins__'] (a module or a
 * dict) when present, else the VM's, as CPython does for exec(code, {'__builtins__': ..}). */
AdDict *ad_vm_frame_builtins(AdThread *t, AdDict *globals) {
    AdVM *vm = t->vm;
    AdValue b = ad_vm_dict_get_hinted(globals, vm->name.builtins, AD_HINT_GLOBALS);
    if (AD_IS_NULL(b) || !AD_IS_OBJ(b)) return vm->builtins;
    if (b.as.o == &vm->builtins->obj || b.as.o == &vm->builtins_module->obj) return vm->builtins;
    if (ad_is_type(b, vm->type_module)) return AD_AS(AdModule, b)->dict;
    if (ad_is_instance_of(t, b, vm->type_dict)) return AD_AS(AdDict, b);
    return vm->builtins;
}

void ad_vm_add_traceback(AdThread *t, AdFrame *f, const uint32_t *ip) {
    AdCode *co = f->code;
    int line = co->firstlineno;
    ptrdiff_t i = ip - co->code - 1;
    if (i >= 0 && (size_t)i < co->ncode && co->lines) line = (int)co->lines[i];
    ad_exc_add_traceback(t, t->exc, co, line);
}

void ad_exc_set_context(AdThread *t, AdValue exc) {
    AdValue h = t->handled;
    if (!AD_IS_OBJ(h) || !AD_IS_OBJ(exc) || ad_is(h, exc)) return;
    if (!ad_is_instance_of(t, exc, t->vm->exc_BaseException)) return;
    /* Break a cycle exc -> ... -> h -> ... -> exc before closing it (CPython does too). */
    AdValue o = h;
    for (int guard = 0; guard < 100000; guard++) {
        AdValue ctx = AD_AS(AdException, o)->context;
        if (!AD_IS_OBJ(ctx)) break;
        if (ad_is(ctx, exc)) {
            AD_AS(AdException, o)->context = AD_NONE;
            break;
        }
        o = ctx;
    }
    AD_AS(AdException, exc)->context = h;
}

/* PEP 479: a StopIteration (StopAsyncIteration in async generators) escaping a generator
 * frame becomes RuntimeError, caused by it. */
void ad_vm_gen_error_exit(AdThread *t, AdFrame *f) {
    AdVM *vm = t->vm;
    AdCode *co = f->code;
    const char *msg = NULL;
    if (ad_err_matches(t, vm->exc_StopIteration)) {
        msg = co->flags & AD_CODE_ASYNC_GENERATOR ? "async generator raised StopIteration"
              : co->flags & AD_CODE_COROUTINE     ? "coroutine raised StopIteration"
                                                  : "generator raised StopIteration";
    } else if ((co->flags & AD_CODE_ASYNC_GENERATOR) &&
               ad_err_matches(t, vm->exc_StopAsyncIteration)) {
        msg = "async generator raised StopAsyncIteration";
    }
    if (msg) {
        AdValue err = ad_exc_new_msg(t, vm->exc_RuntimeError, msg);
        if (!AD_IS_NULL(err)) {
            AdValue cause = ad_err_fetch(t);
            AD_AS(AdException, err)->cause = cause;
            AD_AS(AdException, err)->context = cause;
            AD_AS(AdException, err)->suppress_context = true;
            t->exc = err;
        }
    }
    ad_gen_finish((AdGen *)f->gen);
}

/* ---- cold helpers: raise, except ------------------------------------------------------- */

/* An exception instance from `raise X`: classes are instantiated. false + error if bad. */
static bool exc_instance(AdThread *t, AdValue v, AdValue *out, bool is_cause) {
    AdVM *vm = t->vm;
    if (ad_is_exc_class(t, v)) {
        AdValue inst = ad_rt_call0(t, v);
        if (AD_IS_NULL(inst)) return false;
        if (!ad_is_instance_of(t, inst, vm->exc_BaseException))
            return ad_err_raise(t, vm->exc_TypeError,
                                "calling %R should have returned an instance of BaseException, "
                                "not %T", v, inst);
        *out = inst;
        return true;
    }
    if (ad_is_instance_of(t, v, vm->exc_BaseException)) {
        *out = v;
        return true;
    }
    if (is_cause && AD_IS_NONE(v)) {
        *out = v;
        return true;
    }
    return ad_err_raise(t, vm->exc_TypeError, is_cause
                                                  ? "exception causes must derive from "
                                                    "BaseException"
                                                  : "exceptions must derive from BaseException");
}

/* RAISE_VARARGS 1/2. Always leaves an exception pending. */
void ad_vm_raise(AdThread *t, AdValue exc, AdValue cause) {
    AdValue inst;
    if (!exc_instance(t, exc, &inst, false)) return;
    int mark = ad_gc_root_mark(t);
    ad_gc_push_root(t, inst);
    if (!AD_IS_NULL(cause)) {
        AdValue c;
        if (!exc_instance(t, cause, &c, true)) {
            ad_gc_root_restore(t, mark);
            return;
        }
        AD_AS(AdException, inst)->cause = c;
        AD_AS(AdException, inst)->suppress_context = true;
    }
    ad_exc_set_context(t, inst);
    ad_gc_root_restore(t, mark);
    t->exc = inst;
}

/* CHECK_EXC_MATCH: -1 error, else whether exc matches `typ` (a class or tuple of them). */
int ad_vm_exc_matches(AdThread *t, AdValue exc, AdValue typ) {
    AdVM *vm = t->vm;
    AdType *et = ad_type_of(t, exc);
    if (ad_is_instance_of(t, typ, vm->type_tuple)) {
        AdTuple *tup = AD_AS(AdTuple, typ);
        for (size_t i = 0; i < tup->len; i++)
            if (!ad_is_exc_class(t, tup->items[i])) goto bad;
        for (size_t i = 0; i < tup->len; i++) {
            AdType *c = AD_AS(AdType, tup->items[i]);
            if (et == c || ad_type_is_subtype(et, c)) return 1;
        }
        return 0;
    }
    if (!ad_is_exc_class(t, typ)) goto bad;
    return et == AD_AS(AdType, typ) || ad_type_is_subtype(et, AD_AS(AdType, typ));
bad:
    ad_err_raise(t, vm->exc_TypeError,
                 "catching classes that do not inherit from BaseException is not allowed");
    return -1;
}

/* Restores t->handled from the EXCEPT blocks of a frame being left normally. */
void ad_vm_drop_blocks(AdThread *t, AdFrame *f) {
    while (f->nblocks > 0) {
        AdBlock *b = &f->blocks[--f->nblocks];
        if (b->kind == AD_BLOCK_EXCEPT) t->handled = b->saved;
    }
}

/* ---- cold helpers: data ---------------------------------------------------------------- */

static bool type_iterable(AdThread *t, AdType *tp) {
    return !AD_IS_NULL(ad_type_lookup(tp, t->vm->name.iter)) ||
           !AD_IS_NULL(ad_type_lookup(tp, t->vm->name.getitem));
}

/* Writes the n items of `seq` to dest so that the first is on top (dest[n-1]). */
bool ad_vm_unpack_sequence(AdThread *t, AdValue seq, uint32_t n, AdValue *dest) {
    AdVM *vm = t->vm;
    AdValue *items = NULL;
    size_t len = 0;
    if (ad_is_type(seq, vm->type_tuple)) {
        items = AD_AS(AdTuple, seq)->items;
        len = AD_AS(AdTuple, seq)->len;
    } else if (ad_is_type(seq, vm->type_list)) {
        items = AD_AS(AdList, seq)->items;
        len = AD_AS(AdList, seq)->len;
    }
    if (items) {
        if (len == n) {
            for (uint32_t i = 0; i < n; i++) dest[n - 1 - i] = items[i];
            return true;
        }
        if (len > n)
            return ad_err_raise(t, vm->exc_ValueError, "too many values to unpack (expected %d)",
                                (int)n);
        return ad_err_raise(t, vm->exc_ValueError,
                            "not enough values to unpack (expected %d, got %d)", (int)n, (int)len);
    }
    if (!type_iterable(t, ad_type_of(t, seq)))
        return ad_err_raise(t, vm->exc_TypeError, "cannot unpack non-iterable %s object",
                            ad_type_name(ad_type_of(t, seq)));
    AdValue it = ad_rt_getiter(t, seq);
    if (AD_IS_NULL(it)) return false;
    int mark = ad_gc_root_mark(t);
    ad_gc_push_root(t, it);
    /* dest is inside the frame (rooted): fill it as we go */
    for (uint32_t i = 0; i < n; i++) dest[i] = AD_NONE;
    for (uint32_t i = 0; i < n; i++) {
        AdValue v;
        int r = ad_rt_next(t, it, &v);
        if (r < 0) goto fail;
        if (r == 0) {
            ad_err_raise(t, vm->exc_ValueError, "not enough values to unpack (expected %d, got %d)",
                         (int)n, (int)i);
            goto fail;
        }
        dest[n - 1 - i] = v;
    }
    AdValue extra;
    int r = ad_rt_next(t, it, &extra);
    if (r < 0) goto fail;
    if (r > 0) {
        ad_err_raise(t, vm->exc_ValueError, "too many values to unpack (expected %d)", (int)n);
        goto fail;
    }
    ad_gc_root_restore(t, mark);
    return true;
fail:
    ad_gc_root_restore(t, mark);
    return false;
}

/* a, *b, c = seq: writes before + 1 + after values to dest, the first on top. */
bool ad_vm_unpack_ex(AdThread *t, AdValue seq, uint32_t before, uint32_t after, AdValue *dest) {
    AdVM *vm = t->vm;
    if (!type_iterable(t, ad_type_of(t, seq)))
        return ad_err_raise(t, vm->exc_TypeError, "cannot unpack non-iterable %s object",
                            ad_type_name(ad_type_of(t, seq)));
    AdValue lv = ad_sequence_to_list(t, seq);
    if (AD_IS_NULL(lv)) return false;
    int mark = ad_gc_root_mark(t);
    ad_gc_push_root(t, lv);
    AdList *l = AD_AS(AdList, lv);
    size_t len = l->len;
    if (len < (size_t)before + after) {
        ad_gc_root_restore(t, mark);
        return ad_err_raise(t, vm->exc_ValueError,
                            "not enough values to unpack (expected at least %d, got %d)",
                            (int)(before + after), (int)len);
    }
    AdList *mid = ad_list_from_array(t, l->items + before, len - before - after);
    if (!mid) {
        ad_gc_root_restore(t, mark);
        return false;
    }
    uint32_t m = before + 1 + after;
    for (uint32_t k = 0; k < before; k++) dest[m - 1 - k] = l->items[k];
    dest[m - 1 - before] = ad_obj(mid);
    for (uint32_t k = 0; k < after; k++) dest[after - 1 - k] = l->items[len - after + k];
    ad_gc_root_restore(t, mark);
    return true;
}

AdValue ad_vm_build_string(AdThread *t, AdValue *items, uint32_t n) {
    if (n == 1 && ad_is_type(items[0], t->vm->type_str)) return items[0];
    AdBuf b;
    ad_buf_init(&b);
    for (uint32_t i = 0; i < n; i++) {
        if (!ad_is_str(t, items[i])) {
            ad_buf_free(&b);
            return ad_err_raise_v(t, t->vm->exc_SystemError, "BUILD_STRING of a non-str");
        }
        AdStr *s = AD_AS(AdStr, items[i]);
        if (!ad_buf_add(t, &b, s->data, s->len)) {
            ad_buf_free(&b);
            return AD_NULLV;
        }
    }
    if (b.len == 0) {
        ad_buf_free(&b);
        return ad_obj(t->vm->name.empty);
    }
    AdStr *s = ad_buf_finish(t, &b);
    return s ? ad_obj(s) : AD_NULLV;
}

AdValue ad_vm_format_value(AdThread *t, AdValue v, int conv, AdValue spec, AdValue *slot) {
    AdVM *vm = t->vm;
    switch (conv) {
    case 1: v = ad_rt_str(t, v); break;
    case 2: v = ad_rt_repr(t, v); break;
    case 3: v = ad_rt_ascii(t, v); break;
    default: break;
    }
    if (AD_IS_NULL(v)) return v;
    *slot = v; /* keep the converted value rooted */
    if (AD_IS_NULL(spec) && ad_is_type(v, vm->type_str)) return v;
    return ad_rt_format(t, v, AD_IS_NULL(spec) ? ad_obj(vm->name.empty) : spec);
}

/* {**x}: TypeError unless x is a mapping. */
bool ad_vm_dict_update(AdThread *t, AdValue dict, AdValue update) {
    AdVM *vm = t->vm;
    if (!ad_is_instance_of(t, update, vm->type_dict) &&
        AD_IS_NULL(ad_type_lookup(ad_type_of(t, update), vm->name.keys)))
        return ad_err_raise(t, vm->exc_TypeError, "'%s' object is not a mapping",
                            ad_type_name(ad_type_of(t, update)));
    return ad_dict_update(t, AD_AS(AdDict, dict), update);
}

static bool kwargs_dup_error(AdThread *t, AdValue func, AdValue key) {
    AdVM *vm = t->vm;
    AdStr *fs = ad_func_str(t, func);
    if (!fs) return false;
    if (!ad_is_str(t, key))
        return ad_err_raise(t, vm->exc_TypeError, "%s keywords must be strings", fs->data);
    return ad_err_raise(t, vm->exc_TypeError, "%s got multiple values for keyword argument '%s'",
                        fs->data, AD_AS(AdStr, key)->data);
}

/* f(**x): merge with duplicate detection (DICT_MERGE). */
bool ad_vm_dict_merge(AdThread *t, AdValue dictv, AdValue update, AdValue func) {
    AdVM *vm = t->vm;
    AdDict *dict = AD_AS(AdDict, dictv);
    if (ad_is_type(update, vm->type_dict)) {
        AdDict *src = AD_AS(AdDict, update);
        if (src->len == 0) return true;
        if (dict->len == 0) return ad_dict_update(t, dict, update); /* no duplicates possible */
        size_t pos = 0;
        AdValue k, v;
        while (ad_dict_next(src, &pos, &k, &v)) {
            AdValue old;
            int r = ad_dict_get(t, dict, k, &old);
            if (r < 0) return false;
            if (r > 0) return kwargs_dup_error(t, func, k);
            if (!ad_dict_set(t, dict, k, v)) return false;
        }
        return true;
    }
    if (AD_IS_NULL(ad_type_lookup(ad_type_of(t, update), vm->name.keys))) {
        AdStr *fs = ad_func_str(t, func);
        if (!fs) return false;
        return ad_err_raise(t, vm->exc_TypeError, "%s argument after ** must be a mapping, not %s",
                            fs->data, ad_type_name(ad_type_of(t, update)));
    }
    int mark = ad_gc_root_mark(t);
    AdValue keys = ad_rt_call_method(t, update, vm->name.keys, NULL, 0, NULL);
    if (AD_IS_NULL(keys)) return false;
    ad_gc_push_root(t, keys);
    AdValue it = ad_rt_getiter(t, keys);
    if (AD_IS_NULL(it)) goto fail;
    ad_gc_push_root(t, it);
    for (;;) {
        AdValue k;
        int r = ad_rt_next(t, it, &k);
        if (r < 0) goto fail;
        if (r == 0) break;
        int inner = ad_gc_root_mark(t);
        ad_gc_push_root(t, k);
        AdValue old;
        r = ad_dict_get(t, dict, k, &old);
        if (r < 0) goto fail;
        if (r > 0) {
            kwargs_dup_error(t, func, k);
            goto fail;
        }
        AdValue v = ad_rt_getitem(t, update, k);
        if (AD_IS_NULL(v)) goto fail;
        ad_gc_push_root(t, v);
        if (!ad_dict_set(t, dict, k, v)) goto fail;
        ad_gc_root_restore(t, inner);
    }
    ad_gc_root_restore(t, mark);
    return true;
fail:
    ad_gc_root_restore(t, mark);
    return false;
}

bool ad_vm_list_extend(AdThread *t, AdValue list, AdValue v) {
    if (!type_iterable(t, ad_type_of(t, v)))
        return ad_err_raise(t, t->vm->exc_TypeError, "Value after * must be an iterable, not %s",
                            ad_type_name(ad_type_of(t, v)));
    return ad_list_extend(t, AD_AS(AdList, list), v);
}

AdValue ad_vm_make_function(AdThread *t, AdFrame *f, AdValue *items, uint32_t flags) {
    /* items: [defaults?][kwdefaults?][annotations?][closure?] code qualname */
    AdVM *vm = t->vm;
    uint32_t k = 0;
    AdValue defaults = (flags & 1) ? items[k++] : AD_NULLV;
    AdValue kwdefaults = (flags & 2) ? items[k++] : AD_NULLV;
    AdValue annotations = (flags & 4) ? items[k++] : AD_NULLV;
    AdValue closure = (flags & 8) ? items[k++] : AD_NULLV;
    AdValue code = items[k++];
    AdValue qualname = items[k];
    if (!ad_is_type(code, vm->type_code))
        return ad_err_raise_v(t, vm->exc_SystemError, "MAKE_FUNCTION without a code object");
    AdFunc *fn = ad_func_new(t, AD_AS(AdCode, code), f->globals,
                             ad_is_str(t, qualname) ? AD_AS(AdStr, qualname) : NULL);
    if (!fn) return AD_NULLV;
    if (ad_is_instance_of(t, defaults, vm->type_tuple) && AD_AS(AdTuple, defaults)->len)
        fn->defaults = AD_AS(AdTuple, defaults);
    if (ad_is_instance_of(t, kwdefaults, vm->type_dict)) fn->kwdefaults = AD_AS(AdDict, kwdefaults);
    if (ad_is_instance_of(t, annotations, vm->type_dict))
        fn->annotations = AD_AS(AdDict, annotations);
    if (ad_is_instance_of(t, closure, vm->type_tuple)) fn->closure = AD_AS(AdTuple, closure);
    return ad_obj(fn);
}

/* f(*args, **kwargs). 1 frame pushed, 0 result in *fslot, -1 error. */
int ad_vm_call_function_ex(AdThread *t, AdFrame *f, AdValue *fslot, bool has_kw) {
    AdVM *vm = t->vm;
    (void)f; /* ad_call_ex tells a generator's frame by where fslot lies */
    AdValue func = fslot[0];
    if (!ad_is_type(fslot[1], vm->type_tuple)) {
        if (!type_iterable(t, ad_type_of(t, fslot[1]))) {
            AdStr *fs = ad_func_str(t, func);
            if (fs)
                ad_err_raise(t, vm->exc_TypeError,
                             "%s argument after * must be an iterable, not %s",
                             fs->data, ad_type_name(ad_type_of(t, fslot[1])));
            return -1;
        }
        AdValue tup = ad_sequence_to_tuple(t, fslot[1]);
        if (AD_IS_NULL(tup)) return -1;
        fslot[1] = tup;
    }
    int mark = ad_gc_root_mark(t);
    if (has_kw && !ad_is_type(fslot[2], vm->type_dict)) {
        if (AD_IS_NULL(ad_type_lookup(ad_type_of(t, fslot[2]), vm->name.keys))) {
            AdStr *fs = ad_func_str(t, func);
            if (fs)
                ad_err_raise(t, vm->exc_TypeError, "%s argument after ** must be a mapping, not %s",
                             fs->data, ad_type_name(ad_type_of(t, fslot[2])));
            return -1;
        }
        AdDict *d = ad_dict_new(t);
        if (!d) return -1;
        ad_gc_push_obj(t, d);
        if (!ad_dict_update(t, d, fslot[2])) goto fail;
        fslot[2] = ad_obj(d);
    }
    ad_gc_root_restore(t, mark);
    return ad_call_ex(t, fslot, has_kw ? AD_AS(AdDict, fslot[2]) : NULL, true, 0);
fail:
    ad_gc_root_restore(t, mark);
    return -1;
}

/* ---- cold helpers: async, with ---------------------------------------------------------- */

/* The iterator behind `await obj`. */
AdValue ad_vm_get_awaitable(AdThread *t, AdValue obj) {
    AdVM *vm = t->vm;
    if (ad_is_type(obj, vm->type_coroutine) ||
        (ad_is_type(obj, vm->type_generator) &&
         (AD_AS(AdGen, obj)->frame.code->flags & AD_CODE_ITERABLE_COROUTINE))) {
        if (!AD_IS_NULL(ad_gen_delegate(AD_AS(AdGen, obj))))
            return ad_err_raise_v(t, vm->exc_RuntimeError, "coroutine is being awaited already");
        return obj;
    }
    AdValue it = ad_rt_call_special(t, obj, vm->name.await, NULL, 0);
    if (AD_IS_NULL(it)) {
        if (!ad_err_occurred(t))
            ad_err_raise(t, vm->exc_TypeError, "object %s can't be used in 'await' expression",
                         ad_type_name(ad_type_of(t, obj)));
        return AD_NULLV;
    }
    if (ad_is_type(it, vm->type_coroutine))
        return ad_err_raise_v(t, vm->exc_TypeError, "__await__() returned a coroutine");
    if (!ad_is_type(it, vm->type_generator) &&
        AD_IS_NULL(ad_type_lookup(ad_type_of(t, it), vm->name.next)))
        return ad_err_raise_v(t, vm->exc_TypeError,
                              "__await__() returned non-iterator of type '%s'",
                              ad_type_name(ad_type_of(t, it)));
    return it;
}

AdValue ad_vm_get_aiter(AdThread *t, AdValue obj) {
    AdVM *vm = t->vm;
    AdValue it = ad_rt_call_special(t, obj, vm->name.aiter, NULL, 0);
    if (AD_IS_NULL(it)) {
        if (!ad_err_occurred(t))
            ad_err_raise(t, vm->exc_TypeError,
                         "'async for' requires an object with __aiter__ method, got %s",
                         ad_type_name(ad_type_of(t, obj)));
        return AD_NULLV;
    }
    if (AD_IS_NULL(ad_type_lookup(ad_type_of(t, it), vm->name.anext)))
        return ad_err_raise_v(t, vm->exc_TypeError,
                              "'async for' received an object from __aiter__ that does not "
                              "implement __anext__: %s",
                              ad_type_name(ad_type_of(t, it)));
    return it;
}

AdValue ad_vm_get_anext(AdThread *t, AdValue ait, AdValue *slot) {
    AdVM *vm = t->vm;
    AdValue aw = ad_rt_call_special(t, ait, vm->name.anext, NULL, 0);
    if (AD_IS_NULL(aw)) {
        if (!ad_err_occurred(t))
            ad_err_raise(t, vm->exc_TypeError,
                         "'async for' requires an iterator with __anext__ method, got %s",
                         ad_type_name(ad_type_of(t, ait)));
        return AD_NULLV;
    }
    *slot = aw;
    AdValue it = ad_vm_get_awaitable(t, aw);
    if (AD_IS_NULL(it) && ad_err_matches(t, vm->exc_TypeError)) {
        ad_err_clear(t);
        return ad_err_raise_v(t, vm->exc_TypeError,
                              "'async for' received an invalid object from __anext__: %s",
                              ad_type_name(ad_type_of(t, aw)));
    }
    return it;
}

/* BEFORE_WITH / BEFORE_ASYNC_WITH: sp[-1] is the manager; leaves [bound exit, enter()]. */
bool ad_vm_before_with(AdThread *t, AdValue *top, bool async) {
    AdVM *vm = t->vm;
    AdValue mgr = top[0];
    AdType *tp = ad_type_of(t, mgr);
    AdValue enter = ad_type_lookup(tp, async ? vm->name.aenter : vm->name.enter);
    if (AD_IS_NULL(enter))
        return ad_err_raise(t, vm->exc_TypeError,
                            async ? "'%s' object does not support the asynchronous context "
                                    "manager protocol"
                                  : "'%s' object does not support the context manager protocol",
                            ad_type_name(tp));
    AdValue exit = ad_type_lookup(tp, async ? vm->name.aexit : vm->name.exit);
    if (AD_IS_NULL(exit))
        return ad_err_raise(t, vm->exc_TypeError,
                            async ? "'%s' object does not support the asynchronous context manager "
                                    "protocol (missed __aexit__ method)"
                                  : "'%s' object does not support the context manager protocol "
                                    "(missed __exit__ method)",
                            ad_type_name(tp));
    AdValue bound = ad_rt_descr_get(t, exit, mgr, tp);
    if (AD_IS_NULL(bound)) return false;
    top[1] = mgr; /* [.., mgr] -> [.., exit, mgr]: mgr stays rooted during __enter__ */
    top[0] = bound;
    AdValue res = ad_rt_call_special(t, mgr, async ? vm->name.aenter : vm->name.enter, NULL, 0);
    if (AD_IS_NULL(res)) return false;
    /* BEFORE_ASYNC_WITH leaves __aenter__()'s result itself: the compiler follows it with
     * GET_AWAITABLE, as CPython 3.11 does. */
    top[1] = res;
    return true;
}

AdValue ad_vm_with_except_start(AdThread *t, AdValue exit, AdValue exc) {
    AdValue args[3];
    args[0] = ad_obj(ad_type_of(t, exc));
    args[1] = exc;
    AdValue tb = AD_IS_OBJ(exc) && ad_is_instance_of(t, exc, t->vm->exc_BaseException)
                     ? AD_AS(AdException, exc)->traceback
                     : AD_NONE;
    args[2] = AD_IS_NULL(tb) ? AD_NONE : tb;
    return ad_rt_call(t, exit, args, 3, NULL);
}

/* ---- cold helpers: names, imports -------------------------------------------------------- */

/* Lookup in a namespace that may be a dict subclass: 1 found, 0 absent, -1 error. */
int ad_vm_ns_get(AdThread *t, AdDict *ns, AdStr *name, AdValue *out) {
    if (ns->obj.type == t->vm->type_dict) {
        *out = ad_dict_get_str(ns, name);
        return AD_IS_NULL(*out) ? 0 : 1;
    }
    *out = ad_rt_getitem(t, ad_obj(ns), ad_obj(name));
    if (!AD_IS_NULL(*out)) return 1;
    if (ad_err_matches(t, t->vm->exc_KeyError)) {
        ad_err_clear(t);
        return 0;
    }
    return -1;
}

bool ad_vm_ns_set(AdThread *t, AdDict *ns, AdStr *name, AdValue v) {
    if (ns->obj.type == t->vm->type_dict) return ad_dict_set_str(t, ns, name, v);
    return ad_rt_setitem(t, ad_obj(ns), ad_obj(name), v);
}

AdValue ad_vm_import_from(AdThread *t, AdValue mod, AdStr *name) {
    AdVM *vm = t->vm;
    AdValue v;
    int r = ad_rt_lookup_attr(t, mod, name, &v);
    if (r != 0) return r > 0 ? v : AD_NULLV;
    int mark = ad_gc_root_mark(t);
    AdValue pkgname;
    r = ad_rt_lookup_attr(t, mod, vm->name.name, &pkgname);
    if (r < 0) return AD_NULLV;
    if (r > 0 && ad_is_str(t, pkgname)) {
        ad_gc_push_root(t, pkgname);
        AdValue full = ad_vm_strf(t, "%s.%s", AD_AS(AdStr, pkgname)->data, name->data);
        if (AD_IS_NULL(full)) return AD_NULLV;
        AdValue sub = ad_dict_get_str(vm->modules, AD_AS(AdStr, full));
        if (!AD_IS_NULL(sub)) {
            ad_gc_root_restore(t, mark);
            return sub;
        }
    } else {
        pkgname = AD_NULLV;
    }
    AdValue path;
    r = ad_rt_lookup_attr(t, mod, vm->name.file, &path);
    if (r < 0) return AD_NULLV;
    const char *pkg = AD_IS_NULL(pkgname) ? "<unknown module name>" : AD_AS(AdStr, pkgname)->data;
    if (r > 0 && ad_is_str(t, path))
        ad_err_raise(t, vm->exc_ImportError, "cannot import name '%s' from '%s' (%s)", name->data,
                     pkg, AD_AS(AdStr, path)->data);
    else
        ad_err_raise(t, vm->exc_ImportError, "cannot import name '%s' from '%s' (unknown location)",
                     name->data, pkg);
    ad_gc_root_restore(t, mark);
    return AD_NULLV;
}

bool ad_vm_import_star(AdThread *t, AdFrame *f, AdValue mod) {
    AdVM *vm = t->vm;
    AdDict *target = f->locals ? f->locals : f->globals;
    int mark = ad_gc_root_mark(t);
    AdValue all;
    int r = ad_rt_lookup_attr(t, mod, vm->name.all, &all);
    if (r < 0) return false;
    if (r > 0) {
        ad_gc_push_root(t, all);
        AdValue it = ad_rt_getiter(t, all);
        if (AD_IS_NULL(it)) goto fail;
        ad_gc_push_root(t, it);
        for (;;) {
            AdValue name;
            int rr = ad_rt_next(t, it, &name);
            if (rr < 0) goto fail;
            if (rr == 0) break;
            if (!ad_is_str(t, name)) {
                ad_err_raise(t, vm->exc_TypeError, "Item in __all__ must be str, not %s",
                             ad_type_name(ad_type_of(t, name)));
                goto fail;
            }
            int inner = ad_gc_root_mark(t);
            ad_gc_push_root(t, name);
            AdValue v = ad_rt_getattr(t, mod, AD_AS(AdStr, name));
            if (AD_IS_NULL(v)) goto fail;
            ad_gc_push_root(t, v);
            if (!ad_vm_ns_set(t, target, AD_AS(AdStr, name), v)) goto fail;
            ad_gc_root_restore(t, inner);
        }
        ad_gc_root_restore(t, mark);
        return true;
    }
    AdValue dict;
    r = ad_rt_lookup_attr(t, mod, vm->name.dict, &dict);
    if (r < 0) return false;
    if (r == 0 || !ad_is_instance_of(t, dict, vm->type_dict))
        return ad_err_raise(t, vm->exc_ImportError,
                            "from-import-* object has no __dict__ and no __all__");
    ad_gc_push_root(t, dict);
    AdDict *d = AD_AS(AdDict, dict);
    size_t pos = 0;
    AdValue k, v;
    while (ad_dict_next(d, &pos, &k, &v)) {
        if (!ad_is_str(t, k) || AD_AS(AdStr, k)->data[0] == '_') continue;
        if (!ad_vm_ns_set(t, target, AD_AS(AdStr, k), v)) goto fail;
    }
    ad_gc_root_restore(t, mark);
    return true;
fail:
    ad_gc_root_restore(t, mark);
    return false;
}

/* PRINT_EXPR hands the value to sys.displayhook, which a program may replace. */
bool ad_vm_print_expr(AdThread *t, AdValue v) {
    AdValue hook = ad_dict_get_cstr(t->vm->sys_module->dict, "displayhook");
    if (AD_IS_NULL(hook)) {
        ad_err_raise(t, t->vm->exc_RuntimeError, "lost sys.displayhook");
        return false;
    }
    return !AD_IS_NULL(ad_rt_call1(t, hook, v));
}

/* sys.__displayhook__: print repr(v) unless v is None, and keep it as builtins._. */
bool ad_vm_display(AdThread *t, AdValue v) {
    if (AD_IS_NONE(v)) return true;
    if (!ad_dict_set_cstr(t, t->vm->builtins, "_", AD_NONE)) return false;
    int mark = ad_gc_root_mark(t);
    ad_gc_push_root(t, v);
    AdValue r = ad_rt_repr(t, v);
    if (AD_IS_NULL(r)) return false;
    ad_gc_push_root(t, r); /* printing may run a Python sys.stdout.write */
    AdStr *s = AD_AS(AdStr, r);
    bool ok = ad_rt_print_str(t, s->data, s->len, false) && ad_rt_print_str(t, "\n", 1, false) &&
              ad_dict_set_cstr(t, t->vm->builtins, "_", v);
    ad_gc_root_restore(t, mark);
    return ok;
}

/* ---- cold helpers: pattern matching (PEP 634) ------------------------------------------- */

static bool mro_has_name(AdType *tp, const char *name) {
    if (!tp->mro) return false;
    for (size_t i = 0; i < tp->mro->len; i++) {
        AdType *b = AD_AS(AdType, tp->mro->items[i]);
        if (b->name && ad_str_eq_cstr(b->name, name)) return true;
    }
    return false;
}

bool ad_vm_is_mapping(AdThread *t, AdValue v) {
    AdType *tp = ad_type_of(t, v);
    return tp == t->vm->type_dict || ad_type_is_subtype(tp, t->vm->type_dict) ||
           mro_has_name(tp, "Mapping") || mro_has_name(tp, "mappingproxy");
}

bool ad_vm_is_sequence(AdThread *t, AdValue v) {
    AdVM *vm = t->vm;
    AdType *tp = ad_type_of(t, v);
    if (ad_is_instance_of(t, v, vm->type_str) || ad_is_instance_of(t, v, vm->type_bytes) ||
        ad_is_instance_of(t, v, vm->type_bytearray))
        return false;
    return ad_is_instance_of(t, v, vm->type_list) || ad_is_instance_of(t, v, vm->type_tuple) ||
           ad_is_instance_of(t, v, vm->type_range) || mro_has_name(tp, "Sequence") ||
           mro_has_name(tp, "deque") || mro_has_name(tp, "memoryview") || mro_has_name(tp, "array");
}

/* Builtins whose class pattern C(x) matches the subject itself. */
static bool match_self_type(AdThread *t, AdType *tp) {
    AdVM *vm = t->vm;
    AdType *const selfs[] = {vm->type_bool,  vm->type_bytearray, vm->type_bytes, vm->type_dict,
                             vm->type_float, vm->type_frozenset, vm->type_int,   vm->type_list,
                             vm->type_set,   vm->type_str,       vm->type_tuple};
    for (size_t i = 0; i < sizeof selfs / sizeof selfs[0]; i++)
        if (tp == selfs[i] || ad_type_is_subtype(tp, selfs[i])) return true;
    return false;
}

static bool note_attr_name(AdThread *t, AdList *seen, AdType *cls, AdValue name) {
    for (size_t i = 0; i < seen->len; i++)
        if (ad_str_eq(AD_AS(AdStr, seen->items[i]), AD_AS(AdStr, name)))
            return ad_err_raise(t, t->vm->exc_TypeError,
                                "%s() got multiple sub-patterns for attribute %R",
                                ad_type_name(cls), name);
    return ad_list_append(t, seen, name);
}

/* MATCH_CLASS: a tuple of the matched attributes, None when the subject does not match. */
AdValue ad_vm_match_class(AdThread *t, AdValue subj, AdValue clsv, uint32_t npos,
                           AdValue kwnames) {
    AdVM *vm = t->vm;
    if (!AD_IS_OBJ(clsv) || !ad_is_instance_of(t, clsv, vm->type_type))
        return ad_err_raise_v(t, vm->exc_TypeError, "called match pattern must be a type");
    AdType *cls = AD_AS(AdType, clsv);
    int r = ad_rt_isinstance(t, subj, clsv);
    if (r < 0) return AD_NULLV;
    if (r == 0) return AD_NONE;
    int mark = ad_gc_root_mark(t);
    AdList *attrs = ad_list_new(t, npos);
    if (!attrs) return AD_NULLV;
    ad_gc_push_obj(t, attrs);
    AdList *seen = ad_list_new(t, 4);
    if (!seen) goto fail;
    ad_gc_push_obj(t, seen);
    if (npos) {
        AdStr *ma_name = ad_str_intern_cstr(t, "__match_args__");
        if (!ma_name) goto fail;
        AdValue match_args;
        r = ad_rt_lookup_attr(t, clsv, ma_name, &match_args);
        if (r < 0) goto fail;
        bool match_self = false;
        size_t allowed;
        if (r > 0) {
            if (!ad_is_type(match_args, vm->type_tuple)) {
                ad_err_raise(t, vm->exc_TypeError, "%s.__match_args__ must be a tuple (got %s)",
                             ad_type_name(cls), ad_type_name(ad_type_of(t, match_args)));
                goto fail;
            }
            ad_gc_push_root(t, match_args);
            allowed = AD_AS(AdTuple, match_args)->len;
        } else {
            match_self = match_self_type(t, cls);
            allowed = match_self ? 1 : 0;
        }
        if (npos > allowed) {
            ad_err_raise(t, vm->exc_TypeError,
                         "%s() accepts %d positional sub-pattern%s (%d given)",
                         ad_type_name(cls), (int)allowed, allowed == 1 ? "" : "s", (int)npos);
            goto fail;
        }
        if (match_self) {
            if (!ad_list_append(t, attrs, subj)) goto fail;
        } else {
            for (uint32_t i = 0; i < npos; i++) {
                AdValue name = AD_AS(AdTuple, match_args)->items[i];
                if (!ad_is_str(t, name)) {
                    ad_err_raise(t, vm->exc_TypeError,
                                 "__match_args__ elements must be strings (got %s)",
                                 ad_type_name(ad_type_of(t, name)));
                    goto fail;
                }
                if (!note_attr_name(t, seen, cls, name)) goto fail;
                AdValue v;
                r = ad_rt_lookup_attr(t, subj, AD_AS(AdStr, name), &v);
                if (r < 0) goto fail;
                if (r == 0) {
                    ad_gc_root_restore(t, mark);
                    return AD_NONE;
                }
                if (!ad_list_append(t, attrs, v)) goto fail;
            }
        }
    }
    if (ad_is_type(kwnames, vm->type_tuple)) {
        AdTuple *kw = AD_AS(AdTuple, kwnames);
        for (size_t i = 0; i < kw->len; i++) {
            if (!note_attr_name(t, seen, cls, kw->items[i])) goto fail;
            AdValue v;
            r = ad_rt_lookup_attr(t, subj, AD_AS(AdStr, kw->items[i]), &v);
            if (r < 0) goto fail;
            if (r == 0) {
                ad_gc_root_restore(t, mark);
                return AD_NONE;
            }
            if (!ad_list_append(t, attrs, v)) goto fail;
        }
    }
    AdTuple *res = ad_tuple_from_array(t, attrs->items, attrs->len);
    ad_gc_root_restore(t, mark);
    return res ? ad_obj(res) : AD_NULLV;
fail:
    ad_gc_root_restore(t, mark);
    return AD_NULLV;
}

/* MATCH_KEYS: the values for `keys` as a tuple, or None if one is missing. */
AdValue ad_vm_match_keys(AdThread *t, AdValue subj, AdValue keysv) {
    AdVM *vm = t->vm;
    AdTuple *keys = AD_AS(AdTuple, keysv);
    if (keys->len == 0) return ad_obj(vm->empty_tuple);
    int mark = ad_gc_root_mark(t);
    AdList *values = ad_list_new(t, keys->len);
    if (!values) return AD_NULLV;
    ad_gc_push_obj(t, values);
    AdSet *seen = ad_set_new(t, false);
    if (!seen) goto fail;
    ad_gc_push_obj(t, seen);
    AdValue get = AD_NULLV, dummy = AD_NULLV;
    bool exact = ad_is_type(subj, vm->type_dict);
    if (!exact) {
        AdStr *get_name = ad_str_intern_cstr(t, "get");
        if (!get_name) goto fail;
        get = ad_rt_getattr(t, subj, get_name);
        if (AD_IS_NULL(get)) goto fail;
        ad_gc_push_root(t, get);
        dummy = ad_instance_new(t, vm->type_object);
        if (AD_IS_NULL(dummy)) goto fail;
        ad_gc_push_root(t, dummy);
    }
    for (size_t i = 0; i < keys->len; i++) {
        AdValue key = keys->items[i];
        int r = ad_set_contains(t, seen, key);
        if (r < 0) goto fail;
        if (r > 0) {
            ad_err_raise(t, vm->exc_ValueError, "mapping pattern checks duplicate key (%R)", key);
            goto fail;
        }
        if (!ad_set_add(t, seen, key)) goto fail;
        AdValue v;
        if (exact) {
            r = ad_dict_get(t, AD_AS(AdDict, subj), key, &v);
            if (r < 0) goto fail;
            if (r == 0) {
                ad_gc_root_restore(t, mark);
                return AD_NONE;
            }
        } else {
            v = ad_rt_call2(t, get, key, dummy);
            if (AD_IS_NULL(v)) goto fail;
            if (ad_is(v, dummy)) {
                ad_gc_root_restore(t, mark);
                return AD_NONE;
            }
        }
        if (!ad_list_append(t, values, v)) goto fail;
    }
    AdTuple *res = ad_tuple_from_array(t, values->items, values->len);
    ad_gc_root_restore(t, mark);
    return res ? ad_obj(res) : AD_NULLV;
fail:
    ad_gc_root_restore(t, mark);
    return AD_NULLV;
}

AdValue ad_vm_copy_dict_without_keys(AdThread *t, AdValue subj, AdValue keysv) {
    AdDict *rest = ad_dict_new(t);
    if (!rest) return AD_NULLV;
    int mark = ad_gc_root_mark(t);
    ad_gc_push_obj(t, rest);
    if (!ad_dict_update(t, rest, subj)) {
        ad_gc_root_restore(t, mark);
        return AD_NULLV;
    }
    AdTuple *keys = AD_AS(AdTuple, keysv);
    for (size_t i = 0; i < keys->len; i++) {
        if (ad_dict_del(t, rest, keys->items[i]) < 0) {
            ad_gc_root_restore(t, mark);
            return AD_NULLV;
        }
    }
    ad_gc_root_restore(t, mark);
    return ad_obj(rest);
}
