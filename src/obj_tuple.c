/*
 * obj_tuple.c - the tuple type and its iterator.
 *
 * A tuple's items are inline after its header and never change once the creator has filled
 * them (ad_tuple_new hands out AD_NULLV slots, which the GC skips, so a half-filled tuple is
 * safe to collect through). The empty tuple is a per-VM singleton. Hashing follows CPython's
 * xxHash-based tuplehash so that sets of tuples iterate in CPython's order; the result is
 * cached in `hash`. Comparison, repr, search and repeat share their algorithm with lists
 * (seq.c).
 */
#include <stdarg.h>
#include <string.h>

#include "core.h"
#include "iter.h"
#include "seq.h"

/* ---- construction ---------------------------------------------------------------------- */

/* A tuple of `cls` (tuple or a subclass) with `len` unset items. */
static AdTuple *alloc_tuple(AdThread *t, AdType *cls, size_t len) {
    /* Exact tuples are made before tuple's setup fills in instance_size (type setup needs
     * bases and MROs), so their size is known here rather than read from the type. */
    size_t base = cls == t->vm->type_tuple ? sizeof(AdTuple) : cls->instance_size;
    if (len > (SIZE_MAX - base) / sizeof(AdValue)) {
        ad_err_nomemory(t);
        return NULL;
    }
    AdTuple *tup = ad_gc_alloc(t, cls, base + len * sizeof(AdValue));
    if (!tup) return NULL;
    tup->len = len;
    tup->hash = -1;
    return tup;
}

AdTuple *ad_tuple_new(AdThread *t, size_t len) {
    if (len == 0 && t->vm->empty_tuple) return t->vm->empty_tuple;
    return alloc_tuple(t, t->vm->type_tuple, len);
}

AdTuple *ad_tuple_from_array(AdThread *t, const AdValue *items, size_t len) {
    /* `items` may live in a GC object that the allocation below could free if the caller
     * did not root it; callers keep it rooted, as the rooting rule says. */
    AdTuple *tup = ad_tuple_new(t, len);
    if (!tup) return NULL;
    if (len) memcpy(tup->items, items, len * sizeof(AdValue));
    return tup;
}

AdTuple *ad_tuple_pack(AdThread *t, size_t len, ...) {
    AdValue vals[16];
    AdValue *items = vals;
    va_list ap;
    if (len > 16) {
        /* Rare: build through a root mark so the values survive the allocation. */
        AdTuple *tup = ad_tuple_new(t, len);
        if (!tup) return NULL;
        va_start(ap, len);
        for (size_t i = 0; i < len; i++) tup->items[i] = va_arg(ap, AdValue);
        va_end(ap);
        return tup;
    }
    va_start(ap, len);
    for (size_t i = 0; i < len; i++) vals[i] = va_arg(ap, AdValue);
    va_end(ap);
    /* The values are the caller's: they must be rooted already (rooting rule). */
    return ad_tuple_from_array(t, items, len);
}

AdValue ad_sequence_to_tuple(AdThread *t, AdValue iterable) {
    AdVM *vm = t->vm;
    if (ad_is_type(iterable, vm->type_tuple)) return iterable;
    if (ad_is_type(iterable, vm->type_list)) {
        AdList *l = AD_AS(AdList, iterable);
        AdTuple *tup = ad_tuple_from_array(t, l->items, l->len);
        return tup ? ad_obj(tup) : AD_NULLV;
    }
    int mark = ad_gc_root_mark(t);
    AdValue lv = ad_sequence_to_list(t, iterable);
    if (AD_IS_NULL(lv)) return AD_NULLV;
    ad_gc_push_root(t, lv);
    AdList *l = AD_AS(AdList, lv);
    AdTuple *tup = ad_tuple_from_array(t, l->items, l->len);
    ad_gc_root_restore(t, mark);
    return tup ? ad_obj(tup) : AD_NULLV;
}

/* ---- hashing --------------------------------------------------------------------------- */

#define XXPRIME_1 11400714785074694791ULL
#define XXPRIME_2 14029467366897019727ULL
#define XXPRIME_5 2870177450012600261ULL
#define XXROTATE(x) (((x) << 31) | ((x) >> 33))

