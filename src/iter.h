/*
 * iter.h - layouts of the containers' iterator and view objects, so that the VM can step
 * the common ones inline (FOR_ITER) and builtins can recognise them.
 *
 * Each iterator keeps its container in a GC-traced field and drops it (sets it NULL) once
 * exhausted, as CPython does, so a finished iterator never resurrects its source. Types
 * live on the VM (vm->type_list_iterator ...); the code for each sits beside its
 * container (obj_list.c, obj_tuple.c, obj_range.c, obj_dict.c, obj_set.c, obj_bytes.c),
 * and the generic iterators (enumerate, zip, map, filter, reversed) are in obj_iter.c.
 * It also holds the natives and macros every container's method table shares (__iter__ of
 * an iterator, __next__, the six comparisons, __class_getitem__).
 */
#ifndef ADDER_ITER_H
#define ADDER_ITER_H

#include "runtime.h"
#include "vm.h"

/* iter(list): items [index, list->len) remain; `list` NULL once exhausted. The length is
 * re-read on every step, so appending while iterating is seen, as in CPython. */
typedef struct AdListIter {
    AdObj obj;
    AdList *list;
    size_t index;
} AdListIter;

/* reversed(list): next item is list->items[index] while index < list->len, then index
 * counts down; `list` NULL once exhausted (index would go below 0). */
typedef struct AdListRevIter {
    AdObj obj;
    AdList *list;
    int64_t index;
} AdListRevIter;

/* iter(tuple): next is tuple->items[index]; `tuple` NULL once exhausted. */
typedef struct AdTupleIter {
    AdObj obj;
    AdTuple *tuple;
    size_t index;
} AdTupleIter;

/* AdRange obj.flags bit: a "big" range whose int64 fields are unused (its bounds do not fit
 * int64; they are Python ints stored after the struct, see obj_range.c). Fast paths on
 * ranges must check it. */
#define AD_RANGE_BIG 1

/* iter(range) and reversed(range): yields `next`, then next += step, `remaining` times. */
typedef struct AdRangeIter {
    AdObj obj;
    int64_t next, step, remaining;
} AdRangeIter;

/* iter(range) when a bound does not fit int64: the same walk on Python ints. */
typedef struct AdLongRangeIter {
    AdObj obj;
    AdValue next, step, remaining; /* int values, small or big */
} AdLongRangeIter;

/* dict.keys(), .values(), .items(): a live view of `dict`. */
typedef struct AdDictView {
    AdObj obj;
    AdDict *dict;
} AdDictView;

/* Iterator over a dict's keys, values or items (the type says which). `pos` walks
 * dict->entries (forward from 0, or backward when `reverse`); `used` is the dict's len when
 * the iterator started, compared on every step to raise "dictionary changed size during
 * iteration"; `remaining` is what __length_hint__ reports. `dict` NULL once exhausted. */
typedef struct AdDictIter {
    AdObj obj;
    AdDict *dict;
    size_t pos;
    size_t used;
    size_t remaining;
    bool reverse;
} AdDictIter;

/* iter(set): walks set->table from `pos`; `used` as for dicts ("Set changed size during
 * iteration"); `set` NULL once exhausted. */
typedef struct AdSetIter {
    AdObj obj;
    AdSet *set;
    size_t pos;
    size_t used;
    size_t remaining;
} AdSetIter;

/* iter(bytes) / iter(bytearray): `seq` is the AdBytes or AdByteArray; NULL once exhausted. */
typedef struct AdBytesIter {
    AdObj obj;
    AdObj *seq;
    size_t index;
} AdBytesIter;

/* enumerate(iterable, start): `count` is the next index (a small or big int value). */
typedef struct AdEnumerate {
    AdObj obj;
    AdValue iter;
    AdValue count;
} AdEnumerate;

/* zip(*iterables, strict=False): `iters` a tuple of iterators; NULL once exhausted. */
typedef struct AdZip {
    AdObj obj;
    AdTuple *iters;
    bool strict;
} AdZip;

