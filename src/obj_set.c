/*
 * obj_set.c - set and frozenset, and the set iterator.
 *
 * The table is CPython's setobject.c algorithm line for line: linear probing over
 * LINEAR_PROBES slots, then perturbed jumps; a table of 8 to start; resize once
 * fill*5 >= mask*3 to used*4 (used*2 past 50000). Even the order of insertions in the
 * composite operations (copy, union, intersection...) follows CPython's, because that is
 * what decides iteration order, and scripts print sets.
 *
 * Entries: key AD_NULLV with hash 0 is empty; key vm->set_dummy with hash -1 is deleted
 * (no real hash is -1). The table is malloc'd and always present (8 slots at least). The
 * `pop` finger lives in obj.extra. Equality may run script code; lookups restart if the
 * table changed under them, as in CPython.
 */
#include <stdio.h>
#include <string.h>

#include "core.h"
#include "iter.h"
#include "seq.h"

#define LINEAR_PROBES 9
#define PERTURB_SHIFT 5
#define MINSIZE 8

static inline bool is_dummy(AdVM *vm, AdValue k) {
    return k.tag == AD_TAG_OBJ && k.as.o == vm->set_dummy.as.o;
}

static inline bool is_active(AdVM *vm, AdValue k) {
    return !AD_IS_NULL(k) && !is_dummy(vm, k);
}

static bool is_anyset(AdThread *t, AdValue v) {
    AdVM *vm = t->vm;
    if (v.tag != AD_TAG_OBJ) return false;
    AdType *type = v.as.o->type;
    return type == vm->type_set || type == vm->type_frozenset ||
           ad_type_is_subtype(type, vm->type_set) || ad_type_is_subtype(type, vm->type_frozenset);
}

static bool is_frozen(AdThread *t, AdSet *s) {
    AdVM *vm = t->vm;
    return s->obj.type == vm->type_frozenset || ad_type_is_subtype(s->obj.type, vm->type_frozenset);
}

/* ---- the table ------------------------------------------------------------------------- */

static AdSetEntry *alloc_table(AdThread *t, size_t size) {
    AdSetEntry *table = ad_mem_alloc(t, size * sizeof(AdSetEntry));
    if (table) memset(table, 0, size * sizeof(AdSetEntry));
    return table;
}

static AdSet *alloc_set(AdThread *t, AdType *type) {
    AdVM *vm = t->vm;
    AdSetEntry *table = alloc_table(t, MINSIZE);
    if (!table) return NULL;
    size_t size = (type == vm->type_set || type == vm->type_frozenset) ? sizeof(AdSet)
                                                                       : type->instance_size;
    AdSet *s = ad_gc_alloc(t, type, size);
    if (!s) {
        ad_mem_free(vm, table, MINSIZE * sizeof(AdSetEntry));
        return NULL;
    }
    s->table = table;
    s->mask = MINSIZE - 1;
    s->hash = -1;
    return s;
}

static void insert_clean(AdSetEntry *table, size_t mask, AdValue key, int64_t hash) {
    size_t perturb = (size_t)hash;
    size_t i = (size_t)hash & mask;
    AdSetEntry *entry;
    for (;;) {
        entry = &table[i];
        if (AD_IS_NULL(entry->key)) goto found;
        if (i + LINEAR_PROBES <= mask) {
            for (size_t j = 0; j < LINEAR_PROBES; j++) {
                entry++;
                if (AD_IS_NULL(entry->key)) goto found;
            }
        }
        perturb >>= PERTURB_SHIFT;
        i = (i * 5 + 1 + perturb) & mask;
    }
found:
    entry->key = key;
    entry->hash = hash;
}

static bool table_resize(AdThread *t, AdSet *s, size_t minused) {
    AdVM *vm = t->vm;
    size_t newsize = MINSIZE;
    while (newsize <= minused) newsize <<= 1;
    AdSetEntry *newtable = alloc_table(t, newsize);
    if (!newtable) return false;
    AdSetEntry *old = s->table;
    size_t oldmask = s->mask;
    s->table = newtable;
    s->mask = newsize - 1;
    if (s->fill == s->used) {
        for (size_t i = 0; i <= oldmask; i++)
            if (!AD_IS_NULL(old[i].key)) insert_clean(newtable, s->mask, old[i].key, old[i].hash);
    } else {
        s->fill = s->used;
        for (size_t i = 0; i <= oldmask; i++)
            if (is_active(vm, old[i].key)) insert_clean(newtable, s->mask, old[i].key, old[i].hash);
    }
    ad_mem_free(vm, old, (oldmask + 1) * sizeof(AdSetEntry));
    return true;
}

/* Equality of a stored key and a probe with equal hashes, without script code when both are
 * simple: 1/0, or -2 when the general comparison is needed. */
static inline int eq_inline(AdVM *vm, AdValue a, AdValue b) {
    uint32_t ta = a.tag == AD_TAG_BOOL ? AD_TAG_INT : a.tag;
    uint32_t tb = b.tag == AD_TAG_BOOL ? AD_TAG_INT : b.tag;
    if (ta == AD_TAG_INT && tb == AD_TAG_INT) return a.as.i == b.as.i;
    if (ta == AD_TAG_FLOAT && tb == AD_TAG_FLOAT) return a.as.f == b.as.f;
    if (ta == AD_TAG_OBJ && tb == AD_TAG_OBJ && a.as.o->type == vm->type_str &&
        b.as.o->type == vm->type_str)
        return ad_str_eq((AdStr *)a.as.o, (AdStr *)b.as.o);
    return -2;
}

/* Compares entry `e` (hash already equal) with key. 1 equal, 0 not, -1 error, 2 restart. */
static int compare_entry(AdThread *t, AdSet *s, AdSetEntry *e, AdValue key) {
    AdValue startkey = e->key;
    if (ad_is(startkey, key)) return 1;
    int r = eq_inline(t->vm, startkey, key);
    if (r != -2) return r;
    AdSetEntry *table = s->table;
    int mark = ad_gc_root_mark(t);
    ad_gc_push_root(t, startkey);
    ad_gc_push_root(t, key);
    r = ad_rt_eq(t, startkey, key);
    ad_gc_root_restore(t, mark);
    if (r < 0) return -1;
    if (table != s->table || !ad_is(e->key, startkey)) return 2;
    return r;
}

