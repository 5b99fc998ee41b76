/*
 * obj_range.c - range and its iterator.
 *
 * A range holds int64 start/stop/step and its precomputed length, with __int128 arithmetic
 * so that no intermediate overflows. The iterator (iter.h AdRangeIter) counts `remaining`
 * down rather than comparing with stop, which serves reversed() too and never steps past
 * the last value. A range whose bounds or length do not fit int64 (range(10**20)) is a
 * "big" range: flag RANGE_BIG, the int64 fields unused, its bounds as Python ints in a
 * BigRange tail, every operation on it done with ad_int_binop, and iterated by a
 * longrange_iterator - so the common case pays nothing for it.
 */
#include <stdio.h>
#include <string.h>

#include "core.h"
#include "iter.h"
#include "seq.h"

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

enum { RANGE_BIG = AD_RANGE_BIG }; /* obj.flags */

typedef struct BigRange {
    AdRange r;
    AdValue start, stop, step, len; /* int values */
} BigRange;

static inline bool is_big(AdRange *r) {
    return (r->obj.flags & RANGE_BIG) != 0;
}

/* Python-int arithmetic on int values; the result is rooted (natives' roots are restored
 * by the VM when they return). */
static AdValue iop(AdThread *t, int op, AdValue a, AdValue b) {
    AdValue r = ad_int_binop(t, op, a, b);
    if (!AD_IS_NULL(r)) ad_gc_push_root(t, r);
    return r;
}

static int isign(AdValue v) {
    return ad_int_compare(v, ad_small_int(0));
}

/* A range of int values (small or big), choosing the int64 form when everything fits. */
static AdValue make_range(AdThread *t, AdValue start, AdValue stop, AdValue step) {
    if (isign(step) == 0)
        return ad_err_raise_v(t, t->vm->exc_ValueError, "range() arg 3 must not be zero");
    if (start.tag == AD_TAG_INT && stop.tag == AD_TAG_INT && step.tag == AD_TAG_INT) {
        wide n = 0;
        int64_t a = start.as.i, b = stop.as.i, c = step.as.i;
        if (c > 0 && a < b)
            n = ((wide)b - a - 1) / c + 1;
        else if (c < 0 && a > b)
            n = ((wide)a - b - 1) / -(wide)c + 1;
        if (n <= INT64_MAX) return ad_range_new(t, a, b, c);
    }
    int mark = ad_gc_root_mark(t);
    ad_gc_push_root(t, start);
    ad_gc_push_root(t, stop);
    ad_gc_push_root(t, step);
    AdValue len = ad_small_int(0);
    AdValue lo = start, hi = stop, st = step;
    if (isign(step) < 0) {
        lo = stop;
        hi = start;
        st = iop(t, AD_BINOP_SUB, ad_small_int(0), step);
        if (AD_IS_NULL(st)) return AD_NULLV;
    }
    if (ad_int_compare(lo, hi) < 0) {
        /* (hi - lo - 1) // st + 1 */
        AdValue d = iop(t, AD_BINOP_SUB, hi, lo);
        if (AD_IS_NULL(d) || AD_IS_NULL(d = iop(t, AD_BINOP_SUB, d, ad_small_int(1))) ||
            AD_IS_NULL(d = iop(t, AD_BINOP_FLOORDIV, d, st)) ||
            AD_IS_NULL(len = iop(t, AD_BINOP_ADD, d, ad_small_int(1))))
            return AD_NULLV;
    }
    BigRange *r = ad_gc_alloc(t, t->vm->type_range, sizeof(BigRange));
    ad_gc_root_restore(t, mark);
    if (!r) return AD_NULLV;
    r->r.obj.flags |= RANGE_BIG;
    r->start = start;
    r->stop = stop;
    r->step = step;
    r->len = len;
    return ad_obj(r);
}