bool ad_tuple_hash(AdThread *t, AdTuple *tup, int64_t *out) {
    if (tup->hash != -1) {
        *out = tup->hash;
        return true;
    }
    uint64_t acc = XXPRIME_5;
    for (size_t i = 0; i < tup->len; i++) {
        int64_t h;
        if (!ad_hash_value(t, tup->items[i], &h)) return false;
        acc += (uint64_t)h * XXPRIME_2;
        acc = XXROTATE(acc);
        acc *= XXPRIME_1;
    }
    acc += tup->len ^ (XXPRIME_5 ^ 3527539UL);
    int64_t h = acc == (uint64_t)-1 ? 1546275796 : (int64_t)acc;
    tup->hash = h;
    *out = h;
    return true;
}

/* ---- dunders and methods --------------------------------------------------------------- */

static bool check_self(AdThread *t, AdValue *args, int nargs, const char *meth) {
    if (nargs >= 1 && ad_is_instance_of(t, args[0], t->vm->type_tuple)) return true;
    if (nargs < 1)
        return ad_err_raise(t, t->vm->exc_TypeError,
                            "descriptor '%s' of 'tuple' object needs an argument", meth);
    return ad_err_raise(t, t->vm->exc_TypeError,
                        "descriptor '%s' requires a 'tuple' object but received a '%T'", meth,
                        args[0]);
}
#define SELF(name)                                                                          \
    if (!check_self(t, args, nargs, name)) return AD_NULLV;                                  \
    AdTuple *self = AD_AS(AdTuple, args[0])

static AdValue tuple_new(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    AdVM *vm = t->vm;
    if (!ad_args_check(t, "tuple", nargs - 1, kwnames, 0, 1)) return AD_NULLV;
    AdValue cls = args[0];
    if (!ad_is_instance_of(t, cls, vm->type_type) ||
        !ad_type_is_subtype(AD_AS(AdType, cls), vm->type_tuple))
        return ad_err_raise_v(t, vm->exc_TypeError, "tuple.__new__(X): X is not a subtype of tuple");
    AdType *type = AD_AS(AdType, cls);
    if (type == vm->type_tuple) {
        if (nargs < 2) return ad_obj(vm->empty_tuple);
        return ad_sequence_to_tuple(t, args[1]);
    }
    AdValue src = nargs < 2 ? ad_obj(vm->empty_tuple) : ad_sequence_to_tuple(t, args[1]);
    if (AD_IS_NULL(src)) return AD_NULLV;
    ad_gc_push_root(t, src);
    AdTuple *from = AD_AS(AdTuple, src);
    AdTuple *tup = alloc_tuple(t, type, from->len);
    if (!tup) return AD_NULLV;
    memcpy(tup->items, from->items, from->len * sizeof(AdValue));
    return ad_obj(tup);
}

static AdValue tuple_repr(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    (void)kwnames;
    SELF("__repr__");
    AdValue *items = self->items;
    size_t len = self->len;
    return ad_seq_repr(t, self, "(", ")", &items, &len, true);
}

static AdValue tuple_hash(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    (void)kwnames;
    SELF("__hash__");
    int64_t h;
    if (!ad_tuple_hash(t, self, &h)) return AD_NULLV;
    return ad_small_int(h);
}

static AdValue tuple_len(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    (void)kwnames;
    SELF("__len__");
    return ad_small_int((int64_t)self->len);
}

/* A new tuple of self[start:stop:step] with `n` items. */
static AdValue slice_tuple(AdThread *t, AdTuple *self, int64_t start, int64_t step, int64_t n) {
    if (n == (int64_t)self->len && step == 1 && self->obj.type == t->vm->type_tuple)
        return ad_obj(self);
    AdTuple *r = ad_tuple_new(t, (size_t)n);
    if (!r) return AD_NULLV;
    for (int64_t i = 0, j = start; i < n; i++, j += step) r->items[i] = self->items[j];
    return ad_obj(r);
}

static AdValue tuple_getitem(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    (void)kwnames;
    SELF("__getitem__");
    if (!ad_args_check(t, "__getitem__", nargs - 1, NULL, 1, 1)) return AD_NULLV;
    int64_t i;
    int kind = ad_seq_key(t, args[1], &i, "tuple");
    if (kind < 0) return AD_NULLV;
    if (kind == 1) {
        if (!ad_seq_item_index(t, &i, self->len, "tuple index out of range")) return AD_NULLV;
        return self->items[i];
    }
    int64_t start, stop, step, n;
    if (!ad_slice_indices(t, AD_AS(AdSlice, args[1]), (int64_t)self->len, &start, &stop, &step, &n))
        return AD_NULLV;
    return slice_tuple(t, self, start, step, n);
}

