/*
 * obj_iter.c - the generic iterator types (enumerate, zip, map, filter, reversed),
 * ad_iter_fast_next, the dispatcher that steps any built-in iterator without a method call,
 * and the trivial natives all container types share (iter.h).
 *
 * Each next function follows the 1 / 0 / -1 contract of iter.h: "exhausted" is not an
 * exception on this path (only the __next__ dunders turn it into StopIteration), so a for
 * loop over built-ins allocates no exception objects. Partial results (a zip tuple being
 * filled, map's argument tuple) live in rooted tuples, never only in C locals.
 */
#include <stdio.h>
#include <string.h>

#include "core.h"
#include "iter.h"

static int step_iter(AdThread *t, AdValue it, AdValue *out) {
    int rc = ad_iter_fast_next(t, it, out);
    return rc == -2 ? ad_rt_next(t, it, out) : rc;
}

AdValue ad_iter_next_dunder(AdThread *t, int rc, AdValue item) {
    if (rc > 0) return item;
    if (rc == 0) ad_err_raise_obj(t, ad_obj(t->vm->exc_StopIteration));
    return AD_NULLV;
}

AdValue ad_iter_step_dunder(AdThread *t, AdValue self, AdType *type,
                            int (*step)(AdThread *, AdObj *, AdValue *)) {
    if (!ad_is_type(self, type))
        return ad_err_raise_v(t, t->vm->exc_TypeError, "expected a %s", ad_type_name(type));
    AdValue item = AD_NULLV;
    return ad_iter_next_dunder(t, step(t, AD_AS_OBJ(self), &item), item);
}

AdValue ad_iter_self(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    (void)t;
    (void)nargs;
    (void)kwnames;
    return args[0];
}

/* __class_getitem__ of the container types. `list[int]` itself never gets here (runtime.c
 * makes the GenericAlias); an explicit call or a subclass gets the class back. */
AdValue ad_class_getitem_self(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    (void)t;
    (void)nargs;
    (void)kwnames;
    return args[0];
}

/* An instance of `cls` (one of ours or a subclass) of C layout `size`. */
static void *alloc_of(AdThread *t, AdValue cls, AdType *base, size_t size) {
    AdVM *vm = t->vm;
    if (!ad_is_instance_of(t, cls, vm->type_type) || !ad_type_is_subtype(AD_AS(AdType, cls), base))
        return ad_err_raise_p(t, vm->exc_TypeError, "%s.__new__(X): X is not a subtype of %s",
                              ad_type_name(base), ad_type_name(base));
    AdType *type = AD_AS(AdType, cls);
    return ad_gc_alloc(t, type, type == base ? size : type->instance_size);
}

static bool is_instance(AdThread *t, AdValue v, AdType *type) {
    (void)t;
    return v.tag == AD_TAG_OBJ && (v.as.o->type == type || ad_type_is_subtype(v.as.o->type, type));
}

/* ---- enumerate ------------------------------------------------------------------------- */

static AdValue enumerate_new(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    static const char *const names[] = {"iterable", "start"};
    AdValue a[2];
    if (!ad_args_parse(t, "enumerate", args + 1, nargs - 1, kwnames, names, 2, 2, 1, a))
        return AD_NULLV;
    AdValue start = ad_small_int(0);
    if (!AD_IS_NULL(a[1])) {
        start = ad_rt_index_value(t, a[1]);
        if (AD_IS_NULL(start)) return AD_NULLV;
        ad_gc_push_root(t, start);
    }
    AdValue it = ad_rt_getiter(t, a[0]);
    if (AD_IS_NULL(it)) return AD_NULLV;
    ad_gc_push_root(t, it);
    AdEnumerate *e = alloc_of(t, args[0], t->vm->type_enumerate, sizeof(AdEnumerate));
    if (!e) return AD_NULLV;
    e->iter = it;
    e->count = start.tag == AD_TAG_BOOL ? ad_small_int(start.as.i) : start;
    return ad_obj(e);
}

