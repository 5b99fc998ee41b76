/*
 * obj_type.c - type objects: completing the builtin types, creating classes (metaclass
 * resolution, C3 MRO, instance layout, __slots__, __set_name__, __init_subclass__), lookup
 * through the MRO, and the methods of `type` itself (call, getattr, setattr, repr...).
 *
 * Layout invariant: an instance of a class is laid out as an instance of its `base` (the
 * solid base chain ends in a builtin type) followed by what the class adds: a __slots__
 * AdValue array and/or an instance dict pointer. Every class's (slots_offset, nslots)
 * covers all slot values of its instances in one run, so gc.c marks them in one call.
 * Subclasses of tuple, str and bytes get no instance dict: their items follow the header,
 * so nothing can be placed after them at a fixed offset.
 * object, None and friends are in obj_object.c; descriptors and super in descr.c; the
 * attribute algorithms for instances in runtime.c.
 */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "setup.h"
#include "typeobj.h"

/* ---- the type object's own memory ------------------------------------------------------ */

/* A direct-mapped cache of ad_type_lookup results (absent ones too), keyed by interned name:
 * interned strings never die, so a pointer compare is a safe hit test. ad_type_modified
 * clears it for the type and every subclass; rebinding a plain class attribute clears just
 * that name's entries (see ad_type_setattro). The entries are AdTypeCacheEntry
 * (typeobj.h), which the dispatch loop reads directly. A cache is made at the type's first
 * lookup, not with the type: most of the ~200 builtin types and exception classes are never
 * looked up in a short run, and 1.5 KB each was a third of the startup heap. Plain calloc
 * (lookup has no thread to charge it to, and failure only means no caching), freed in
 * type_finalize. */
#define LOOKUP_CACHE_SIZE AD_TYPE_CACHE_SIZE
typedef AdTypeCacheEntry LookupEntry;

/* A fresh tag; 0 (never a valid tag) for good once 2^32-1 have been used. */
static uint32_t next_version(AdVM *vm) {
    if (vm->type_version_last == UINT32_MAX)
        return 0;
    return ++vm->type_version_last;
}

static __attribute__((noinline)) LookupEntry *make_cache(AdType *type) {
    LookupEntry *c = calloc(LOOKUP_CACHE_SIZE, sizeof(LookupEntry));
    type->lookup_cache = c;
    return c;
}

static void type_trace(AdGC *gc, AdObj *o) {
    AdType *tp = (AdType *)o;
    ad_gc_mark_obj(gc, tp->name);
    ad_gc_mark_obj(gc, tp->qualname);
    ad_gc_mark_obj(gc, tp->module);
    ad_gc_mark_obj(gc, tp->bases);
    ad_gc_mark_obj(gc, tp->mro);
    ad_gc_mark_obj(gc, tp->base);
    ad_gc_mark_obj(gc, tp->dict);
    ad_gc_mark_value(gc, tp->doc);
    /* Cached values are in the dicts above; marking them too keeps a stale entry (a dict
     * changed behind ad_type_modified's back) from ever pointing at freed memory. */
    LookupEntry *c = tp->lookup_cache;
    if (c)
        for (int i = 0; i < LOOKUP_CACHE_SIZE; i++)
            ad_gc_mark_value(gc, c[i].value);
}

static void unlink_subclass(AdType *base, AdType *sub) {
    for (uint32_t i = 0; i < base->nsubclasses; i++) {
        if (base->subclasses[i] == sub) {
            memmove(base->subclasses + i, base->subclasses + i + 1,
                    (base->nsubclasses - i - 1) * sizeof(AdType *));
            base->nsubclasses--;
            return;
        }
    }
}

/* Runs in the sweep's first pass, when every dead object is still in memory: a dying class
 * leaves its bases' subclass lists (a base dying too may already have freed its list, which
 * then reads as empty). */
static void type_finalize(AdVM *vm, AdObj *o) {
    AdType *tp = (AdType *)o;
    if (tp->bases) {
        for (size_t i = 0; i < tp->bases->len; i++) {
            AdValue b = tp->bases->items[i];
            if (AD_IS_OBJ(b))
                unlink_subclass(AD_AS(AdType, b), tp);
        }
    }
    ad_mem_free(vm, tp->subclasses, tp->subclasses_cap * sizeof(AdType *));
    free(tp->lookup_cache);
    tp->lookup_cache = NULL;
    tp->subclasses = NULL;
    tp->nsubclasses = tp->subclasses_cap = 0;
}

static bool add_subclass(AdThread *t, AdType *base, AdType *sub) {
    if (base->nsubclasses == base->subclasses_cap) {
        uint32_t cap = base->subclasses_cap ? base->subclasses_cap * 2 : 4;
        AdType **p = ad_mem_realloc(t, base->subclasses, base->subclasses_cap * sizeof(AdType *),
                                    cap * sizeof(AdType *));
        if (!p)
            return false;
        base->subclasses = p;
        base->subclasses_cap = cap;
    }
    base->subclasses[base->nsubclasses++] = sub;
    return true;
}

void ad_type_modified(AdVM *vm, AdType *type) {
    type->version = next_version(vm);
    type->flags &= ~(uint32_t)AD_TPFLAG_CACHED;
    if (type->lookup_cache)
        memset(type->lookup_cache, 0, LOOKUP_CACHE_SIZE * sizeof(LookupEntry));
    for (uint32_t i = 0; i < type->nsubclasses; i++)
        ad_type_modified(vm, type->subclasses[i]);
}

const char *ad_type_name(AdType *type) {
    return type && type->name ? type->name->data : "?";
}

/* ---- lookup ------------------------------------------------------------------------------ */

static AdValue lookup_uncached(AdType *type, AdStr *name);

AdValue ad_type_lookup(AdType *type, AdStr *name) {
    LookupEntry *c = type->lookup_cache;
    if (name->obj.flags & AD_STR_INTERNED) {
        if (__builtin_expect(!c, 0) && !(c = make_cache(type)))
            return lookup_uncached(type, name);
        LookupEntry *e = &c[AD_TYPE_CACHE_SLOT(name)];
        if (e->name == name)
            return e->value;
        AdValue v = lookup_uncached(type, name);
        e->name = name;
        e->value = v;
        e->hint = 0;
        return v;
    }
    return lookup_uncached(type, name);
}

AdTypeCacheEntry *ad_type_cache_fill(AdType *type, AdStr *name) {
    LookupEntry *c = type->lookup_cache;
    if (!(name->obj.flags & AD_STR_INTERNED) || (!c && !(c = make_cache(type))))
        return NULL;
    LookupEntry *e = &c[AD_TYPE_CACHE_SLOT(name)];
    if (e->name != name) {
        e->value = lookup_uncached(type, name);
        e->name = name;
        e->hint = 0;
    }
    return e;
}

/* Drops `name` from the caches of `type` and its subclasses (their lookups of it may have
 * changed; nothing else has). */
static void forget_name(AdType *type, AdStr *name) {
    LookupEntry *c = type->lookup_cache;
    if (c) {
        LookupEntry *e = &c[AD_TYPE_CACHE_SLOT(name)];
        if (e->name == name) {
            e->name = NULL;
            e->value = AD_NULLV;
        }
    }
    for (uint32_t i = 0; i < type->nsubclasses; i++)
        forget_name(type->subclasses[i], name);
}

static AdValue lookup_uncached(AdType *type, AdStr *name) {
    AdTuple *mro = type->mro;
    if (mro) {
        for (size_t i = 0; i < mro->len; i++) {
            AdType *b = (AdType *)mro->items[i].as.o;
            if (!b->dict)
                continue;
            AdValue v = ad_dict_get_str(b->dict, name);
            if (!AD_IS_NULL(v))
                return v;
        }
        return AD_NULLV;
    }
    /* Bootstrap: a builtin type whose MRO is not built yet. */
    for (; type; type = type->base) {
        if (!type->dict)
            continue;
        AdValue v = ad_dict_get_str(type->dict, name);
        if (!AD_IS_NULL(v))
            return v;
    }
    return AD_NULLV;
}

bool ad_type_is_subtype(AdType *sub, AdType *base) {
    if (sub == base)
        return true;
    AdTuple *mro = sub->mro;
    if (mro) {
        for (size_t i = 1; i < mro->len; i++)
            if (mro->items[i].as.o == (AdObj *)base)
                return true;
        return false;
    }
    for (sub = sub->base; sub; sub = sub->base)
        if (sub == base)
            return true;
    return false;
}