/* map(func, *iterables): `iters` a tuple of iterators. */
typedef struct AdMap {
    AdObj obj;
    AdValue func;
    AdTuple *iters;
} AdMap;

/* filter(func or None, iterable). */
typedef struct AdFilter {
    AdObj obj;
    AdValue func; /* None: keep the truthy items */
    AdValue iter;
} AdFilter;

/* reversed(seq) through __len__ and __getitem__: next is seq[index], index counts down;
 * `seq` is NULL once exhausted. */
typedef struct AdReversed {
    AdObj obj;
    AdValue seq;
    int64_t index;
} AdReversed;

/* Steps any of the iterator types above (and the generic ones of obj_iter.c) without a
 * method call: 1 with *out set, 0 exhausted (no exception), -1 error pending, -2 when `it`
 * is not one of these types (nothing done: use ad_rt_next). */
AD_FUNC int ad_iter_fast_next(AdThread *t, AdValue it, AdValue *out) AD_RAISES;

/* Per-container steppers behind ad_iter_fast_next (same 1/0/-1 contract). */
AD_FUNC int ad_list_iter_next(AdThread *t, AdObj *it, AdValue *out);
AD_FUNC int ad_list_reviter_next(AdThread *t, AdObj *it, AdValue *out);
AD_FUNC int ad_tuple_iter_next(AdThread *t, AdObj *it, AdValue *out);
AD_FUNC int ad_range_iter_next(AdThread *t, AdObj *it, AdValue *out) AD_RAISES;
AD_FUNC int ad_longrange_iter_next(AdThread *t, AdObj *it, AdValue *out) AD_RAISES;
AD_FUNC int ad_dict_iter_next(AdThread *t, AdObj *it, AdValue *out) AD_RAISES;
AD_FUNC int ad_set_iter_next(AdThread *t, AdObj *it, AdValue *out) AD_RAISES;
AD_FUNC int ad_bytes_iter_next(AdThread *t, AdObj *it, AdValue *out);
AD_FUNC int ad_str_iter_next(AdThread *t, AdObj *it, AdValue *out) AD_RAISES;

/* Shared by the containers' __next__ dunders: run a stepper and turn "exhausted" into a
 * raised StopIteration, as a native __next__ must. */
AD_FUNC AdValue ad_iter_next_dunder(AdThread *t, int rc, AdValue item) AD_RAISES;
/* The __next__ dunder of a container iterator whose exact type is `type` (the type's setup
 * makes it non-subclassable): "expected a <type name>" TypeError for anything else, then
 * `step` with exhaustion turned into StopIteration. AD_ITER_NEXT_FN defines one. */
AD_FUNC AdValue ad_iter_step_dunder(AdThread *t, AdValue self, AdType *type,
                                    int (*step)(AdThread *, AdObj *, AdValue *)) AD_RAISES;