static int enumerate_next(AdThread *t, AdObj *o, AdValue *out) {
    AdEnumerate *e = (AdEnumerate *)o;
    AdValue item;
    int rc = step_iter(t, e->iter, &item);
    if (rc <= 0) return rc;
    int mark = ad_gc_root_mark(t);
    ad_gc_push_root(t, item);
    AdTuple *pair = ad_tuple_new(t, 2);
    if (!pair) goto fail;
    pair->items[0] = e->count;
    pair->items[1] = item;
    if (e->count.tag == AD_TAG_INT && e->count.as.i < INT64_MAX) {
        e->count.as.i++;
    } else {
        ad_gc_push_obj(t, pair);
        AdValue next = ad_rt_binop(t, AD_BINOP_ADD, e->count, ad_small_int(1));
        if (AD_IS_NULL(next)) goto fail;
        e->count = next;
    }
    ad_gc_root_restore(t, mark);
    *out = ad_obj(pair);
    return 1;
fail:
    ad_gc_root_restore(t, mark);
    return -1;
}

static AdValue enumerate_next_m(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    (void)nargs;
    (void)kwnames;
    if (!is_instance(t, args[0], t->vm->type_enumerate))
        return ad_err_raise_v(t, t->vm->exc_TypeError, "expected an enumerate object");
    AdValue item = AD_NULLV;
    return ad_iter_next_dunder(t, enumerate_next(t, AD_AS_OBJ(args[0]), &item), item);
}

static void enumerate_trace(AdGC *gc, AdObj *o) {
    AdEnumerate *e = (AdEnumerate *)o;
    ad_gc_mark_value(gc, e->iter);
    ad_gc_mark_value(gc, e->count);
}

static const AdMethodDef enumerate_methods[] = {
    {"__new__", enumerate_new, AD_METH_STATIC, NULL, NULL},
    {"__iter__", ad_iter_self, AD_METH_INSTANCE, NULL, NULL},
    {"__next__", enumerate_next_m, AD_METH_INSTANCE, NULL, NULL},
    {"__class_getitem__", ad_class_getitem_self, AD_METH_CLASS, NULL, NULL},
    {NULL, NULL, 0, NULL, NULL},
};

/* ---- zip ------------------------------------------------------------------------------- */

/* A tuple of iter(x) for each of args[0..n). The result is rooted. */
static AdTuple *iterators_of(AdThread *t, AdValue *args, int n) {
    AdTuple *iters = ad_tuple_new(t, (size_t)n);
    if (!iters) return NULL;
    ad_gc_push_obj(t, iters);
    for (int i = 0; i < n; i++) {
        AdValue it = ad_rt_getiter(t, args[i]);
        if (AD_IS_NULL(it)) return NULL;
        iters->items[i] = it;
    }
    return iters;
}

static AdValue zip_new(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    AdVM *vm = t->vm;
    bool strict = false;
    if (kwnames) {
        for (size_t i = 0; i < kwnames->len; i++) {
            AdStr *name = AD_AS(AdStr, kwnames->items[i]);
            if (!ad_str_eq_cstr(name, "strict"))
                return ad_err_raise_v(t, vm->exc_TypeError,
                                      "zip() got an unexpected keyword argument '%s'", name->data);
            int r = ad_rt_truthy(t, args[nargs + i]);
            if (r < 0) return AD_NULLV;
            strict = r;
        }
    }
    AdTuple *iters = iterators_of(t, args + 1, nargs - 1);
    if (!iters) return AD_NULLV;
    AdZip *z = alloc_of(t, args[0], vm->type_zip, sizeof(AdZip));
    if (!z) return AD_NULLV;
    z->iters = iters;
    z->strict = strict;
    return ad_obj(z);
}

static int zip_strict_error(AdThread *t, AdZip *z, size_t i) {
    AdVM *vm = t->vm;
    if (i > 0) {
        ad_err_raise(t, vm->exc_ValueError, "zip() argument %zu is shorter than argument%s%zu",
                     i + 1, i == 1 ? " " : "s 1-", i);
        return -1;
    }
    for (i = 1; i < z->iters->len; i++) {
        AdValue item;
        int rc = step_iter(t, z->iters->items[i], &item);
        if (rc < 0) return -1;
        if (rc > 0) {
            ad_err_raise(t, vm->exc_ValueError, "zip() argument %zu is longer than argument%s%zu",
                         i + 1, i == 1 ? " " : "s 1-", i);
            return -1;
        }
    }
    return 0;
}

