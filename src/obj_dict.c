/*
 * obj_dict.c - dict: the compact ordered table, its methods, views and iterators.
 *
 * Layout (object.h): `entries` in insertion order, deleted ones with key AD_NULLV, and an
 * open-addressing `index` of entry positions (-1 empty, -2 deleted) probed as CPython does
 * (i = i*5 + perturb + 1). Both live in one block, entries first. Index slots are int8 up
 * to 128 slots, int16 up to 32768, else int32 (as CPython), so small tables stay small.
 * Invariants: nentries <= entry_cap <= index_size*2/3, so the index always has an empty
 * slot and probing ends; `len` counts live entries; `version` changes whenever a key is
 * added or removed. An empty dict has no block at all. The first table has room for only
 * FIRST_CAP entries (most instance dicts hold two or three attributes); the next insert
 * widens the entries to the full 2/3 of the same 8-slot index.
 *
 * Lookups compare hash, then identity, then (for exact strs and numbers) inline equality,
 * and only then ad_rt_eq - which may run script code that mutates this very dict, so after
 * it the lookup restarts if the table moved or the entry changed. The *_str entry points
 * never call script code.
 */
#include <stdio.h>
#include <string.h>

#include "core.h"
#include "iter.h"

#define IX_EMPTY (-1)
#define IX_DUMMY (-2)
#define MIN_INDEX 8
#define PERTURB_SHIFT 5
#ifndef FIRST_CAP
#define FIRST_CAP 3
#endif

static inline size_t usable_of(size_t index_size) {
    return index_size * 2 / 3;
}

static inline size_t ix_width(size_t index_size) {
    return index_size <= 128 ? 1 : index_size <= 32768 ? 2 : 4;
}

static inline size_t block_size(size_t cap, size_t index_size) {
    return cap * sizeof(AdDictEntry) + index_size * ix_width(index_size);
}

static inline int32_t ix_get(const void *index, size_t index_size, size_t i) {
    if (index_size <= 128) return ((const int8_t *)index)[i];
    if (index_size <= 32768) return ((const int16_t *)index)[i];
    return ((const int32_t *)index)[i];
}

static inline void ix_set(void *index, size_t index_size, size_t i, int32_t v) {
    if (index_size <= 128) ((int8_t *)index)[i] = (int8_t)v;
    else if (index_size <= 32768) ((int16_t *)index)[i] = (int16_t)v;
    else ((int32_t *)index)[i] = v;
}

/* ---- the table ------------------------------------------------------------------------- */

/* Index slot for a new entry with `hash` (the first empty or deleted slot). */
static size_t free_slot(const void *index, size_t size, int64_t hash) {
    size_t mask = size - 1, i = (size_t)hash & mask, perturb = (size_t)hash;
    while (ix_get(index, size, i) >= 0) {
        perturb >>= PERTURB_SHIFT;
        i = (i * 5 + perturb + 1) & mask;
    }
    return i;
}

/* Rebuilds the table with an index of at least `min_index` slots, dropping deleted
 * entries; `small_cap` (0 for none) caps the entries of an 8-slot table below its 2/3.
 * May collect: the dict stays consistent until the new block is in place. */
static bool dict_resize(AdThread *t, AdDict *d, size_t min_index, size_t small_cap) {
    size_t size = MIN_INDEX;
    while (size < min_index || usable_of(size) < d->len) {
        if (size > ((size_t)1 << 30)) return ad_err_nomemory(t);
        size <<= 1;
    }
    size_t cap = usable_of(size);
    if (small_cap && size == MIN_INDEX && small_cap > d->len && small_cap < cap) cap = small_cap;
    AdDictEntry *entries = ad_mem_alloc(t, block_size(cap, size));
    if (!entries) return false;
    void *index = entries + cap;
    memset(index, 0xff, size * ix_width(size)); /* every slot IX_EMPTY */
    size_t n = 0;
    for (size_t i = 0; i < d->nentries; i++) {
        AdDictEntry *e = &d->entries[i];
        if (AD_IS_NULL(e->key)) continue;
        entries[n] = *e;
        ix_set(index, size, free_slot(index, size, e->hash), (int32_t)n);
        n++;
    }
    AdDictEntry *old = d->entries;
    size_t old_bytes = block_size(d->entry_cap, d->index_size);
    d->entries = entries;
    d->index = index;
    d->index_size = size;
    d->entry_cap = cap;
    d->nentries = n;
    if (old) ad_mem_free(t->vm, old, old_bytes);
    return true;
}

static inline bool keys_equal_inline(AdValue a, AdValue b, AdVM *vm, int *result) {
    /* Decides equality without running script code when both are simple; false when a
     * general comparison is needed. */
    uint32_t ta = a.tag == AD_TAG_BOOL ? AD_TAG_INT : a.tag;
    uint32_t tb = b.tag == AD_TAG_BOOL ? AD_TAG_INT : b.tag;
    if (ta == AD_TAG_INT && tb == AD_TAG_INT) {
        *result = a.as.i == b.as.i;
        return true;
    }
    if (ta == AD_TAG_FLOAT && tb == AD_TAG_FLOAT) {
        *result = a.as.f == b.as.f;
        return true;
    }
    if (ta == AD_TAG_OBJ && tb == AD_TAG_OBJ && a.as.o->type == vm->type_str &&
        b.as.o->type == vm->type_str) {
        *result = ad_str_eq((AdStr *)a.as.o, (AdStr *)b.as.o);
        return true;
    }
    if ((ta == AD_TAG_OBJ && a.as.o->type == vm->type_str && tb != AD_TAG_OBJ) ||
        (tb == AD_TAG_OBJ && b.as.o->type == vm->type_str && ta != AD_TAG_OBJ)) {
        *result = 0; /* a str never equals a number or None */
        return true;
    }
    return false;
}

/* Finds `key`: its entry position (and index slot in *slot), -1 absent, -2 error. */
static int64_t lookup(AdThread *t, AdDict *d, AdValue key, int64_t hash, size_t *slot) {
    AdVM *vm = t->vm;
restart:
    if (!d->index) return -1;
    size_t mask = d->index_size - 1;
    size_t i = (size_t)hash & mask, perturb = (size_t)hash;
    for (;;) {
        int32_t ix = ix_get(d->index, d->index_size, i);
        if (ix == IX_EMPTY) return -1;
        if (ix >= 0) {
            AdDictEntry *e = &d->entries[ix];
            if (ad_is(e->key, key)) {
                if (slot) *slot = i;
                return ix;
            }
            if (e->hash == hash) {
                int eq;
                if (!keys_equal_inline(e->key, key, vm, &eq)) {
                    AdValue startkey = e->key;
                    AdDictEntry *entries = d->entries;
                    size_t size = d->index_size;
                    int mark = ad_gc_root_mark(t);
                    ad_gc_push_root(t, startkey);
                    ad_gc_push_root(t, key);
                    eq = ad_rt_eq(t, startkey, key);
                    ad_gc_root_restore(t, mark);
                    if (eq < 0) return -2;
                    if (d->entries != entries || d->index_size != size ||
                        (size_t)ix >= d->nentries || !ad_is(d->entries[ix].key, startkey))
                        goto restart;
                }
                if (eq) {
                    if (slot) *slot = i;
                    return ix;
                }
            }
        }
        perturb >>= PERTURB_SHIFT;
        i = (i * 5 + perturb + 1) & mask;
    }
}

