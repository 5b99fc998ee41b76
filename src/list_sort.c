/*
 * list_sort.c - list.sort(): a stable natural merge sort (runs found as timsort finds them,
 * short runs extended by binary insertion, then merged pairwise).
 *
 * GC safety is the subtle part: comparisons and key functions run script code, which may
 * collect. While sorting, the list is emptied (so mutation by a key function or __lt__ is
 * detected: "list modified during sort") and its items are owned by a temporary list
 * object `holder`; the merge buffer is also a temporary list whose slots start as AD_NULLV.
 * At any comparison every value is in one of the two, so both being traced suffices. With
 * key=, elements are (key, value) pairs laid out as two consecutive AdValues.
 * If a comparison raises, the remaining merges finish without comparing, so the list ends
 * as a permutation of its input, as in CPython.
 */
#include <string.h>

#include "core.h"
#include "iter.h"

enum { KIND_GENERIC, KIND_INT, KIND_FLOAT, KIND_STR, KIND_TUPLE };
#define MIN_RUN 32

typedef struct Sorter {
    AdThread *t;
    int kind;
    bool failed;
    size_t stride; /* AdValues per element: 1, or 2 with a key */
} Sorter;

static inline int str_less(AdStr *a, AdStr *b) {
    /* UTF-8 byte order is code point order. */
    size_t n = a->len < b->len ? a->len : b->len;
    int c = memcmp(a->data, b->data, n);
    return c < 0 || (c == 0 && a->len < b->len);
}

/* a < b for keys of any type: the comparison protocol. Errors latch s->failed. */
static int generic_less(Sorter *s, AdValue a, AdValue b) {
    if (s->failed) return 0;
    int r = ad_rt_compare_bool(s->t, AD_CMP_LT, a, b);
    if (r < 0) {
        s->failed = true;
        return 0;
    }
    return r;
}

/* a < b for exact tuples, as tuple's own __lt__ decides it (the first unequal items, else
 * the lengths) but without a method call per comparison: keys like (score, name) are common. */
static int tuple_less(Sorter *s, AdTuple *a, AdTuple *b) {
    if (s->failed) return 0;
    size_t n = a->len < b->len ? a->len : b->len;
    AdType *str_type = s->t->vm->type_str;
    for (size_t i = 0; i < n; i++) {
        AdValue x = a->items[i], y = b->items[i];
        if (ad_is(x, y)) continue;
        /* Items that are ints, floats (not NaN) or exact strs on both sides are ordered here;
         * the protocol below would reach the same answer two calls later. */
        if (x.tag == y.tag) {
            if (x.tag == AD_TAG_INT) {
                if (x.as.i != y.as.i) return x.as.i < y.as.i;
                continue;
            }
            if (x.tag == AD_TAG_FLOAT && x.as.f == x.as.f && y.as.f == y.as.f) {
                if (x.as.f != y.as.f) return x.as.f < y.as.f;
                continue;
            }
            if (x.tag == AD_TAG_OBJ && x.as.o->type == str_type && y.as.o->type == str_type) {
                AdStr *xs = (AdStr *)x.as.o, *ys = (AdStr *)y.as.o;
                if (xs->len != ys->len || memcmp(xs->data, ys->data, xs->len) != 0)
                    return str_less(xs, ys);
                continue;
            }
        }
        int eq = ad_rt_compare_bool(s->t, AD_CMP_EQ, x, y);
        if (eq < 0) {
            s->failed = true;
            return 0;
        }
        if (!eq) return generic_less(s, x, y);
    }
    return a->len < b->len;
}

/* a < b on the elements' keys. Errors latch s->failed and read as "not less". */
static inline int less(Sorter *s, const AdValue *a, const AdValue *b) {
    switch (s->kind) {
    case KIND_INT: return a->as.i < b->as.i;
    case KIND_FLOAT: return a->as.f < b->as.f;
    case KIND_STR: return str_less((AdStr *)a->as.o, (AdStr *)b->as.o);
    case KIND_TUPLE: return tuple_less(s, (AdTuple *)a->as.o, (AdTuple *)b->as.o);
    default: return generic_less(s, *a, *b);
    }
}

#define EL(base, i) ((base) + (size_t)(i) * s->stride)

