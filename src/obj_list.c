/*
 * obj_list.c - the list type, its iterators, and the container repr recursion guard; the
 * algorithms lists share with the other sequences (compare, repr, search, repeat) are in
 * seq.c.
 *
 * Invariant: items[0, len) are live values (the GC traces exactly those); slots in
 * [len, cap) are garbage. So any growth reserves capacity first (which may collect, while
 * the list is still consistent) and only then moves items and bumps len, with no allocation
 * in between. Script code run by comparisons may mutate a list under us: loops re-read
 * items and len after every call out. Sorting lives in list_sort.c.
 */
#include <stdio.h>
#include <string.h>

#include "core.h"
#include "iter.h"
#include "seq.h"

/* ---- repr recursion guard -------------------------------------------------------------- */

bool ad_repr_enter(AdThread *t, AdReprGuard *g, void *o) {
    for (AdReprGuard *p = t->repr_guard; p; p = p->prev)
        if (p->obj == o) return true;
    g->obj = o;
    g->prev = t->repr_guard;
    t->repr_guard = g;
    return false;
}

void ad_repr_leave(AdThread *t, AdReprGuard *g) {
    t->repr_guard = g->prev;
}

/* ---- storage --------------------------------------------------------------------------- */

/* Ensures room for `need` items, over-allocating as CPython does so that appends are
 * amortised O(1). May collect (the list must be rooted and consistent). */
static bool list_reserve(AdThread *t, AdList *l, size_t need) {
    if (need <= l->cap) return true;
    if (need > SIZE_MAX / sizeof(AdValue) / 2) return ad_err_nomemory(t);
    size_t cap = (need + (need >> 3) + 6) & ~(size_t)3;
    if (need - l->len > cap - need) cap = (need + 3) & ~(size_t)3;
    AdValue *items = ad_mem_realloc(t, l->items, l->cap * sizeof(AdValue), cap * sizeof(AdValue));
    if (!items) return false;
    l->items = items;
    l->cap = cap;
    return true;
}

/* Gives memory back once a list has shrunk below half its capacity. Never fails. */
static void list_shrink(AdThread *t, AdList *l) {
    if (l->cap <= 16 || l->len >= l->cap / 2) return;
    size_t cap = (l->len + (l->len >> 3) + 6) & ~(size_t)3;
    if (cap >= l->cap) return;
    AdValue *items = ad_mem_realloc(t, l->items, l->cap * sizeof(AdValue), cap * sizeof(AdValue));
    if (!items) {
        ad_err_clear(t); /* keeping the bigger block is fine */
        return;
    }
    l->items = items;
    l->cap = cap;
}

static void list_clear_items(AdThread *t, AdList *l) {
    AdValue *items = l->items;
    size_t cap = l->cap;
    l->items = NULL;
    l->len = l->cap = 0;
    ad_mem_free(t->vm, items, cap * sizeof(AdValue));
}

static AdList *alloc_list(AdThread *t, AdType *cls, size_t cap) {
    AdValue *items = NULL;
    if (cap) {
        if (cap > SIZE_MAX / sizeof(AdValue)) {
            ad_err_nomemory(t);
            return NULL;
        }
        items = ad_mem_alloc(t, cap * sizeof(AdValue));
        if (!items) return NULL;
    }
    size_t size = cls == t->vm->type_list ? sizeof(AdList) : cls->instance_size;
    AdList *l = ad_gc_alloc(t, cls, size);
    if (!l) {
        ad_mem_free(t->vm, items, cap * sizeof(AdValue));
        return NULL;
    }
    l->items = items;
    l->cap = cap;
    return l;
}

AdList *ad_list_new(AdThread *t, size_t cap) {
    return alloc_list(t, t->vm->type_list, cap);
}

AdList *ad_list_from_array(AdThread *t, const AdValue *items, size_t len) {
    AdList *l = alloc_list(t, t->vm->type_list, len);
    if (!l) return NULL;
    if (len) memcpy(l->items, items, len * sizeof(AdValue));
    l->len = len;
    return l;
}

static bool append_slow(AdThread *t, AdList *l, AdValue v) {
    int mark = ad_gc_root_mark(t);
    ad_gc_push_root(t, v); /* callers often hand over a fresh, unrooted value */
    ad_gc_push_obj(t, l);
    bool ok = list_reserve(t, l, l->len + 1);
    ad_gc_root_restore(t, mark);
    if (!ok) return false;
    l->items[l->len++] = v;
    return true;
}