/* Lookup of an exact-str key that never runs script code: other key types are unequal. */
static int64_t lookup_str(AdDict *d, AdStr *key, int64_t hash, size_t *slot) {
    if (!d->index) return -1;
    size_t mask = d->index_size - 1;
    size_t i = (size_t)hash & mask, perturb = (size_t)hash;
    for (;;) {
        int32_t ix = ix_get(d->index, d->index_size, i);
        if (ix == IX_EMPTY) return -1;
        if (ix >= 0) {
            AdDictEntry *e = &d->entries[ix];
            if (e->key.tag == AD_TAG_OBJ) {
                AdObj *k = e->key.as.o;
                if (k == &key->obj ||
                    (e->hash == hash && k->type == key->obj.type && ad_str_eq((AdStr *)k, key))) {
                    if (slot) *slot = i;
                    return ix;
                }
            }
        }
        perturb >>= PERTURB_SHIFT;
        i = (i * 5 + perturb + 1) & mask;
    }
}

bool ad_dict_reserve(AdThread *t, AdDict *d, size_t n) {
    if (d->nentries + n <= d->entry_cap) return true;
    size_t size = MIN_INDEX;
    while (usable_of(size) < d->len + n) size <<= 1;
    return dict_resize(t, d, size, 0);
}

/* Adds a new entry (the key is known absent). The key and value must be rooted. */
static bool insert_new(AdThread *t, AdDict *d, AdValue key, int64_t hash, AdValue value) {
    if (d->nentries >= d->entry_cap) {
        bool ok;
        if (!d->entries) ok = dict_resize(t, d, MIN_INDEX, FIRST_CAP);
        else if (d->entry_cap < usable_of(d->index_size)) ok = dict_resize(t, d, d->index_size, 0);
        else ok = dict_resize(t, d, d->len * 3, 0);
        if (!ok) return false;
    }
    size_t slot = free_slot(d->index, d->index_size, hash);
    AdDictEntry *e = &d->entries[d->nentries];
    e->hash = hash;
    e->key = key;
    e->value = value;
    ix_set(d->index, d->index_size, slot, (int32_t)d->nentries);
    d->nentries++;
    d->len++;
    d->version++;
    d->obj.flags &= (uint16_t)~AD_DICT_NO_SHADOW;
    return true;
}

static bool insert(AdThread *t, AdDict *d, AdValue key, int64_t hash, AdValue value) {
    int64_t ix = lookup(t, d, key, hash, NULL);
    if (ix == -2) return false;
    if (ix >= 0) {
        d->entries[ix].value = value;
        return true;
    }
    return insert_new(t, d, key, hash, value);
}

static void delete_at(AdDict *d, int64_t ix, size_t slot) {
    ix_set(d->index, d->index_size, slot, IX_DUMMY);
    d->entries[ix].key = AD_NULLV;
    d->entries[ix].value = AD_NULLV;
    d->len--;
    d->version++;
}

static void dict_clear_all(AdVM *vm, AdDict *d) {
    AdDictEntry *old = d->entries;
    size_t old_bytes = block_size(d->entry_cap, d->index_size);
    d->entries = NULL;
    d->index = NULL;
    d->index_size = d->entry_cap = d->nentries = d->len = 0;
    d->version++;
    if (old) ad_mem_free(vm, old, old_bytes);
}

/* ---- the C API ------------------------------------------------------------------------- */

static AdDict *alloc_dict(AdThread *t, AdType *cls) {
    size_t size = cls == t->vm->type_dict ? sizeof(AdDict) : cls->instance_size;
    return ad_gc_alloc(t, cls, size);
}

AdDict *ad_dict_new(AdThread *t) {
    return alloc_dict(t, t->vm->type_dict);
}

int ad_dict_get(AdThread *t, AdDict *d, AdValue key, AdValue *out) {
    int64_t hash;
    if (!ad_hash_value(t, key, &hash)) return -1;
    int64_t ix = lookup(t, d, key, hash, NULL);
    if (ix < 0) return ix == -1 ? 0 : -1;
    *out = d->entries[ix].value;
    return 1;
}

bool ad_dict_set(AdThread *t, AdDict *d, AdValue key, AdValue value) {
    int mark = ad_gc_root_mark(t);
    ad_gc_push_root(t, key); /* callers often pass fresh values; hashing may allocate */
    ad_gc_push_root(t, value);
    int64_t hash;
    bool ok = ad_hash_value(t, key, &hash) && insert(t, d, key, hash, value);
    ad_gc_root_restore(t, mark);
    return ok;
}

int ad_dict_del(AdThread *t, AdDict *d, AdValue key) {
    int64_t hash;
    if (!ad_hash_value(t, key, &hash)) return -1;
    size_t slot;
    int64_t ix = lookup(t, d, key, hash, &slot);
    if (ix < 0) return ix == -1 ? 0 : -1;
    delete_at(d, ix, slot);
    return 1;
}

AdValue ad_dict_get_str(AdDict *d, AdStr *key) {
    /* Every global and builtin read comes here: the probe loop is inlined and a cached
     * hash is read in place. */
    if (!d->index) return AD_NULLV;
    int64_t hash = key->hash != -1 ? key->hash : ad_str_hash(key);
    size_t mask = d->index_size - 1;
    size_t i = (size_t)hash & mask, perturb = (size_t)hash;
    for (;;) {
        int32_t ix = ix_get(d->index, d->index_size, i);
        if (ix == IX_EMPTY) return AD_NULLV;
        if (ix >= 0) {
            AdDictEntry *e = &d->entries[ix];
            if (e->key.tag == AD_TAG_OBJ) {
                AdObj *k = e->key.as.o;
                if (k == &key->obj)
                    return e->value;
                /* same hash and type: equal exactly when the bytes are */
                if (e->hash == hash && k->type == key->obj.type &&
                    ((AdStr *)k)->len == key->len &&
                    memcmp(((AdStr *)k)->data, key->data, key->len) == 0)
                    return e->value;
            }
        }
        perturb >>= PERTURB_SHIFT;
        i = (i * 5 + perturb + 1) & mask;
    }
}

int64_t ad_dict_find_str(AdDict *d, AdStr *key) {
    return lookup_str(d, key, ad_str_hash(key), NULL);
}

/* Without a thread there is no VM to name the str type, so recognise it by name. */
static bool is_str_type(AdType *type) {
    for (; type; type = type->base)
        if (type->name && ad_str_eq_cstr(type->name, "str")) return true;
    return false;
}

AdValue ad_dict_get_cstr(AdDict *d, const char *key) {
    for (size_t i = 0; i < d->nentries; i++) {
        AdDictEntry *e = &d->entries[i];
        if (e->key.tag == AD_TAG_OBJ && is_str_type(e->key.as.o->type) &&
            ad_str_eq_cstr((AdStr *)e->key.as.o, key))
            return e->value;
    }
    return AD_NULLV;
}

bool ad_dict_set_str(AdThread *t, AdDict *d, AdStr *key, AdValue value) {
    int64_t hash = ad_str_hash(key);
    int64_t ix = lookup_str(d, key, hash, NULL);
    if (ix >= 0) {
        d->entries[ix].value = value;
        return true;
    }
    if (d->nentries < d->entry_cap) return insert_new(t, d, ad_obj(key), hash, value);
    int mark = ad_gc_root_mark(t);
    ad_gc_push_obj(t, key);
    ad_gc_push_root(t, value);
    ad_gc_push_obj(t, d);
    bool ok = insert_new(t, d, ad_obj(key), hash, value);
    ad_gc_root_restore(t, mark);
    return ok;
}

