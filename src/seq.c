/*
 * seq.c - operations on arrays of values shared by the sequence types (see seq.h): the
 * subscript, comparison, repr, search and repeat rules that list, tuple, bytes, range and
 * slice must all apply the same way.
 *
 * Invariant: nothing here caches an item pointer or a length across a call into script
 * code; items and lengths come by address and are re-read. The repr recursion guard itself
 * (ad_repr_enter) stays with the list type, whose header declares it.
 */
#include <stdio.h>
#include <string.h>

#include "core.h"
#include "seq.h"

int ad_seq_key(AdThread *t, AdValue key, int64_t *i, const char *what) {
    AdVM *vm = t->vm;
    if (key.tag == AD_TAG_INT || key.tag == AD_TAG_BOOL) {
        *i = key.as.i;
        return 1;
    }
    if (ad_is_type(key, vm->type_slice)) return 2;
    AdType *kt = ad_type_of(t, key);
    if (kt == vm->type_int || !AD_IS_NULL(ad_type_lookup(kt, vm->name.index))) {
        if (ad_rt_index(t, key, i)) return 1;
        if (ad_err_matches(t, vm->exc_OverflowError)) {
            ad_err_clear(t);
            ad_err_raise(t, vm->exc_IndexError, "cannot fit '%T' into an index-sized integer",
                         key);
        }
        return -1;
    }
    ad_err_raise(t, vm->exc_TypeError, "%s indices must be integers or slices, not %T", what,
                 key);
    return -1;
}

bool ad_seq_item_index(AdThread *t, int64_t *i, size_t len, const char *msg) {
    if (*i < 0) *i += (int64_t)len;
    if (*i < 0 || *i >= (int64_t)len) return ad_err_raise(t, t->vm->exc_IndexError, "%s", msg);
    return true;
}

size_t ad_seq_delete_stepped(void *items, size_t size, size_t len, int64_t start, int64_t step,
                             int64_t n) {
    if (step < 0) {
        start += step * (n - 1);
        step = -step;
    }
    /* Move each run of kept items between two deleted ones down in one go. */
    char *p = items;
    size_t w = (size_t)start;
    for (int64_t k = 0; k < n; k++) {
        size_t from = (size_t)(start + k * step) + 1;
        size_t to = k + 1 < n ? (size_t)(start + (k + 1) * step) : len;
        if (to > from) memmove(p + w * size, p + from * size, (to - from) * size);
        w += to - from;
    }
    return w;
}

static bool cmp_sizes(int op, size_t a, size_t b) {
    switch (op) {
    case AD_CMP_LT: return a < b;
    case AD_CMP_LE: return a <= b;
    case AD_CMP_EQ: return a == b;
    case AD_CMP_NE: return a != b;
    case AD_CMP_GT: return a > b;
    default: return a >= b;
    }
}

AdValue ad_seq_compare(AdThread *t, int op, AdValue *const *a_items, const size_t *a_len,
                       AdValue *const *b_items, const size_t *b_len, bool len_shortcut) {
    if (len_shortcut && *a_len != *b_len && (op == AD_CMP_EQ || op == AD_CMP_NE))
        return ad_bool(op == AD_CMP_NE);
    size_t i;
    for (i = 0; i < *a_len && i < *b_len; i++) {
        int k = ad_rt_eq(t, (*a_items)[i], (*b_items)[i]);
        if (k < 0) return AD_NULLV;
        if (!k) break;
    }
    if (i >= *a_len || i >= *b_len) return ad_bool(cmp_sizes(op, *a_len, *b_len));
    if (op == AD_CMP_EQ) return AD_FALSE;
    if (op == AD_CMP_NE) return AD_TRUE;
    return ad_rt_compare(t, op, (*a_items)[i], (*b_items)[i]);
}

static AdValue str_value_of(AdThread *t, const char *s) {
    AdStr *r = ad_str_from_cstr(t, s);
    return r ? ad_obj(r) : AD_NULLV;
}