void ad_type_cache_flags(AdThread *t, AdType *type) {
    AdVM *vm = t->vm;
    uint32_t f = type->flags & ~(uint32_t)(AD_TPFLAG_HAS_GETATTRIBUTE | AD_TPFLAG_HAS_GETATTR |
                                           AD_TPFLAG_HAS_SETATTR);
    AdValue v = ad_type_lookup(type, vm->name.getattribute);
    if (!ad_is_native_fn(t, v, ad_object_getattribute_native) &&
        !ad_is_native_fn(t, v, ad_type_getattribute_native))
        f |= AD_TPFLAG_HAS_GETATTRIBUTE;
    if (!AD_IS_NULL(ad_type_lookup(type, vm->name.getattr)))
        f |= AD_TPFLAG_HAS_GETATTR;
    v = ad_type_lookup(type, vm->name.setattr);
    if (!ad_is_native_fn(t, v, ad_object_setattr_native) &&
        !ad_is_native_fn(t, v, ad_type_setattr_native))
        f |= AD_TPFLAG_HAS_SETATTR;
    v = ad_type_lookup(type, vm->name.delattr);
    if (!ad_is_native_fn(t, v, ad_object_delattr_native) &&
        !ad_is_native_fn(t, v, ad_type_setattr_native))
        f |= AD_TPFLAG_HAS_SETATTR;
    type->flags = f | AD_TPFLAG_CACHED;
}

AdStr *ad_type_qualified_name(AdThread *t, AdType *type) {
    AdStr *qn = type->flags & AD_TPFLAG_HEAP ? type->qualname : type->name;
    AdValue mod = AD_NULLV;
    if (type->flags & AD_TPFLAG_HEAP)
        mod = ad_dict_get_str(type->dict, t->vm->name.module);
    else if (type->module)
        mod = ad_obj(type->module);
    if (ad_is_str(t, mod) && !ad_str_eq_cstr(AD_AS(AdStr, mod), "builtins"))
        return ad_str_printf(t, "%s.%s", AD_AS(AdStr, mod)->data, qn->data);
    return qn;
}

/* ---- builtin types ----------------------------------------------------------------------- */

/* The MRO of a builtin type: its chain of single bases. */
static AdTuple *chain_mro(AdThread *t, AdType *type) {
    if (type->base && type->base->mro) {
        AdTuple *bm = type->base->mro;
        AdTuple *r = ad_tuple_new(t, bm->len + 1);
        if (!r)
            return NULL;
        r->items[0] = ad_obj(type);
        memcpy(r->items + 1, bm->items, bm->len * sizeof(AdValue));
        return r;
    }
    size_t n = 0;
    for (AdType *b = type; b; b = b->base)
        n++;
    AdType *last = type;
    while (last->base)
        last = last->base;
    bool add_object = last != t->vm->type_object;
    AdTuple *r = ad_tuple_new(t, n + add_object);
    if (!r)
        return NULL;
    n = 0;
    for (AdType *b = type; b; b = b->base)
        r->items[n++] = ad_obj(b);
    if (add_object)
        r->items[n] = ad_obj(t->vm->type_object);
    return r;
}

/* Builtin layouts that carry an instance dict of their own. */
static size_t builtin_dict_offset(AdVM *vm, AdType *type, AdType *base, uint32_t flags) {
    if (type == vm->type_type)
        return offsetof(AdType, dict);
    if (type == vm->type_module)
        return offsetof(AdModule, dict);
    if (type == vm->type_function)
        return offsetof(AdFunc, dict);
    if (type == vm->type_classmethod || type == vm->type_staticmethod)
        return offsetof(AdClassMethod, dict);
    if (flags & AD_TPFLAG_EXCEPTION)
        return offsetof(AdException, dict);
    return base ? base->dict_offset : 0;
}

bool ad_type_init_builtin(AdThread *t, AdType *type, const char *name, AdType *base,
                          size_t instance_size, AdTraceFn trace, AdFinalizeFn fin,
                          const AdMethodDef *methods, uint32_t flags) {
    AdVM *vm = t->vm;
    int mark = ad_gc_root_mark(t);
    ad_gc_push_obj(t, type);
    if (type != vm->type_object && !base)
        base = vm->type_object;
    if (!type->obj.type)
        type->obj.type = vm->type_type;
    type->name = ad_str_intern_cstr(t, name);
    if (!type->name)
        return false;
    type->qualname = type->name;
    type->base = base;
    if (base)
        flags |= base->flags & AD_TPFLAG_EXCEPTION;
    type->flags |= flags;
    type->instance_size =
        instance_size ? instance_size : (base ? base->instance_size : sizeof(AdObj));
    type->trace = trace;
    type->finalize = fin;
    if (!type->dict_offset)
        type->dict_offset = builtin_dict_offset(vm, type, base, type->flags);
    if (AD_IS_NULL(type->doc))
        type->doc = AD_NONE;
    if (!type->dict && !(type->dict = ad_dict_new(t)))
        return false;
    /* Most builtin types derive from object alone: they share one (object,) tuple (a
     * tuple is immutable, and assigning __bases__ replaces it), taken from `type`'s. */
    AdTuple *tb = vm->type_type->bases;
    if (!type->bases && base == vm->type_object && tb && tb->len == 1 &&
        AD_AS_OBJ(tb->items[0]) == (AdObj *)base)
        type->bases = tb;
    if (!type->bases) {
        type->bases = base ? ad_tuple_pack(t, 1, ad_obj(base)) : ad_tuple_new(t, 0);
        if (!type->bases)
            return false;
    }
    if (!(type->mro = chain_mro(t, type)))
        return false;
    type->version = next_version(t->vm);
    if (base && !add_subclass(t, base, type))
        return false;
    if (methods && !ad_type_add_methods(t, type, methods))
        return false;
    if (AD_IS_NULL(ad_dict_get_str(type->dict, vm->name.doc)) &&
        !ad_dict_set_str(t, type->dict, vm->name.doc, type->doc))
        return false;
    ad_type_modified(t->vm, type);
    ad_gc_root_restore(t, mark);
    return true;
}

AdType *ad_type_new_builtin(AdThread *t, const char *name, AdType *base, size_t instance_size,
                            AdTraceFn trace, AdFinalizeFn fin, const AdMethodDef *methods,
                            uint32_t flags) {
    AdType *type = ad_gc_alloc(t, t->vm->type_type, sizeof(AdType));
    if (!type)
        return NULL;
    int mark = ad_gc_root_mark(t);
    ad_gc_push_obj(t, type);
    bool ok = ad_type_init_builtin(t, type, name, base, instance_size, trace, fin, methods, flags);
    ad_gc_root_restore(t, mark);
    return ok ? type : NULL;
}

bool ad_type_add_methods(AdThread *t, AdType *type, const AdMethodDef *methods) {
    int mark = ad_gc_root_mark(t);
    ad_gc_push_obj(t, type);
    size_t n = 0;
    while (methods[n].name)
        n++;
    /* One table of the final size instead of a resize at every power of two; +1 for the
     * __doc__ that ad_type_init_builtin adds next. */
    if (!ad_dict_reserve(t, type->dict, n + 1))
        return false;
    for (const AdMethodDef *m = methods; m->name; m++) {
        AdStr *key = ad_str_intern_cstr(t, m->name);
        if (!key)
            return false;
        ad_gc_push_obj(t, key);
        AdValue v;
        if (m->kind == AD_METH_GETSET) {
            v = ad_getset_new(t, type, m->name, m->fn, m->set, m->doc);
        } else {
            v = ad_native_new(t, m->name, m->fn, m->kind, type);
            if (!AD_IS_NULL(v))
                AD_AS(AdNative, v)->doc = m->doc;
        }
        if (AD_IS_NULL(v) || !ad_dict_set_str(t, type->dict, key, v))
            return false;
        t->nroots--;
    }
    ad_type_modified(t->vm, type);
    ad_gc_root_restore(t, mark);
    return true;
}

/* ---- instances --------------------------------------------------------------------------- */