bool ad_dict_set_cstr(AdThread *t, AdDict *d, const char *key, AdValue value) {
    int mark = ad_gc_root_mark(t);
    ad_gc_push_root(t, value);
    AdStr *k = ad_str_intern_cstr(t, key);
    bool ok = k && ad_dict_set_str(t, d, k, value);
    ad_gc_root_restore(t, mark);
    return ok;
}

int ad_dict_del_str(AdThread *t, AdDict *d, AdStr *key) {
    (void)t;
    size_t slot;
    int64_t ix = lookup_str(d, key, ad_str_hash(key), &slot);
    if (ix < 0) return 0;
    delete_at(d, ix, slot);
    return 1;
}

bool ad_dict_next(AdDict *d, size_t *pos, AdValue *key, AdValue *value) {
    while (*pos < d->nentries) {
        AdDictEntry *e = &d->entries[(*pos)++];
        if (AD_IS_NULL(e->key)) continue;
        if (key) *key = e->key;
        if (value) *value = e->value;
        return true;
    }
    return false;
}

/* Fills `r`, an empty dict without a table, with d's entries (both rooted). No script
 * code runs: the hashes are d's and the keys are known distinct. */
static bool fill_empty(AdThread *t, AdDict *r, AdDict *d) {
    if (d->len == 0) return true;
    if (d->len == d->nentries) {
        /* No holes: the block copies as is. */
        size_t bytes = block_size(d->entry_cap, d->index_size);
        AdDictEntry *block = ad_mem_alloc(t, bytes);
        if (!block) return false;
        memcpy(block, d->entries, bytes);
        r->entries = block;
        r->index = block + d->entry_cap;
        r->index_size = d->index_size;
        r->entry_cap = d->entry_cap;
        r->nentries = r->len = d->len;
        r->version++;
        return true;
    }
    if (!dict_resize(t, r, d->len * 3 / 2 + 1, 0)) return false;
    for (size_t i = 0; i < d->nentries; i++) {
        AdDictEntry *e = &d->entries[i];
        if (!AD_IS_NULL(e->key) && !insert_new(t, r, e->key, e->hash, e->value)) return false;
    }
    return true;
}

AdDict *ad_dict_copy(AdThread *t, AdDict *d) {
    int mark = ad_gc_root_mark(t);
    ad_gc_push_obj(t, d);
    AdDict *r = ad_dict_new(t);
    if (!r) goto fail;
    ad_gc_push_obj(t, r);
    if (!fill_empty(t, r, d)) goto fail;
    ad_gc_root_restore(t, mark);
    return r;
fail:
    ad_gc_root_restore(t, mark);
    return NULL;
}

AdValue ad_dict_getitem(AdThread *t, AdDict *d, AdValue key) {
    AdValue v;
    int r = ad_dict_get(t, d, key, &v);
    if (r > 0) return v;
    if (r == 0) ad_err_key(t, key);
    return AD_NULLV;
}

bool ad_err_key(AdThread *t, AdValue key) {
    ad_gc_push_root(t, key);
    AdTuple *args = ad_tuple_pack(t, 1, key);
    t->nroots--;
    if (!args) return false;
    ad_gc_push_obj(t, args);
    AdValue exc = ad_exc_new(t, t->vm->exc_KeyError, args);
    t->nroots--;
    if (AD_IS_NULL(exc)) return false;
    return ad_err_raise_obj(t, exc);
}

/* ---- update ---------------------------------------------------------------------------- */

static bool is_dict(AdThread *t, AdValue v) {
    return v.tag == AD_TAG_OBJ && (v.as.o->type == t->vm->type_dict ||
                                   ad_type_is_subtype(v.as.o->type, t->vm->type_dict));
}

/* d.update(other) for a dict whose iteration is dict's own: walk its entries. */
static bool merge_dict(AdThread *t, AdDict *d, AdDict *other, bool override) {
    if (d == other) return true;
    int mark = ad_gc_root_mark(t);
    ad_gc_push_obj(t, d);
    ad_gc_push_obj(t, other);
    if (!d->entries) {
        bool ok = fill_empty(t, d, other);
        ad_gc_root_restore(t, mark);
        return ok;
    }
    if (d->len == 0 && d->nentries == 0 && other->len > 8) {
        if (!dict_resize(t, d, other->len * 3 / 2 + 1, 0)) goto fail;
    }
    for (size_t i = 0; i < other->nentries; i++) {
        AdDictEntry e = other->entries[i];
        if (AD_IS_NULL(e.key)) continue;
        int m2 = ad_gc_root_mark(t);
        ad_gc_push_root(t, e.key);
        ad_gc_push_root(t, e.value);
        bool ok;
        if (override) {
            ok = insert(t, d, e.key, e.hash, e.value);
        } else {
            int64_t ix = lookup(t, d, e.key, e.hash, NULL);
            ok = ix != -2 && (ix >= 0 || insert_new(t, d, e.key, e.hash, e.value));
        }
        ad_gc_root_restore(t, m2);
        if (!ok) goto fail;
    }
    ad_gc_root_restore(t, mark);
    return true;
fail:
    ad_gc_root_restore(t, mark);
    return false;
}

/* Through keys() and __getitem__, for any mapping. */
static bool merge_mapping(AdThread *t, AdDict *d, AdValue other) {
    AdVM *vm = t->vm;
    int mark = ad_gc_root_mark(t);
    AdValue keys = ad_rt_call_method(t, other, vm->name.keys, NULL, 0, NULL);
    if (AD_IS_NULL(keys)) goto fail;
    ad_gc_push_root(t, keys);
    AdValue it = ad_rt_getiter(t, keys);
    if (AD_IS_NULL(it)) goto fail;
    ad_gc_push_root(t, it);
    for (;;) {
        AdValue k;
        int rc = ad_rt_next(t, it, &k);
        if (rc < 0) goto fail;
        if (rc == 0) break;
        int m2 = ad_gc_root_mark(t);
        ad_gc_push_root(t, k);
        AdValue v = ad_rt_getitem(t, other, k);
        bool ok = !AD_IS_NULL(v) && ad_dict_set(t, d, k, v);
        ad_gc_root_restore(t, m2);
        if (!ok) goto fail;
    }
    ad_gc_root_restore(t, mark);
    return true;
fail:
    ad_gc_root_restore(t, mark);
    return false;
}

/* From an iterable of key/value pairs, with CPython's messages. */
static bool merge_pairs(AdThread *t, AdDict *d, AdValue seq) {
    AdVM *vm = t->vm;
    int mark = ad_gc_root_mark(t);
    AdValue it = ad_rt_getiter(t, seq);
    if (AD_IS_NULL(it)) goto fail;
    ad_gc_push_root(t, it);
    for (size_t n = 0;; n++) {
        AdValue item;
        int rc = ad_rt_next(t, it, &item);
        if (rc < 0) goto fail;
        if (rc == 0) break;
        int m2 = ad_gc_root_mark(t);
        ad_gc_push_root(t, item);
        AdValue *kv;
        size_t len;
        if (ad_is_type(item, vm->type_tuple)) {
            kv = AD_AS(AdTuple, item)->items;
            len = AD_AS(AdTuple, item)->len;
        } else if (ad_is_type(item, vm->type_list)) {
            kv = AD_AS(AdList, item)->items;
            len = AD_AS(AdList, item)->len;
        } else {
            AdValue l = ad_sequence_to_list(t, item);
            if (AD_IS_NULL(l)) {
                if (ad_err_matches(t, vm->exc_TypeError)) {
                    ad_err_clear(t);
                    ad_err_raise(t, vm->exc_TypeError,
                                 "cannot convert dictionary update sequence element #%zu to a "
                                 "sequence", n);
                }
                goto fail;
            }
            ad_gc_push_root(t, l);
            kv = AD_AS(AdList, l)->items;
            len = AD_AS(AdList, l)->len;
        }
        if (len != 2) {
            ad_err_raise(t, vm->exc_ValueError,
                         "dictionary update sequence element #%zu has length %zu; 2 is required",
                         n, len);
            goto fail;
        }
        AdValue k = kv[0], v = kv[1];
        ad_gc_push_root(t, k);
        ad_gc_push_root(t, v);
        bool ok = ad_dict_set(t, d, k, v);
        ad_gc_root_restore(t, m2);
        if (!ok) goto fail;
    }
    ad_gc_root_restore(t, mark);
    return true;
fail:
    ad_gc_root_restore(t, mark);
    return false;
}