bool ad_list_append(AdThread *t, AdList *l, AdValue v) {
    if (l->len < l->cap) {
        l->items[l->len++] = v;
        return true;
    }
    return append_slow(t, l, v);
}

/* Appends n copies of src[0..n) where src may be l's own items (re-read after growth). */
static bool extend_array(AdThread *t, AdList *l, AdObj *owner, AdValue *const *src, size_t n) {
    int mark = ad_gc_root_mark(t);
    ad_gc_push_obj(t, owner);
    bool ok = list_reserve(t, l, l->len + n);
    ad_gc_root_restore(t, mark);
    if (!ok) return false;
    if (n) memmove(l->items + l->len, *src, n * sizeof(AdValue)); /* src may be NULL when n == 0 */
    l->len += n;
    return true;
}

bool ad_list_extend(AdThread *t, AdList *l, AdValue iterable) {
    AdVM *vm = t->vm;
    if (iterable.tag == AD_TAG_OBJ) {
        AdType *type = iterable.as.o->type;
        if (type == vm->type_list) {
            AdList *src = AD_AS(AdList, iterable);
            return extend_array(t, l, &src->obj, &src->items, src->len);
        }
        if (type == vm->type_tuple) {
            AdTuple *src = AD_AS(AdTuple, iterable);
            AdValue *items = src->items;
            return extend_array(t, l, &src->obj, &items, src->len);
        }
        if (type == vm->type_range && !(iterable.as.o->flags & AD_RANGE_BIG)) {
            AdRange *r = AD_AS(AdRange, iterable);
            if (!list_reserve(t, l, l->len + (size_t)r->len)) return false;
            int64_t v = r->start;
            for (int64_t i = 0; i < r->len; i++, v += r->step)
                l->items[l->len++] = ad_small_int(v);
            return true;
        }
        if (type == vm->type_dict || type == vm->type_dict_keys) {
            AdDict *d = type == vm->type_dict ? AD_AS(AdDict, iterable)
                                              : AD_AS(AdDictView, iterable)->dict;
            int mark = ad_gc_root_mark(t);
            ad_gc_push_obj(t, d);
            bool ok = list_reserve(t, l, l->len + d->len);
            ad_gc_root_restore(t, mark);
            if (!ok) return false;
            for (size_t i = 0; i < d->nentries; i++)
                if (!AD_IS_NULL(d->entries[i].key)) l->items[l->len++] = d->entries[i].key;
            return true;
        }
        if (type == vm->type_set || type == vm->type_frozenset) {
            AdSet *s = AD_AS(AdSet, iterable);
            int mark = ad_gc_root_mark(t);
            ad_gc_push_obj(t, s);
            bool ok = list_reserve(t, l, l->len + s->used);
            ad_gc_root_restore(t, mark);
            if (!ok) return false;
            for (size_t i = 0; i <= s->mask && s->table; i++) {
                AdValue k = s->table[i].key;
                if (!AD_IS_NULL(k) && !ad_is(k, vm->set_dummy)) l->items[l->len++] = k;
            }
            return true;
        }
    }
    int mark = ad_gc_root_mark(t);
    ad_gc_push_obj(t, l);
    AdValue it = ad_rt_getiter(t, iterable);
    if (AD_IS_NULL(it)) goto fail;
    ad_gc_push_root(t, it);
    for (;;) {
        AdValue v;
        int rc = ad_iter_fast_next(t, it, &v);
        if (rc == -2) rc = ad_rt_next(t, it, &v);
        if (rc < 0) goto fail;
        if (rc == 0) break;
        if (!ad_list_append(t, l, v)) goto fail;
    }
    ad_gc_root_restore(t, mark);
    return true;
fail:
    ad_gc_root_restore(t, mark);
    return false;
}

AdValue ad_sequence_to_list(AdThread *t, AdValue iterable) {
    AdVM *vm = t->vm;
    if (ad_is_type(iterable, vm->type_list)) {
        AdList *src = AD_AS(AdList, iterable);
        AdList *l = ad_list_from_array(t, src->items, src->len);
        return l ? ad_obj(l) : AD_NULLV;
    }
    AdList *l = ad_list_new(t, 0);
    if (!l) return AD_NULLV;
    int mark = ad_gc_root_mark(t);
    ad_gc_push_obj(t, l);
    bool ok = ad_list_extend(t, l, iterable);
    ad_gc_root_restore(t, mark);
    return ok ? ad_obj(l) : AD_NULLV;
}