/* The slot holding `key`, or the empty slot that ends its probe; -1 on error. */
static int64_t lookkey(AdThread *t, AdSet *s, AdValue key, int64_t hash) {
restart:;
    size_t perturb = (size_t)hash;
    size_t mask = s->mask;
    size_t i = (size_t)hash & mask;
    for (;;) {
        size_t probes = (i + LINEAR_PROBES <= mask) ? LINEAR_PROBES : 0;
        size_t j = i;
        for (;;) {
            AdSetEntry *e = &s->table[j];
            if (AD_IS_NULL(e->key)) return (int64_t)j;
            if (e->hash == hash) {
                int r = compare_entry(t, s, e, key);
                if (r < 0) return -1;
                if (r == 2) goto restart;
                if (r) return (int64_t)j;
                mask = s->mask;
            }
            if (probes-- == 0) break;
            j++;
        }
        perturb >>= PERTURB_SHIFT;
        i = (i * 5 + 1 + perturb) & mask;
    }
}

/* Adds key with its hash. A deleted slot met while probing is reused, and (as in CPython
 * 3.11, which keeps overwriting `freeslot`) it is the last one met, not the first - a
 * detail that shows in iteration order. */
static bool add_entry(AdThread *t, AdSet *s, AdValue key, int64_t hash) {
    int mark = ad_gc_root_mark(t);
    ad_gc_push_root(t, key);
restart:;
    size_t mask = s->mask;
    size_t i = (size_t)hash & mask;
    size_t perturb = (size_t)hash;
    AdSetEntry *freeslot = NULL, *entry;
    for (;;) {
        size_t probes = (i + LINEAR_PROBES <= mask) ? LINEAR_PROBES : 0;
        size_t j = i;
        for (;;) {
            entry = &s->table[j];
            if (AD_IS_NULL(entry->key)) goto found_unused_or_dummy;
            if (entry->hash == hash) {
                int r = compare_entry(t, s, entry, key);
                if (r < 0) goto fail;
                if (r == 2) goto restart;
                if (r) goto found_active;
                mask = s->mask;
            } else if (entry->hash == -1) {
                freeslot = entry;
            }
            if (probes-- == 0) break;
            j++;
        }
        perturb >>= PERTURB_SHIFT;
        i = (i * 5 + 1 + perturb) & mask;
    }
found_unused_or_dummy:
    if (freeslot) {
        s->used++;
        freeslot->key = key;
        freeslot->hash = hash;
        goto found_active;
    }
    s->fill++;
    s->used++;
    entry->key = key;
    entry->hash = hash;
    if (s->fill * 5 >= mask * 3 &&
        !table_resize(t, s, s->used > 50000 ? s->used * 2 : s->used * 4))
        goto fail;
found_active:
    ad_gc_root_restore(t, mark);
    return true;
fail:
    ad_gc_root_restore(t, mark);
    return false;
}

/* hash(key) where an unhashable set probes as the equal frozenset (CPython's rule for
 * `in`, remove and discard). *key may be replaced by that frozenset, which is rooted. */
static bool probe_hash(AdThread *t, AdValue *key, int64_t *hash) {
    AdVM *vm = t->vm;
    if (ad_hash_value(t, *key, hash)) return true;
    if (!ad_is_instance_of(t, *key, vm->type_set) || !ad_err_matches(t, vm->exc_TypeError))
        return false;
    ad_err_clear(t);
    AdSet *tmp = ad_set_new(t, true);
    if (!tmp) return false;
    ad_gc_push_obj(t, tmp);
    if (!ad_set_update(t, tmp, *key)) return false;
    *key = ad_obj(tmp);
    return ad_hash_value(t, *key, hash);
}

/* One step of the set algorithms' walk over a general iterable: 1 with *key pushed as a root
 * (the caller pops it with t->nroots-- once done) and *hash set, 0 when exhausted, -1 with an
 * exception. `probe`: hash as probe_hash does (*key may become a rooted frozenset). */
static int next_hashed(AdThread *t, AdValue it, bool probe, AdValue *key, int64_t *hash) {
    int rc = ad_rt_next(t, it, key);
    if (rc <= 0) return rc;
    ad_gc_push_root(t, *key);
    return (probe ? probe_hash(t, key, hash) : ad_hash_value(t, *key, hash)) ? 1 : -1;
}

/* 1 present, 0 absent, -1 error. */
static int contains_entry(AdThread *t, AdSet *s, AdValue key, int64_t hash) {
    int64_t j = lookkey(t, s, key, hash);
    if (j < 0) return -1;
    return !AD_IS_NULL(s->table[j].key);
}

/* 1 removed, 0 absent, -1 error. */
static int discard_entry(AdThread *t, AdSet *s, AdValue key, int64_t hash) {
    int64_t j = lookkey(t, s, key, hash);
    if (j < 0) return -1;
    AdSetEntry *e = &s->table[j];
    if (AD_IS_NULL(e->key)) return 0;
    e->key = t->vm->set_dummy;
    e->hash = -1;
    s->used--;
    return 1;
}

static bool add_key(AdThread *t, AdSet *s, AdValue key) {
    int64_t hash;
    ad_gc_push_root(t, key);
    bool ok = ad_hash_value(t, key, &hash);
    t->nroots--;
    return ok && add_entry(t, s, key, hash);
}

/* Next active entry at or after *pos. */
static bool set_next(AdVM *vm, AdSet *s, size_t *pos, AdSetEntry **out) {
    while (*pos <= s->mask) {
        AdSetEntry *e = &s->table[(*pos)++];
        if (is_active(vm, e->key)) {
            *out = e;
            return true;
        }
    }
    return false;
}

static bool clear_internal(AdThread *t, AdSet *s) {
    if (s->mask == MINSIZE - 1) {
        memset(s->table, 0, MINSIZE * sizeof(AdSetEntry));
    } else {
        AdSetEntry *table = alloc_table(t, MINSIZE);
        if (!table) return false;
        AdSetEntry *old = s->table;
        size_t oldsize = s->mask + 1;
        s->table = table;
        s->mask = MINSIZE - 1;
        ad_mem_free(t->vm, old, oldsize * sizeof(AdSetEntry));
    }
    s->used = s->fill = 0;
    s->obj.extra = 0;
    return true;
}