bool ad_dict_update(AdThread *t, AdDict *d, AdValue other) {
    AdVM *vm = t->vm;
    if (is_dict(t, other)) {
        AdType *ot = AD_AS_OBJ(other)->type;
        if (ot == vm->type_dict || ad_is(ad_type_lookup(ot, vm->name.iter),
                                         ad_type_lookup(vm->type_dict, vm->name.iter)))
            return merge_dict(t, d, AD_AS(AdDict, other), true);
    }
    AdValue keys;
    int r = ad_rt_lookup_attr(t, other, vm->name.keys, &keys);
    if (r < 0) return false;
    if (r > 0) return merge_mapping(t, d, other);
    return merge_pairs(t, d, other);
}

/* The keyword arguments of a call (dict(**kw), d.update(**kw)). */
static bool update_kwargs(AdThread *t, AdDict *d, AdValue *kwvalues, AdTuple *kwnames) {
    if (!kwnames) return true;
    for (size_t i = 0; i < kwnames->len; i++)
        if (!ad_dict_set(t, d, kwnames->items[i], kwvalues[i])) return false;
    return true;
}

/* ---- dunders and methods --------------------------------------------------------------- */

static bool check_self(AdThread *t, AdValue *args, int nargs, const char *meth) {
    if (nargs >= 1 && is_dict(t, args[0])) return true;
    if (nargs < 1)
        return ad_err_raise(t, t->vm->exc_TypeError,
                            "descriptor '%s' of 'dict' object needs an argument", meth);
    return ad_err_raise(t, t->vm->exc_TypeError,
                        "descriptor '%s' requires a 'dict' object but received a '%T'", meth,
                        args[0]);
}
#define SELF(name)                                                                          \
    if (!check_self(t, args, nargs, name)) return AD_NULLV;                                  \
    AdDict *self = AD_AS(AdDict, args[0])
#define ARGS(name, min, max)                                                                \
    if (!ad_args_check(t, name, nargs - 1, kwnames, min, max)) return AD_NULLV

static AdValue dict_new_m(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    (void)nargs;
    (void)kwnames;
    AdVM *vm = t->vm;
    AdValue cls = args[0];
    if (!ad_is_instance_of(t, cls, vm->type_type) ||
        !ad_type_is_subtype(AD_AS(AdType, cls), vm->type_dict))
        return ad_err_raise_v(t, vm->exc_TypeError, "dict.__new__(X): X is not a subtype of dict");
    AdDict *d = alloc_dict(t, AD_AS(AdType, cls));
    return d ? ad_obj(d) : AD_NULLV;
}

static AdValue dict_init(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    SELF("__init__");
    if (nargs > 2)
        return ad_err_raise_v(t, t->vm->exc_TypeError, "dict expected at most 1 argument, got %d",
                              nargs - 1);
    if (nargs == 2 && !ad_dict_update(t, self, args[1])) return AD_NULLV;
    if (!update_kwargs(t, self, args + nargs, kwnames)) return AD_NULLV;
    return AD_NONE;
}

static AdValue dict_update_m(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    SELF("update");
    if (nargs > 2)
        return ad_err_raise_v(t, t->vm->exc_TypeError,
                              "update expected at most 1 argument, got %d", nargs - 1);
    if (nargs == 2 && !ad_dict_update(t, self, args[1])) return AD_NULLV;
    if (!update_kwargs(t, self, args + nargs, kwnames)) return AD_NULLV;
    return AD_NONE;
}

static AdValue dict_repr(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    (void)kwnames;
    SELF("__repr__");
    if (self->len == 0) {
        AdStr *s = ad_str_from_cstr(t, "{}");
        return s ? ad_obj(s) : AD_NULLV;
    }
    AdReprGuard guard;
    if (ad_repr_enter(t, &guard, self)) {
        AdStr *s = ad_str_from_cstr(t, "{...}");
        return s ? ad_obj(s) : AD_NULLV;
    }
    AdBuf b;
    ad_buf_init(&b);
    int mark = ad_gc_root_mark(t);
    bool first = true;
    if (!ad_buf_addc(t, &b, '{')) goto fail;
    for (size_t i = 0; i < self->nentries; i++) {
        AdDictEntry e = self->entries[i];
        if (AD_IS_NULL(e.key)) continue;
        ad_gc_push_root(t, e.key);
        ad_gc_push_root(t, e.value);
        if (!first && !ad_buf_add(t, &b, ", ", 2)) goto fail;
        first = false;
        AdValue r = ad_rt_repr(t, e.key);
        if (AD_IS_NULL(r)) goto fail;
        ad_gc_push_root(t, r);
        if (!ad_buf_add(t, &b, AD_AS(AdStr, r)->data, AD_AS(AdStr, r)->len)) goto fail;
        if (!ad_buf_add(t, &b, ": ", 2)) goto fail;
        r = ad_rt_repr(t, e.value);
        if (AD_IS_NULL(r)) goto fail;
        ad_gc_push_root(t, r);
        if (!ad_buf_add(t, &b, AD_AS(AdStr, r)->data, AD_AS(AdStr, r)->len)) goto fail;
        ad_gc_root_restore(t, mark);
    }
    if (!ad_buf_addc(t, &b, '}')) goto fail;
    ad_repr_leave(t, &guard);
    AdStr *s = ad_buf_finish(t, &b);
    return s ? ad_obj(s) : AD_NULLV;
fail:
    ad_repr_leave(t, &guard);
    ad_gc_root_restore(t, mark);
    ad_buf_free(&b);
    return AD_NULLV;
}

static AdValue dict_len(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    (void)kwnames;
    SELF("__len__");
    return ad_small_int((int64_t)self->len);
}

static AdValue dict_getitem(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    SELF("__getitem__");
    ARGS("__getitem__", 1, 1);
    AdValue v;
    int r = ad_dict_get(t, self, args[1], &v);
    if (r > 0) return v;
    if (r < 0) return AD_NULLV;
    AdVM *vm = t->vm;
    if (self->obj.type != vm->type_dict) {
        AdValue missing = ad_type_lookup(self->obj.type, vm->name.missing);
        if (!AD_IS_NULL(missing)) {
            AdValue margs[2] = {args[0], args[1]};
            return ad_rt_call(t, missing, margs, 2, NULL);
        }
    }
    ad_err_key(t, args[1]);
    return AD_NULLV;
}

static AdValue dict_setitem(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    SELF("__setitem__");
    ARGS("__setitem__", 2, 2);
    return ad_dict_set(t, self, args[1], args[2]) ? AD_NONE : AD_NULLV;
}

static AdValue dict_delitem(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    SELF("__delitem__");
    ARGS("__delitem__", 1, 1);
    int r = ad_dict_del(t, self, args[1]);
    if (r < 0) return AD_NULLV;
    if (r == 0) return ad_err_key(t, args[1]), AD_NULLV;
    return AD_NONE;
}

