/*
 * obj_range.c - range and its iterator.
 *
 * A range holds int64 start/stop/step and its precomputed length; bounds beyond int64 are
 * refused with OverflowError (CPython would fall back to big ints). Arithmetic on the
 * bounds goes through __int128 so that no intermediate overflows. The iterator (iter.h
 * AdRangeIter) counts `remaining` down rather than comparing with stop, which serves
 * reversed() too and never steps past the last value.
 */
#include <stdio.h>
#include <string.h>

#include "core.h"
#include "iter.h"

typedef __int128 wide;

static bool compute_len(AdThread *t, int64_t start, int64_t stop, int64_t step, int64_t *len) {
    wide n = 0;
    if (step > 0 && start < stop)
        n = ((wide)stop - start - 1) / step + 1;
    else if (step < 0 && start > stop)
        n = ((wide)start - stop - 1) / -(wide)step + 1;
    if (n > INT64_MAX)
        return ad_err_raise(t, t->vm->exc_OverflowError,
                            "Python int too large to convert to C ssize_t");
    *len = (int64_t)n;
    return true;
}

AdValue ad_range_new(AdThread *t, int64_t start, int64_t stop, int64_t step) {
    if (step == 0) return ad_err_raise_v(t, t->vm->exc_ValueError, "range() arg 3 must not be zero");
    int64_t len = 0;
    if (!compute_len(t, start, stop, step, &len)) return AD_NULLV;
    AdRange *r = ad_gc_alloc(t, t->vm->type_range, sizeof(AdRange));
    if (!r) return AD_NULLV;
    r->start = start;
    r->stop = stop;
    r->step = step;
    r->len = len;
    return ad_obj(r);
}

static bool fit(AdThread *t, wide v, int64_t *out) {
    if (v > INT64_MAX || v < INT64_MIN)
        return ad_err_raise(t, t->vm->exc_OverflowError, "Python int too large to convert to C long");
    *out = (int64_t)v;
    return true;
}

/* ---- dunders and methods --------------------------------------------------------------- */

#define SELF(name)                                                                          \
    if (nargs < 1 || !ad_is_type(args[0], t->vm->type_range))                               \
        return ad_err_raise_v(t, t->vm->exc_TypeError,                                      \
                              "descriptor '%s' requires a 'range' object", name);            \
    AdRange *self = AD_AS(AdRange, args[0])
#define ARGS(name, min, max)                                                                \
    if (!ad_args_check(t, name, nargs - 1, kwnames, min, max)) return AD_NULLV

static AdValue range_new_m(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    AdVM *vm = t->vm;
    if (kwnames && kwnames->len)
        return ad_err_raise_v(t, vm->exc_TypeError, "range() takes no keyword arguments");
    int n = nargs - 1;
    if (n < 1)
        return ad_err_raise_v(t, vm->exc_TypeError, "range expected at least 1 argument, got %d", n);
    if (n > 3)
        return ad_err_raise_v(t, vm->exc_TypeError, "range expected at most 3 arguments, got %d", n);
    int64_t start = 0, stop, step = 1;
    if (n == 1) {
        if (!ad_rt_index(t, args[1], &stop)) return AD_NULLV;
    } else {
        if (!ad_rt_index(t, args[1], &start) || !ad_rt_index(t, args[2], &stop)) return AD_NULLV;
        if (n == 3 && !ad_rt_index(t, args[3], &step)) return AD_NULLV;
    }
    return ad_range_new(t, start, stop, step);
}

static AdValue range_repr(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    (void)kwnames;
    SELF("__repr__");
    AdStr *s = self->step == 1
                   ? ad_str_printf(t, "range(%lld, %lld)", (long long)self->start,
                                   (long long)self->stop)
                   : ad_str_printf(t, "range(%lld, %lld, %lld)", (long long)self->start,
                                   (long long)self->stop, (long long)self->step);
    return s ? ad_obj(s) : AD_NULLV;
}

static AdValue range_len(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    (void)kwnames;
    SELF("__len__");
    return ad_small_int(self->len);
}

static AdValue range_bool(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    (void)kwnames;
    SELF("__bool__");
    return ad_bool(self->len != 0);
}