/* ---- dunders --------------------------------------------------------------------------- */

static bool check_self(AdThread *t, AdValue *args, int nargs, const char *meth) {
    if (nargs >= 1 && args[0].tag == AD_TAG_OBJ &&
        (args[0].as.o->type == t->vm->type_list ||
         ad_type_is_subtype(args[0].as.o->type, t->vm->type_list)))
        return true;
    if (nargs < 1)
        return ad_err_raise(t, t->vm->exc_TypeError,
                            "descriptor '%s' of 'list' object needs an argument", meth);
    return ad_err_raise(t, t->vm->exc_TypeError,
                        "descriptor '%s' requires a 'list' object but received a '%T'", meth,
                        args[0]);
}
#define SELF(name)                                                                          \
    if (!check_self(t, args, nargs, name)) return AD_NULLV;                                  \
    AdList *self = AD_AS(AdList, args[0])
#define ARGS(name, min, max)                                                                \
    if (!ad_args_check(t, name, nargs - 1, kwnames, min, max)) return AD_NULLV

static bool is_list(AdThread *t, AdValue v) {
    return v.tag == AD_TAG_OBJ && (v.as.o->type == t->vm->type_list ||
                                   ad_type_is_subtype(v.as.o->type, t->vm->type_list));
}

static AdValue list_new(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    (void)nargs;
    (void)kwnames;
    AdVM *vm = t->vm;
    AdValue cls = args[0];
    if (!ad_is_instance_of(t, cls, vm->type_type) ||
        !ad_type_is_subtype(AD_AS(AdType, cls), vm->type_list))
        return ad_err_raise_v(t, vm->exc_TypeError, "list.__new__(X): X is not a subtype of list");
    AdList *l = alloc_list(t, AD_AS(AdType, cls), 0);
    return l ? ad_obj(l) : AD_NULLV;
}

static AdValue list_init(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    SELF("__init__");
    ARGS("list", 0, 1);
    if (self->len) list_clear_items(t, self);
    if (nargs > 1 && !ad_list_extend(t, self, args[1])) return AD_NULLV;
    return AD_NONE;
}

static AdValue list_repr(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    (void)kwnames;
    SELF("__repr__");
    return ad_seq_repr(t, self, "[", "]", &self->items, &self->len, false);
}

static AdValue list_len(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    (void)kwnames;
    SELF("__len__");
    return ad_small_int((int64_t)self->len);
}

static AdValue list_slice(AdThread *t, AdList *self, int64_t start, int64_t step, int64_t n) {
    AdList *r = alloc_list(t, t->vm->type_list, (size_t)n);
    if (!r) return AD_NULLV;
    if (step == 1) {
        if (n) memcpy(r->items, self->items + start, (size_t)n * sizeof(AdValue));
    } else {
        for (int64_t i = 0, j = start; i < n; i++, j += step) r->items[i] = self->items[j];
    }
    r->len = (size_t)n;
    return ad_obj(r);
}

static AdValue list_getitem(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    (void)kwnames;
    SELF("__getitem__");
    if (nargs != 2) return ad_err_raise_v(t, t->vm->exc_TypeError,
                                          "expected 1 argument, got %d", nargs - 1);
    int64_t i;
    int kind = ad_seq_key(t, args[1], &i, "list");
    if (kind < 0) return AD_NULLV;
    if (kind == 1) {
        if (!ad_seq_item_index(t, &i, self->len, "list index out of range")) return AD_NULLV;
        return self->items[i];
    }
    int64_t start, stop, step, n;
    if (!ad_slice_indices(t, AD_AS(AdSlice, args[1]), (int64_t)self->len, &start, &stop, &step, &n))
        return AD_NULLV;
    return list_slice(t, self, start, step, n);
}

/* self[lo:hi] = items[0..n) (n may differ from hi - lo). `items` must not alias self's. */
static bool replace_range(AdThread *t, AdList *self, size_t lo, size_t hi, const AdValue *items,
                          size_t n) {
    size_t old = hi - lo;
    if (n > old) {
        if (!list_reserve(t, self, self->len + (n - old))) return false;
    }
    memmove(self->items + lo + n, self->items + hi, (self->len - hi) * sizeof(AdValue));
    if (n) memcpy(self->items + lo, items, n * sizeof(AdValue));
    self->len = self->len - old + n;
    if (n < old) list_shrink(t, self);
    return true;
}