static bool raise_abstract(AdThread *t, AdType *type) {
    AdVM *vm = t->vm;
    AdValue am = ad_dict_get_str(type->dict, vm->name.abstractmethods);
    AdValue names = AD_IS_NULL(am) ? AD_NULLV : ad_sequence_to_list(t, am);
    if (AD_IS_NULL(names))
        return false;
    ad_gc_push_root(t, names);
    AdList *l = AD_AS(AdList, names);
    if (!ad_list_sort(t, l, AD_NONE, false))
        return false;
    AdBuf b;
    ad_buf_init(&b);
    for (size_t i = 0; i < l->len; i++) {
        AdValue s = ad_rt_str(t, l->items[i]);
        if (AD_IS_NULL(s) || (i && !ad_buf_adds(t, &b, ", ")) ||
            !ad_buf_adds(t, &b, AD_AS(AdStr, s)->data)) {
            ad_buf_free(&b);
            return false;
        }
    }
    if (!ad_buf_addc(t, &b, '\0'))
        return false;
    ad_err_raise(t, vm->exc_TypeError,
                 "Can't instantiate abstract class %s with abstract method%s %s", type->name->data,
                 l->len == 1 ? "" : "s", b.data);
    ad_buf_free(&b);
    return false;
}

AdValue ad_instance_new(AdThread *t, AdType *type) {
    if (type->flags & AD_TPFLAG_IS_ABSTRACT) {
        raise_abstract(t, type);
        return AD_NULLV;
    }
    AdObj *o = ad_gc_alloc(t, type, type->instance_size);
    return o ? ad_obj(o) : AD_NULLV;
}

/* ---- class creation ---------------------------------------------------------------------- */

static AdType *calculate_metaclass(AdThread *t, AdType *meta, AdTuple *bases) {
    AdType *winner = meta;
    for (size_t i = 0; i < bases->len; i++) {
        AdType *bt = ad_type_of(t, bases->items[i]);
        if (ad_type_is_subtype(winner, bt))
            continue;
        if (ad_type_is_subtype(bt, winner)) {
            winner = bt;
            continue;
        }
        return ad_err_raise_p(t, t->vm->exc_TypeError,
                              "metaclass conflict: the metaclass of a derived class must be a "
                              "(non-strict) subclass of the metaclasses of all its bases");
    }
    return winner;
}

/* Whether `type` adds C-level fields to its base (so its instances are not its base's). */
static bool extra_ivars(AdType *type, AdType *base) {
    if (!base)
        return false;
    if (type->flags & AD_TPFLAG_HEAP)
        return type->nslots != base->nslots;
    return type->instance_size != base->instance_size;
}

static AdType *solid_base(AdVM *vm, AdType *type) {
    AdType *base = type->base ? solid_base(vm, type->base) : vm->type_object;
    return extra_ivars(type, type->base) ? type : base;
}

/* The base whose layout the new class extends: the one with the most derived solid base. */
static AdType *best_base(AdThread *t, AdTuple *bases) {
    AdVM *vm = t->vm;
    AdType *base = NULL, *winner = NULL;
    for (size_t i = 0; i < bases->len; i++) {
        AdValue bv = bases->items[i];
        if (!ad_is_instance_of(t, bv, vm->type_type))
            return ad_err_raise_p(t, vm->exc_TypeError, "bases must be types");
        AdType *b = AD_AS(AdType, bv);
        if (!(b->flags & (AD_TPFLAG_BASETYPE | AD_TPFLAG_HEAP)))
            return ad_err_raise_p(t, vm->exc_TypeError, "type '%s' is not an acceptable base type",
                                  ad_type_name(b));
        AdType *cand = solid_base(vm, b);
        if (!winner) {
            winner = cand;
            base = b;
        } else if (ad_type_is_subtype(winner, cand)) {
        } else if (ad_type_is_subtype(cand, winner)) {
            winner = cand;
            base = b;
        } else {
            return ad_err_raise_p(t, vm->exc_TypeError,
                                  "multiple bases have instance lay-out conflict");
        }
    }
    return base;
}

static bool mro_error(AdThread *t, AdTuple **seqs, size_t *pos, size_t nseq) {
    AdBuf b;
    ad_buf_init(&b);
    bool ok =
        ad_buf_adds(t, &b, "Cannot create a consistent method resolution\norder (MRO) for bases");
    /* The heads still waiting, each once, in order. */
    AdObj *seen[64];
    size_t nseen = 0;
    for (size_t i = 0; ok && i < nseq; i++) {
        if (pos[i] >= seqs[i]->len)
            continue;
        AdObj *c = seqs[i]->items[pos[i]].as.o;
        bool dup = false;
        for (size_t j = 0; j < nseen; j++)
            dup |= seen[j] == c;
        if (dup)
            continue;
        if (nseen < 64)
            seen[nseen++] = c;
        ok = ad_buf_addf(t, &b, "%s %s", nseen > 1 ? "," : "", ad_type_name((AdType *)c));
    }
    if (ok && ad_buf_addc(t, &b, '\0')) {
        /* "for bases A, B": the separator goes after each name but the last. */
        ad_err_raise(t, t->vm->exc_TypeError, "%s", b.data);
    }
    ad_buf_free(&b);
    return false;
}

/* C3 linearisation of `type` with `bases` (each already has its MRO). */
static AdTuple *compute_mro(AdThread *t, AdType *type, AdTuple *bases) {
    if (bases->len == 1) {
        AdTuple *bm = AD_AS(AdType, bases->items[0])->mro;
        AdTuple *r = ad_tuple_new(t, bm->len + 1);
        if (!r)
            return NULL;
        r->items[0] = ad_obj(type);
        memcpy(r->items + 1, bm->items, bm->len * sizeof(AdValue));
        return r;
    }
    size_t nseq = bases->len + 1, total = 1;
    /* The sequences to merge are reachable from `bases`, which the caller keeps rooted. */
    AdTuple **seqs = ad_mem_alloc(t, nseq * (sizeof(AdTuple *) + sizeof(size_t)));
    if (!seqs)
        return NULL;
    size_t *pos = (size_t *)(seqs + nseq);
    for (size_t i = 0; i < bases->len; i++) {
        seqs[i] = AD_AS(AdType, bases->items[i])->mro;
        total += seqs[i]->len;
    }
    seqs[bases->len] = bases;
    memset(pos, 0, nseq * sizeof(size_t));
    AdValue *out = ad_mem_alloc(t, total * sizeof(AdValue));
    if (!out) {
        ad_mem_free(t->vm, seqs, 0);
        return NULL;
    }
    size_t n = 0;
    out[n++] = ad_obj(type);
    for (;;) {
        AdObj *next = NULL;
        bool remaining = false;
        for (size_t i = 0; i < nseq && !next; i++) {
            if (pos[i] >= seqs[i]->len)
                continue;
            remaining = true;
            AdObj *cand = seqs[i]->items[pos[i]].as.o;
            bool in_tail = false;
            for (size_t j = 0; j < nseq && !in_tail; j++)
                for (size_t k = pos[j] + 1; k < seqs[j]->len; k++)
                    if (seqs[j]->items[k].as.o == cand) {
                        in_tail = true;
                        break;
                    }
            if (!in_tail)
                next = cand;
        }
        if (!remaining)
            break;
        if (!next) {
            mro_error(t, seqs, pos, nseq);
            ad_mem_free(t->vm, out, 0);
            ad_mem_free(t->vm, seqs, 0);
            return NULL;
        }
        out[n++] = ad_obj(next);
        for (size_t j = 0; j < nseq; j++)
            if (pos[j] < seqs[j]->len && seqs[j]->items[pos[j]].as.o == next)
                pos[j]++;
    }
    AdTuple *r = ad_tuple_from_array(t, out, n);
    ad_mem_free(t->vm, out, 0);
    ad_mem_free(t->vm, seqs, 0);
    return r;
}

static bool is_identifier(AdStr *s) {
    if (s->len == 0)
        return false;
    for (size_t i = 0; i < s->len; i++) {
        unsigned char c = (unsigned char)s->data[i];
        bool ok = c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80 ||
                  (i > 0 && c >= '0' && c <= '9');
        if (!ok)
            return false;
    }
    return true;
}

/* Private-name mangling of a slot name, as the compiler does for attributes. */
static AdStr *mangle(AdThread *t, AdStr *cls, AdStr *name) {
    if (name->len < 3 || name->data[0] != '_' || name->data[1] != '_' ||
        (name->data[name->len - 1] == '_' && name->data[name->len - 2] == '_') ||
        memchr(name->data, '.', name->len))
        return name;
    const char *c = cls->data;
    while (*c == '_')
        c++;
    if (!*c)
        return name;
    return ad_str_printf(t, "_%s%s", c, name->data);
}

/* Types whose instances end in a variable-length array, so nothing can follow them. */
static bool is_varsized(AdVM *vm, AdType *type) {
    for (; type; type = type->base)
        if (type == vm->type_tuple || type == vm->type_str || type == vm->type_bytes)
            return true;
    return false;
}

