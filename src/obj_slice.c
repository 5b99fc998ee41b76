/*
 * obj_slice.c - slice objects and ad_slice_indices, the one place where a slice is
 * clamped to a sequence (CPython's PySlice_Unpack + PySlice_AdjustIndices), with
 * ad_slice_bound, the bound conversion that seq.index(x, start, stop) shares.
 *
 * Bounds are any value with __index__, clamped to the int64 range (a huge int means
 * "past the end"); the clamped results are within [-1, len], so the arithmetic on them
 * cannot overflow. Slices are unhashable, as in 3.11.
 */
#include <stdio.h>
#include <string.h>

#include "core.h"
#include "iter.h"
#include "seq.h"

AdValue ad_slice_new(AdThread *t, AdValue start, AdValue stop, AdValue step) {
    AdSlice *s = ad_gc_alloc(t, t->vm->type_slice, sizeof(AdSlice));
    if (!s) return AD_NULLV;
    s->start = start;
    s->stop = stop;
    s->step = step;
    return ad_obj(s);
}

bool ad_slice_bound(AdThread *t, AdValue v, bool none_ok, int64_t *out) {
    AdVM *vm = t->vm;
    if (v.tag == AD_TAG_INT || v.tag == AD_TAG_BOOL) {
        *out = v.as.i;
        return true;
    }
    AdType *type = ad_type_of(t, v);
    if (type != vm->type_int && !ad_type_is_subtype(type, vm->type_int) &&
        AD_IS_NULL(ad_type_lookup(type, vm->name.index)))
        return ad_err_raise(t, vm->exc_TypeError, "slice indices must be integers %sor have "
                            "an __index__ method", none_ok ? "or None " : "");
    AdValue iv = ad_rt_index_value(t, v);
    if (AD_IS_NULL(iv)) return false;
    if (iv.tag == AD_TAG_INT || iv.tag == AD_TAG_BOOL) {
        *out = iv.as.i;
        return true;
    }
    /* A big int: beyond int64 in one direction. */
    mpz_t z;
    mpz_init(z);
    ad_int_to_mpz(iv, z);
    *out = mpz_sgn(z) < 0 ? INT64_MIN : INT64_MAX;
    mpz_clear(z);
    return true;
}

bool ad_slice_indices(AdThread *t, AdSlice *s, int64_t len, int64_t *startp, int64_t *stopp,
                      int64_t *stepp, int64_t *slicelen) {
    int64_t start, stop, step;
    if (AD_IS_NONE(s->step)) {
        step = 1;
    } else {
        if (!ad_slice_bound(t, s->step, true, &step)) return false;
        if (step == 0) return ad_err_raise(t, t->vm->exc_ValueError, "slice step cannot be zero");
        if (step < -INT64_MAX) step = -INT64_MAX; /* so that -step cannot overflow */
    }
    if (AD_IS_NONE(s->start)) {
        start = step < 0 ? INT64_MAX : 0;
    } else if (!ad_slice_bound(t, s->start, true, &start)) {
        return false;
    }
    if (AD_IS_NONE(s->stop)) {
        stop = step < 0 ? INT64_MIN : INT64_MAX;
    } else if (!ad_slice_bound(t, s->stop, true, &stop)) {
        return false;
    }
    if (start < 0) {
        start += len;
        if (start < 0) start = step < 0 ? -1 : 0;
    } else if (start >= len) {
        start = step < 0 ? len - 1 : len;
    }
    if (stop < 0) {
        stop += len;
        if (stop < 0) stop = step < 0 ? -1 : 0;
    } else if (stop >= len) {
        stop = step < 0 ? len - 1 : len;
    }
    int64_t n = 0;
    if (step < 0) {
        if (stop < start) n = (start - stop - 1) / (-step) + 1;
    } else if (start < stop) {
        n = (stop - start - 1) / step + 1;
    }
    *startp = start;
    *stopp = stop;
    *stepp = step;
    *slicelen = n;
    return true;
}

/* ---- dunders and methods --------------------------------------------------------------- */

#define SELF(name)                                                                          \
    if (nargs < 1 || !ad_is_type(args[0], t->vm->type_slice))                               \
        return ad_err_raise_v(t, t->vm->exc_TypeError,                                      \
                              "descriptor '%s' requires a 'slice' object", name);            \
    AdSlice *self = AD_AS(AdSlice, args[0])