static void swap_bodies(AdSet *a, AdSet *b) {
    AdSetEntry *table = a->table;
    size_t used = a->used, fill = a->fill, mask = a->mask;
    a->table = b->table;
    a->used = b->used;
    a->fill = b->fill;
    a->mask = b->mask;
    b->table = table;
    b->used = used;
    b->fill = fill;
    b->mask = mask;
    a->hash = b->hash = -1;
}

/* ---- bulk operations (CPython's set_merge / set_update_internal ...) -------------------- */

static bool set_merge(AdThread *t, AdSet *so, AdSet *other) {
    AdVM *vm = t->vm;
    if (so == other || other->used == 0) return true;
    int mark = ad_gc_root_mark(t);
    ad_gc_push_obj(t, so);
    ad_gc_push_obj(t, other);
    bool ok = true;
    if ((so->fill + other->used) * 5 >= so->mask * 3) {
        if (!table_resize(t, so, (so->used + other->used) * 2)) {
            ok = false;
            goto out;
        }
    }
    if (so->fill == 0 && so->mask == other->mask && other->fill == other->used) {
        for (size_t i = 0; i <= other->mask; i++) {
            if (!AD_IS_NULL(other->table[i].key)) so->table[i] = other->table[i];
        }
        so->fill = other->fill;
        so->used = other->used;
        goto out;
    }
    if (so->fill == 0) {
        so->fill = other->used;
        so->used = other->used;
        for (size_t i = 0; i <= other->mask; i++) {
            AdSetEntry *e = &other->table[i];
            if (is_active(vm, e->key)) insert_clean(so->table, so->mask, e->key, e->hash);
        }
        goto out;
    }
    for (size_t i = 0; i <= other->mask; i++) {
        AdSetEntry e = other->table[i];
        if (is_active(vm, e.key) && !add_entry(t, so, e.key, e.hash)) {
            ok = false;
            break;
        }
    }
out:
    ad_gc_root_restore(t, mark);
    return ok;
}

static bool update_internal(AdThread *t, AdSet *so, AdValue other) {
    AdVM *vm = t->vm;
    if (is_anyset(t, other)) return set_merge(t, so, AD_AS(AdSet, other));
    int mark = ad_gc_root_mark(t);
    ad_gc_push_obj(t, so);
    if (ad_is_type(other, vm->type_dict)) {
        AdDict *d = AD_AS(AdDict, other);
        if ((so->fill + d->len) * 5 >= so->mask * 3) {
            if (!table_resize(t, so, (so->used + d->len) * 2)) goto fail;
        }
        for (size_t i = 0; i < d->nentries; i++) {
            AdDictEntry e = d->entries[i];
            if (!AD_IS_NULL(e.key) && !add_entry(t, so, e.key, e.hash)) goto fail;
        }
        ad_gc_root_restore(t, mark);
        return true;
    }
    AdValue it = ad_rt_getiter(t, other);
    if (AD_IS_NULL(it)) goto fail;
    ad_gc_push_root(t, it);
    for (;;) {
        AdValue key;
        int rc = ad_iter_fast_next(t, it, &key);
        if (rc == -2) rc = ad_rt_next(t, it, &key);
        if (rc < 0) goto fail;
        if (rc == 0) break;
        if (!add_key(t, so, key)) goto fail;
    }
    ad_gc_root_restore(t, mark);
    return true;
fail:
    ad_gc_root_restore(t, mark);
    return false;
}

/* A new set or frozenset (the base type of `type`) holding `iterable` (may be NULL). */
static AdSet *make_new_set_basetype(AdThread *t, AdType *type, AdValue iterable) {
    AdVM *vm = t->vm;
    bool frozen = !(type == vm->type_set || ad_type_is_subtype(type, vm->type_set));
    AdSet *s = ad_set_new(t, frozen);
    if (!s || AD_IS_NULL(iterable)) return s;
    int mark = ad_gc_root_mark(t);
    ad_gc_push_obj(t, s);
    bool ok = update_internal(t, s, iterable);
    ad_gc_root_restore(t, mark);
    return ok ? s : NULL;
}

static AdSet *set_copy(AdThread *t, AdSet *so) {
    return make_new_set_basetype(t, so->obj.type, ad_obj(so));
}

static AdSet *set_intersection(AdThread *t, AdSet *so, AdValue other) {
    AdVM *vm = t->vm;
    if (ad_is(ad_obj(so), other)) return set_copy(t, so);
    AdSet *result = make_new_set_basetype(t, so->obj.type, AD_NULLV);
    if (!result) return NULL;
    int mark = ad_gc_root_mark(t);
    ad_gc_push_obj(t, result);
    ad_gc_push_obj(t, so);
    if (is_anyset(t, other)) {
        AdSet *a = so, *b = AD_AS(AdSet, other);
        if (b->used > a->used) {
            AdSet *tmp = a;
            a = b;
            b = tmp;
        }
        size_t pos = 0;
        AdSetEntry *e;
        while (set_next(vm, b, &pos, &e)) {
            AdValue key = e->key;
            int64_t hash = e->hash;
            ad_gc_push_root(t, key);
            int rv = contains_entry(t, a, key, hash);
            if (rv < 0 || (rv && !add_entry(t, result, key, hash))) goto fail;
            t->nroots--;
        }
        ad_gc_root_restore(t, mark);
        return result;
    }
    AdValue it = ad_rt_getiter(t, other);
    if (AD_IS_NULL(it)) goto fail;
    ad_gc_push_root(t, it);
    for (;;) {
        AdValue key;
        int64_t hash;
        int rc = next_hashed(t, it, false, &key, &hash);
        if (rc < 0) goto fail;
        if (rc == 0) break;
        int rv = contains_entry(t, so, key, hash);
        if (rv < 0 || (rv && !add_entry(t, result, key, hash))) goto fail;
        t->nroots--;
    }
    ad_gc_root_restore(t, mark);
    return result;
fail:
    ad_gc_root_restore(t, mark);
    return NULL;
}