/* start, stop, step and len of any range as int values. */
static void range_values(AdRange *r, AdValue v[4]) {
    if (is_big(r)) {
        BigRange *b = (BigRange *)r;
        v[0] = b->start;
        v[1] = b->stop;
        v[2] = b->step;
        v[3] = b->len;
    } else {
        v[0] = ad_small_int(r->start);
        v[1] = ad_small_int(r->stop);
        v[2] = ad_small_int(r->step);
        v[3] = ad_small_int(r->len);
    }
}

AdValue ad_range_new(AdThread *t, int64_t start, int64_t stop, int64_t step) {
    if (step == 0) return ad_err_raise_v(t, t->vm->exc_ValueError, "range() arg 3 must not be zero");
    int64_t len = 0;
    if (!compute_len(t, start, stop, step, &len)) {
        ad_err_clear(t);
        return make_range(t, ad_small_int(start), ad_small_int(stop), ad_small_int(step));
    }
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
    AdValue v[3] = {ad_small_int(0), AD_NULLV, ad_small_int(1)};
    for (int i = 0; i < n; i++) {
        AdValue x = ad_rt_index_value(t, args[1 + i]);
        if (AD_IS_NULL(x)) return AD_NULLV;
        ad_gc_push_root(t, x);
        v[n == 1 ? 1 : i] = x.tag == AD_TAG_BOOL ? ad_small_int(x.as.i) : x;
    }
    return make_range(t, v[0], v[1], v[2]);
}

/* ---- big ranges --------------------------------------------------------------------- */

static AdValue new_longrange_iter(AdThread *t, AdValue start, AdValue step, AdValue len) {
    AdLongRangeIter *it = ad_gc_alloc(t, t->vm->type_longrange_iterator, sizeof(AdLongRangeIter));
    if (!it) return AD_NULLV;
    it->next = start;
    it->step = step;
    it->remaining = len;
    return ad_obj(it);
}

/* start + i * step, rooted. */
static AdValue value_at(AdThread *t, AdValue v[4], AdValue i) {
    AdValue p = iop(t, AD_BINOP_MUL, i, v[2]);
    return AD_IS_NULL(p) ? p : iop(t, AD_BINOP_ADD, v[0], p);
}

/* A slice bound as a Python int (None -> dflt), clamped as _PySlice_GetLongIndices does. */
static AdValue long_bound(AdThread *t, AdValue x, AdValue dflt, AdValue len, AdValue lower,
                          AdValue upper) {
    if (AD_IS_NONE(x)) return dflt;
    AdValue v = ad_rt_index_value(t, x);
    if (AD_IS_NULL(v)) return v;
    if (v.tag == AD_TAG_BOOL) v = ad_small_int(v.as.i);
    ad_gc_push_root(t, v);
    if (isign(v) < 0) {
        v = iop(t, AD_BINOP_ADD, v, len);
        if (AD_IS_NULL(v)) return v;
        if (ad_int_compare(v, lower) < 0) v = lower;
    } else if (ad_int_compare(v, upper) > 0) {
        v = upper;
    }
    return v;
}

static AdValue big_slice(AdThread *t, AdValue v[4], AdSlice *sl) {
    AdValue step = ad_small_int(1);
    if (!AD_IS_NONE(sl->step)) {
        step = ad_rt_index_value(t, sl->step);
        if (AD_IS_NULL(step)) return step;
        ad_gc_push_root(t, step);
        if (isign(step) == 0)
            return ad_err_raise_v(t, t->vm->exc_ValueError, "slice step cannot be zero");
    }
    bool neg = isign(step) < 0;
    AdValue lower = neg ? ad_small_int(-1) : ad_small_int(0);
    AdValue upper = neg ? iop(t, AD_BINOP_ADD, lower, v[3]) : v[3];
    if (AD_IS_NULL(upper)) return upper;
    AdValue start = long_bound(t, sl->start, neg ? upper : lower, v[3], lower, upper);
    if (AD_IS_NULL(start)) return start;
    AdValue stop = long_bound(t, sl->stop, neg ? lower : upper, v[3], lower, upper);
    if (AD_IS_NULL(stop)) return stop;
    AdValue a = value_at(t, v, start), b, c;
    if (AD_IS_NULL(a) || AD_IS_NULL(b = value_at(t, v, stop)) ||
        AD_IS_NULL(c = iop(t, AD_BINOP_MUL, v[2], step)))
        return AD_NULLV;
    return make_range(t, a, b, c);
}