static AdValue slice_new_m(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    AdVM *vm = t->vm;
    if (kwnames && kwnames->len)
        return ad_err_raise_v(t, vm->exc_TypeError, "slice() takes no keyword arguments");
    int n = nargs - 1;
    if (n < 1)
        return ad_err_raise_v(t, vm->exc_TypeError, "slice expected at least 1 argument, got %d", n);
    if (n > 3)
        return ad_err_raise_v(t, vm->exc_TypeError, "slice expected at most 3 arguments, got %d", n);
    if (n == 1) return ad_slice_new(t, AD_NONE, args[1], AD_NONE);
    return ad_slice_new(t, args[1], args[2], n == 3 ? args[3] : AD_NONE);
}

static AdValue slice_repr(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    (void)kwnames;
    SELF("__repr__");
    AdValue parts[3] = {self->start, self->stop, self->step};
    AdBuf b;
    ad_buf_init(&b);
    bool ok = ad_buf_adds(t, &b, "slice(");
    for (int i = 0; i < 3 && ok; i++) {
        AdValue r = ad_rt_repr(t, parts[i]);
        ok = !AD_IS_NULL(r);
        if (ok) {
            ad_gc_push_root(t, r);
            ok = ad_buf_add(t, &b, AD_AS(AdStr, r)->data, AD_AS(AdStr, r)->len) &&
                 ad_buf_adds(t, &b, i < 2 ? ", " : ")");
        }
    }
    if (!ok) {
        ad_buf_free(&b);
        return AD_NULLV;
    }
    AdStr *s = ad_buf_finish(t, &b);
    return s ? ad_obj(s) : AD_NULLV;
}

static AdValue slice_compare(AdThread *t, AdValue *args, int nargs, int op) {
    if (nargs != 2 || !ad_is_type(args[0], t->vm->type_slice) ||
        !ad_is_type(args[1], t->vm->type_slice))
        return t->vm->not_implemented;
    AdSlice *a = AD_AS(AdSlice, args[0]), *b = AD_AS(AdSlice, args[1]);
    AdValue av[3] = {a->start, a->stop, a->step}, bv[3] = {b->start, b->stop, b->step};
    AdValue *ap = av, *bp = bv;
    size_t n = 3;
    return ad_seq_compare(t, op, &ap, &n, &bp, &n, false);
}

AD_RICHCMP_FNS(slice, slice_compare)

static AdValue slice_indices_m(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    SELF("indices");
    if (!ad_args_check(t, "indices", nargs - 1, kwnames, 1, 1)) return AD_NULLV;
    int64_t len;
    if (!ad_rt_index(t, args[1], &len)) return AD_NULLV;
    if (len < 0) return ad_err_raise_v(t, t->vm->exc_ValueError, "length should not be negative");
    int64_t start, stop, step, n;
    if (!ad_slice_indices(t, self, len, &start, &stop, &step, &n)) return AD_NULLV;
    AdTuple *r = ad_tuple_pack(t, 3, ad_small_int(start), ad_small_int(stop), ad_small_int(step));
    return r ? ad_obj(r) : AD_NULLV;
}

static AdValue slice_start(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    (void)kwnames;
    SELF("start");
    return self->start;
}

static AdValue slice_stop(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    (void)kwnames;
    SELF("stop");
    return self->stop;
}

static AdValue slice_step(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    (void)kwnames;
    SELF("step");
    return self->step;
}

static const AdMethodDef slice_methods[] = {
    {"__new__", slice_new_m, AD_METH_STATIC, NULL, NULL},
    {"__repr__", slice_repr, AD_METH_INSTANCE, NULL, NULL},
    AD_RICHCMP_METHODS(slice),
    {"indices", slice_indices_m, AD_METH_INSTANCE, NULL, NULL},
    {"start", slice_start, AD_METH_GETSET, NULL, NULL},
    {"stop", slice_stop, AD_METH_GETSET, NULL, NULL},
    {"step", slice_step, AD_METH_GETSET, NULL, NULL},
    {NULL, NULL, 0, NULL, NULL},
};

static void slice_trace(AdGC *gc, AdObj *o) {
    AdSlice *s = (AdSlice *)o;
    ad_gc_mark_value(gc, s->start);
    ad_gc_mark_value(gc, s->stop);
    ad_gc_mark_value(gc, s->step);
}

bool ad_slice_setup(AdThread *t) {
    AdVM *vm = t->vm;
    if (!ad_type_init_builtin(t, vm->type_slice, "slice", vm->type_object, sizeof(AdSlice),
                              slice_trace, NULL, slice_methods, 0))
        return false;
    return ad_dict_set_str(t, vm->type_slice->dict, vm->name.hash, AD_NONE);
}