/* Numbers refuse __slots__ as CPython's (variable-sized) ints do. */
static bool is_number(AdVM *vm, AdType *type) {
    for (; type; type = type->base)
        if (type == vm->type_int)
            return true;
    return false;
}

typedef struct ClassLayout {
    size_t size, dict_offset, slots_offset;
    uint32_t nslots;
    bool add_dict, add_weakref;
} ClassLayout;

/* Reads __slots__ from `dict`, checks it, and decides the layout. On success *slot_names is
 * a tuple of the (mangled) names of the new slots, in order, or NULL. */
static bool plan_layout(AdThread *t, AdStr *name, AdType *base, AdDict *dict, ClassLayout *lay,
                        AdTuple **slot_names) {
    AdVM *vm = t->vm;
    lay->size = base->instance_size;
    lay->dict_offset = base->dict_offset;
    lay->slots_offset = base->slots_offset;
    lay->nslots = base->nslots;
    lay->add_dict = false;
    *slot_names = NULL;
    bool varsized = is_varsized(vm, base);
    /* There are no weak references; __weakref__ exists (always None) where CPython has it. */
    bool weak_ok = !varsized && !is_number(vm, base) && !(base->flags & AD_TPFLAG_META) &&
                   AD_IS_NULL(ad_type_lookup(base, vm->name.weakref));
    lay->add_weakref = false;
    AdValue slots = ad_dict_get_str(dict, vm->name.slots);
    if (AD_IS_NULL(slots)) {
        lay->add_dict = !base->dict_offset && !varsized;
        lay->add_weakref = weak_ok;
    } else {
        AdValue seq;
        if (ad_is_str(t, slots)) {
            AdTuple *one = ad_tuple_pack(t, 1, slots);
            seq = one ? ad_obj(one) : AD_NULLV;
        } else {
            seq = ad_sequence_to_tuple(t, slots);
        }
        if (AD_IS_NULL(seq))
            return false;
        ad_gc_push_root(t, seq);
        AdTuple *items = AD_AS(AdTuple, seq);
        AdTuple *names = ad_tuple_new(t, items->len);
        if (!names)
            return false;
        ad_gc_push_obj(t, names);
        size_t n = 0;
        bool want_dict = false;
        for (size_t i = 0; i < items->len; i++) {
            AdValue it = items->items[i];
            if (!ad_is_str(t, it))
                return ad_err_raise(t, vm->exc_TypeError,
                                    "__slots__ items must be strings, not '%T'", it);
            AdStr *s = AD_AS(AdStr, it);
            if (!is_identifier(s))
                return ad_err_raise(t, vm->exc_TypeError, "__slots__ must be identifiers");
            if (ad_str_eq(s, vm->name.dict)) {
                if (want_dict || base->dict_offset)
                    return ad_err_raise(t, vm->exc_TypeError,
                                        "__dict__ slot disallowed: we already got one");
                want_dict = true;
                continue;
            }
            if (ad_str_eq(s, vm->name.weakref)) {
                lay->add_weakref = weak_ok;
                continue;
            }
            if (!AD_IS_NULL(ad_dict_get_str(dict, s)))
                return ad_err_raise(t, vm->exc_ValueError,
                                    "%R in __slots__ conflicts with class variable", it);
            AdStr *m = mangle(t, name, s);
            if (!m || !(m = ad_str_intern_str(t, m)))
                return false;
            names->items[n++] = ad_obj(m);
        }
        if (!(*slot_names = ad_tuple_from_array(t, names->items, n)))
            return false;
        if (n && (varsized || is_number(vm, base)))
            return ad_err_raise(t, vm->exc_TypeError,
                                "nonempty __slots__ not supported for subtype of '%s'",
                                ad_type_name(base));
        lay->add_dict = want_dict && !varsized;
        if (n) {
            lay->size = (lay->size + 7) & ~(size_t)7;
            if (lay->nslots == 0) {
                lay->slots_offset = lay->size;
            } else {
                /* Keep one run: bytes between the base's slots and ours (its dict pointer)
                 * become filler slots, which the collector reads as non-objects since an
                 * aligned pointer's low word is never AD_TAG_OBJ. */
                size_t end = lay->slots_offset + lay->nslots * sizeof(AdValue);
                size_t gap = (lay->size - end + sizeof(AdValue) - 1) / sizeof(AdValue);
                lay->nslots += (uint32_t)gap;
                lay->size = lay->slots_offset + lay->nslots * sizeof(AdValue);
            }
            lay->nslots += (uint32_t)n;
            lay->size += n * sizeof(AdValue);
        }
    }
    if (lay->add_dict) {
        lay->size = (lay->size + 7) & ~(size_t)7;
        lay->dict_offset = lay->size;
        lay->size += sizeof(AdDict *);
    }
    return true;
}

static AdValue weakref_get(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    (void)t, (void)args, (void)nargs, (void)kwnames;
    return AD_NONE;
}

static bool wrap_special(AdThread *t, AdType *type, AdStr *name, AdType *wrapper) {
    AdValue v = ad_dict_get_str(type->dict, name);
    if (!ad_is_type(v, t->vm->type_function))
        return true;
    AdValue w = ad_classmethod_new(t, wrapper, v);
    return !AD_IS_NULL(w) && ad_dict_set_str(t, type->dict, name, w);
}

/* Values whose type has no __set_name__ for sure, to skip the lookup. */
static bool plain_value(AdThread *t, AdValue v) {
    AdVM *vm = t->vm;
    if (!AD_IS_OBJ(v))
        return true;
    AdType *tp = v.as.o->type;
    return tp == vm->type_function || tp == vm->type_builtin_function || tp == vm->type_str ||
           tp == vm->type_classmethod || tp == vm->type_staticmethod || tp == vm->type_tuple ||
           tp == vm->type_member_descriptor || tp == vm->type_getset || tp == vm->type_type ||
           tp == vm->type_dict || tp == vm->type_list;
}

static bool set_names(AdThread *t, AdType *type) {
    AdVM *vm = t->vm;
    /* Snapshot the namespace: __set_name__ may change it. */
    AdDict *snap = ad_dict_copy(t, type->dict);
    if (!snap)
        return false;
    int mark = ad_gc_root_mark(t);
    ad_gc_push_obj(t, snap);
    size_t pos = 0;
    AdValue k, v;
    while (ad_dict_next(snap, &pos, &k, &v)) {
        if (plain_value(t, v))
            continue;
        AdValue sn = ad_type_lookup(ad_type_of(t, v), vm->name.set_name);
        if (AD_IS_NULL(sn))
            continue;
        AdValue argv[3] = {v, ad_obj(type), k};
        AdValue r;
        if (ad_is_type(sn, vm->type_function) || ad_is_type(sn, vm->type_builtin_function)) {
            r = ad_rt_call(t, sn, argv, 3, NULL);
        } else {
            AdValue bound = ad_rt_descr_get(t, sn, v, ad_type_of(t, v));
            r = AD_IS_NULL(bound) ? bound : ad_rt_call(t, bound, argv + 1, 2, NULL);
        }
        if (AD_IS_NULL(r)) {
            AdValue cause = ad_err_fetch(t);
            ad_gc_push_root(t, cause);
            ad_err_raise(t, vm->exc_RuntimeError,
                         "Error calling __set_name__ on '%T' instance %R in '%s'", v, k,
                         type->name->data);
            if (ad_is_instance_of(t, t->exc, vm->exc_BaseException)) {
                AdException *e = AD_AS(AdException, t->exc);
                e->cause = cause;
                e->context = cause;
                e->suppress_context = true;
            }
            return false;
        }
    }
    ad_gc_root_restore(t, mark);
    return true;
}

/* super(type, type).__init_subclass__(**kwargs) */
static bool init_subclass(AdThread *t, AdType *type, const AdValue *kwvals, AdTuple *kwnames) {
    AdVM *vm = t->vm;
    AdTuple *mro = type->mro;
    for (size_t i = 1; i < mro->len; i++) {
        AdType *b = AD_AS(AdType, mro->items[i]);
        AdValue f = ad_dict_get_str(b->dict, vm->name.init_subclass);
        if (AD_IS_NULL(f))
            continue;
        AdValue bound = ad_rt_descr_get(t, f, AD_NULLV, type);
        if (AD_IS_NULL(bound))
            return false;
        ad_gc_push_root(t, bound);
        AdValue r = ad_rt_call(t, bound, kwvals, 0, kwnames);
        t->nroots--;
        return !AD_IS_NULL(r);
    }
    return true;
}

static AdValue type_new(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames);