static inline void copy_el(Sorter *s, AdValue *dst, const AdValue *src) {
    dst[0] = src[0];
    if (s->stride == 2) dst[1] = src[1];
}

static void reverse_els(Sorter *s, AdValue *a, size_t lo, size_t hi) {
    AdValue tmp[2];
    while (hi > lo + 1) {
        hi--;
        copy_el(s, tmp, EL(a, lo));
        copy_el(s, EL(a, lo), EL(a, hi));
        copy_el(s, EL(a, hi), tmp);
        lo++;
    }
}

/* Sorts a[lo, hi) given that a[lo, start) is already sorted. No allocation happens while
 * the pivot is held only in `pivot` (the shift runs after the comparisons). */
static void binary_insertion(Sorter *s, AdValue *a, size_t lo, size_t start, size_t hi) {
    for (size_t j = start; j < hi; j++) {
        size_t l = lo, h = j;
        while (l < h) {
            size_t mid = l + (h - l) / 2;
            if (less(s, EL(a, j), EL(a, mid)))
                h = mid;
            else
                l = mid + 1;
        }
        if (l == j) continue;
        AdValue pivot[2];
        copy_el(s, pivot, EL(a, j));
        memmove(EL(a, l + 1), EL(a, l), (j - l) * s->stride * sizeof(AdValue));
        copy_el(s, EL(a, l), pivot);
    }
}

/* Length of the run starting at lo (descending runs are reversed in place). */
static size_t find_run(Sorter *s, AdValue *a, size_t lo, size_t n) {
    size_t j = lo + 1;
    if (j >= n) return 1;
    if (less(s, EL(a, j), EL(a, lo))) {
        /* Strictly descending, so reversing keeps equal items in order. */
        for (j++; j < n && less(s, EL(a, j), EL(a, j - 1)); j++) {}
        reverse_els(s, a, lo, j);
    } else {
        for (j++; j < n && !less(s, EL(a, j), EL(a, j - 1)); j++) {}
    }
    return j - lo;
}

/* Merges sorted a[lo, mid) and a[mid, hi) using `tmp` (room for mid - lo elements). */
static void merge(Sorter *s, AdValue *a, AdValue *tmp, size_t lo, size_t mid, size_t hi) {
    if (!less(s, EL(a, mid), EL(a, mid - 1))) return; /* already in order */
    size_t nl = mid - lo;
    memcpy(tmp, EL(a, lo), nl * s->stride * sizeof(AdValue));
    size_t i = 0, j = mid, k = lo;
    while (i < nl && j < hi) {
        if (less(s, EL(a, j), EL(tmp, i)))
            copy_el(s, EL(a, k++), EL(a, j++));
        else
            copy_el(s, EL(a, k++), EL(tmp, i++));
    }
    if (i < nl) memcpy(EL(a, k), EL(tmp, i), (nl - i) * s->stride * sizeof(AdValue));
}

/* Sorts the n elements of a; bounds has room for n / MIN_RUN + 2 entries. */
static void sort_elements(Sorter *s, AdValue *a, AdValue *tmp, size_t n, size_t *bounds) {
    size_t nruns = 0;
    for (size_t lo = 0; lo < n;) {
        size_t run = find_run(s, a, lo, n);
        if (run < MIN_RUN) {
            size_t force = n - lo < MIN_RUN ? n - lo : MIN_RUN;
            binary_insertion(s, a, lo, lo + run, lo + force);
            run = force;
        }
        bounds[nruns++] = lo;
        lo += run;
    }
    bounds[nruns] = n;
    while (nruns > 1) {
        size_t out = 0;
        for (size_t r = 0; r < nruns; r += 2) {
            if (r + 1 < nruns) merge(s, a, tmp, bounds[r], bounds[r + 1], bounds[r + 2]);
            bounds[out++] = bounds[r];
        }
        bounds[out] = n;
        nruns = out;
    }
}