static AdValue tuple_contains(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    (void)kwnames;
    SELF("__contains__");
    if (!ad_args_check(t, "__contains__", nargs - 1, NULL, 1, 1)) return AD_NULLV;
    AdValue *items = self->items;
    int64_t i = ad_seq_find(t, &items, &self->len, args[1], 0, INT64_MAX);
    return i == -2 ? AD_NULLV : ad_bool(i >= 0);
}

static AdValue tuple_iter(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    (void)kwnames;
    SELF("__iter__");
    return ad_tuple_iter_new(t, self);
}

static AdValue tuple_compare(AdThread *t, AdValue *args, int nargs, int op) {
    AdVM *vm = t->vm;
    if (nargs != 2) return ad_err_raise_v(t, vm->exc_TypeError, "expected 1 argument, got %d",
                                          nargs - 1);
    if (!ad_is_instance_of(t, args[0], vm->type_tuple) ||
        !ad_is_instance_of(t, args[1], vm->type_tuple))
        return vm->not_implemented;
    AdTuple *a = AD_AS(AdTuple, args[0]), *b = AD_AS(AdTuple, args[1]);
    AdValue *ai = a->items, *bi = b->items;
    size_t al = a->len, bl = b->len;
    return ad_seq_compare(t, op, &ai, &al, &bi, &bl, false);
}
AD_RICHCMP_FNS(tuple, tuple_compare)

static AdValue tuple_add(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    (void)kwnames;
    SELF("__add__");
    AdVM *vm = t->vm;
    if (nargs != 2) return ad_err_raise_v(t, vm->exc_TypeError, "expected 1 argument, got %d",
                                          nargs - 1);
    if (!ad_is_instance_of(t, args[1], vm->type_tuple)) {
        if (ad_seq_defers_to(t, args[1], AD_BINOP_ADD))
            return vm->not_implemented;
        return ad_err_raise_v(t, vm->exc_TypeError,
                              "can only concatenate tuple (not \"%T\") to tuple", args[1]);
    }
    AdTuple *b = AD_AS(AdTuple, args[1]);
    if (b->len == 0 && self->obj.type == vm->type_tuple) return args[0];
    if (self->len == 0 && b->obj.type == vm->type_tuple) return args[1];
    AdTuple *r = ad_tuple_new(t, self->len + b->len);
    if (!r) return AD_NULLV;
    memcpy(r->items, self->items, self->len * sizeof(AdValue));
    memcpy(r->items + self->len, b->items, b->len * sizeof(AdValue));
    return ad_obj(r);
}

static AdValue tuple_mul(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    (void)kwnames;
    SELF("__mul__");
    if (nargs != 2) return ad_err_raise_v(t, t->vm->exc_TypeError, "expected 1 argument, got %d",
                                          nargs - 1);
    int64_t n;
    int rc = ad_seq_repeat_count(t, args[1], &n);
    if (rc < 0) return AD_NULLV;
    if (rc == 0) return t->vm->not_implemented;
    if (n == 0 || self->len == 0) return ad_obj(t->vm->empty_tuple);
    if (n == 1 && self->obj.type == t->vm->type_tuple) return args[0];
    if ((uint64_t)n > (SIZE_MAX / sizeof(AdValue)) / self->len) {
        ad_err_nomemory(t);
        return AD_NULLV;
    }
    size_t total = self->len * (size_t)n;
    AdTuple *r = ad_tuple_new(t, total);
    if (!r) return AD_NULLV;
    ad_seq_repeat_into(r->items, self->items, self->len, (size_t)n);
    return ad_obj(r);
}

static AdValue tuple_index(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    (void)kwnames;
    SELF("index");
    if (!ad_args_check(t, "index", nargs - 1, kwnames, 1, 3)) return AD_NULLV;
    int64_t start, stop;
    if (!ad_seq_index_bounds(t, args, nargs, (int64_t)self->len, &start, &stop)) return AD_NULLV;
    AdValue *items = self->items;
    int64_t i = ad_seq_find(t, &items, &self->len, args[1], start, stop);
    if (i == -2) return AD_NULLV;
    if (i >= 0) return ad_small_int(i);
    return ad_err_raise_v(t, t->vm->exc_ValueError, "tuple.index(x): x not in tuple");
}

static AdValue tuple_count(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    SELF("count");
    if (!ad_args_check(t, "count", nargs - 1, kwnames, 1, 1)) return AD_NULLV;
    AdValue *items = self->items;
    int64_t n = ad_seq_count(t, &items, &self->len, args[1]);
    return n < 0 ? AD_NULLV : ad_small_int(n);
}