/* The module name for classes made by type(name, bases, ns): the caller's __name__. */
static AdValue caller_module(AdThread *t) {
    AdFrame *f = t->frame;
    if (!f || !f->globals)
        return AD_NULLV;
    return ad_dict_get_str(f->globals, t->vm->name.name);
}

static AdValue type_new_impl(AdThread *t, AdType *meta, AdStr *name, AdTuple *bases, AdDict *ns,
                             const AdValue *kwvals, AdTuple *kwnames) {
    AdVM *vm = t->vm;
    int mark = ad_gc_root_mark(t);
    ad_gc_push_obj(t, meta);
    ad_gc_push_obj(t, name);
    ad_gc_push_obj(t, bases);
    ad_gc_push_obj(t, ns);
    AdType *winner = calculate_metaclass(t, meta, bases);
    if (!winner)
        return AD_NULLV;
    if (winner != meta) {
        AdValue wnew = ad_type_lookup(winner, vm->name.new);
        if (!ad_is_native_fn(t, wnew, type_new)) {
            size_t nkw = kwnames ? kwnames->len : 0;
            AdValue argv[4 + 64];
            if (nkw > 64)
                return ad_err_raise_v(t, vm->exc_TypeError, "too many keyword arguments");
            argv[0] = ad_obj(winner);
            argv[1] = ad_obj(name);
            argv[2] = ad_obj(bases);
            argv[3] = ad_obj(ns);
            memcpy(argv + 4, kwvals, nkw * sizeof(AdValue));
            AdValue fn = ad_rt_descr_get(t, wnew, AD_NULLV, winner);
            if (AD_IS_NULL(fn))
                return fn;
            AdValue r = ad_rt_call(t, fn, argv, 4, kwnames);
            ad_gc_root_restore(t, mark);
            return r;
        }
        meta = winner;
    }
    if (bases->len == 0) {
        bases = ad_tuple_pack(t, 1, ad_obj(vm->type_object));
        if (!bases)
            return AD_NULLV;
        ad_gc_push_obj(t, bases);
    }
    AdType *base = best_base(t, bases);
    if (!base)
        return AD_NULLV;
    for (size_t i = 0; i < bases->len; i++)
        for (size_t j = i + 1; j < bases->len; j++)
            if (bases->items[i].as.o == bases->items[j].as.o)
                return ad_err_raise_v(t, vm->exc_TypeError, "duplicate base class %s",
                                      ad_type_name(AD_AS(AdType, bases->items[i])));
    AdDict *dict = ad_dict_copy(t, ns);
    if (!dict)
        return AD_NULLV;
    ad_gc_push_obj(t, dict);

    ClassLayout lay;
    AdTuple *slot_names;
    if (!plan_layout(t, name, base, dict, &lay, &slot_names))
        return AD_NULLV;
    ad_gc_push_obj(t, slot_names);

    size_t tsize = meta->instance_size > sizeof(AdType) ? meta->instance_size : sizeof(AdType);
    AdType *type = ad_gc_alloc(t, meta, tsize);
    if (!type)
        return AD_NULLV;
    ad_gc_push_obj(t, type);
    if (!(type->name = ad_str_intern_str(t, name)))
        return AD_NULLV;
    type->qualname = type->name;
    type->bases = bases;
    type->base = base;
    type->dict = dict;
    type->doc = AD_NONE;
    type->flags = AD_TPFLAG_HEAP | AD_TPFLAG_BASETYPE |
                  (base->flags & (AD_TPFLAG_EXCEPTION | AD_TPFLAG_ABSTRACT_DICT | AD_TPFLAG_META));
    type->instance_size = lay.size;
    type->dict_offset = lay.dict_offset;
    type->slots_offset = lay.slots_offset;
    type->nslots = lay.nslots;

    /* The namespace's special entries. */
    AdValue qn = ad_dict_get_str(dict, vm->name.qualname);
    if (!AD_IS_NULL(qn)) {
        if (!ad_is_str(t, qn))
            return ad_err_raise_v(t, vm->exc_TypeError, "type __qualname__ must be a str, not %T",
                                  qn);
        type->qualname = AD_AS(AdStr, qn);
        if (ad_dict_del_str(t, dict, vm->name.qualname) < 0)
            return AD_NULLV;
    }
    AdValue mod = ad_dict_get_str(dict, vm->name.module);
    if (AD_IS_NULL(mod)) {
        mod = caller_module(t);
        if (!AD_IS_NULL(mod) && !ad_dict_set_str(t, dict, vm->name.module, mod))
            return AD_NULLV;
    }
    if (ad_is_str(t, mod))
        type->module = AD_AS(AdStr, mod);
    AdValue cell = ad_dict_get_str(dict, vm->name.classcell);
    if (!AD_IS_NULL(cell)) {
        if (!ad_is_type(cell, vm->type_cell))
            return ad_err_raise_v(t, vm->exc_TypeError,
                                  "__classcell__ must be a nonlocal cell, not %R",
                                  ad_obj(ad_type_of(t, cell)));
        AD_AS(AdCell, cell)->value = ad_obj(type);
        if (ad_dict_del_str(t, dict, vm->name.classcell) < 0)
            return AD_NULLV;
    }
    if (!wrap_special(t, type, vm->name.new, vm->type_staticmethod) ||
        !wrap_special(t, type, vm->name.init_subclass, vm->type_classmethod) ||
        !wrap_special(t, type, vm->name.class_getitem, vm->type_classmethod))
        return AD_NULLV;

    /* Descriptors for what the layout added. */
    if (slot_names) {
        size_t first = lay.slots_offset + (lay.nslots - slot_names->len) * sizeof(AdValue);
        for (size_t i = 0; i < slot_names->len; i++) {
            AdStr *sn = AD_AS(AdStr, slot_names->items[i]);
            AdValue m = ad_member_new(t, type, sn, first + i * sizeof(AdValue));
            if (AD_IS_NULL(m) || !ad_dict_set_str(t, dict, sn, m))
                return AD_NULLV;
        }
    }
    if (lay.add_dict && AD_IS_NULL(ad_dict_get_str(dict, vm->name.dict))) {
        AdValue gs =
            ad_getset_new(t, type, "__dict__", ad_object_dict_get, ad_object_dict_set, NULL);
        if (AD_IS_NULL(gs) || !ad_dict_set_str(t, dict, vm->name.dict, gs))
            return AD_NULLV;
    }
    if (lay.add_weakref && AD_IS_NULL(ad_dict_get_str(dict, vm->name.weakref))) {
        AdValue gs = ad_getset_new(t, type, "__weakref__", weakref_get, NULL, NULL);
        if (AD_IS_NULL(gs) || !ad_dict_set_str(t, dict, vm->name.weakref, gs))
            return AD_NULLV;
    }

    AdValue doc = ad_dict_get_str(dict, vm->name.doc);
    if (AD_IS_NULL(doc)) {
        if (!ad_dict_set_str(t, dict, vm->name.doc, AD_NONE))
            return AD_NULLV;
    } else {
        type->doc = doc;
    }
    /* Defining __eq__ alone makes instances unhashable. */
    if (!AD_IS_NULL(ad_dict_get_str(dict, vm->name.eq)) &&
        AD_IS_NULL(ad_dict_get_str(dict, vm->name.hash)) &&
        !ad_dict_set_str(t, dict, vm->name.hash, AD_NONE))
        return AD_NULLV;

    if (!(type->mro = compute_mro(t, type, bases)))
        return AD_NULLV;
    type->version = next_version(vm);
    for (size_t i = 0; i < bases->len; i++)
        if (!add_subclass(t, AD_AS(AdType, bases->items[i]), type))
            return AD_NULLV;
    if (!set_names(t, type) || !init_subclass(t, type, kwvals, kwnames))
        return AD_NULLV;
    ad_gc_root_restore(t, mark);
    return ad_obj(type);
}

AdValue ad_type_new_class(AdThread *t, AdValue metatype, AdStr *name, AdTuple *bases, AdDict *ns,
                          AdTuple *kwnames_unused) {
    (void)kwnames_unused;
    AdVM *vm = t->vm;
    AdType *meta =
        ad_is_instance_of(t, metatype, vm->type_type) ? AD_AS(AdType, metatype) : vm->type_type;
    return type_new_impl(t, meta, name, bases, ns, NULL, NULL);
}

/* ---- type's methods ---------------------------------------------------------------------- */