/* A list or tuple holding the items of `v` (for slice assignment): v itself when that is
 * safe, else a fresh list. The result is rooted. */
static AdValue as_sequence(AdThread *t, AdList *self, AdValue v, const char *errmsg) {
    AdVM *vm = t->vm;
    AdValue seq;
    if ((ad_is_type(v, vm->type_list) || ad_is_type(v, vm->type_tuple)) &&
        AD_AS_OBJ(v) != &self->obj) {
        seq = v;
    } else {
        seq = ad_sequence_to_list(t, v);
        if (AD_IS_NULL(seq)) {
            if (ad_err_matches(t, vm->exc_TypeError) && errmsg &&
                AD_IS_NULL(ad_type_lookup(ad_type_of(t, v), vm->name.iter)) &&
                AD_IS_NULL(ad_type_lookup(ad_type_of(t, v), vm->name.getitem))) {
                ad_err_clear(t);
                ad_err_raise(t, vm->exc_TypeError, "%s", errmsg);
            }
            return AD_NULLV;
        }
    }
    ad_gc_push_root(t, seq);
    return seq;
}

static void seq_items(AdThread *t, AdValue seq, AdValue **items, size_t *n) {
    if (ad_is_type(seq, t->vm->type_tuple)) {
        *items = AD_AS(AdTuple, seq)->items;
        *n = AD_AS(AdTuple, seq)->len;
    } else {
        *items = AD_AS(AdList, seq)->items;
        *n = AD_AS(AdList, seq)->len;
    }
}

static bool assign_slice(AdThread *t, AdList *self, AdSlice *slice, AdValue v) {
    AdVM *vm = t->vm;
    int64_t start, stop, step, n;
    if (!ad_slice_indices(t, slice, (int64_t)self->len, &start, &stop, &step, &n)) return false;
    if (step == 1) {
        AdValue seq = as_sequence(t, self, v, "can only assign an iterable");
        if (AD_IS_NULL(seq)) return false;
        /* The conversion may have run script code that changed self: clamp again. */
        if (!ad_slice_indices(t, slice, (int64_t)self->len, &start, &stop, &step, &n))
            return false;
        if (stop < start) stop = start;
        AdValue *items;
        size_t count;
        seq_items(t, seq, &items, &count);
        return replace_range(t, self, (size_t)start, (size_t)stop, items, count);
    }
    AdValue seq = as_sequence(t, self, v, "must assign iterable to extended slice");
    if (AD_IS_NULL(seq)) return false;
    if (!ad_slice_indices(t, slice, (int64_t)self->len, &start, &stop, &step, &n)) return false;
    AdValue *items;
    size_t count;
    seq_items(t, seq, &items, &count);
    if ((int64_t)count != n)
        return ad_err_raise(t, vm->exc_ValueError,
                            "attempt to assign sequence of size %zu to extended slice of size %zu",
                            count, (size_t)n);
    for (int64_t i = 0, j = start; i < n; i++, j += step) self->items[j] = items[i];
    return true;
}

static bool delete_slice(AdThread *t, AdList *self, AdSlice *slice) {
    int64_t start, stop, step, n;
    if (!ad_slice_indices(t, slice, (int64_t)self->len, &start, &stop, &step, &n)) return false;
    if (n <= 0) return true;
    if (step == 1) return replace_range(t, self, (size_t)start, (size_t)stop, NULL, 0);
    self->len = ad_seq_delete_stepped(self->items, sizeof(AdValue), self->len, start, step, n);
    list_shrink(t, self);
    return true;
}

/* self[key] = v, or del self[key] when v is AD_NULLV (CPython's list_ass_subscript). */
static bool store_subscript(AdThread *t, AdList *self, AdValue key, AdValue v) {
    int64_t i;
    int kind = ad_seq_key(t, key, &i, "list");
    if (kind < 0) return false;
    if (kind == 2) {
        AdSlice *slice = AD_AS(AdSlice, key);
        return AD_IS_NULL(v) ? delete_slice(t, self, slice) : assign_slice(t, self, slice, v);
    }
    if (!ad_seq_item_index(t, &i, self->len, "list assignment index out of range")) return false;
    if (AD_IS_NULL(v)) return replace_range(t, self, (size_t)i, (size_t)i + 1, NULL, 0);
    self->items[i] = v;
    return true;
}