bool ad_set_difference_update(AdThread *t, AdSet *so, AdValue other) {
    AdVM *vm = t->vm;
    if (ad_is(ad_obj(so), other)) return clear_internal(t, so);
    int mark = ad_gc_root_mark(t);
    ad_gc_push_obj(t, so);
    if (is_anyset(t, other)) {
        AdSet *o = AD_AS(AdSet, other);
        if ((o->used >> 3) > so->used) {
            o = set_intersection(t, so, other);
            if (!o) goto fail;
            ad_gc_push_obj(t, o);
        }
        size_t pos = 0;
        AdSetEntry *e;
        while (set_next(vm, o, &pos, &e)) {
            AdValue key = e->key;
            ad_gc_push_root(t, key);
            if (discard_entry(t, so, key, e->hash) < 0) goto fail;
            t->nroots--;
        }
    } else {
        AdValue it = ad_rt_getiter(t, other);
        if (AD_IS_NULL(it)) goto fail;
        ad_gc_push_root(t, it);
        for (;;) {
            AdValue key;
            int64_t hash;
            int rc = next_hashed(t, it, true, &key, &hash);
            if (rc < 0) goto fail;
            if (rc == 0) break;
            if (discard_entry(t, so, key, hash) < 0) goto fail;
            t->nroots--;
        }
    }
    ad_gc_root_restore(t, mark);
    if (so->fill - so->used <= so->mask / 4) return true;
    return table_resize(t, so, so->used > 50000 ? so->used * 2 : so->used * 4);
fail:
    ad_gc_root_restore(t, mark);
    return false;
}

static AdSet *set_difference(AdThread *t, AdSet *so, AdValue other) {
    AdVM *vm = t->vm;
    size_t other_size;
    if (is_anyset(t, other)) {
        other_size = AD_AS(AdSet, other)->used;
    } else if (ad_is_type(other, vm->type_dict)) {
        other_size = AD_AS(AdDict, other)->len;
    } else {
        goto copy_and_difference;
    }
    if ((so->used >> 2) > other_size) goto copy_and_difference;
    AdSet *result = make_new_set_basetype(t, so->obj.type, AD_NULLV);
    if (!result) return NULL;
    int mark = ad_gc_root_mark(t);
    ad_gc_push_obj(t, result);
    size_t pos = 0;
    AdSetEntry *e;
    while (set_next(vm, so, &pos, &e)) {
        AdValue key = e->key;
        int64_t hash = e->hash;
        ad_gc_push_root(t, key);
        int rv;
        if (ad_is_type(other, vm->type_dict)) {
            AdValue v;
            rv = ad_dict_get(t, AD_AS(AdDict, other), key, &v);
        } else {
            rv = contains_entry(t, AD_AS(AdSet, other), key, hash);
        }
        if (rv < 0 || (!rv && !add_entry(t, result, key, hash))) {
            ad_gc_root_restore(t, mark);
            return NULL;
        }
        t->nroots--;
    }
    ad_gc_root_restore(t, mark);
    return result;

copy_and_difference:;
    AdSet *r = set_copy(t, so);
    if (!r) return NULL;
    ad_gc_push_obj(t, r);
    bool ok = ad_set_difference_update(t, r, other);
    t->nroots--;
    return ok ? r : NULL;
}

bool ad_set_symmetric_difference_update(AdThread *t, AdSet *so, AdValue other) {
    AdVM *vm = t->vm;
    if (ad_is(ad_obj(so), other)) return clear_internal(t, so);
    int mark = ad_gc_root_mark(t);
    ad_gc_push_obj(t, so);
    if (ad_is_type(other, vm->type_dict)) {
        AdDict *d = AD_AS(AdDict, other);
        for (size_t i = 0; i < d->nentries; i++) {
            AdDictEntry e = d->entries[i];
            if (AD_IS_NULL(e.key)) continue;
            ad_gc_push_root(t, e.key);
            int rv = discard_entry(t, so, e.key, e.hash);
            if (rv < 0 || (rv == 0 && !add_entry(t, so, e.key, e.hash))) goto fail;
            t->nroots--;
        }
        ad_gc_root_restore(t, mark);
        return true;
    }
    AdSet *o;
    if (is_anyset(t, other)) {
        o = AD_AS(AdSet, other);
    } else {
        o = make_new_set_basetype(t, so->obj.type, other);
        if (!o) goto fail;
        ad_gc_push_obj(t, o);
    }
    size_t pos = 0;
    AdSetEntry *e;
    while (set_next(vm, o, &pos, &e)) {
        AdValue key = e->key;
        int64_t hash = e->hash;
        ad_gc_push_root(t, key);
        int rv = discard_entry(t, so, key, hash);
        if (rv < 0 || (rv == 0 && !add_entry(t, so, key, hash))) goto fail;
        t->nroots--;
    }
    ad_gc_root_restore(t, mark);
    return true;
fail:
    ad_gc_root_restore(t, mark);
    return false;
}

static AdSet *set_symmetric_difference(AdThread *t, AdSet *so, AdValue other) {
    AdSet *o = make_new_set_basetype(t, so->obj.type, other);
    if (!o) return NULL;
    ad_gc_push_obj(t, o);
    bool ok = ad_set_symmetric_difference_update(t, o, ad_obj(so));
    t->nroots--;
    return ok ? o : NULL;
}

/* 1 if every item of `so` is in `other` (any iterable), 0 if not, -1 error. */
static int set_issubset(AdThread *t, AdSet *so, AdValue other) {
    AdVM *vm = t->vm;
    if (!is_anyset(t, other)) {
        AdSet *tmp = make_new_set_basetype(t, vm->type_set, other);
        if (!tmp) return -1;
        ad_gc_push_obj(t, tmp);
        int r = set_issubset(t, so, ad_obj(tmp));
        t->nroots--;
        return r;
    }
    AdSet *o = AD_AS(AdSet, other);
    if (so->used > o->used) return 0;
    size_t pos = 0;
    AdSetEntry *e;
    while (set_next(vm, so, &pos, &e)) {
        AdValue key = e->key;
        ad_gc_push_root(t, key);
        int rv = contains_entry(t, o, key, e->hash);
        t->nroots--;
        if (rv <= 0) return rv;
    }
    return 1;
}

static int set_issuperset(AdThread *t, AdSet *so, AdValue other) {
    if (is_anyset(t, other)) return set_issubset(t, AD_AS(AdSet, other), ad_obj(so));
    int mark = ad_gc_root_mark(t);
    AdValue it = ad_rt_getiter(t, other);
    if (AD_IS_NULL(it)) return -1;
    ad_gc_push_root(t, it);
    int result = 1;
    for (;;) {
        AdValue key;
        int64_t hash;
        int rv = next_hashed(t, it, false, &key, &hash);
        if (rv == 0) break;
        if (rv > 0) {
            rv = contains_entry(t, so, key, hash);
            t->nroots--;
        }
        if (rv <= 0) {
            result = rv;
            break;
        }
    }
    ad_gc_root_restore(t, mark);
    return result;
}