static AdValue range_getitem(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    SELF("__getitem__");
    ARGS("__getitem__", 1, 1);
    int64_t i;
    int kind = ad_seq_key(t, args[1], &i, "range");
    if (kind < 0) return AD_NULLV;
    if (kind == 1) {
        if (i < 0) i += self->len;
        if (i < 0 || i >= self->len)
            return ad_err_raise_v(t, t->vm->exc_IndexError, "range object index out of range");
        return ad_small_int((int64_t)((wide)self->start + (wide)i * self->step));
    }
    int64_t start, stop, step, n;
    if (!ad_slice_indices(t, AD_AS(AdSlice, args[1]), self->len, &start, &stop, &step, &n))
        return AD_NULLV;
    int64_t nstart = 0, nstop = 0, nstep = 1;
    if (!fit(t, (wide)self->start + (wide)start * self->step, &nstart) ||
        !fit(t, (wide)self->start + (wide)stop * self->step, &nstop) ||
        !fit(t, (wide)self->step * step, &nstep))
        return AD_NULLV;
    return ad_range_new(t, nstart, nstop, nstep);
}

/* 1/0 for an int64 value. */
static bool contains_int(AdRange *r, int64_t v) {
    if (r->step > 0) {
        if (v < r->start || v >= r->stop) return false;
    } else {
        if (v > r->start || v <= r->stop) return false;
    }
    return ((wide)v - r->start) % r->step == 0;
}

/* Position of `x` in the range: >= 0, -1 absent, -2 error. */
static int64_t find(AdThread *t, AdRange *r, AdValue x) {
    AdVM *vm = t->vm;
    if (x.tag == AD_TAG_INT || x.tag == AD_TAG_BOOL) {
        if (!contains_int(r, x.as.i)) return -1;
        return (int64_t)(((wide)x.as.i - r->start) / r->step);
    }
    if (ad_is_type(x, vm->type_int)) return -1; /* a big int is outside any int64 range */
    int64_t v = r->start;
    for (int64_t i = 0; i < r->len; i++, v += (i < r->len ? r->step : 0)) {
        int eq = ad_rt_eq(t, ad_small_int(v), x);
        if (eq < 0) return -2;
        if (eq) return i;
    }
    return -1;
}

static AdValue range_contains(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    SELF("__contains__");
    ARGS("__contains__", 1, 1);
    int64_t i = find(t, self, args[1]);
    return i == -2 ? AD_NULLV : ad_bool(i >= 0);
}

static AdValue range_index(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    SELF("index");
    ARGS("index", 1, 1);
    int64_t i = find(t, self, args[1]);
    if (i == -2) return AD_NULLV;
    if (i < 0) return ad_err_raise_v(t, t->vm->exc_ValueError, "%R is not in range", args[1]);
    return ad_small_int(i);
}

static AdValue range_count(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    SELF("count");
    ARGS("count", 1, 1);
    AdValue x = args[1];
    if (x.tag == AD_TAG_INT || x.tag == AD_TAG_BOOL || ad_is_type(x, t->vm->type_int))
        return ad_small_int(find(t, self, x) >= 0);
    int64_t n = 0, v = self->start;
    for (int64_t i = 0; i < self->len; i++, v += (i < self->len ? self->step : 0)) {
        int eq = ad_rt_eq(t, ad_small_int(v), x);
        if (eq < 0) return AD_NULLV;
        n += eq;
    }
    return ad_small_int(n);
}

static AdValue range_iter(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    (void)kwnames;
    SELF("__iter__");
    return ad_range_iter_new(t, self->start, self->step, self->len);
}

static AdValue range_reversed(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    (void)kwnames;
    SELF("__reversed__");
    if (self->len == 0) return ad_range_iter_new(t, 0, 1, 0);
    int64_t last = (int64_t)((wide)self->start + (wide)(self->len - 1) * self->step);
    return ad_range_iter_new(t, last, -self->step, self->len);
}

/* CPython: equal when both empty, or same length, start and (if longer than 1) step. */
static bool range_equal(AdRange *a, AdRange *b) {
    if (a == b) return true;
    if (a->len != b->len) return false;
    if (a->len == 0) return true;
    if (a->start != b->start) return false;
    if (a->len == 1) return true;
    return a->step == b->step;
}

static AdValue range_eq(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    (void)kwnames;
    SELF("__eq__");
    if (nargs != 2 || !ad_is_type(args[1], t->vm->type_range)) return t->vm->not_implemented;
    return ad_bool(range_equal(self, AD_AS(AdRange, args[1])));
}

static AdValue range_ne(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    (void)kwnames;
    SELF("__ne__");
    if (nargs != 2 || !ad_is_type(args[1], t->vm->type_range)) return t->vm->not_implemented;
    return ad_bool(!range_equal(self, AD_AS(AdRange, args[1])));
}