static AdValue list_setitem(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    (void)kwnames;
    SELF("__setitem__");
    if (nargs != 3) return ad_err_raise_v(t, t->vm->exc_TypeError,
                                          "expected 2 arguments, got %d", nargs - 1);
    return store_subscript(t, self, args[1], args[2]) ? AD_NONE : AD_NULLV;
}

static AdValue list_delitem(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    (void)kwnames;
    SELF("__delitem__");
    if (nargs != 2) return ad_err_raise_v(t, t->vm->exc_TypeError,
                                          "expected 1 argument, got %d", nargs - 1);
    return store_subscript(t, self, args[1], AD_NULLV) ? AD_NONE : AD_NULLV;
}

static AdValue list_contains(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    (void)kwnames;
    SELF("__contains__");
    if (nargs != 2) return ad_err_raise_v(t, t->vm->exc_TypeError,
                                          "expected 1 argument, got %d", nargs - 1);
    int64_t i = ad_seq_find(t, &self->items, &self->len, args[1], 0, INT64_MAX);
    return i == -2 ? AD_NULLV : ad_bool(i >= 0);
}

static AdValue list_iter(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    (void)kwnames;
    SELF("__iter__");
    return ad_list_iter_new(t, self);
}

static AdValue list_reversed(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    (void)kwnames;
    SELF("__reversed__");
    AdListRevIter *it = ad_gc_alloc(t, t->vm->type_list_reverseiterator, sizeof(AdListRevIter));
    if (!it) return AD_NULLV;
    it->list = self;
    it->index = (int64_t)self->len - 1;
    return ad_obj(it);
}

static AdValue list_compare(AdThread *t, AdValue *args, int nargs, int op) {
    AdVM *vm = t->vm;
    if (nargs != 2) return ad_err_raise_v(t, vm->exc_TypeError, "expected 1 argument, got %d",
                                          nargs - 1);
    if (!is_list(t, args[0]) || !is_list(t, args[1])) return vm->not_implemented;
    AdList *a = AD_AS(AdList, args[0]), *b = AD_AS(AdList, args[1]);
    return ad_seq_compare(t, op, &a->items, &a->len, &b->items, &b->len, true);
}
AD_RICHCMP_FNS(list, list_compare)

static AdValue list_add(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    (void)kwnames;
    SELF("__add__");
    AdVM *vm = t->vm;
    if (nargs != 2) return ad_err_raise_v(t, vm->exc_TypeError, "expected 1 argument, got %d",
                                          nargs - 1);
    if (!is_list(t, args[1])) {
        if (ad_seq_defers_to(t, args[1], AD_BINOP_ADD))
            return vm->not_implemented;
        return ad_err_raise_v(t, vm->exc_TypeError,
                              "can only concatenate list (not \"%T\") to list", args[1]);
    }
    AdList *b = AD_AS(AdList, args[1]);
    AdList *r = alloc_list(t, vm->type_list, self->len + b->len);
    if (!r) return AD_NULLV;
    if (self->len) memcpy(r->items, self->items, self->len * sizeof(AdValue));
    if (b->len) memcpy(r->items + self->len, b->items, b->len * sizeof(AdValue));
    r->len = self->len + b->len;
    return ad_obj(r);
}

static AdValue list_iadd(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    (void)kwnames;
    SELF("__iadd__");
    if (nargs != 2) return ad_err_raise_v(t, t->vm->exc_TypeError,
                                          "expected 1 argument, got %d", nargs - 1);
    if (!ad_list_extend(t, self, args[1])) return AD_NULLV;
    return args[0];
}

static AdValue list_mul(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    (void)kwnames;
    SELF("__mul__");
    if (nargs != 2) return ad_err_raise_v(t, t->vm->exc_TypeError,
                                          "expected 1 argument, got %d", nargs - 1);
    int64_t n;
    int rc = ad_seq_repeat_count(t, args[1], &n);
    if (rc < 0) return AD_NULLV;
    if (rc == 0) return t->vm->not_implemented;
    if (self->len && (uint64_t)n > SIZE_MAX / sizeof(AdValue) / 2 / self->len)
        return ad_err_nomemory(t), AD_NULLV;
    size_t total = self->len * (size_t)n;
    AdList *r = alloc_list(t, t->vm->type_list, total);
    if (!r) return AD_NULLV;
    ad_seq_repeat_into(r->items, self->items, self->len, (size_t)n);
    r->len = total;
    return ad_obj(r);
}