/* ---- the C API ------------------------------------------------------------------------- */

AdSet *ad_set_new(AdThread *t, bool frozen) {
    return alloc_set(t, frozen ? t->vm->type_frozenset : t->vm->type_set);
}

bool ad_set_add(AdThread *t, AdSet *s, AdValue key) {
    int mark = ad_gc_root_mark(t);
    ad_gc_push_obj(t, s);
    bool ok = add_key(t, s, key);
    ad_gc_root_restore(t, mark);
    return ok;
}

int ad_set_contains(AdThread *t, AdSet *s, AdValue key) {
    int mark = ad_gc_root_mark(t);
    int64_t hash;
    int r = probe_hash(t, &key, &hash) ? contains_entry(t, s, key, hash) : -1;
    ad_gc_root_restore(t, mark);
    return r;
}

bool ad_set_update(AdThread *t, AdSet *s, AdValue iterable) {
    return update_internal(t, s, iterable);
}

AdSet *ad_set_display_const(AdThread *t, const AdValue *items, size_t n) {
    int mark = ad_gc_root_mark(t);
    AdSet *first = ad_set_new(t, true);
    if (!first) return NULL;
    ad_gc_push_obj(t, first);
    for (size_t i = 0; i < n; i++)
        if (!add_key(t, first, items[i])) goto fail;
    AdSet *second = ad_set_new(t, true);
    if (!second) goto fail;
    ad_gc_push_obj(t, second);
    size_t pos = 0;
    AdSetEntry *e;
    while (set_next(t->vm, first, &pos, &e))
        if (!add_entry(t, second, e->key, e->hash)) goto fail;
    ad_gc_root_restore(t, mark);
    return second;
fail:
    ad_gc_root_restore(t, mark);
    return NULL;
}

/* ---- dunders and methods --------------------------------------------------------------- */

static bool check_self(AdThread *t, AdValue *args, int nargs, const char *meth) {
    if (nargs >= 1 && is_anyset(t, args[0])) return true;
    if (nargs < 1)
        return ad_err_raise(t, t->vm->exc_TypeError,
                            "descriptor '%s' of 'set' object needs an argument", meth);
    return ad_err_raise(t, t->vm->exc_TypeError,
                        "descriptor '%s' requires a 'set' object but received a '%T'", meth,
                        args[0]);
}
#define SELF(name)                                                                          \
    if (!check_self(t, args, nargs, name)) return AD_NULLV;                                  \
    AdSet *self = AD_AS(AdSet, args[0])
#define ARGS(name, min, max)                                                                \
    if (!ad_args_check(t, name, nargs - 1, kwnames, min, max)) return AD_NULLV
static inline AdValue RESULT(void *s) { return s ? ad_obj(s) : AD_NULLV; }

static AdValue set_new_m(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    AdVM *vm = t->vm;
    AdValue cls = args[0];
    if (!ad_is_instance_of(t, cls, vm->type_type) ||
        !ad_type_is_subtype(AD_AS(AdType, cls), vm->type_set))
        return ad_err_raise_v(t, vm->exc_TypeError, "set.__new__(X): X is not a subtype of set");
    if (AD_AS(AdType, cls) == vm->type_set && kwnames && kwnames->len)
        return ad_err_raise_v(t, vm->exc_TypeError, "set() takes no keyword arguments");
    (void)nargs;
    return RESULT(alloc_set(t, AD_AS(AdType, cls)));
}

static AdValue set_init(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    SELF("__init__");
    ARGS("set", 0, 1);
    if (is_frozen(t, self)) return AD_NONE;
    if (self->fill && !clear_internal(t, self)) return AD_NULLV;
    if (nargs > 1 && !update_internal(t, self, args[1])) return AD_NULLV;
    return AD_NONE;
}

static AdValue frozenset_new_m(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    AdVM *vm = t->vm;
    AdValue cls = args[0];
    if (!ad_is_instance_of(t, cls, vm->type_type) ||
        !ad_type_is_subtype(AD_AS(AdType, cls), vm->type_frozenset))
        return ad_err_raise_v(t, vm->exc_TypeError,
                              "frozenset.__new__(X): X is not a subtype of frozenset");
    AdType *type = AD_AS(AdType, cls);
    if (type == vm->type_frozenset) ARGS("frozenset", 0, 1);
    if (type == vm->type_frozenset && nargs > 1 && ad_is_type(args[1], vm->type_frozenset))
        return args[1];
    AdSet *s = alloc_set(t, type);
    if (!s) return AD_NULLV;
    ad_gc_push_obj(t, s);
    if (nargs > 1 && !update_internal(t, s, args[1])) return AD_NULLV;
    return ad_obj(s);
}

static AdValue set_repr(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    (void)kwnames;
    SELF("__repr__");
    AdVM *vm = t->vm;
    const char *tname = ad_type_name(self->obj.type);
    bool exact = self->obj.type == vm->type_set;
    AdReprGuard guard;
    if (ad_repr_enter(t, &guard, self)) {
        AdStr *s = ad_str_printf(t, "%s(...)", tname);
        return RESULT(s);
    }
    if (self->used == 0) {
        ad_repr_leave(t, &guard);
        return RESULT(ad_str_printf(t, "%s()", tname));
    }
    /* Snapshot the items first: a script __repr__ may change the set. */
    AdValue lv = ad_sequence_to_list(t, args[0]);
    if (AD_IS_NULL(lv)) {
        ad_repr_leave(t, &guard);
        return AD_NULLV;
    }
    ad_gc_push_root(t, lv);
    AdList *l = AD_AS(AdList, lv);
    AdBuf b;
    ad_buf_init(&b);
    if (!exact && (!ad_buf_adds(t, &b, tname) || !ad_buf_addc(t, &b, '('))) goto fail;
    if (!ad_buf_addc(t, &b, '{') || !ad_seq_repr_items(t, &b, &l->items, &l->len) ||
        !ad_buf_addc(t, &b, '}'))
        goto fail;
    if (!exact && !ad_buf_addc(t, &b, ')')) goto fail;
    ad_repr_leave(t, &guard);
    return RESULT(ad_buf_finish(t, &b));
fail:
    ad_repr_leave(t, &guard);
    ad_buf_free(&b);
    return AD_NULLV;
}