/* hash((len, start, step)) with None standing for what equality ignores, as CPython. */
static AdValue range_hash(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    (void)kwnames;
    SELF("__hash__");
    AdValue start = self->len ? ad_small_int(self->start) : AD_NONE;
    AdValue step = self->len > 1 ? ad_small_int(self->step) : AD_NONE;
    AdTuple *tup = ad_tuple_pack(t, 3, ad_small_int(self->len), start, step);
    if (!tup) return AD_NULLV;
    ad_gc_push_obj(t, tup);
    int64_t h;
    if (!ad_tuple_hash(t, tup, &h)) return AD_NULLV;
    return ad_small_int(h);
}

static AdValue range_start(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    (void)kwnames;
    SELF("start");
    return ad_small_int(self->start);
}

static AdValue range_stop(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    (void)kwnames;
    SELF("stop");
    return ad_small_int(self->stop);
}

static AdValue range_step(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    (void)kwnames;
    SELF("step");
    return ad_small_int(self->step);
}

static const AdMethodDef range_methods[] = {
    {"__new__", range_new_m, AD_METH_STATIC, NULL, NULL},
    {"__repr__", range_repr, AD_METH_INSTANCE, NULL, NULL},
    {"__len__", range_len, AD_METH_INSTANCE, NULL, NULL},
    {"__bool__", range_bool, AD_METH_INSTANCE, NULL, NULL},
    {"__getitem__", range_getitem, AD_METH_INSTANCE, NULL, NULL},
    {"__contains__", range_contains, AD_METH_INSTANCE, NULL, NULL},
    {"__iter__", range_iter, AD_METH_INSTANCE, NULL, NULL},
    {"__reversed__", range_reversed, AD_METH_INSTANCE, NULL, NULL},
    {"__eq__", range_eq, AD_METH_INSTANCE, NULL, NULL},
    {"__ne__", range_ne, AD_METH_INSTANCE, NULL, NULL},
    {"__hash__", range_hash, AD_METH_INSTANCE, NULL, NULL},
    {"index", range_index, AD_METH_INSTANCE, NULL, NULL},
    {"count", range_count, AD_METH_INSTANCE, NULL, NULL},
    {"start", range_start, AD_METH_GETSET, NULL, NULL},
    {"stop", range_stop, AD_METH_GETSET, NULL, NULL},
    {"step", range_step, AD_METH_GETSET, NULL, NULL},
    {NULL, NULL, 0, NULL, NULL},
};

/* ---- iterator -------------------------------------------------------------------------- */

AdValue ad_range_iter_new(AdThread *t, int64_t start, int64_t step, int64_t len) {
    AdRangeIter *it = ad_gc_alloc(t, t->vm->type_range_iterator, sizeof(AdRangeIter));
    if (!it) return AD_NULLV;
    it->next = start;
    it->step = step;
    it->remaining = len;
    return ad_obj(it);
}

int ad_range_iter_next(AdThread *t, AdObj *o, AdValue *out) {
    (void)t;
    AdRangeIter *it = (AdRangeIter *)o;
    if (it->remaining <= 0) return 0;
    *out = ad_small_int(it->next);
    /* Wrapping add: past the last value the result is never used. */
    it->next = (int64_t)((uint64_t)it->next + (uint64_t)it->step);
    it->remaining--;
    return 1;
}

static AdValue iter_self(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    (void)t;
    (void)nargs;
    (void)kwnames;
    return args[0];
}

static AdValue rangeiter_next(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    (void)nargs;
    (void)kwnames;
    if (!ad_is_type(args[0], t->vm->type_range_iterator))
        return ad_err_raise_v(t, t->vm->exc_TypeError, "expected a range_iterator");
    AdValue item = AD_NULLV;
    int rc = ad_range_iter_next(t, AD_AS_OBJ(args[0]), &item);
    return ad_iter_next_dunder(t, rc, item);
}

static AdValue rangeiter_length_hint(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    (void)t;
    (void)nargs;
    (void)kwnames;
    return ad_iter_hint(AD_AS(AdRangeIter, args[0])->remaining);
}

static const AdMethodDef rangeiter_methods[] = {
    {"__iter__", iter_self, AD_METH_INSTANCE, NULL, NULL},
    {"__next__", rangeiter_next, AD_METH_INSTANCE, NULL, NULL},
    {"__length_hint__", rangeiter_length_hint, AD_METH_INSTANCE, NULL, NULL},
    {NULL, NULL, 0, NULL, NULL},
};

bool ad_range_setup(AdThread *t) {
    AdVM *vm = t->vm;
    if (!ad_type_init_builtin(t, vm->type_range, "range", vm->type_object, sizeof(AdRange), NULL,
                              NULL, range_methods, 0))
        return false;
    return ad_type_init_builtin(t, vm->type_range_iterator, "range_iterator", vm->type_object,
                                sizeof(AdRangeIter), NULL, NULL, rangeiter_methods, 0);
}