/* Picks a comparison that needs no script call when every key is of one simple type. */
static int classify(AdThread *t, const AdValue *a, size_t n, size_t stride) {
    if (n == 0) return KIND_GENERIC;
    AdVM *vm = t->vm;
    uint32_t tag = a[0].tag;
    if (tag == AD_TAG_BOOL) tag = AD_TAG_INT;
    AdType *objtype = tag == AD_TAG_OBJ ? a[0].as.o->type : NULL;
    if (objtype && objtype != vm->type_str && objtype != vm->type_tuple) return KIND_GENERIC;
    for (size_t i = 0; i < n; i++) {
        AdValue v = a[i * stride];
        uint32_t vt = v.tag == AD_TAG_BOOL ? AD_TAG_INT : v.tag;
        if (vt != tag) return KIND_GENERIC;
        if (vt == AD_TAG_OBJ && v.as.o->type != objtype) return KIND_GENERIC;
        if (vt != AD_TAG_INT && vt != AD_TAG_FLOAT && vt != AD_TAG_OBJ) return KIND_GENERIC;
    }
    if (tag == AD_TAG_INT) return KIND_INT;
    if (tag == AD_TAG_FLOAT) return KIND_FLOAT;
    return objtype == vm->type_str ? KIND_STR : KIND_TUPLE;
}

/* A temporary list with room for n values, all AD_NULLV, len n (so it is traced). */
static AdList *null_list(AdThread *t, size_t n) {
    AdList *l = ad_list_new(t, n);
    if (!l) return NULL;
    if (n) memset(l->items, 0, n * sizeof(AdValue));
    l->len = n;
    return l;
}

bool ad_list_sort(AdThread *t, AdList *l, AdValue key, bool reverse) {
    AdVM *vm = t->vm;
    bool has_key = !AD_IS_NULL(key) && !AD_IS_NONE(key);
    size_t n = l->len;
    if (n < 2 && !has_key) return true;
    int mark = ad_gc_root_mark(t);
    ad_gc_push_obj(t, l);
    AdList *holder = ad_list_new(t, 0);
    if (!holder) goto fail_early;
    ad_gc_push_obj(t, holder);
    size_t stride = has_key ? 2 : 1;
    AdList *pairs = NULL;
    if (has_key) {
        pairs = ad_list_new(t, 2 * n);
        if (!pairs) goto fail_early;
        ad_gc_push_obj(t, pairs);
    }
    AdList *scratch = null_list(t, n * stride);
    if (!scratch) goto fail_early;
    ad_gc_push_obj(t, scratch);
    size_t *bounds = ad_mem_alloc(t, (n / MIN_RUN + 2) * sizeof(size_t));
    if (!bounds) goto fail_early;

    /* Detach the items: from here on the list reads as empty. */
    holder->items = l->items;
    holder->len = n;
    holder->cap = l->cap;
    l->items = NULL;
    l->len = l->cap = 0;

    bool ok = true;
    AdValue *a = holder->items;
    if (has_key) {
        for (size_t i = 0; i < n; i++) {
            AdValue k = ad_rt_call1(t, key, holder->items[i]);
            if (AD_IS_NULL(k)) {
                ok = false;
                break;
            }
            pairs->items[2 * i] = k;
            pairs->items[2 * i + 1] = holder->items[i];
            pairs->len = 2 * i + 2;
        }
        a = pairs->items;
    }
    if (ok) {
        Sorter s = {t, classify(t, a, n, stride), false, stride};
        if (reverse) reverse_els(&s, a, 0, n);
        sort_elements(&s, a, scratch->items, n, bounds);
        if (reverse) reverse_els(&s, a, 0, n);
        if (has_key) {
            for (size_t i = 0; i < n; i++) holder->items[i] = pairs->items[2 * i + 1];
        }
        ok = !s.failed;
    }
    ad_mem_free(vm, bounds, (n / MIN_RUN + 2) * sizeof(size_t));

    /* Reattach; anything the script put in the list meanwhile is dropped. */
    bool modified = l->items != NULL || l->len != 0;
    if (modified) ad_mem_free(vm, l->items, l->cap * sizeof(AdValue));
    l->items = holder->items;
    l->len = n;
    l->cap = holder->cap;
    holder->items = NULL;
    holder->len = holder->cap = 0;
    ad_gc_root_restore(t, mark);
    if (ok && modified) return ad_err_raise(t, vm->exc_ValueError, "list modified during sort");
    return ok;

fail_early:
    ad_gc_root_restore(t, mark);
    return false;
}