static AdValue dict_contains(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    SELF("__contains__");
    ARGS("__contains__", 1, 1);
    AdValue v;
    int r = ad_dict_get(t, self, args[1], &v);
    return r < 0 ? AD_NULLV : ad_bool(r);
}

static AdValue dict_get(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    SELF("get");
    ARGS("get", 1, 2);
    AdValue v;
    int r = ad_dict_get(t, self, args[1], &v);
    if (r < 0) return AD_NULLV;
    if (r > 0) return v;
    return nargs > 2 ? args[2] : AD_NONE;
}

static AdValue dict_setdefault(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    SELF("setdefault");
    ARGS("setdefault", 1, 2);
    AdValue dflt = nargs > 2 ? args[2] : AD_NONE;
    int64_t hash;
    if (!ad_hash_value(t, args[1], &hash)) return AD_NULLV;
    int64_t ix = lookup(t, self, args[1], hash, NULL);
    if (ix == -2) return AD_NULLV;
    if (ix >= 0) return self->entries[ix].value;
    return insert_new(t, self, args[1], hash, dflt) ? dflt : AD_NULLV;
}

static AdValue dict_pop(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    SELF("pop");
    ARGS("pop", 1, 2);
    int64_t hash;
    if (!ad_hash_value(t, args[1], &hash)) return AD_NULLV;
    size_t slot;
    int64_t ix = lookup(t, self, args[1], hash, &slot);
    if (ix == -2) return AD_NULLV;
    if (ix == -1) {
        if (nargs > 2) return args[2];
        ad_err_key(t, args[1]);
        return AD_NULLV;
    }
    AdValue v = self->entries[ix].value;
    delete_at(self, ix, slot);
    return v;
}

static AdValue dict_popitem(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    SELF("popitem");
    ARGS("popitem", 0, 0);
    if (self->len == 0)
        return ad_err_raise_v(t, t->vm->exc_KeyError, "popitem(): dictionary is empty");
    size_t i = self->nentries;
    while (i > 0 && AD_IS_NULL(self->entries[i - 1].key)) i--;
    AdDictEntry e = self->entries[i - 1];
    AdTuple *pair = ad_tuple_pack(t, 2, e.key, e.value); /* both still rooted by the dict */
    if (!pair) return AD_NULLV;
    /* Find the index slot that points at entry i-1 by probing its hash. */
    size_t mask = self->index_size - 1, perturb = (size_t)e.hash;
    size_t slot = (size_t)e.hash & mask;
    while (ix_get(self->index, self->index_size, slot) != (int32_t)(i - 1)) {
        perturb >>= PERTURB_SHIFT;
        slot = (slot * 5 + perturb + 1) & mask;
    }
    delete_at(self, (int64_t)(i - 1), slot);
    self->nentries = i - 1; /* LIFO: the slot is reused, as in CPython */
    return ad_obj(pair);
}

static AdValue dict_clear(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    SELF("clear");
    ARGS("clear", 0, 0);
    dict_clear_all(t->vm, self);
    return AD_NONE;
}

static AdValue dict_copy(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    SELF("copy");
    ARGS("copy", 0, 0);
    AdDict *r = ad_dict_copy(t, self);
    return r ? ad_obj(r) : AD_NULLV;
}

static AdValue dict_fromkeys(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    ARGS("fromkeys", 1, 2);
    AdVM *vm = t->vm;
    AdValue value = nargs > 2 ? args[2] : AD_NONE;
    AdValue dv;
    if (ad_is(args[0], ad_obj(vm->type_dict))) {
        AdDict *d = ad_dict_new(t);
        if (!d) return AD_NULLV;
        dv = ad_obj(d);
    } else {
        dv = ad_rt_call0(t, args[0]);
        if (AD_IS_NULL(dv)) return AD_NULLV;
    }
    ad_gc_push_root(t, dv);
    bool exact = ad_is_type(dv, vm->type_dict);
    AdValue it = ad_rt_getiter(t, args[1]);
    if (AD_IS_NULL(it)) return AD_NULLV;
    ad_gc_push_root(t, it);
    for (;;) {
        AdValue k;
        int rc = ad_rt_next(t, it, &k);
        if (rc < 0) return AD_NULLV;
        if (rc == 0) break;
        bool ok = exact ? ad_dict_set(t, AD_AS(AdDict, dv), k, value)
                        : ad_rt_setitem(t, dv, k, value);
        if (!ok) return AD_NULLV;
    }
    return dv;
}

static AdValue dict_iter(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    (void)kwnames;
    SELF("__iter__");
    return ad_dict_iter_new(t, self, t->vm->type_dict_keyiterator, false);
}

static AdValue dict_reversed(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    (void)kwnames;
    SELF("__reversed__");
    return ad_dict_iter_new(t, self, t->vm->type_dict_keyiterator, true);
}

/* dict == dict: same length and every key of a maps to an equal value in b. */
static int dict_equal(AdThread *t, AdDict *a, AdDict *b) {
    if (a->len != b->len) return 0;
    for (size_t i = 0; i < a->nentries; i++) {
        AdDictEntry e = a->entries[i];
        if (AD_IS_NULL(e.key)) continue;
        int mark = ad_gc_root_mark(t);
        ad_gc_push_root(t, e.key);
        ad_gc_push_root(t, e.value);
        int64_t ix = lookup(t, b, e.key, e.hash, NULL);
        if (ix == -2) return -1;
        if (ix == -1) {
            ad_gc_root_restore(t, mark);
            return 0;
        }
        AdValue bv = b->entries[ix].value;
        ad_gc_push_root(t, bv);
        int r = ad_rt_eq(t, e.value, bv);
        ad_gc_root_restore(t, mark);
        if (r <= 0) return r;
    }
    return 1;
}

static AdValue dict_eq(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    (void)kwnames;
    SELF("__eq__");
    if (nargs != 2 || !is_dict(t, args[1])) return t->vm->not_implemented;
    int r = dict_equal(t, self, AD_AS(AdDict, args[1]));
    return r < 0 ? AD_NULLV : ad_bool(r);
}

static AdValue dict_ne(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    (void)kwnames;
    SELF("__ne__");
    if (nargs != 2 || !is_dict(t, args[1])) return t->vm->not_implemented;
    int r = dict_equal(t, self, AD_AS(AdDict, args[1]));
    return r < 0 ? AD_NULLV : ad_bool(!r);
}

static AdValue dict_or(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    (void)kwnames;
    if (nargs != 2 || !is_dict(t, args[0]) || !is_dict(t, args[1])) return t->vm->not_implemented;
    AdDict *r = ad_dict_copy(t, AD_AS(AdDict, args[0]));
    if (!r) return AD_NULLV;
    ad_gc_push_obj(t, r);
    if (!ad_dict_update(t, r, args[1])) return AD_NULLV;
    return ad_obj(r);
}

static AdValue dict_ror(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    (void)kwnames;
    if (nargs != 2 || !is_dict(t, args[0]) || !is_dict(t, args[1])) return t->vm->not_implemented;
    AdDict *r = ad_dict_copy(t, AD_AS(AdDict, args[1]));
    if (!r) return AD_NULLV;
    ad_gc_push_obj(t, r);
    if (!ad_dict_update(t, r, args[0])) return AD_NULLV;
    return ad_obj(r);
}

static AdValue dict_ior(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    SELF("__ior__");
    ARGS("__ior__", 1, 1);
    if (!ad_dict_update(t, self, args[1])) return AD_NULLV;
    return args[0];
}