static int zip_next(AdThread *t, AdObj *o, AdValue *out) {
    AdZip *z = (AdZip *)o;
    if (!z->iters || z->iters->len == 0) return 0;
    size_t n = z->iters->len;
    int mark = ad_gc_root_mark(t);
    AdTuple *result = ad_tuple_new(t, n);
    if (!result) return -1;
    ad_gc_push_obj(t, result);
    for (size_t i = 0; i < n; i++) {
        AdValue item;
        int rc = step_iter(t, z->iters->items[i], &item);
        if (rc < 0) goto fail;
        if (rc == 0) {
            int r = z->strict ? zip_strict_error(t, z, i) : 0;
            z->iters = NULL;
            ad_gc_root_restore(t, mark);
            return r;
        }
        result->items[i] = item;
    }
    ad_gc_root_restore(t, mark);
    *out = ad_obj(result);
    return 1;
fail:
    ad_gc_root_restore(t, mark);
    return -1;
}

static AdValue zip_next_m(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    (void)nargs;
    (void)kwnames;
    if (!is_instance(t, args[0], t->vm->type_zip))
        return ad_err_raise_v(t, t->vm->exc_TypeError, "expected a zip object");
    AdValue item = AD_NULLV;
    return ad_iter_next_dunder(t, zip_next(t, AD_AS_OBJ(args[0]), &item), item);
}

static void zip_trace(AdGC *gc, AdObj *o) {
    ad_gc_mark_obj(gc, ((AdZip *)o)->iters);
}

static const AdMethodDef zip_methods[] = {
    {"__new__", zip_new, AD_METH_STATIC, NULL, NULL},
    {"__iter__", ad_iter_self, AD_METH_INSTANCE, NULL, NULL},
    {"__next__", zip_next_m, AD_METH_INSTANCE, NULL, NULL},
    {NULL, NULL, 0, NULL, NULL},
};

/* ---- map ------------------------------------------------------------------------------- */

static AdValue map_new(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    AdVM *vm = t->vm;
    if (kwnames && kwnames->len && ad_is(args[0], ad_obj(vm->type_map)))
        return ad_err_raise_v(t, vm->exc_TypeError, "map() takes no keyword arguments");
    if (nargs < 3)
        return ad_err_raise_v(t, vm->exc_TypeError, "map() must have at least two arguments.");
    AdTuple *iters = iterators_of(t, args + 2, nargs - 2);
    if (!iters) return AD_NULLV;
    AdMap *m = alloc_of(t, args[0], vm->type_map, sizeof(AdMap));
    if (!m) return AD_NULLV;
    m->func = args[1];
    m->iters = iters;
    return ad_obj(m);
}

static int map_next(AdThread *t, AdObj *o, AdValue *out) {
    AdMap *m = (AdMap *)o;
    size_t n = m->iters->len;
    int mark = ad_gc_root_mark(t);
    AdValue small[4];
    AdValue *argv = small;
    AdTuple *holder = NULL;
    if (n > 4) {
        holder = ad_tuple_new(t, n);
        if (!holder) return -1;
        ad_gc_push_obj(t, holder);
        argv = holder->items;
    }
    for (size_t i = 0; i < n; i++) {
        AdValue item;
        int rc = step_iter(t, m->iters->items[i], &item);
        if (rc <= 0) {
            ad_gc_root_restore(t, mark);
            return rc;
        }
        argv[i] = item;
        if (!holder) ad_gc_push_root(t, item);
    }
    AdValue r = ad_rt_call(t, m->func, argv, (int)n, NULL);
    ad_gc_root_restore(t, mark);
    if (AD_IS_NULL(r)) return -1;
    *out = r;
    return 1;
}

static AdValue map_next_m(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    (void)nargs;
    (void)kwnames;
    if (!is_instance(t, args[0], t->vm->type_map))
        return ad_err_raise_v(t, t->vm->exc_TypeError, "expected a map object");
    AdValue item = AD_NULLV;
    return ad_iter_next_dunder(t, map_next(t, AD_AS_OBJ(args[0]), &item), item);
}

static void map_trace(AdGC *gc, AdObj *o) {
    AdMap *m = (AdMap *)o;
    ad_gc_mark_value(gc, m->func);
    ad_gc_mark_obj(gc, m->iters);
}

static const AdMethodDef map_methods[] = {
    {"__new__", map_new, AD_METH_STATIC, NULL, NULL},
    {"__iter__", ad_iter_self, AD_METH_INSTANCE, NULL, NULL},
    {"__next__", map_next_m, AD_METH_INSTANCE, NULL, NULL},
    {NULL, NULL, 0, NULL, NULL},
};

/* ---- filter ---------------------------------------------------------------------------- */