/* Calls a native with arguments the caller has rooted, as call.c would. */
static AdValue call_native(AdThread *t, AdNative *n, AdValue *args, int nargs, AdTuple *kwnames) {
    int mark = ad_gc_root_mark(t);
    AdValue r = n->fn(t, args, nargs, kwnames);
    ad_gc_root_restore(t, mark);
    if (AD_IS_NULL(r) && !ad_err_occurred(t))
        ad_err_raise(t, t->vm->exc_SystemError, "%s() returned NULL without setting an exception",
                     n->name);
    return r;
}

/* type.__call__: __new__, then __init__ when __new__ made an instance of the class. */
static AdValue type_call(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    AdVM *vm = t->vm;
    if (nargs < 1 || !ad_is_instance_of(t, args[0], vm->type_type))
        return ad_err_raise_v(t, vm->exc_TypeError,
                              "descriptor '__call__' requires a 'type' object");
    AdType *cls = AD_AS(AdType, args[0]);
    size_t nkw = kwnames ? kwnames->len : 0;
    if (cls == vm->type_type && nargs == 2 && nkw == 0)
        return ad_obj(ad_type_of(t, args[1]));
    bool excess = nargs > 1 || nkw > 0;
    AdValue newf = ad_type_lookup(cls, vm->name.new);
    AdValue obj;
    if (ad_is_native_fn(t, newf, ad_object_new_native)) {
        if (excess && !ad_object_check_excess(t, cls, true))
            return AD_NULLV;
        obj = ad_instance_new(t, cls);
    } else if (AD_IS_NULL(newf)) {
        return ad_err_raise_v(t, vm->exc_TypeError, "cannot create '%s' instances",
                              ad_type_name(cls));
    } else if (ad_is_type(newf, vm->type_builtin_function) &&
               AD_AS(AdNative, newf)->kind == AD_METH_STATIC) {
        /* A builtin's __new__: our own arguments are rooted, so call it directly. */
        obj = call_native(t, AD_AS(AdNative, newf), args, nargs, kwnames);
    } else {
        AdValue fn = ad_rt_descr_get(t, newf, AD_NULLV, cls);
        if (AD_IS_NULL(fn))
            return fn;
        obj = ad_rt_call(t, fn, args, nargs, kwnames);
    }
    if (AD_IS_NULL(obj))
        return obj;
    AdType *ot = ad_type_of(t, obj);
    if (ot != cls && !ad_type_is_subtype(ot, cls))
        return obj;
    int mark = ad_gc_root_mark(t);
    ad_gc_push_root(t, obj);
    AdValue initf = ad_type_lookup(ot, vm->name.init);
    if (ad_is_native_fn(t, initf, ad_object_init_native)) {
        if (excess && !ad_object_check_excess(t, ot, false))
            return AD_NULLV;
        ad_gc_root_restore(t, mark);
        return obj;
    }
    size_t total = (size_t)nargs + nkw;
    AdValue small[8];
    AdValue *argv = total <= 8 ? small : ad_mem_alloc(t, total * sizeof(AdValue));
    if (!argv)
        return AD_NULLV;
    memcpy(argv, args, total * sizeof(AdValue));
    argv[0] = obj;
    AdValue r;
    if (ad_is_type(initf, vm->type_builtin_function) &&
        AD_AS(AdNative, initf)->kind == AD_METH_INSTANCE && AD_AS(AdNative, initf)->owner &&
        ad_type_is_subtype(ot, AD_AS(AdNative, initf)->owner)) {
        /* argv holds rooted values: ours (obj is pushed) and the caller's. */
        r = call_native(t, AD_AS(AdNative, initf), argv, nargs, kwnames);
    } else if (ad_is_type(initf, vm->type_function) ||
               (ad_is_type(initf, vm->type_builtin_function) &&
                AD_AS(AdNative, initf)->kind == AD_METH_INSTANCE)) {
        r = ad_rt_call(t, initf, argv, nargs, kwnames);
    } else {
        AdValue bound = ad_rt_descr_get(t, initf, obj, ot);
        r = AD_IS_NULL(bound) ? bound : ad_rt_call(t, bound, argv + 1, nargs - 1, kwnames);
    }
    if (argv != small)
        ad_mem_free(vm, argv, total * sizeof(AdValue));
    if (AD_IS_NULL(r))
        return r;
    if (!AD_IS_NONE(r))
        return ad_err_raise_v(t, vm->exc_TypeError, "__init__() should return None, not '%T'", r);
    ad_gc_root_restore(t, mark);
    return obj;
}

static AdValue type_new(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    AdVM *vm = t->vm;
    size_t nkw = kwnames ? kwnames->len : 0;
    if (nargs < 1 || !ad_is_instance_of(t, args[0], vm->type_type))
        return ad_err_raise_v(t, vm->exc_TypeError, "type.__new__(X): X is not a type object");
    AdType *meta = AD_AS(AdType, args[0]);
    if (!ad_type_is_subtype(meta, vm->type_type))
        return ad_err_raise_v(t, vm->exc_TypeError, "type.__new__(%s): %s is not a subtype of type",
                              ad_type_name(meta), ad_type_name(meta));
    if (meta == vm->type_type && nargs == 2 && nkw == 0)
        return ad_obj(ad_type_of(t, args[1]));
    if (nargs != 4)
        return ad_err_raise_v(t, vm->exc_TypeError, "type() takes 1 or 3 arguments");
    if (!ad_is_str(t, args[1]))
        return ad_err_raise_v(t, vm->exc_TypeError, "type.__new__() argument 1 must be str, not %T",
                              args[1]);
    if (!ad_is_instance_of(t, args[2], vm->type_tuple))
        return ad_err_raise_v(t, vm->exc_TypeError,
                              "type.__new__() argument 2 must be tuple, not %T", args[2]);
    if (!ad_is_instance_of(t, args[3], vm->type_dict))
        return ad_err_raise_v(t, vm->exc_TypeError,
                              "type.__new__() argument 3 must be dict, not %T", args[3]);
    return type_new_impl(t, meta, AD_AS(AdStr, args[1]), AD_AS(AdTuple, args[2]),
                         AD_AS(AdDict, args[3]), args + 4, kwnames);
}

static AdValue type_init(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    (void)args;
    size_t nkw = kwnames ? kwnames->len : 0;
    if (nargs == 2 && nkw)
        return ad_err_raise_v(t, t->vm->exc_TypeError,
                              "type.__init__() takes no keyword arguments");
    if (nargs != 2 && nargs != 4)
        return ad_err_raise_v(t, t->vm->exc_TypeError, "type.__init__() takes 1 or 3 arguments");
    return AD_NONE;
}

static AdValue type_repr(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    (void)nargs;
    (void)kwnames;
    AdType *tp = AD_AS(AdType, args[0]);
    AdStr *qn = ad_type_qualified_name(t, tp);
    if (!qn)
        return AD_NULLV;
    AdStr *s = ad_str_printf(t, "<class '%s'>", qn->data);
    return s ? ad_obj(s) : AD_NULLV;
}

int ad_type_getattro(AdThread *t, AdType *type, AdStr *name, AdValue *out) {
    AdType *meta = type->obj.type;
    AdValue meta_attr = ad_type_lookup(meta, name);
    int meta_kind = AD_DESCR_PLAIN;
    if (!AD_IS_NULL(meta_attr)) {
        meta_kind = ad_descr_classify(t, meta_attr);
        if (meta_kind == AD_DESCR_DATA) {
            *out = ad_rt_descr_get(t, meta_attr, ad_obj(type), meta);
            return AD_IS_NULL(*out) ? -1 : 1;
        }
    }
    AdValue attr = ad_type_lookup(type, name);
    if (!AD_IS_NULL(attr)) {
        if (!AD_IS_OBJ(attr)) {
            *out = attr;
            return 1;
        }
        *out = ad_rt_descr_get(t, attr, AD_NULLV, type);
        return AD_IS_NULL(*out) ? -1 : 1;
    }
    if (!AD_IS_NULL(meta_attr)) {
        if (meta_kind == AD_DESCR_PLAIN) {
            *out = meta_attr;
            return 1;
        }
        *out = ad_rt_descr_get(t, meta_attr, ad_obj(type), meta);
        return AD_IS_NULL(*out) ? -1 : 1;
    }
    return 0;
}

AdValue ad_type_getattribute_native(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    if (!ad_args_check(t, "__getattribute__", nargs - 1, kwnames, 1, 1))
        return AD_NULLV;
    if (!ad_is_str(t, args[1]))
        return ad_err_raise_v(t, t->vm->exc_TypeError, "attribute name must be string, not '%T'",
                              args[1]);
    AdValue out;
    int r = ad_type_getattro(t, AD_AS(AdType, args[0]), AD_AS(AdStr, args[1]), &out);
    if (r < 0)
        return AD_NULLV;
    if (r == 0) {
        ad_rt_attr_error(t, args[0], AD_AS(AdStr, args[1]));
        return AD_NULLV;
    }
    return out;
}