static AdValue list_imul(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    (void)kwnames;
    SELF("__imul__");
    if (nargs != 2) return ad_err_raise_v(t, t->vm->exc_TypeError,
                                          "expected 1 argument, got %d", nargs - 1);
    int64_t n;
    int rc = ad_seq_repeat_count(t, args[1], &n);
    if (rc < 0) return AD_NULLV;
    if (rc == 0) return t->vm->not_implemented;
    if (n <= 0 || self->len == 0) {
        list_clear_items(t, self);
        return args[0];
    }
    if ((uint64_t)n > SIZE_MAX / sizeof(AdValue) / 2 / self->len)
        return ad_err_nomemory(t), AD_NULLV;
    size_t len = self->len, total = len * (size_t)n;
    if (!list_reserve(t, self, total)) return AD_NULLV;
    for (size_t k = 1; k < (size_t)n; k++)
        memcpy(self->items + k * len, self->items, len * sizeof(AdValue));
    self->len = total;
    return args[0];
}

/* ---- methods --------------------------------------------------------------------------- */

static AdValue list_append(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    SELF("append");
    if (nargs != 2 || kwnames) {
        ARGS("append", 1, 1);
    }
    return ad_list_append(t, self, args[1]) ? AD_NONE : AD_NULLV;
}

static AdValue list_extend_m(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    SELF("extend");
    ARGS("extend", 1, 1);
    return ad_list_extend(t, self, args[1]) ? AD_NONE : AD_NULLV;
}

static AdValue list_insert(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    SELF("insert");
    ARGS("insert", 2, 2);
    int64_t i;
    if (!ad_rt_index(t, args[1], &i)) return AD_NULLV;
    int64_t len = (int64_t)self->len;
    if (i < 0) {
        i += len;
        if (i < 0) i = 0;
    }
    if (i > len) i = len;
    if (!list_reserve(t, self, self->len + 1)) return AD_NULLV;
    memmove(self->items + i + 1, self->items + i, (size_t)(len - i) * sizeof(AdValue));
    self->items[i] = args[2];
    self->len++;
    return AD_NONE;
}

static AdValue list_pop(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    SELF("pop");
    ARGS("pop", 0, 1);
    if (self->len == 0) return ad_err_raise_v(t, t->vm->exc_IndexError, "pop from empty list");
    int64_t len = (int64_t)self->len, i = len - 1;
    if (nargs > 1) {
        if (!ad_rt_index(t, args[1], &i)) return AD_NULLV;
        if (!ad_seq_item_index(t, &i, self->len, "pop index out of range")) return AD_NULLV;
    }
    AdValue v = self->items[i];
    if (i == len - 1) {
        self->len--;
        list_shrink(t, self);
        return v;
    }
    memmove(self->items + i, self->items + i + 1, (size_t)(len - i - 1) * sizeof(AdValue));
    self->len--;
    /* v is no longer in the list: keep it alive across the (non-allocating) shrink anyway. */
    list_shrink(t, self);
    return v;
}

static AdValue list_remove(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    SELF("remove");
    ARGS("remove", 1, 1);
    int64_t i = ad_seq_find(t, &self->items, &self->len, args[1], 0, INT64_MAX);
    if (i == -2) return AD_NULLV;
    if (i < 0) return ad_err_raise_v(t, t->vm->exc_ValueError, "list.remove(x): x not in list");
    return replace_range(t, self, (size_t)i, (size_t)i + 1, NULL, 0) ? AD_NONE : AD_NULLV;
}

static AdValue list_index(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    SELF("index");
    ARGS("index", 1, 3);
    int64_t start, stop;
    if (!ad_seq_index_bounds(t, args, nargs, (int64_t)self->len, &start, &stop)) return AD_NULLV;
    int64_t i = ad_seq_find(t, &self->items, &self->len, args[1], start, stop);
    if (i == -2) return AD_NULLV;
    if (i < 0) return ad_err_raise_v(t, t->vm->exc_ValueError, "%R is not in list", args[1]);
    return ad_small_int(i);
}

static AdValue list_count(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    SELF("count");
    ARGS("count", 1, 1);
    int64_t n = ad_seq_count(t, &self->items, &self->len, args[1]);
    return n < 0 ? AD_NULLV : ad_small_int(n);
}