static AdValue make_view(AdThread *t, AdDict *d, AdType *type) {
    AdDictView *v = ad_gc_alloc(t, type, sizeof(AdDictView));
    if (!v) return AD_NULLV;
    v->dict = d;
    return ad_obj(v);
}

static AdValue dict_keys(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    SELF("keys");
    ARGS("keys", 0, 0);
    return make_view(t, self, t->vm->type_dict_keys);
}

static AdValue dict_values(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    SELF("values");
    ARGS("values", 0, 0);
    return make_view(t, self, t->vm->type_dict_values);
}

static AdValue dict_items(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    SELF("items");
    ARGS("items", 0, 0);
    return make_view(t, self, t->vm->type_dict_items);
}

static AdValue dict_sizeof(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    SELF("__sizeof__");
    ARGS("__sizeof__", 0, 0);
    return ad_small_int((int64_t)(sizeof(AdDict) + (self->entries ? block_size(self->entry_cap, self->index_size) : 0)));
}

static const AdMethodDef dict_methods[] = {
    {"__new__", dict_new_m, AD_METH_STATIC, NULL, NULL},
    {"__init__", dict_init, AD_METH_INSTANCE, NULL, NULL},
    {"__repr__", dict_repr, AD_METH_INSTANCE, NULL, NULL},
    {"__len__", dict_len, AD_METH_INSTANCE, NULL, NULL},
    {"__getitem__", dict_getitem, AD_METH_INSTANCE, NULL, NULL},
    {"__setitem__", dict_setitem, AD_METH_INSTANCE, NULL, NULL},
    {"__delitem__", dict_delitem, AD_METH_INSTANCE, NULL, NULL},
    {"__contains__", dict_contains, AD_METH_INSTANCE, NULL, NULL},
    {"__iter__", dict_iter, AD_METH_INSTANCE, NULL, NULL},
    {"__reversed__", dict_reversed, AD_METH_INSTANCE, NULL, NULL},
    {"__eq__", dict_eq, AD_METH_INSTANCE, NULL, NULL},
    {"__ne__", dict_ne, AD_METH_INSTANCE, NULL, NULL},
    {"__or__", dict_or, AD_METH_INSTANCE, NULL, NULL},
    {"__ror__", dict_ror, AD_METH_INSTANCE, NULL, NULL},
    {"__ior__", dict_ior, AD_METH_INSTANCE, NULL, NULL},
    {"__sizeof__", dict_sizeof, AD_METH_INSTANCE, NULL, NULL},
    {"keys", dict_keys, AD_METH_INSTANCE, NULL, NULL},
    {"values", dict_values, AD_METH_INSTANCE, NULL, NULL},
    {"items", dict_items, AD_METH_INSTANCE, NULL, NULL},
    {"get", dict_get, AD_METH_INSTANCE, NULL, NULL},
    {"setdefault", dict_setdefault, AD_METH_INSTANCE, NULL, NULL},
    {"pop", dict_pop, AD_METH_INSTANCE, NULL, NULL},
    {"popitem", dict_popitem, AD_METH_INSTANCE, NULL, NULL},
    {"update", dict_update_m, AD_METH_INSTANCE, NULL, NULL},
    {"clear", dict_clear, AD_METH_INSTANCE, NULL, NULL},
    {"copy", dict_copy, AD_METH_INSTANCE, NULL, NULL},
    {"fromkeys", dict_fromkeys, AD_METH_CLASS, NULL, NULL},
    {"__class_getitem__", ad_class_getitem_self, AD_METH_CLASS, NULL, NULL},
    {NULL, NULL, 0, NULL, NULL},
};

static void dict_trace(AdGC *gc, AdObj *o) {
    AdDict *d = (AdDict *)o;
    for (size_t i = 0; i < d->nentries; i++) {
        ad_gc_mark_value(gc, d->entries[i].key);
        ad_gc_mark_value(gc, d->entries[i].value);
    }
}

static void dict_finalize(AdVM *vm, AdObj *o) {
    AdDict *d = (AdDict *)o;
    if (d->entries) ad_mem_free(vm, d->entries, block_size(d->entry_cap, d->index_size));
    d->entries = NULL;
    d->index = NULL;
    d->index_size = d->entry_cap = d->nentries = d->len = 0;
}

/* ---- iterators ------------------------------------------------------------------------- */

AdValue ad_dict_iter_new(AdThread *t, AdDict *d, AdType *kind, bool reverse) {
    AdDictIter *it = ad_gc_alloc(t, kind, sizeof(AdDictIter));
    if (!it) return AD_NULLV;
    it->dict = d;
    it->pos = reverse ? d->nentries : 0;
    it->used = d->len;
    it->remaining = d->len;
    it->reverse = reverse;
    return ad_obj(it);
}

int ad_dict_iter_next(AdThread *t, AdObj *o, AdValue *out) {
    AdVM *vm = t->vm;
    AdDictIter *it = (AdDictIter *)o;
    AdDict *d = it->dict;
    if (!d) return 0;
    if (it->used != d->len) {
        it->used = (size_t)-1; /* stays broken, as in CPython */
        ad_err_raise(t, vm->exc_RuntimeError, "dictionary changed size during iteration");
        return -1;
    }
    AdDictEntry *e;
    if (!it->reverse) {
        while (it->pos < d->nentries && AD_IS_NULL(d->entries[it->pos].key)) it->pos++;
        if (it->pos >= d->nentries) goto done;
        e = &d->entries[it->pos++];
    } else {
        if (it->pos > d->nentries) it->pos = d->nentries;
        while (it->pos > 0 && AD_IS_NULL(d->entries[it->pos - 1].key)) it->pos--;
        if (it->pos == 0) goto done;
        e = &d->entries[--it->pos];
    }
    if (it->remaining == 0) {
        it->dict = NULL;
        ad_err_raise(t, vm->exc_RuntimeError, "dictionary keys changed during iteration");
        return -1;
    }
    it->remaining--;
    if (o->type == vm->type_dict_keyiterator) {
        *out = e->key;
    } else if (o->type == vm->type_dict_valueiterator) {
        *out = e->value;
    } else {
        AdTuple *pair = ad_tuple_pack(t, 2, e->key, e->value);
        if (!pair) return -1;
        *out = ad_obj(pair);
    }
    return 1;
done:
    it->dict = NULL;
    return 0;
}

static AdValue dictiter_next(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    (void)nargs;
    (void)kwnames;
    AdVM *vm = t->vm;
    AdType *type = ad_type_of(t, args[0]);
    if (type != vm->type_dict_keyiterator && type != vm->type_dict_valueiterator &&
        type != vm->type_dict_itemiterator)
        return ad_err_raise_v(t, vm->exc_TypeError, "expected a dict iterator");
    AdValue item = AD_NULLV;
    int rc = ad_dict_iter_next(t, AD_AS_OBJ(args[0]), &item);
    return ad_iter_next_dunder(t, rc, item);
}

static AdValue dictiter_length_hint(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    (void)t;
    (void)nargs;
    (void)kwnames;
    AdDictIter *it = AD_AS(AdDictIter, args[0]);
    if (!it->dict || it->used != it->dict->len) return ad_small_int(0);
    return ad_iter_hint((int64_t)it->remaining);
}

static const AdMethodDef dictiter_methods[] = {
    {"__iter__", ad_iter_self, AD_METH_INSTANCE, NULL, NULL},
    {"__next__", dictiter_next, AD_METH_INSTANCE, NULL, NULL},
    {"__length_hint__", dictiter_length_hint, AD_METH_INSTANCE, NULL, NULL},
    {NULL, NULL, 0, NULL, NULL},
};