#define AD_ITER_NEXT_FN(fname, type_field, step)                                            \
    static AdValue fname(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {          \
        (void)nargs;                                                                        \
        (void)kwnames;                                                                      \
        return ad_iter_step_dunder(t, args[0], t->vm->type_field, step);                    \
    }
/* Natives shared by the containers' method tables (obj_iter.c): every iterator's __iter__
 * (returns itself), and __class_getitem__ (returns the class). Never raise. */
AD_FUNC AdValue ad_iter_self(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames);
AD_FUNC AdValue ad_class_getitem_self(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames);
/* The six rich-comparison dunders of a container, each a wrapper around one
 * `AdValue impl(AdThread *t, AdValue *args, int nargs, int op)` (op an AD_CMP_*):
 * AD_RICHCMP_FNS(list, list_compare) defines list_eq ... list_ge, and
 * AD_RICHCMP_METHODS(list) lists them for the method table. */
#define AD_RICHCMP_FN(name, impl, op)                                                       \
    static AdValue name(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {           \
        (void)kwnames;                                                                      \
        return impl(t, args, nargs, op);                                                    \
    }
#define AD_RICHCMP_FNS(prefix, impl)                                                        \
    AD_RICHCMP_FN(prefix##_eq, impl, AD_CMP_EQ)                                             \
    AD_RICHCMP_FN(prefix##_ne, impl, AD_CMP_NE)                                             \
    AD_RICHCMP_FN(prefix##_lt, impl, AD_CMP_LT)                                             \
    AD_RICHCMP_FN(prefix##_le, impl, AD_CMP_LE)                                             \
    AD_RICHCMP_FN(prefix##_gt, impl, AD_CMP_GT)                                             \
    AD_RICHCMP_FN(prefix##_ge, impl, AD_CMP_GE)
#define AD_RICHCMP_METHODS(prefix)                                                          \
    {"__eq__", prefix##_eq, AD_METH_INSTANCE, NULL, NULL},                                  \
    {"__ne__", prefix##_ne, AD_METH_INSTANCE, NULL, NULL},                                  \
    {"__lt__", prefix##_lt, AD_METH_INSTANCE, NULL, NULL},                                  \
    {"__le__", prefix##_le, AD_METH_INSTANCE, NULL, NULL},                                  \
    {"__gt__", prefix##_gt, AD_METH_INSTANCE, NULL, NULL},                                  \
    {"__ge__", prefix##_ge, AD_METH_INSTANCE, NULL, NULL}

/* __length_hint__ results etc: a small int value. */
static inline AdValue ad_iter_hint(int64_t n) { return ad_small_int(n < 0 ? 0 : n); }

/* Makes iter(container) for each container (exact or subclass instances). */
AD_FUNC AdValue ad_list_iter_new(AdThread *t, AdList *l) AD_RAISES;
AD_FUNC AdValue ad_tuple_iter_new(AdThread *t, AdTuple *tup) AD_RAISES;
AD_FUNC AdValue ad_range_iter_new(AdThread *t, int64_t start, int64_t step, int64_t len) AD_RAISES;
AD_FUNC AdValue ad_dict_iter_new(AdThread *t, AdDict *d, AdType *kind, bool reverse) AD_RAISES;
AD_FUNC AdValue ad_set_iter_new(AdThread *t, AdSet *s) AD_RAISES;

/* hash(v) with the common key types inline (small ints, floats, exact strs); anything
 * else goes through ad_rt_hash. */
static inline bool ad_hash_value(AdThread *t, AdValue v, int64_t *out) {
    switch (v.tag) {
    case AD_TAG_INT:
    case AD_TAG_BOOL:
        /* Below the modulus 2**61-1 an int is its own hash, except -1 (the error code). */
        if (v.as.i > -((INT64_C(1) << 61) - 1) && v.as.i < (INT64_C(1) << 61) - 1) {
            *out = v.as.i == -1 ? -2 : v.as.i;
            return true;
        }
        *out = ad_int_hash(v);
        return true;
    case AD_TAG_FLOAT: *out = ad_float_hash(v.as.f); return true;
    case AD_TAG_OBJ:
        if (v.as.o->type == t->vm->type_str) {
            *out = ad_str_hash((AdStr *)v.as.o);
            return true;
        }
        if (v.as.o->type == t->vm->type_tuple) return ad_tuple_hash(t, (AdTuple *)v.as.o, out);
        break;
    default: break;
    }
    return ad_rt_hash(t, v, out);
}

/* Set algebra shared with the dict views (obj_set.c): in place on `s`, `other` any
 * iterable (sets and dicts fast). */
AD_FUNC bool ad_set_difference_update(AdThread *t, AdSet *s, AdValue other) AD_RAISES;
AD_FUNC bool ad_set_symmetric_difference_update(AdThread *t, AdSet *s, AdValue other) AD_RAISES;

#endif