/* Values whose class is a builtin that can never gain __get__/__set__ and that no flag
 * cached on a type depends on beyond being present. */
static bool never_descriptor(AdVM *vm, AdValue v) {
    if (v.tag != AD_TAG_OBJ)
        return true;
    AdType *vt = v.as.o->type;
    return vt == vm->type_str || vt == vm->type_int || vt == vm->type_float ||
           vt == vm->type_tuple || vt == vm->type_bytes || vt == vm->type_frozenset;
}

bool ad_type_setattro(AdThread *t, AdType *type, AdStr *name, AdValue value) {
    AdVM *vm = t->vm;
    if (!(type->flags & AD_TPFLAG_HEAP))
        return ad_err_raise(t, vm->exc_TypeError,
                            "cannot set '%s' attribute of immutable type '%s'", name->data,
                            ad_type_name(type));
    if (!(name->obj.flags & AD_STR_INTERNED) && !(name = ad_str_intern_str(t, name)))
        return false;
    /* A data descriptor on the metatype (__name__, __doc__...) wins; else the namespace. */
    AdValue meta_attr = ad_type_lookup(type->obj.type, name);
    bool ok;
    if (!AD_IS_NULL(meta_attr) && ad_descr_classify(t, meta_attr) == AD_DESCR_DATA) {
        ok = ad_descr_set(t, meta_attr, ad_obj(type), value);
    } else if (AD_IS_NULL(value)) {
        int r = ad_dict_del_str(t, type->dict, name);
        if (r < 0)
            return false;
        if (r == 0)
            return ad_err_raise(t, vm->exc_AttributeError, "type object '%s' has no attribute '%s'",
                                ad_type_name(type), name->data);
        ok = true;
    } else {
        AdValue old = ad_dict_get_str(type->dict, name);
        if (!AD_IS_NULL(old) && never_descriptor(vm, old) && never_descriptor(vm, value)) {
            /* A counter or constant rebound (`Cls.count += 1`): no descriptor or hook comes
             * or goes, so only this name's lookups change. The key exists: no insertion. */
            ok = ad_dict_set_str(t, type->dict, name, value);
            forget_name(type, name);
            return ok;
        }
        ok = ad_dict_set_str(t, type->dict, name, value);
    }
    ad_type_modified(t->vm, type);
    return ok;
}

AdValue ad_type_setattr_native(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    bool del = nargs == 2;
    if (!ad_args_check(t, del ? "__delattr__" : "__setattr__", nargs - 1, kwnames, 1, 2))
        return AD_NULLV;
    if (!ad_is_str(t, args[1]))
        return ad_err_raise_v(t, t->vm->exc_TypeError, "attribute name must be string, not '%T'",
                              args[1]);
    AdValue v = del ? AD_NULLV : args[2];
    return ad_type_setattro(t, AD_AS(AdType, args[0]), AD_AS(AdStr, args[1]), v) ? AD_NONE
                                                                                 : AD_NULLV;
}

static AdValue type_mro(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    if (!ad_args_check(t, "mro", nargs - 1, kwnames, 0, 0))
        return AD_NULLV;
    AdType *tp = AD_AS(AdType, args[0]);
    if (tp->mro)
        return ad_sequence_to_list(t, ad_obj(tp->mro));
    AdTuple *m = compute_mro(t, tp, tp->bases);
    if (!m)
        return AD_NULLV;
    ad_gc_push_obj(t, m);
    return ad_sequence_to_list(t, ad_obj(m));
}

static AdValue type_subclasses(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    if (!ad_args_check(t, "__subclasses__", nargs - 1, kwnames, 0, 0))
        return AD_NULLV;
    AdType *tp = AD_AS(AdType, args[0]);
    AdList *l = ad_list_new(t, tp->nsubclasses);
    if (!l)
        return AD_NULLV;
    ad_gc_push_obj(t, l);
    for (uint32_t i = 0; i < tp->nsubclasses; i++)
        if (!ad_list_append(t, l, ad_obj(tp->subclasses[i])))
            return AD_NULLV;
    return ad_obj(l);
}

static AdValue type_instancecheck(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    if (!ad_args_check(t, "__instancecheck__", nargs - 1, kwnames, 1, 1))
        return AD_NULLV;
    return ad_bool(ad_is_instance_of(t, args[1], AD_AS(AdType, args[0])));
}

static AdValue type_subclasscheck(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    if (!ad_args_check(t, "__subclasscheck__", nargs - 1, kwnames, 1, 1))
        return AD_NULLV;
    if (!ad_is_instance_of(t, args[1], t->vm->type_type))
        return ad_err_raise_v(t, t->vm->exc_TypeError, "issubclass() arg 1 must be a class");
    return ad_bool(ad_type_is_subtype(AD_AS(AdType, args[1]), AD_AS(AdType, args[0])));
}

static AdValue type_prepare(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    (void)args;
    (void)nargs;
    (void)kwnames;
    AdDict *d = ad_dict_new(t);
    return d ? ad_obj(d) : AD_NULLV;
}

static AdValue type_dir(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    if (!ad_args_check(t, "__dir__", nargs - 1, kwnames, 0, 0))
        return AD_NULLV;
    AdType *tp = AD_AS(AdType, args[0]);
    AdDict *names = ad_dict_new(t);
    if (!names)
        return AD_NULLV;
    ad_gc_push_obj(t, names);
    for (size_t i = 0; tp->mro && i < tp->mro->len; i++) {
        AdType *b = AD_AS(AdType, tp->mro->items[i]);
        size_t pos = 0;
        AdValue k, v;
        while (ad_dict_next(b->dict, &pos, &k, &v))
            if (!ad_dict_set(t, names, k, AD_NONE))
                return AD_NULLV;
    }
    AdList *l = ad_list_new(t, names->len);
    if (!l)
        return AD_NULLV;
    ad_gc_push_obj(t, l);
    size_t pos = 0;
    AdValue k, v;
    while (ad_dict_next(names, &pos, &k, &v))
        if (!ad_list_append(t, l, k))
            return AD_NULLV;
    return ad_obj(l);
}

static AdValue type_sizeof(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    (void)t;
    (void)nargs;
    (void)kwnames;
    return ad_small_int((int64_t)ad_type_of(t, args[0])->instance_size);
}

/* ---- type's attributes (getsets) ---------------------------------------------------------- */

#define SELF_TYPE                                                                                  \
    AdType *tp = AD_AS(AdType, args[0]);                                                           \
    (void)nargs;                                                                                   \
    (void)kwnames

static AdValue type_get_name(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    (void)t;
    SELF_TYPE;
    return ad_obj(tp->name);
}

static bool check_heap_set(AdThread *t, AdType *tp, const char *attr, AdValue v) {
    if (!(tp->flags & AD_TPFLAG_HEAP))
        return ad_err_raise(t, t->vm->exc_TypeError,
                            "cannot set '%s' attribute of immutable type '%s'", attr,
                            ad_type_name(tp));
    if (AD_IS_NULL(v))
        return ad_err_raise(t, t->vm->exc_TypeError, "cannot delete '%s' attribute of type '%s'",
                            attr, ad_type_name(tp));
    return true;
}

static bool type_set_name(AdThread *t, AdValue self, AdValue v) {
    AdType *tp = AD_AS(AdType, self);
    if (!check_heap_set(t, tp, "__name__", v))
        return false;
    if (!ad_is_str(t, v))
        return ad_err_raise(t, t->vm->exc_TypeError,
                            "can only assign string to %s.__name__, not '%T'", ad_type_name(tp), v);
    AdStr *s = ad_str_intern_str(t, AD_AS(AdStr, v));
    if (!s)
        return false;
    tp->name = s;
    return true;
}

static AdValue type_get_qualname(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    (void)t;
    SELF_TYPE;
    return ad_obj(tp->qualname ? tp->qualname : tp->name);
}

static bool type_set_qualname(AdThread *t, AdValue self, AdValue v) {
    AdType *tp = AD_AS(AdType, self);
    if (!check_heap_set(t, tp, "__qualname__", v))
        return false;
    if (!ad_is_str(t, v))
        return ad_err_raise(t, t->vm->exc_TypeError,
                            "can only assign string to %s.__qualname__, not '%T'", ad_type_name(tp),
                            v);
    tp->qualname = AD_AS(AdStr, v);
    return true;
}