AdValue ad_seq_repr(AdThread *t, void *self, const char *open, const char *close,
                    AdValue *const *items, const size_t *len, bool one_comma) {
    if (*len == 0) {
        char s[8];
        snprintf(s, sizeof s, "%s%s", open, close);
        return str_value_of(t, s);
    }
    AdReprGuard guard;
    if (ad_repr_enter(t, &guard, self)) {
        char s[16];
        snprintf(s, sizeof s, "%s...%s", open, close);
        return str_value_of(t, s);
    }
    AdBuf b;
    ad_buf_init(&b);
    if (!ad_buf_adds(t, &b, open) || !ad_seq_repr_items(t, &b, items, len)) goto fail;
    if (one_comma && *len == 1 && !ad_buf_addc(t, &b, ',')) goto fail;
    if (!ad_buf_adds(t, &b, close)) goto fail;
    ad_repr_leave(t, &guard);
    AdStr *s = ad_buf_finish(t, &b);
    return s ? ad_obj(s) : AD_NULLV;
fail:
    ad_repr_leave(t, &guard);
    ad_buf_free(&b);
    return AD_NULLV;
}

bool ad_seq_repr_items(AdThread *t, AdBuf *b, AdValue *const *items, const size_t *len) {
    int mark = ad_gc_root_mark(t);
    for (size_t i = 0; i < *len; i++) {
        if (i && !ad_buf_add(t, b, ", ", 2)) return false;
        AdValue r = ad_rt_repr(t, (*items)[i]);
        if (AD_IS_NULL(r)) return false;
        ad_gc_push_root(t, r);
        AdStr *rs = AD_AS(AdStr, r);
        bool ok = ad_buf_add(t, b, rs->data, rs->len);
        ad_gc_root_restore(t, mark);
        if (!ok) return false;
    }
    return true;
}

/* ---- search ---------------------------------------------------------------------------- */

bool ad_seq_index_bounds(AdThread *t, AdValue *args, int nargs, int64_t len, int64_t *start,
                         int64_t *stop) {
    *start = 0;
    *stop = INT64_MAX;
    if (nargs > 2) {
        if (!ad_slice_bound(t, args[2], false, start)) return false;
        if (*start < 0 && (*start += len) < 0) *start = 0;
    }
    if (nargs > 3) {
        if (!ad_slice_bound(t, args[3], false, stop)) return false;
        if (*stop < 0 && (*stop += len) < 0) *stop = 0;
    }
    return true;
}

/* 1 if v == x, 0 if not, -1 on error; distinct small ints are unequal without a call. */
static int item_equals(AdThread *t, AdValue v, AdValue x) {
    if (ad_is(v, x)) return 1;
    if (v.tag == AD_TAG_INT && x.tag == AD_TAG_INT) return 0;
    return ad_rt_eq(t, v, x);
}

int64_t ad_seq_find(AdThread *t, AdValue *const *items, const size_t *len, AdValue x,
                    int64_t start, int64_t stop) {
    for (int64_t i = start; i < stop && i < (int64_t)*len; i++) {
        int r = item_equals(t, (*items)[i], x);
        if (r < 0) return -2;
        if (r) return i;
    }
    return -1;
}

int64_t ad_seq_count(AdThread *t, AdValue *const *items, const size_t *len, AdValue x) {
    int64_t n = 0;
    for (size_t i = 0; i < *len; i++) {
        int r = item_equals(t, (*items)[i], x);
        if (r < 0) return -1;
        n += r;
    }
    return n;
}

/* ---- operands of + and * --------------------------------------------------------------- */

bool ad_seq_defers_to(AdThread *t, AdValue other, int binop) {
    AdType *ot = ad_type_of(t, other);
    return (ot->flags & AD_TPFLAG_HEAP) &&
           !AD_IS_NULL(ad_type_lookup(ot, t->vm->binop_names[AD_BINOP_COUNT + binop]));
}

int ad_seq_repeat_count(AdThread *t, AdValue v, int64_t *n) {
    AdVM *vm = t->vm;
    if (v.tag == AD_TAG_INT || v.tag == AD_TAG_BOOL) {
        *n = v.as.i < 0 ? 0 : v.as.i;
        return 1;
    }
    if (!AD_IS_NULL(ad_type_lookup(ad_type_of(t, v), vm->name.index))) {
        if (!ad_rt_index(t, v, n)) {
            if (ad_err_matches(t, vm->exc_OverflowError)) {
                ad_err_clear(t);
                ad_err_raise(t, vm->exc_OverflowError,
                             "cannot fit 'int' into an index-sized integer");
            }
            return -1;
        }
        if (*n < 0) *n = 0;
        return 1;
    }
    if (ad_seq_defers_to(t, v, AD_BINOP_MUL)) return 0;
    ad_err_raise(t, vm->exc_TypeError, "can't multiply sequence by non-int of type '%T'", v);
    return -1;
}