/* 1 if int value x is in the range, 0 if not. */
static int big_contains_int(AdValue v[4], AdThread *t, AdValue x, AdValue *pos) {
    if (isign(v[2]) > 0) {
        if (ad_int_compare(x, v[0]) < 0 || ad_int_compare(x, v[1]) >= 0) return 0;
    } else {
        if (ad_int_compare(x, v[0]) > 0 || ad_int_compare(x, v[1]) <= 0) return 0;
    }
    AdValue d = iop(t, AD_BINOP_SUB, x, v[0]), m;
    if (AD_IS_NULL(d) || AD_IS_NULL(m = iop(t, AD_BINOP_MOD, d, v[2]))) return -1;
    if (isign(m) != 0) return 0;
    if (pos) {
        *pos = iop(t, AD_BINOP_FLOORDIV, d, v[2]);
        if (AD_IS_NULL(*pos)) return -1;
    }
    return 1;
}

static AdValue range_repr(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    (void)kwnames;
    SELF("__repr__");
    if (is_big(self)) {
        AdValue v[4], r[3];
        range_values(self, v);
        for (int i = 0; i < 3; i++) {
            r[i] = ad_rt_repr(t, v[i]);
            if (AD_IS_NULL(r[i])) return AD_NULLV;
            ad_gc_push_root(t, r[i]);
        }
        bool unit = v[2].tag == AD_TAG_INT && v[2].as.i == 1;
        AdStr *s = unit ? ad_str_printf(t, "range(%s, %s)", AD_AS(AdStr, r[0])->data,
                                        AD_AS(AdStr, r[1])->data)
                        : ad_str_printf(t, "range(%s, %s, %s)", AD_AS(AdStr, r[0])->data,
                                        AD_AS(AdStr, r[1])->data, AD_AS(AdStr, r[2])->data);
        return s ? ad_obj(s) : AD_NULLV;
    }
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
    if (is_big(self)) {
        AdValue len = ((BigRange *)self)->len;
        if (len.tag == AD_TAG_INT) return len;
        return ad_err_raise_v(t, t->vm->exc_OverflowError,
                              "Python int too large to convert to C ssize_t");
    }
    return ad_small_int(self->len);
}

static AdValue range_bool(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    (void)kwnames;
    SELF("__bool__");
    if (is_big(self)) return ad_bool(isign(((BigRange *)self)->len) != 0);
    return ad_bool(self->len != 0);
}