static AdValue tuple_getnewargs(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    (void)kwnames;
    SELF("__getnewargs__");
    AdTuple *copy = ad_tuple_from_array(t, self->items, self->len);
    if (!copy) return AD_NULLV;
    ad_gc_push_obj(t, copy);
    AdTuple *r = ad_tuple_pack(t, 1, ad_obj(copy));
    return r ? ad_obj(r) : AD_NULLV;
}

static const AdMethodDef tuple_methods[] = {
    {"__new__", tuple_new, AD_METH_STATIC, NULL, NULL},
    {"__repr__", tuple_repr, AD_METH_INSTANCE, NULL, NULL},
    {"__hash__", tuple_hash, AD_METH_INSTANCE, NULL, NULL},
    {"__len__", tuple_len, AD_METH_INSTANCE, NULL, NULL},
    {"__getitem__", tuple_getitem, AD_METH_INSTANCE, NULL, NULL},
    {"__contains__", tuple_contains, AD_METH_INSTANCE, NULL, NULL},
    {"__iter__", tuple_iter, AD_METH_INSTANCE, NULL, NULL},
    AD_RICHCMP_METHODS(tuple),
    {"__add__", tuple_add, AD_METH_INSTANCE, NULL, NULL},
    {"__mul__", tuple_mul, AD_METH_INSTANCE, NULL, NULL},
    {"__rmul__", tuple_mul, AD_METH_INSTANCE, NULL, NULL},
    {"__getnewargs__", tuple_getnewargs, AD_METH_INSTANCE, NULL, NULL},
    {"index", tuple_index, AD_METH_INSTANCE, NULL, NULL},
    {"count", tuple_count, AD_METH_INSTANCE, NULL, NULL},
    {"__class_getitem__", ad_class_getitem_self, AD_METH_CLASS, NULL, NULL},
    {NULL, NULL, 0, NULL, NULL},
};

static void tuple_trace(AdGC *gc, AdObj *o) {
    AdTuple *tup = (AdTuple *)o;
    ad_gc_mark_values(gc, tup->items, tup->len);
}

/* ---- iterator -------------------------------------------------------------------------- */

AdValue ad_tuple_iter_new(AdThread *t, AdTuple *tup) {
    AdTupleIter *it = ad_gc_alloc(t, t->vm->type_tuple_iterator, sizeof(AdTupleIter));
    if (!it) return AD_NULLV;
    it->tuple = tup;
    return ad_obj(it);
}

int ad_tuple_iter_next(AdThread *t, AdObj *o, AdValue *out) {
    (void)t;
    AdTupleIter *it = (AdTupleIter *)o;
    AdTuple *tup = it->tuple;
    if (!tup) return 0;
    if (it->index < tup->len) {
        *out = tup->items[it->index++];
        return 1;
    }
    it->tuple = NULL;
    return 0;
}

AD_ITER_NEXT_FN(tupleiter_next, type_tuple_iterator, ad_tuple_iter_next)

static AdValue tupleiter_length_hint(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    (void)t;
    (void)nargs;
    (void)kwnames;
    AdTupleIter *it = AD_AS(AdTupleIter, args[0]);
    return ad_iter_hint(it->tuple ? (int64_t)(it->tuple->len - it->index) : 0);
}

static const AdMethodDef tupleiter_methods[] = {
    {"__iter__", ad_iter_self, AD_METH_INSTANCE, NULL, NULL},
    {"__next__", tupleiter_next, AD_METH_INSTANCE, NULL, NULL},
    {"__length_hint__", tupleiter_length_hint, AD_METH_INSTANCE, NULL, NULL},
    {NULL, NULL, 0, NULL, NULL},
};

static void tupleiter_trace(AdGC *gc, AdObj *o) {
    ad_gc_mark_obj(gc, ((AdTupleIter *)o)->tuple);
}

bool ad_tuple_setup(AdThread *t) {
    AdVM *vm = t->vm;
    if (!ad_type_init_builtin(t, vm->type_tuple, "tuple", vm->type_object, sizeof(AdTuple),
                              tuple_trace, NULL, tuple_methods, AD_TPFLAG_BASETYPE))
        return false;
    if (!ad_type_init_builtin(t, vm->type_tuple_iterator, "tuple_iterator", vm->type_object,
                              sizeof(AdTupleIter), tupleiter_trace, NULL, tupleiter_methods, 0))
        return false;
    vm->empty_tuple = alloc_tuple(t, vm->type_tuple, 0);
    return vm->empty_tuple != NULL;
}