static AdValue type_get_module(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    SELF_TYPE;
    if (tp->flags & AD_TPFLAG_HEAP) {
        AdValue m = ad_dict_get_str(tp->dict, t->vm->name.module);
        if (AD_IS_NULL(m))
            return ad_err_raise_v(t, t->vm->exc_AttributeError, "__module__");
        return m;
    }
    if (tp->module)
        return ad_obj(tp->module);
    AdStr *s = ad_str_intern_cstr(t, "builtins");
    return s ? ad_obj(s) : AD_NULLV;
}

static bool type_set_module(AdThread *t, AdValue self, AdValue v) {
    AdType *tp = AD_AS(AdType, self);
    if (!check_heap_set(t, tp, "__module__", v))
        return false;
    tp->module = ad_is_str(t, v) ? AD_AS(AdStr, v) : NULL;
    bool ok = ad_dict_set_str(t, tp->dict, t->vm->name.module, v);
    ad_type_modified(t->vm, tp);
    return ok;
}

static AdValue type_get_doc(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    SELF_TYPE;
    if (!(tp->flags & AD_TPFLAG_HEAP) && !AD_IS_NULL(tp->doc) && !AD_IS_NONE(tp->doc))
        return tp->doc;
    AdValue d = ad_dict_get_str(tp->dict, t->vm->name.doc);
    if (AD_IS_NULL(d))
        return AD_NONE;
    if (!AD_IS_OBJ(d))
        return d;
    if (!(tp->flags & AD_TPFLAG_HEAP) && ad_descr_classify(t, d) != AD_DESCR_PLAIN)
        return AD_NONE;
    return ad_rt_descr_get(t, d, AD_NULLV, tp);
}

static bool type_set_doc(AdThread *t, AdValue self, AdValue v) {
    AdType *tp = AD_AS(AdType, self);
    if (!check_heap_set(t, tp, "__doc__", v))
        return false;
    tp->doc = v;
    bool ok = ad_dict_set_str(t, tp->dict, t->vm->name.doc, v);
    ad_type_modified(t->vm, tp);
    return ok;
}

static AdValue type_get_dict(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    SELF_TYPE;
    /* A snapshot stands in for CPython's read-only mappingproxy. */
    AdDict *d = ad_dict_copy(t, tp->dict);
    return d ? ad_obj(d) : AD_NULLV;
}

static AdValue type_get_bases(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    SELF_TYPE;
    return ad_obj(tp->bases ? tp->bases : t->vm->empty_tuple);
}

static AdValue type_get_base(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    (void)t;
    SELF_TYPE;
    return tp->base ? ad_obj(tp->base) : AD_NONE;
}

static AdValue type_get_mro(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    SELF_TYPE;
    if (tp->mro)
        return ad_obj(tp->mro);
    AdTuple *m = chain_mro(t, tp);
    return m ? ad_obj(m) : AD_NULLV;
}

static AdValue type_get_abstract(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    SELF_TYPE;
    AdValue v =
        tp == t->vm->type_type ? AD_NULLV : ad_dict_get_str(tp->dict, t->vm->name.abstractmethods);
    if (AD_IS_NULL(v))
        return ad_err_raise_v(t, t->vm->exc_AttributeError, "__abstractmethods__");
    return v;
}

static bool type_set_abstract(AdThread *t, AdValue self, AdValue v) {
    AdType *tp = AD_AS(AdType, self);
    AdVM *vm = t->vm;
    bool abstract = false;
    if (AD_IS_NULL(v)) {
        int r = ad_dict_del_str(t, tp->dict, vm->name.abstractmethods);
        if (r < 0)
            return false;
        if (r == 0)
            return ad_err_raise(t, vm->exc_AttributeError, "__abstractmethods__");
    } else {
        int truth = ad_rt_truthy(t, v);
        if (truth < 0)
            return false;
        abstract = truth;
        if (!ad_dict_set_str(t, tp->dict, vm->name.abstractmethods, v))
            return false;
    }
    if (abstract)
        tp->flags |= AD_TPFLAG_IS_ABSTRACT;
    else
        tp->flags &= ~(uint32_t)AD_TPFLAG_IS_ABSTRACT;
    ad_type_modified(t->vm, tp);
    return true;
}

static AdValue type_get_annotations(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    SELF_TYPE;
    AdVM *vm = t->vm;
    AdValue a = ad_dict_get_str(tp->dict, vm->name.annotations);
    if (!AD_IS_NULL(a))
        return ad_rt_descr_get(t, a, AD_NULLV, tp);
    if (!(tp->flags & AD_TPFLAG_HEAP))
        return ad_err_raise_v(t, vm->exc_AttributeError,
                              "type object '%s' has no attribute '__annotations__'",
                              ad_type_name(tp));
    AdDict *d = ad_dict_new(t);
    if (!d)
        return AD_NULLV;
    ad_gc_push_obj(t, d);
    if (!ad_dict_set_str(t, tp->dict, vm->name.annotations, ad_obj(d)))
        return AD_NULLV;
    ad_type_modified(t->vm, tp);
    return ad_obj(d);
}

static bool type_set_annotations(AdThread *t, AdValue self, AdValue v) {
    AdType *tp = AD_AS(AdType, self);
    if (!(tp->flags & AD_TPFLAG_HEAP))
        return ad_err_raise(t, t->vm->exc_TypeError,
                            "cannot set '__annotations__' attribute of immutable type '%s'",
                            ad_type_name(tp));
    bool ok;
    if (AD_IS_NULL(v))
        ok = ad_dict_del_str(t, tp->dict, t->vm->name.annotations) >= 0;
    else
        ok = ad_dict_set_str(t, tp->dict, t->vm->name.annotations, v);
    ad_type_modified(t->vm, tp);
    return ok;
}

static const AdMethodDef type_methods[] = {
    {"__call__", type_call, AD_METH_INSTANCE, NULL, NULL},
    {"__new__", type_new, AD_METH_STATIC, NULL, NULL},
    {"__init__", type_init, AD_METH_INSTANCE, NULL, NULL},
    {"__repr__", type_repr, AD_METH_INSTANCE, NULL, NULL},
    {"__getattribute__", ad_type_getattribute_native, AD_METH_INSTANCE, NULL, NULL},
    {"__setattr__", ad_type_setattr_native, AD_METH_INSTANCE, NULL, NULL},
    {"__delattr__", ad_type_setattr_native, AD_METH_INSTANCE, NULL, NULL},
    {"mro", type_mro, AD_METH_INSTANCE, NULL, NULL},
    {"__subclasses__", type_subclasses, AD_METH_INSTANCE, NULL, NULL},
    {"__instancecheck__", type_instancecheck, AD_METH_INSTANCE, NULL, NULL},
    {"__subclasscheck__", type_subclasscheck, AD_METH_INSTANCE, NULL, NULL},
    {"__prepare__", type_prepare, AD_METH_CLASS, NULL, NULL},
    {"__dir__", type_dir, AD_METH_INSTANCE, NULL, NULL},
    {"__sizeof__", type_sizeof, AD_METH_INSTANCE, NULL, NULL},
    {"__name__", type_get_name, AD_METH_GETSET, type_set_name, NULL},
    {"__qualname__", type_get_qualname, AD_METH_GETSET, type_set_qualname, NULL},
    {"__module__", type_get_module, AD_METH_GETSET, type_set_module, NULL},
    {"__doc__", type_get_doc, AD_METH_GETSET, type_set_doc, NULL},
    {"__dict__", type_get_dict, AD_METH_GETSET, NULL, NULL},
    {"__bases__", type_get_bases, AD_METH_GETSET, NULL, NULL},
    {"__base__", type_get_base, AD_METH_GETSET, NULL, NULL},
    {"__mro__", type_get_mro, AD_METH_GETSET, NULL, NULL},
    {"__abstractmethods__", type_get_abstract, AD_METH_GETSET, type_set_abstract, NULL},
    {"__annotations__", type_get_annotations, AD_METH_GETSET, type_set_annotations, NULL},
    {NULL, NULL, 0, NULL, NULL},
};

bool ad_type_setup(AdThread *t) {
    AdVM *vm = t->vm;
    if (!ad_object_setup(t))
        return false;
    if (!ad_type_init_builtin(t, vm->type_type, "type", vm->type_object, sizeof(AdType), type_trace,
                              type_finalize, type_methods, AD_TPFLAG_BASETYPE))
        return false;
    vm->type_type->flags |= AD_TPFLAG_META;
    return ad_descr_setup(t) && ad_seqiter_setup(t);
}