static AdValue list_reverse(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    SELF("reverse");
    ARGS("reverse", 0, 0);
    if (self->len > 1) {
        AdValue *lo = self->items, *hi = self->items + self->len - 1;
        for (; lo < hi; lo++, hi--) {
            AdValue tmp = *lo;
            *lo = *hi;
            *hi = tmp;
        }
    }
    return AD_NONE;
}

static AdValue list_copy(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    SELF("copy");
    ARGS("copy", 0, 0);
    AdList *r = ad_list_from_array(t, self->items, self->len);
    return r ? ad_obj(r) : AD_NULLV;
}

static AdValue list_clear(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    SELF("clear");
    ARGS("clear", 0, 0);
    list_clear_items(t, self);
    return AD_NONE;
}

static AdValue list_sort_m(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    SELF("sort");
    if (nargs > 1)
        return ad_err_raise_v(t, t->vm->exc_TypeError, "sort() takes no positional arguments");
    static const char *const names[] = {"key", "reverse"};
    AdValue opts[2];
    if (!ad_args_parse(t, "sort", args + 1, 0, kwnames, names, 2, 0, 0, opts)) return AD_NULLV;
    AdValue key = AD_IS_NULL(opts[0]) ? AD_NONE : opts[0];
    bool reverse = false;
    if (!AD_IS_NULL(opts[1])) {
        int r = ad_rt_truthy(t, opts[1]);
        if (r < 0) return AD_NULLV;
        reverse = r;
    }
    return ad_list_sort(t, self, key, reverse) ? AD_NONE : AD_NULLV;
}

static AdValue list_sizeof(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    SELF("__sizeof__");
    ARGS("__sizeof__", 0, 0);
    return ad_small_int((int64_t)(40 + self->cap * 8));
}

static const AdMethodDef list_methods[] = {
    {"__new__", list_new, AD_METH_STATIC, NULL, NULL},
    {"__init__", list_init, AD_METH_INSTANCE, NULL, NULL},
    {"__repr__", list_repr, AD_METH_INSTANCE, NULL, NULL},
    {"__len__", list_len, AD_METH_INSTANCE, NULL, NULL},
    {"__getitem__", list_getitem, AD_METH_INSTANCE, NULL, NULL},
    {"__setitem__", list_setitem, AD_METH_INSTANCE, NULL, NULL},
    {"__delitem__", list_delitem, AD_METH_INSTANCE, NULL, NULL},
    {"__contains__", list_contains, AD_METH_INSTANCE, NULL, NULL},
    {"__iter__", list_iter, AD_METH_INSTANCE, NULL, NULL},
    {"__reversed__", list_reversed, AD_METH_INSTANCE, NULL, NULL},
    AD_RICHCMP_METHODS(list),
    {"__add__", list_add, AD_METH_INSTANCE, NULL, NULL},
    {"__iadd__", list_iadd, AD_METH_INSTANCE, NULL, NULL},
    {"__mul__", list_mul, AD_METH_INSTANCE, NULL, NULL},
    {"__rmul__", list_mul, AD_METH_INSTANCE, NULL, NULL},
    {"__imul__", list_imul, AD_METH_INSTANCE, NULL, NULL},
    {"__sizeof__", list_sizeof, AD_METH_INSTANCE, NULL, NULL},
    {"append", list_append, AD_METH_INSTANCE, NULL, NULL},
    {"extend", list_extend_m, AD_METH_INSTANCE, NULL, NULL},
    {"insert", list_insert, AD_METH_INSTANCE, NULL, NULL},
    {"pop", list_pop, AD_METH_INSTANCE, NULL, NULL},
    {"remove", list_remove, AD_METH_INSTANCE, NULL, NULL},
    {"index", list_index, AD_METH_INSTANCE, NULL, NULL},
    {"count", list_count, AD_METH_INSTANCE, NULL, NULL},
    {"reverse", list_reverse, AD_METH_INSTANCE, NULL, NULL},
    {"sort", list_sort_m, AD_METH_INSTANCE, NULL, NULL},
    {"copy", list_copy, AD_METH_INSTANCE, NULL, NULL},
    {"clear", list_clear, AD_METH_INSTANCE, NULL, NULL},
    {"__class_getitem__", ad_class_getitem_self, AD_METH_CLASS, NULL, NULL},
    {NULL, NULL, 0, NULL, NULL},
};