static void dictiter_trace(AdGC *gc, AdObj *o) {
    ad_gc_mark_obj(gc, ((AdDictIter *)o)->dict);
}

/* ---- views ----------------------------------------------------------------------------- */

static AdType *view_iter_type(AdThread *t, AdType *view) {
    AdVM *vm = t->vm;
    if (view == vm->type_dict_keys) return vm->type_dict_keyiterator;
    if (view == vm->type_dict_values) return vm->type_dict_valueiterator;
    return vm->type_dict_itemiterator;
}

static bool is_view(AdThread *t, AdValue v) {
    AdVM *vm = t->vm;
    return v.tag == AD_TAG_OBJ &&
           (v.as.o->type == vm->type_dict_keys || v.as.o->type == vm->type_dict_values ||
            v.as.o->type == vm->type_dict_items);
}

static bool is_setlike_view(AdThread *t, AdValue v) {
    AdVM *vm = t->vm;
    return v.tag == AD_TAG_OBJ &&
           (v.as.o->type == vm->type_dict_keys || v.as.o->type == vm->type_dict_items);
}

#define VIEW(name)                                                                          \
    if (nargs < 1 || !is_view(t, args[0]))                                                  \
        return ad_err_raise_v(t, t->vm->exc_TypeError, "descriptor '%s' needs a dict view", \
                              name);                                                         \
    AdDictView *view = AD_AS(AdDictView, args[0])

static AdValue view_len(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    (void)kwnames;
    VIEW("__len__");
    return ad_small_int((int64_t)view->dict->len);
}

static AdValue view_iter(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    (void)kwnames;
    VIEW("__iter__");
    return ad_dict_iter_new(t, view->dict, view_iter_type(t, view->obj.type), false);
}

static AdValue view_reversed(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    (void)kwnames;
    VIEW("__reversed__");
    return ad_dict_iter_new(t, view->dict, view_iter_type(t, view->obj.type), true);
}

static AdValue view_repr(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    (void)kwnames;
    VIEW("__repr__");
    const char *name = ad_type_name(view->obj.type);
    AdReprGuard guard;
    if (ad_repr_enter(t, &guard, view)) {
        AdStr *s = ad_str_printf(t, "...");
        return s ? ad_obj(s) : AD_NULLV;
    }
    AdValue lst = ad_sequence_to_list(t, args[0]);
    AdValue r = AD_NULLV;
    if (!AD_IS_NULL(lst)) {
        ad_gc_push_root(t, lst);
        AdValue lr = ad_rt_repr(t, lst);
        if (!AD_IS_NULL(lr)) {
            ad_gc_push_root(t, lr);
            AdStr *s = ad_str_printf(t, "%s(%s)", name, AD_AS(AdStr, lr)->data);
            r = s ? ad_obj(s) : AD_NULLV;
        }
    }
    ad_repr_leave(t, &guard);
    return r;
}

/* `item in d.items()`: a 2-tuple whose key maps to an equal value. */
static int items_contains(AdThread *t, AdDict *d, AdValue item) {
    if (!ad_is_instance_of(t, item, t->vm->type_tuple) || AD_AS(AdTuple, item)->len != 2)
        return 0;
    AdTuple *kv = AD_AS(AdTuple, item);
    AdValue v;
    int r = ad_dict_get(t, d, kv->items[0], &v);
    if (r <= 0) return r;
    ad_gc_push_root(t, v);
    r = ad_rt_eq(t, v, kv->items[1]);
    t->nroots--;
    return r;
}

static int view_contains_value(AdThread *t, AdDictView *view, AdValue x) {
    if (view->obj.type == t->vm->type_dict_keys) {
        AdValue v;
        return ad_dict_get(t, view->dict, x, &v);
    }
    return items_contains(t, view->dict, x);
}

static AdValue view_contains(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    (void)kwnames;
    VIEW("__contains__");
    if (nargs != 2) return ad_err_raise_v(t, t->vm->exc_TypeError, "expected 1 argument");
    if (view->obj.type == t->vm->type_dict_values) {
        for (size_t i = 0; i < view->dict->nentries; i++) {
            AdDictEntry e = view->dict->entries[i];
            if (AD_IS_NULL(e.key)) continue;
            int r = ad_rt_eq(t, e.value, args[1]);
            if (r < 0) return AD_NULLV;
            if (r) return AD_TRUE;
        }
        return AD_FALSE;
    }
    int r = view_contains_value(t, view, args[1]);
    return r < 0 ? AD_NULLV : ad_bool(r);
}

static AdValue view_mapping(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    (void)kwnames;
    VIEW("mapping");
    return ad_obj(view->dict);
}

/* A new set holding the items of `v` (a view, set or any iterable). */
static AdValue to_set(AdThread *t, AdValue v) {
    AdSet *s = ad_set_new(t, false);
    if (!s) return AD_NULLV;
    ad_gc_push_obj(t, s);
    bool ok = ad_set_update(t, s, v);
    t->nroots--;
    return ok ? ad_obj(s) : AD_NULLV;
}

static bool is_anyset(AdThread *t, AdValue v) {
    return ad_is_instance_of(t, v, t->vm->type_set) ||
           ad_is_instance_of(t, v, t->vm->type_frozenset);
}

/* Set-like view operators; `self` is a keys/items view, `other` anything iterable. */
static AdValue view_setop(AdThread *t, AdValue *args, int nargs, int op, bool reflected) {
    if (nargs != 2 || (!is_setlike_view(t, args[0]))) return t->vm->not_implemented;
    AdValue self = args[0], other = args[1];
    /* Anything iterable is accepted; a non-iterable gives NotImplemented. */
    if (!is_view(t, other) && !is_anyset(t, other) &&
        AD_IS_NULL(ad_type_lookup(ad_type_of(t, other), t->vm->name.iter)))
        return t->vm->not_implemented;
    AdValue left = reflected ? other : self, right = reflected ? self : other;
    if (op == AD_BINOP_AND) {
        /* Iterate the right operand, keeping what the view contains. */
        AdValue view = self, seq = other;
        AdSet *r = ad_set_new(t, false);
        if (!r) return AD_NULLV;
        ad_gc_push_obj(t, r);
        AdValue it = ad_rt_getiter(t, seq);
        if (AD_IS_NULL(it)) return AD_NULLV;
        ad_gc_push_root(t, it);
        for (;;) {
            AdValue k;
            int rc = ad_rt_next(t, it, &k);
            if (rc < 0) return AD_NULLV;
            if (rc == 0) break;
            ad_gc_push_root(t, k);
            int c = view_contains_value(t, AD_AS(AdDictView, view), k);
            if (c < 0 || (c && !ad_set_add(t, r, k))) return AD_NULLV;
            t->nroots--;
        }
        return ad_obj(r);
    }
    AdValue r = to_set(t, left);
    if (AD_IS_NULL(r)) return AD_NULLV;
    ad_gc_push_root(t, r);
    bool ok;
    switch (op) {
    case AD_BINOP_OR: ok = ad_set_update(t, AD_AS(AdSet, r), right); break;
    case AD_BINOP_SUB: ok = ad_set_difference_update(t, AD_AS(AdSet, r), right); break;
    default: ok = ad_set_symmetric_difference_update(t, AD_AS(AdSet, r), right); break;
    }
    return ok ? r : AD_NULLV;
}