static AdValue set_len(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    (void)kwnames;
    SELF("__len__");
    return ad_small_int((int64_t)self->used);
}

static AdValue set_contains(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    SELF("__contains__");
    ARGS("__contains__", 1, 1);
    int r = ad_set_contains(t, self, args[1]);
    return r < 0 ? AD_NULLV : ad_bool(r);
}

static AdValue set_iter(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    (void)kwnames;
    SELF("__iter__");
    return ad_set_iter_new(t, self);
}

static uint64_t shuffle_bits(uint64_t h) {
    return ((h ^ 89869747UL) ^ (h << 16)) * 3644798167UL;
}

static AdValue frozenset_hash(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    (void)kwnames;
    SELF("__hash__");
    if (self->hash != -1) return ad_small_int(self->hash);
    uint64_t hash = 0;
    for (size_t i = 0; i <= self->mask; i++) hash ^= shuffle_bits((uint64_t)self->table[i].hash);
    if ((self->mask + 1 - self->fill) & 1) hash ^= shuffle_bits(0);
    if ((self->fill - self->used) & 1) hash ^= shuffle_bits((uint64_t)-1);
    hash ^= ((uint64_t)self->used + 1) * 1927868237UL;
    hash ^= (hash >> 11) ^ (hash >> 25);
    hash = hash * 69069U + 907133923UL;
    if (hash == (uint64_t)-1) hash = 590923713UL;
    self->hash = (int64_t)hash;
    return ad_small_int(self->hash);
}

static AdValue set_add_m(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    SELF("add");
    ARGS("add", 1, 1);
    return add_key(t, self, args[1]) ? AD_NONE : AD_NULLV;
}

static AdValue set_discard(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    SELF("discard");
    ARGS("discard", 1, 1);
    AdValue key = args[1];
    int64_t hash;
    if (!probe_hash(t, &key, &hash) || discard_entry(t, self, key, hash) < 0) return AD_NULLV;
    return AD_NONE;
}

static AdValue set_remove(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    SELF("remove");
    ARGS("remove", 1, 1);
    AdValue key = args[1];
    int64_t hash;
    if (!probe_hash(t, &key, &hash)) return AD_NULLV;
    int r = discard_entry(t, self, key, hash);
    if (r < 0) return AD_NULLV;
    if (r == 0) return ad_err_key(t, args[1]), AD_NULLV;
    return AD_NONE;
}

static AdValue set_pop(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    SELF("pop");
    ARGS("pop", 0, 0);
    AdVM *vm = t->vm;
    if (self->used == 0) return ad_err_raise_v(t, vm->exc_KeyError, "pop from an empty set");
    size_t i = self->obj.extra & self->mask;
    while (!is_active(vm, self->table[i].key)) {
        i++;
        if (i > self->mask) i = 0;
    }
    AdValue key = self->table[i].key;
    self->table[i].key = vm->set_dummy;
    self->table[i].hash = -1;
    self->used--;
    self->obj.extra = (uint32_t)(i + 1);
    return key;
}

static AdValue set_clear(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    SELF("clear");
    ARGS("clear", 0, 0);
    return clear_internal(t, self) ? AD_NONE : AD_NULLV;
}

static AdValue set_copy_m(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    SELF("copy");
    ARGS("copy", 0, 0);
    if (self->obj.type == t->vm->type_frozenset) return args[0];
    return RESULT(set_copy(t, self));
}

static AdValue set_update_m(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    SELF("update");
    ARGS("update", 0, -1);
    for (int i = 1; i < nargs; i++)
        if (!update_internal(t, self, args[i])) return AD_NULLV;
    return AD_NONE;
}

static AdValue set_union(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    SELF("union");
    ARGS("union", 0, -1);
    AdSet *r = set_copy(t, self);
    if (!r) return AD_NULLV;
    ad_gc_push_obj(t, r);
    for (int i = 1; i < nargs; i++) {
        if (ad_is(args[i], args[0])) continue;
        if (!update_internal(t, r, args[i])) return AD_NULLV;
    }
    return ad_obj(r);
}

static AdValue set_intersection_m(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    SELF("intersection");
    ARGS("intersection", 0, -1);
    if (nargs == 1) return RESULT(set_copy(t, self));
    AdSet *r = self;
    for (int i = 1; i < nargs; i++) {
        r = set_intersection(t, r, args[i]);
        if (!r) return AD_NULLV;
        ad_gc_push_obj(t, r);
    }
    return ad_obj(r);
}

static AdValue set_intersection_update(AdThread *t, AdValue *args, int nargs,
                                       AdTuple *kwnames) {
    if (!check_self(t, args, nargs, "intersection_update")) return AD_NULLV;
    ARGS("intersection_update", 0, -1);
    AdValue r = set_intersection_m(t, args, nargs, NULL);
    if (AD_IS_NULL(r)) return AD_NULLV;
    ad_gc_push_root(t, r);
    if (!ad_is(r, args[0])) swap_bodies(AD_AS(AdSet, args[0]), AD_AS(AdSet, r));
    return AD_NONE;
}

static AdValue set_difference_m(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    SELF("difference");
    ARGS("difference", 0, -1);
    if (nargs == 1) return RESULT(set_copy(t, self));
    AdSet *r = set_difference(t, self, args[1]);
    if (!r) return AD_NULLV;
    ad_gc_push_obj(t, r);
    for (int i = 2; i < nargs; i++)
        if (!ad_set_difference_update(t, r, args[i])) return AD_NULLV;
    return ad_obj(r);
}

static AdValue set_difference_update_m(AdThread *t, AdValue *args, int nargs,
                                       AdTuple *kwnames) {
    SELF("difference_update");
    ARGS("difference_update", 0, -1);
    for (int i = 1; i < nargs; i++)
        if (!ad_set_difference_update(t, self, args[i])) return AD_NULLV;
    return AD_NONE;
}

static AdValue set_symdiff_m(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    SELF("symmetric_difference");
    ARGS("symmetric_difference", 1, 1);
    return RESULT(set_symmetric_difference(t, self, args[1]));
}

static AdValue set_symdiff_update_m(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    SELF("symmetric_difference_update");
    ARGS("symmetric_difference_update", 1, 1);
    return ad_set_symmetric_difference_update(t, self, args[1]) ? AD_NONE : AD_NULLV;
}