static AdValue filter_new(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    AdVM *vm = t->vm;
    if (kwnames && kwnames->len && ad_is(args[0], ad_obj(vm->type_filter)))
        return ad_err_raise_v(t, vm->exc_TypeError, "filter() takes no keyword arguments");
    if (nargs != 3)
        return ad_err_raise_v(t, vm->exc_TypeError, "filter expected 2 arguments, got %d",
                              nargs - 1);
    AdValue it = ad_rt_getiter(t, args[2]);
    if (AD_IS_NULL(it)) return AD_NULLV;
    ad_gc_push_root(t, it);
    AdFilter *f = alloc_of(t, args[0], vm->type_filter, sizeof(AdFilter));
    if (!f) return AD_NULLV;
    f->func = args[1];
    f->iter = it;
    return ad_obj(f);
}

static int filter_next(AdThread *t, AdObj *o, AdValue *out) {
    AdFilter *f = (AdFilter *)o;
    int mark = ad_gc_root_mark(t);
    for (;;) {
        AdValue item;
        int rc = step_iter(t, f->iter, &item);
        if (rc <= 0) return rc;
        ad_gc_push_root(t, item);
        int ok;
        if (AD_IS_NONE(f->func) || ad_is(f->func, ad_obj(t->vm->type_bool))) {
            ok = ad_rt_truthy(t, item);
        } else {
            AdValue r = ad_rt_call1(t, f->func, item);
            if (AD_IS_NULL(r)) {
                ad_gc_root_restore(t, mark);
                return -1;
            }
            ok = ad_rt_truthy(t, r);
        }
        ad_gc_root_restore(t, mark);
        if (ok < 0) return -1;
        if (ok) {
            *out = item;
            return 1;
        }
    }
}

static AdValue filter_next_m(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    (void)nargs;
    (void)kwnames;
    if (!is_instance(t, args[0], t->vm->type_filter))
        return ad_err_raise_v(t, t->vm->exc_TypeError, "expected a filter object");
    AdValue item = AD_NULLV;
    return ad_iter_next_dunder(t, filter_next(t, AD_AS_OBJ(args[0]), &item), item);
}

static void filter_trace(AdGC *gc, AdObj *o) {
    AdFilter *f = (AdFilter *)o;
    ad_gc_mark_value(gc, f->func);
    ad_gc_mark_value(gc, f->iter);
}

static const AdMethodDef filter_methods[] = {
    {"__new__", filter_new, AD_METH_STATIC, NULL, NULL},
    {"__iter__", ad_iter_self, AD_METH_INSTANCE, NULL, NULL},
    {"__next__", filter_next_m, AD_METH_INSTANCE, NULL, NULL},
    {NULL, NULL, 0, NULL, NULL},
};

/* ---- reversed -------------------------------------------------------------------------- */

static AdValue reversed_new(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    AdVM *vm = t->vm;
    if (kwnames && kwnames->len && ad_is(args[0], ad_obj(vm->type_reversed)))
        return ad_err_raise_v(t, vm->exc_TypeError, "reversed() takes no keyword arguments");
    if (nargs != 2)
        return ad_err_raise_v(t, vm->exc_TypeError, "reversed expected 1 argument, got %d",
                              nargs - 1);
    AdValue seq = args[1];
    AdType *st = ad_type_of(t, seq);
    AdValue meth = ad_type_lookup(st, vm->name.reversed);
    if (AD_IS_NONE(meth))
        return ad_err_raise_v(t, vm->exc_TypeError, "'%s' object is not reversible",
                              ad_type_name(st));
    if (!AD_IS_NULL(meth)) return ad_rt_call_special(t, seq, vm->name.reversed, NULL, 0);
    if (AD_IS_NULL(ad_type_lookup(st, vm->name.getitem)) || ad_type_is_subtype(st, vm->type_dict) ||
        st == vm->type_dict)
        return ad_err_raise_v(t, vm->exc_TypeError, "'%s' object is not reversible",
                              ad_type_name(st));
    int64_t n = ad_rt_len(t, seq);
    if (n < 0) return AD_NULLV;
    AdReversed *r = alloc_of(t, args[0], vm->type_reversed, sizeof(AdReversed));
    if (!r) return AD_NULLV;
    r->seq = seq;
    r->index = n - 1;
    return ad_obj(r);
}