#define SETOP_FN(name, op, refl)                                                            \
    static AdValue name(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {           \
        (void)kwnames;                                                                      \
        return view_setop(t, args, nargs, op, refl);                                        \
    }
SETOP_FN(view_and, AD_BINOP_AND, false)
SETOP_FN(view_rand, AD_BINOP_AND, true)
SETOP_FN(view_or, AD_BINOP_OR, false)
SETOP_FN(view_ror, AD_BINOP_OR, true)
SETOP_FN(view_sub, AD_BINOP_SUB, false)
SETOP_FN(view_rsub, AD_BINOP_SUB, true)
SETOP_FN(view_xor, AD_BINOP_XOR, false)
SETOP_FN(view_rxor, AD_BINOP_XOR, true)

/* Every item of `a` (iterated) is contained in set-like `b`. */
static int all_contained_in(AdThread *t, AdValue a, AdValue b) {
    int mark = ad_gc_root_mark(t);
    AdValue it = ad_rt_getiter(t, a);
    if (AD_IS_NULL(it)) return -1;
    ad_gc_push_root(t, it);
    int result = 1;
    for (;;) {
        AdValue k;
        int rc = ad_rt_next(t, it, &k);
        if (rc < 0) {
            result = -1;
            break;
        }
        if (rc == 0) break;
        int c = ad_rt_contains(t, b, k);
        if (c <= 0) {
            result = c;
            break;
        }
    }
    ad_gc_root_restore(t, mark);
    return result;
}

static AdValue view_compare(AdThread *t, AdValue *args, int nargs, int op) {
    if (nargs != 2 || !is_setlike_view(t, args[0])) return t->vm->not_implemented;
    AdValue self = args[0], other = args[1];
    if (!is_setlike_view(t, other) && !is_anyset(t, other)) return t->vm->not_implemented;
    int64_t la = ad_rt_len(t, self), lb = ad_rt_len(t, other);
    if (la < 0 || lb < 0) return AD_NULLV;
    int r;
    switch (op) {
    case AD_CMP_EQ:
    case AD_CMP_NE:
        r = la == lb ? all_contained_in(t, self, other) : 0;
        if (r >= 0 && op == AD_CMP_NE) r = !r;
        break;
    case AD_CMP_LT: r = la < lb ? all_contained_in(t, self, other) : 0; break;
    case AD_CMP_LE: r = la <= lb ? all_contained_in(t, self, other) : 0; break;
    case AD_CMP_GT: r = la > lb ? all_contained_in(t, other, self) : 0; break;
    default: r = la >= lb ? all_contained_in(t, other, self) : 0; break;
    }
    return r < 0 ? AD_NULLV : ad_bool(r);
}

AD_RICHCMP_FNS(view, view_compare)

static AdValue view_isdisjoint(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    VIEW("isdisjoint");
    if (!ad_args_check(t, "isdisjoint", nargs - 1, kwnames, 1, 1)) return AD_NULLV;
    int mark = ad_gc_root_mark(t);
    AdValue it = ad_rt_getiter(t, args[1]);
    if (AD_IS_NULL(it)) return AD_NULLV;
    ad_gc_push_root(t, it);
    for (;;) {
        AdValue k;
        int rc = ad_rt_next(t, it, &k);
        if (rc < 0) return AD_NULLV;
        if (rc == 0) break;
        int c = view_contains_value(t, view, k);
        if (c < 0) return AD_NULLV;
        if (c) return AD_FALSE;
    }
    ad_gc_root_restore(t, mark);
    return AD_TRUE;
}

static const AdMethodDef keys_methods[] = {
    {"__len__", view_len, AD_METH_INSTANCE, NULL, NULL},
    {"__iter__", view_iter, AD_METH_INSTANCE, NULL, NULL},
    {"__reversed__", view_reversed, AD_METH_INSTANCE, NULL, NULL},
    {"__repr__", view_repr, AD_METH_INSTANCE, NULL, NULL},
    {"__contains__", view_contains, AD_METH_INSTANCE, NULL, NULL},
    {"__and__", view_and, AD_METH_INSTANCE, NULL, NULL},
    {"__rand__", view_rand, AD_METH_INSTANCE, NULL, NULL},
    {"__or__", view_or, AD_METH_INSTANCE, NULL, NULL},
    {"__ror__", view_ror, AD_METH_INSTANCE, NULL, NULL},
    {"__sub__", view_sub, AD_METH_INSTANCE, NULL, NULL},
    {"__rsub__", view_rsub, AD_METH_INSTANCE, NULL, NULL},
    {"__xor__", view_xor, AD_METH_INSTANCE, NULL, NULL},
    {"__rxor__", view_rxor, AD_METH_INSTANCE, NULL, NULL},
    AD_RICHCMP_METHODS(view),
    {"isdisjoint", view_isdisjoint, AD_METH_INSTANCE, NULL, NULL},
    {"mapping", view_mapping, AD_METH_GETSET, NULL, NULL},
    {NULL, NULL, 0, NULL, NULL},
};

static const AdMethodDef values_methods[] = {
    {"__len__", view_len, AD_METH_INSTANCE, NULL, NULL},
    {"__iter__", view_iter, AD_METH_INSTANCE, NULL, NULL},
    {"__reversed__", view_reversed, AD_METH_INSTANCE, NULL, NULL},
    {"__repr__", view_repr, AD_METH_INSTANCE, NULL, NULL},
    {"__contains__", view_contains, AD_METH_INSTANCE, NULL, NULL},
    {"mapping", view_mapping, AD_METH_GETSET, NULL, NULL},
    {NULL, NULL, 0, NULL, NULL},
};

static void view_trace(AdGC *gc, AdObj *o) {
    ad_gc_mark_obj(gc, ((AdDictView *)o)->dict);
}

bool ad_dict_setup(AdThread *t) {
    AdVM *vm = t->vm;
    if (!ad_type_init_builtin(t, vm->type_dict, "dict", vm->type_object, sizeof(AdDict),
                              dict_trace, dict_finalize, dict_methods, AD_TPFLAG_BASETYPE))
        return false;
    if (!ad_dict_set_str(t, vm->type_dict->dict, vm->name.hash, AD_NONE)) return false;
    struct {
        AdType *type;
        const char *name;
        size_t size;
        AdTraceFn trace;
        const AdMethodDef *methods;
    } const extra[] = {
        {vm->type_dict_keys, "dict_keys", sizeof(AdDictView), view_trace, keys_methods},
        {vm->type_dict_items, "dict_items", sizeof(AdDictView), view_trace, keys_methods},
        {vm->type_dict_values, "dict_values", sizeof(AdDictView), view_trace, values_methods},
        {vm->type_dict_keyiterator, "dict_keyiterator", sizeof(AdDictIter), dictiter_trace,
         dictiter_methods},
        {vm->type_dict_valueiterator, "dict_valueiterator", sizeof(AdDictIter), dictiter_trace,
         dictiter_methods},
        {vm->type_dict_itemiterator, "dict_itemiterator", sizeof(AdDictIter), dictiter_trace,
         dictiter_methods},
    };
    for (size_t i = 0; i < sizeof extra / sizeof extra[0]; i++) {
        if (!ad_type_init_builtin(t, extra[i].type, extra[i].name, vm->type_object, extra[i].size,
                                  extra[i].trace, NULL, extra[i].methods, 0))
            return false;
    }
    /* Views are unhashable (they compare like sets). */
    if (!ad_dict_set_str(t, vm->type_dict_keys->dict, vm->name.hash, AD_NONE)) return false;
    return ad_dict_set_str(t, vm->type_dict_items->dict, vm->name.hash, AD_NONE);
}