static AdValue set_issubset_m(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    SELF("issubset");
    ARGS("issubset", 1, 1);
    int r = set_issubset(t, self, args[1]);
    return r < 0 ? AD_NULLV : ad_bool(r);
}

static AdValue set_issuperset_m(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    SELF("issuperset");
    ARGS("issuperset", 1, 1);
    int r = set_issuperset(t, self, args[1]);
    return r < 0 ? AD_NULLV : ad_bool(r);
}

static AdValue set_isdisjoint(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    SELF("isdisjoint");
    ARGS("isdisjoint", 1, 1);
    AdVM *vm = t->vm;
    AdValue other = args[1];
    if (ad_is(args[0], other)) return ad_bool(self->used == 0);
    int mark = ad_gc_root_mark(t);
    if (is_anyset(t, other)) {
        AdSet *a = self, *b = AD_AS(AdSet, other);
        if (a->used > b->used) {
            AdSet *tmp = a;
            a = b;
            b = tmp;
        }
        size_t pos = 0;
        AdSetEntry *e;
        while (set_next(vm, a, &pos, &e)) {
            ad_gc_push_root(t, e->key);
            int rv = contains_entry(t, b, e->key, e->hash);
            ad_gc_root_restore(t, mark);
            if (rv < 0) return AD_NULLV;
            if (rv) return AD_FALSE;
        }
        return AD_TRUE;
    }
    AdValue it = ad_rt_getiter(t, other);
    if (AD_IS_NULL(it)) return AD_NULLV;
    ad_gc_push_root(t, it);
    for (;;) {
        AdValue key;
        int64_t hash;
        int rc = next_hashed(t, it, false, &key, &hash);
        if (rc < 0) return AD_NULLV;
        if (rc == 0) break;
        int rv = contains_entry(t, self, key, hash);
        if (rv < 0) return AD_NULLV;
        if (rv) return AD_FALSE;
        t->nroots--;
    }
    ad_gc_root_restore(t, mark);
    return AD_TRUE;
}

/* Binary operators: both operands sets (else NotImplemented). */
static AdValue set_binop(AdThread *t, AdValue *args, int nargs, int op, bool inplace) {
    AdVM *vm = t->vm;
    if (nargs != 2 || !is_anyset(t, args[0]) || !is_anyset(t, args[1]))
        return vm->not_implemented;
    AdSet *so = AD_AS(AdSet, args[0]);
    AdValue other = args[1];
    if (inplace) {
        bool ok;
        switch (op) {
        case AD_BINOP_OR: ok = update_internal(t, so, other); break;
        case AD_BINOP_SUB: ok = ad_set_difference_update(t, so, other); break;
        case AD_BINOP_XOR: ok = ad_set_symmetric_difference_update(t, so, other); break;
        default: {
            AdSet *tmp = set_intersection(t, so, other);
            ok = tmp != NULL;
            if (ok && tmp != so) swap_bodies(so, tmp);
            break;
        }
        }
        return ok ? args[0] : AD_NULLV;
    }
    switch (op) {
    case AD_BINOP_OR: {
        AdSet *r = set_copy(t, so);
        if (!r) return AD_NULLV;
        if (ad_is(args[0], other)) return ad_obj(r);
        ad_gc_push_obj(t, r);
        return update_internal(t, r, other) ? ad_obj(r) : AD_NULLV;
    }
    case AD_BINOP_SUB: return RESULT(set_difference(t, so, other));
    case AD_BINOP_XOR: return RESULT(set_symmetric_difference(t, so, other));
    default: return RESULT(set_intersection(t, so, other));
    }
}