static int reversed_next(AdThread *t, AdObj *o, AdValue *out) {
    AdVM *vm = t->vm;
    AdReversed *r = (AdReversed *)o;
    if (r->index >= 0 && !AD_IS_NULL(r->seq)) {
        AdValue item = ad_rt_getitem(t, r->seq, ad_small_int(r->index));
        if (!AD_IS_NULL(item)) {
            r->index--;
            *out = item;
            return 1;
        }
        if (!ad_err_matches(t, vm->exc_IndexError) && !ad_err_matches(t, vm->exc_StopIteration))
            return -1;
        ad_err_clear(t);
    }
    r->index = -1;
    r->seq = AD_NULLV;
    return 0;
}

static AdValue reversed_next_m(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    (void)nargs;
    (void)kwnames;
    if (!is_instance(t, args[0], t->vm->type_reversed))
        return ad_err_raise_v(t, t->vm->exc_TypeError, "expected a reversed object");
    AdValue item = AD_NULLV;
    return ad_iter_next_dunder(t, reversed_next(t, AD_AS_OBJ(args[0]), &item), item);
}

static AdValue reversed_length_hint(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    (void)t;
    (void)nargs;
    (void)kwnames;
    AdReversed *r = AD_AS(AdReversed, args[0]);
    if (AD_IS_NULL(r->seq)) return ad_small_int(0);
    return ad_iter_hint(r->index + 1);
}

static void reversed_trace(AdGC *gc, AdObj *o) {
    ad_gc_mark_value(gc, ((AdReversed *)o)->seq);
}

static const AdMethodDef reversed_methods[] = {
    {"__new__", reversed_new, AD_METH_STATIC, NULL, NULL},
    {"__iter__", ad_iter_self, AD_METH_INSTANCE, NULL, NULL},
    {"__next__", reversed_next_m, AD_METH_INSTANCE, NULL, NULL},
    {"__length_hint__", reversed_length_hint, AD_METH_INSTANCE, NULL, NULL},
    {NULL, NULL, 0, NULL, NULL},
};

/* ---- dispatch -------------------------------------------------------------------------- */

int ad_iter_fast_next(AdThread *t, AdValue it, AdValue *out) {
    if (it.tag != AD_TAG_OBJ) return -2;
    AdObj *o = it.as.o;
    AdType *type = o->type;
    AdVM *vm = t->vm;
    if (type == vm->type_list_iterator) return ad_list_iter_next(t, o, out);
    if (type == vm->type_str_iterator) return ad_str_iter_next(t, o, out);
    if (type == vm->type_range_iterator) return ad_range_iter_next(t, o, out);
    if (type == vm->type_tuple_iterator) return ad_tuple_iter_next(t, o, out);
    if (type == vm->type_dict_keyiterator || type == vm->type_dict_valueiterator ||
        type == vm->type_dict_itemiterator)
        return ad_dict_iter_next(t, o, out);
    if (type == vm->type_set_iterator) return ad_set_iter_next(t, o, out);
    if (type == vm->type_enumerate) return enumerate_next(t, o, out);
    if (type == vm->type_zip) return zip_next(t, o, out);
    if (type == vm->type_map) return map_next(t, o, out);
    if (type == vm->type_filter) return filter_next(t, o, out);
    if (type == vm->type_list_reverseiterator) return ad_list_reviter_next(t, o, out);
    if (type == vm->type_reversed) return reversed_next(t, o, out);
    if (type == vm->type_bytes_iterator) return ad_bytes_iter_next(t, o, out);
    if (type == vm->type_longrange_iterator) return ad_longrange_iter_next(t, o, out);
    return -2;
}

bool ad_iter_setup(AdThread *t) {
    AdVM *vm = t->vm;
    struct {
        AdType *type;
        const char *name;
        size_t size;
        AdTraceFn trace;
        const AdMethodDef *methods;
    } const types[] = {
        {vm->type_enumerate, "enumerate", sizeof(AdEnumerate), enumerate_trace, enumerate_methods},
        {vm->type_zip, "zip", sizeof(AdZip), zip_trace, zip_methods},
        {vm->type_map, "map", sizeof(AdMap), map_trace, map_methods},
        {vm->type_filter, "filter", sizeof(AdFilter), filter_trace, filter_methods},
        {vm->type_reversed, "reversed", sizeof(AdReversed), reversed_trace, reversed_methods},
    };
    for (size_t i = 0; i < sizeof types / sizeof types[0]; i++) {
        if (!ad_type_init_builtin(t, types[i].type, types[i].name, vm->type_object, types[i].size,
                                  types[i].trace, NULL, types[i].methods, AD_TPFLAG_BASETYPE))
            return false;
    }
    return true;
}