static AdValue range_getitem(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    SELF("__getitem__");
    ARGS("__getitem__", 1, 1);
    if (is_big(self) || ad_is_type(args[1], t->vm->type_int)) {
        AdValue v[4];
        range_values(self, v);
        if (ad_is_type(args[1], t->vm->type_slice)) return big_slice(t, v, AD_AS(AdSlice, args[1]));
        AdValue i = ad_rt_index_value(t, args[1]);
        if (AD_IS_NULL(i)) return AD_NULLV;
        if (i.tag == AD_TAG_BOOL) i = ad_small_int(i.as.i);
        ad_gc_push_root(t, i);
        if (isign(i) < 0 && AD_IS_NULL(i = iop(t, AD_BINOP_ADD, i, v[3]))) return AD_NULLV;
        if (isign(i) < 0 || ad_int_compare(i, v[3]) >= 0)
            return ad_err_raise_v(t, t->vm->exc_IndexError, "range object index out of range");
        return value_at(t, v, i);
    }
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
    if (is_big(r)) {
        AdValue v[4], pos = AD_NULLV;
        range_values(r, v);
        if (ad_is_int(t, x)) {
            AdValue xi = x.tag == AD_TAG_BOOL ? ad_small_int(x.as.i) : x;
            int c = big_contains_int(v, t, xi, &pos);
            if (c <= 0) return c < 0 ? -2 : -1;
            return pos.tag == AD_TAG_INT ? pos.as.i : INT64_MAX;
        }
        /* Anything else is compared item by item, as CPython does. */
        AdValue it = new_longrange_iter(t, v[0], v[2], v[3]);
        if (AD_IS_NULL(it)) return -2;
        ad_gc_push_root(t, it);
        for (int64_t i = 0;; i++) {
            AdValue item;
            int rc = ad_longrange_iter_next(t, AD_AS_OBJ(it), &item);
            if (rc <= 0) return rc < 0 ? -2 : -1;
            int eq = ad_rt_eq(t, item, x);
            if (eq < 0) return -2;
            if (eq) return i;
        }
    }
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
    if (x.tag == AD_TAG_INT || x.tag == AD_TAG_BOOL || ad_is_type(x, t->vm->type_int) ||
        is_big(self)) {
        int64_t i = find(t, self, x);
        return i == -2 ? AD_NULLV : ad_small_int(i >= 0);
    }
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
    if (is_big(self)) {
        BigRange *b = (BigRange *)self;
        return new_longrange_iter(t, b->start, b->step, b->len);
    }
    return ad_range_iter_new(t, self->start, self->step, self->len);
}

static AdValue range_reversed(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    (void)kwnames;
    SELF("__reversed__");
    if (is_big(self)) {
        AdValue v[4];
        range_values(self, v);
        AdValue last = iop(t, AD_BINOP_SUB, v[3], ad_small_int(1)), step;
        if (AD_IS_NULL(last) || AD_IS_NULL(last = value_at(t, v, last)) ||
            AD_IS_NULL(step = iop(t, AD_BINOP_SUB, ad_small_int(0), v[2])))
            return AD_NULLV;
        return new_longrange_iter(t, last, step, v[3]);
    }
    if (self->len == 0) return ad_range_iter_new(t, 0, 1, 0);
    int64_t last = (int64_t)((wide)self->start + (wide)(self->len - 1) * self->step);
    return ad_range_iter_new(t, last, -self->step, self->len);
}

/* CPython: equal when both empty, or same length, start and (if longer than 1) step. */
static bool range_equal(AdRange *a, AdRange *b) {
    if (a == b) return true;
    if (is_big(a) || is_big(b)) {
        AdValue x[4], y[4];
        range_values(a, x);
        range_values(b, y);
        if (ad_int_compare(x[3], y[3]) != 0) return false;
        if (isign(x[3]) == 0) return true;
        if (ad_int_compare(x[0], y[0]) != 0) return false;
        if (ad_int_compare(x[3], ad_small_int(1)) == 0) return true;
        return ad_int_compare(x[2], y[2]) == 0;
    }
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
    AdValue v[4];
    range_values(self, v);
    AdValue start = isign(v[3]) != 0 ? v[0] : AD_NONE;
    AdValue step = ad_int_compare(v[3], ad_small_int(1)) > 0 ? v[2] : AD_NONE;
    AdTuple *tup = ad_tuple_pack(t, 3, v[3], start, step);
    if (!tup) return AD_NULLV;
    ad_gc_push_obj(t, tup);
    int64_t h;
    if (!ad_tuple_hash(t, tup, &h)) return AD_NULLV;
    return ad_small_int(h);
}