static void list_trace(AdGC *gc, AdObj *o) {
    AdList *l = (AdList *)o;
    ad_gc_mark_values(gc, l->items, l->len);
}

static void list_finalize(AdVM *vm, AdObj *o) {
    AdList *l = (AdList *)o;
    ad_mem_free(vm, l->items, l->cap * sizeof(AdValue));
    l->items = NULL;
    l->len = l->cap = 0;
}

/* ---- iterators ------------------------------------------------------------------------- */

AdValue ad_list_iter_new(AdThread *t, AdList *l) {
    AdListIter *it = ad_gc_alloc(t, t->vm->type_list_iterator, sizeof(AdListIter));
    if (!it) return AD_NULLV;
    it->list = l;
    return ad_obj(it);
}

int ad_list_iter_next(AdThread *t, AdObj *o, AdValue *out) {
    (void)t;
    AdListIter *it = (AdListIter *)o;
    AdList *l = it->list;
    if (!l) return 0;
    if (it->index < l->len) {
        *out = l->items[it->index++];
        return 1;
    }
    it->list = NULL;
    return 0;
}

int ad_list_reviter_next(AdThread *t, AdObj *o, AdValue *out) {
    (void)t;
    AdListRevIter *it = (AdListRevIter *)o;
    AdList *l = it->list;
    if (!l) return 0;
    if (it->index >= 0 && it->index < (int64_t)l->len) {
        *out = l->items[it->index--];
        return 1;
    }
    it->index = -1;
    it->list = NULL;
    return 0;
}

AD_ITER_NEXT_FN(listiter_next, type_list_iterator, ad_list_iter_next)

static AdValue listiter_length_hint(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    (void)t;
    (void)nargs;
    (void)kwnames;
    AdListIter *it = AD_AS(AdListIter, args[0]);
    if (!it->list || it->index >= it->list->len) return ad_small_int(0);
    return ad_iter_hint((int64_t)(it->list->len - it->index));
}

AD_ITER_NEXT_FN(listreviter_next, type_list_reverseiterator, ad_list_reviter_next)

static AdValue listreviter_length_hint(AdThread *t, AdValue *args, int nargs,
                                       AdTuple *kwnames) {
    (void)t;
    (void)nargs;
    (void)kwnames;
    AdListRevIter *it = AD_AS(AdListRevIter, args[0]);
    if (!it->list || it->index >= (int64_t)it->list->len) return ad_small_int(0);
    return ad_iter_hint(it->index + 1);
}

static const AdMethodDef listiter_methods[] = {
    {"__iter__", ad_iter_self, AD_METH_INSTANCE, NULL, NULL},
    {"__next__", listiter_next, AD_METH_INSTANCE, NULL, NULL},
    {"__length_hint__", listiter_length_hint, AD_METH_INSTANCE, NULL, NULL},
    {NULL, NULL, 0, NULL, NULL},
};

static const AdMethodDef listreviter_methods[] = {
    {"__iter__", ad_iter_self, AD_METH_INSTANCE, NULL, NULL},
    {"__next__", listreviter_next, AD_METH_INSTANCE, NULL, NULL},
    {"__length_hint__", listreviter_length_hint, AD_METH_INSTANCE, NULL, NULL},
    {NULL, NULL, 0, NULL, NULL},
};

static void listiter_trace(AdGC *gc, AdObj *o) {
    ad_gc_mark_obj(gc, ((AdListIter *)o)->list);
}

static void listreviter_trace(AdGC *gc, AdObj *o) {
    ad_gc_mark_obj(gc, ((AdListRevIter *)o)->list);
}

bool ad_list_setup(AdThread *t) {
    AdVM *vm = t->vm;
    if (!ad_type_init_builtin(t, vm->type_list, "list", vm->type_object, sizeof(AdList),
                              list_trace, list_finalize, list_methods, AD_TPFLAG_BASETYPE))
        return false;
    if (!ad_dict_set_str(t, vm->type_list->dict, vm->name.hash, AD_NONE)) return false;
    if (!ad_type_init_builtin(t, vm->type_list_iterator, "list_iterator", vm->type_object,
                              sizeof(AdListIter), listiter_trace, NULL, listiter_methods, 0))
        return false;
    return ad_type_init_builtin(t, vm->type_list_reverseiterator, "list_reverseiterator",
                                vm->type_object, sizeof(AdListRevIter), listreviter_trace, NULL,
                                listreviter_methods, 0);
}