#define BINOP_FN(name, op, inplace)                                                         \
    static AdValue name(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {           \
        (void)kwnames;                                                                      \
        return set_binop(t, args, nargs, op, inplace);                                      \
    }
BINOP_FN(set_or, AD_BINOP_OR, false)
BINOP_FN(set_and, AD_BINOP_AND, false)
BINOP_FN(set_sub, AD_BINOP_SUB, false)
BINOP_FN(set_xor, AD_BINOP_XOR, false)
BINOP_FN(set_ior, AD_BINOP_OR, true)
BINOP_FN(set_iand, AD_BINOP_AND, true)
BINOP_FN(set_isub, AD_BINOP_SUB, true)
BINOP_FN(set_ixor, AD_BINOP_XOR, true)

static AdValue set_compare(AdThread *t, AdValue *args, int nargs, int op) {
    if (nargs != 2 || !is_anyset(t, args[0]) || !is_anyset(t, args[1]))
        return t->vm->not_implemented;
    AdSet *a = AD_AS(AdSet, args[0]), *b = AD_AS(AdSet, args[1]);
    int r;
    switch (op) {
    case AD_CMP_EQ:
    case AD_CMP_NE:
        if (a->used != b->used)
            r = 0;
        else if (a->hash != -1 && b->hash != -1 && a->hash != b->hash)
            r = 0;
        else
            r = set_issubset(t, a, args[1]);
        if (r >= 0 && op == AD_CMP_NE) r = !r;
        break;
    case AD_CMP_LE: r = set_issubset(t, a, args[1]); break;
    case AD_CMP_GE: r = set_issuperset(t, a, args[1]); break;
    case AD_CMP_LT: r = a->used < b->used ? set_issubset(t, a, args[1]) : 0; break;
    default: r = a->used > b->used ? set_issuperset(t, a, args[1]) : 0; break;
    }
    return r < 0 ? AD_NULLV : ad_bool(r);
}

AD_RICHCMP_FNS(set, set_compare)

#define COMMON_METHODS                                                                      \
    {"__repr__", set_repr, AD_METH_INSTANCE, NULL, NULL},                                   \
    {"__len__", set_len, AD_METH_INSTANCE, NULL, NULL},                                     \
    {"__contains__", set_contains, AD_METH_INSTANCE, NULL, NULL},                           \
    {"__iter__", set_iter, AD_METH_INSTANCE, NULL, NULL},                                   \
    {"__or__", set_or, AD_METH_INSTANCE, NULL, NULL},                                       \
    {"__and__", set_and, AD_METH_INSTANCE, NULL, NULL},                                     \
    {"__sub__", set_sub, AD_METH_INSTANCE, NULL, NULL},                                     \
    {"__xor__", set_xor, AD_METH_INSTANCE, NULL, NULL},                                     \
    AD_RICHCMP_METHODS(set),                                                                \
    {"copy", set_copy_m, AD_METH_INSTANCE, NULL, NULL},                                     \
    {"union", set_union, AD_METH_INSTANCE, NULL, NULL},                                     \
    {"intersection", set_intersection_m, AD_METH_INSTANCE, NULL, NULL},                     \
    {"difference", set_difference_m, AD_METH_INSTANCE, NULL, NULL},                         \
    {"symmetric_difference", set_symdiff_m, AD_METH_INSTANCE, NULL, NULL},                  \
    {"issubset", set_issubset_m, AD_METH_INSTANCE, NULL, NULL},                             \
    {"issuperset", set_issuperset_m, AD_METH_INSTANCE, NULL, NULL},                         \
    {"isdisjoint", set_isdisjoint, AD_METH_INSTANCE, NULL, NULL},                           \
    {"__class_getitem__", ad_class_getitem_self, AD_METH_CLASS, NULL, NULL}

static const AdMethodDef set_methods[] = {
    {"__new__", set_new_m, AD_METH_STATIC, NULL, NULL},
    {"__init__", set_init, AD_METH_INSTANCE, NULL, NULL},
    {"__ior__", set_ior, AD_METH_INSTANCE, NULL, NULL},
    {"__iand__", set_iand, AD_METH_INSTANCE, NULL, NULL},
    {"__isub__", set_isub, AD_METH_INSTANCE, NULL, NULL},
    {"__ixor__", set_ixor, AD_METH_INSTANCE, NULL, NULL},
    {"add", set_add_m, AD_METH_INSTANCE, NULL, NULL},
    {"discard", set_discard, AD_METH_INSTANCE, NULL, NULL},
    {"remove", set_remove, AD_METH_INSTANCE, NULL, NULL},
    {"pop", set_pop, AD_METH_INSTANCE, NULL, NULL},
    {"clear", set_clear, AD_METH_INSTANCE, NULL, NULL},
    {"update", set_update_m, AD_METH_INSTANCE, NULL, NULL},
    {"intersection_update", set_intersection_update, AD_METH_INSTANCE, NULL, NULL},
    {"difference_update", set_difference_update_m, AD_METH_INSTANCE, NULL, NULL},
    {"symmetric_difference_update", set_symdiff_update_m, AD_METH_INSTANCE, NULL, NULL},
    COMMON_METHODS,
    {NULL, NULL, 0, NULL, NULL},
};

static const AdMethodDef frozenset_methods[] = {
    {"__new__", frozenset_new_m, AD_METH_STATIC, NULL, NULL},
    {"__hash__", frozenset_hash, AD_METH_INSTANCE, NULL, NULL},
    COMMON_METHODS,
    {NULL, NULL, 0, NULL, NULL},
};

static void set_trace(AdGC *gc, AdObj *o) {
    AdSet *s = (AdSet *)o;
    if (!s->table) return;
    for (size_t i = 0; i <= s->mask; i++) ad_gc_mark_value(gc, s->table[i].key);
}

static void set_finalize(AdVM *vm, AdObj *o) {
    AdSet *s = (AdSet *)o;
    if (s->table) ad_mem_free(vm, s->table, (s->mask + 1) * sizeof(AdSetEntry));
    s->table = NULL;
    s->used = s->fill = s->mask = 0;
}

/* ---- iterator -------------------------------------------------------------------------- */

AdValue ad_set_iter_new(AdThread *t, AdSet *s) {
    AdSetIter *it = ad_gc_alloc(t, t->vm->type_set_iterator, sizeof(AdSetIter));
    if (!it) return AD_NULLV;
    it->set = s;
    it->used = s->used;
    it->remaining = s->used;
    return ad_obj(it);
}

int ad_set_iter_next(AdThread *t, AdObj *o, AdValue *out) {
    AdVM *vm = t->vm;
    AdSetIter *it = (AdSetIter *)o;
    AdSet *s = it->set;
    if (!s) return 0;
    if (it->used != s->used) {
        it->used = (size_t)-1;
        ad_err_raise(t, vm->exc_RuntimeError, "Set changed size during iteration");
        return -1;
    }
    size_t i = it->pos;
    while (i <= s->mask && !is_active(vm, s->table[i].key)) i++;
    it->pos = i + 1;
    if (i > s->mask) {
        it->set = NULL;
        return 0;
    }
    if (it->remaining) it->remaining--;
    *out = s->table[i].key;
    return 1;
}

AD_ITER_NEXT_FN(setiter_next, type_set_iterator, ad_set_iter_next)

static AdValue setiter_length_hint(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    (void)t;
    (void)nargs;
    (void)kwnames;
    AdSetIter *it = AD_AS(AdSetIter, args[0]);
    if (!it->set || it->used != it->set->used) return ad_small_int(0);
    return ad_iter_hint((int64_t)it->remaining);
}

static const AdMethodDef setiter_methods[] = {
    {"__iter__", ad_iter_self, AD_METH_INSTANCE, NULL, NULL},
    {"__next__", setiter_next, AD_METH_INSTANCE, NULL, NULL},
    {"__length_hint__", setiter_length_hint, AD_METH_INSTANCE, NULL, NULL},
    {NULL, NULL, 0, NULL, NULL},
};

static void setiter_trace(AdGC *gc, AdObj *o) {
    ad_gc_mark_obj(gc, ((AdSetIter *)o)->set);
}

bool ad_set_setup(AdThread *t) {
    AdVM *vm = t->vm;
    if (!ad_type_init_builtin(t, vm->type_set, "set", vm->type_object, sizeof(AdSet), set_trace,
                              set_finalize, set_methods, AD_TPFLAG_BASETYPE))
        return false;
    if (!ad_dict_set_str(t, vm->type_set->dict, vm->name.hash, AD_NONE)) return false;
    if (!ad_type_init_builtin(t, vm->type_frozenset, "frozenset", vm->type_object, sizeof(AdSet),
                              set_trace, set_finalize, frozenset_methods, AD_TPFLAG_BASETYPE))
        return false;
    if (!ad_type_init_builtin(t, vm->type_set_iterator, "set_iterator", vm->type_object,
                              sizeof(AdSetIter), setiter_trace, NULL, setiter_methods, 0))
        return false;
    /* The deleted-entry marker: a private object no script can reach. */
    AdInstance *dummy = ad_gc_alloc(t, vm->type_object, sizeof(AdInstance));
    if (!dummy) return false;
    vm->set_dummy = ad_obj(dummy);
    return true;
}