/* The start, stop and step attributes: entry `which` of range_values. */
static AdValue range_field(AdThread *t, AdValue *args, int nargs, int which, const char *name) {
    SELF(name);
    AdValue v[4];
    range_values(self, v);
    return v[which];
}
#define FIELD_FN(fname, which, name)                                                        \
    static AdValue fname(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {          \
        (void)kwnames;                                                                      \
        return range_field(t, args, nargs, which, name);                                    \
    }
FIELD_FN(range_start, 0, "start")
FIELD_FN(range_stop, 1, "stop")
FIELD_FN(range_step, 2, "step")

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

int ad_longrange_iter_next(AdThread *t, AdObj *o, AdValue *out) {
    AdLongRangeIter *it = (AdLongRangeIter *)o;
    if (isign(it->remaining) <= 0) return 0;
    AdValue cur = it->next;
    int mark = ad_gc_root_mark(t);
    ad_gc_push_root(t, cur);
    AdValue next = ad_int_binop(t, AD_BINOP_ADD, cur, it->step);
    if (AD_IS_NULL(next)) goto fail;
    it->next = next;
    AdValue rem = ad_int_binop(t, AD_BINOP_SUB, it->remaining, ad_small_int(1));
    if (AD_IS_NULL(rem)) goto fail;
    it->remaining = rem;
    ad_gc_root_restore(t, mark);
    *out = cur;
    return 1;
fail:
    ad_gc_root_restore(t, mark);
    return -1;
}

AD_ITER_NEXT_FN(rangeiter_next, type_range_iterator, ad_range_iter_next)

static AdValue rangeiter_length_hint(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    (void)t;
    (void)nargs;
    (void)kwnames;
    return ad_iter_hint(AD_AS(AdRangeIter, args[0])->remaining);
}

AD_ITER_NEXT_FN(longrangeiter_next, type_longrange_iterator, ad_longrange_iter_next)

static AdValue longrangeiter_length_hint(AdThread *t, AdValue *args, int nargs,
                                         AdTuple *kwnames) {
    (void)t;
    (void)nargs;
    (void)kwnames;
    return AD_AS(AdLongRangeIter, args[0])->remaining;
}

static const AdMethodDef longrangeiter_methods[] = {
    {"__iter__", ad_iter_self, AD_METH_INSTANCE, NULL, NULL},
    {"__next__", longrangeiter_next, AD_METH_INSTANCE, NULL, NULL},
    {"__length_hint__", longrangeiter_length_hint, AD_METH_INSTANCE, NULL, NULL},
    {NULL, NULL, 0, NULL, NULL},
};

static void longrangeiter_trace(AdGC *gc, AdObj *o) {
    AdLongRangeIter *it = (AdLongRangeIter *)o;
    ad_gc_mark_value(gc, it->next);
    ad_gc_mark_value(gc, it->step);
    ad_gc_mark_value(gc, it->remaining);
}

static void range_trace(AdGC *gc, AdObj *o) {
    if (!(o->flags & RANGE_BIG)) return;
    BigRange *b = (BigRange *)o;
    ad_gc_mark_value(gc, b->start);
    ad_gc_mark_value(gc, b->stop);
    ad_gc_mark_value(gc, b->step);
    ad_gc_mark_value(gc, b->len);
}

static const AdMethodDef rangeiter_methods[] = {
    {"__iter__", ad_iter_self, AD_METH_INSTANCE, NULL, NULL},
    {"__next__", rangeiter_next, AD_METH_INSTANCE, NULL, NULL},
    {"__length_hint__", rangeiter_length_hint, AD_METH_INSTANCE, NULL, NULL},
    {NULL, NULL, 0, NULL, NULL},
};

bool ad_range_setup(AdThread *t) {
    AdVM *vm = t->vm;
    if (!ad_type_init_builtin(t, vm->type_range, "range", vm->type_object, sizeof(AdRange),
                              range_trace, NULL, range_methods, 0))
        return false;
    if (!ad_type_init_builtin(t, vm->type_longrange_iterator, "longrange_iterator",
                              vm->type_object, sizeof(AdLongRangeIter), longrangeiter_trace, NULL,
                              longrangeiter_methods, 0))
        return false;
    return ad_type_init_builtin(t, vm->type_range_iterator, "range_iterator", vm->type_object,
                                sizeof(AdRangeIter), NULL, NULL, rangeiter_methods, 0);
}
