/*
 * bytes_methods.c - the text-like methods bytes and bytearray share: searching, splitting,
 * stripping, case mapping (ASCII only, as in CPython), padding, hex and decode.
 *
 * Each method reads its operands through views (bytes_impl.h) and builds the result with
 * ad_bytes_make_like, so a bytearray's method returns a bytearray. Allocation cannot move
 * or resize a bytearray (only script code can), so a view stays valid across allocations;
 * it is re-taken after anything that may run script code (__index__, iteration).
 */
#include <stdio.h>
#include <string.h>

#include "bytes_impl.h"
#include "iter.h"

#define RETAKE() ad_bytes_view(t, args[0], &self)

static bool is_space(uint8_t c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\x0b' || c == '\x0c';
}
static bool is_lower(uint8_t c) { return c >= 'a' && c <= 'z'; }
static bool is_upper(uint8_t c) { return c >= 'A' && c <= 'Z'; }
static bool is_alpha(uint8_t c) { return is_lower(c) || is_upper(c); }
static bool is_digit(uint8_t c) { return c >= '0' && c <= '9'; }
static uint8_t to_lower(uint8_t c) { return is_upper(c) ? (uint8_t)(c + 32) : c; }
static uint8_t to_upper(uint8_t c) { return is_lower(c) ? (uint8_t)(c - 32) : c; }

static AdValue like(AdThread *t, bool is_ba, const uint8_t *p, size_t n) {
    return ad_bytes_make_like(t, is_ba, p, n);
}

/* A bytes-like argument, with CPython's wording when it is not one. */
static bool need_view(AdThread *t, AdValue v, AdByteView *out) {
    if (ad_bytes_view(t, v, out)) return true;
    return ad_err_raise(t, t->vm->exc_TypeError, "a bytes-like object is required, not '%T'", v);
}

/* The `sub` of find/count/index: bytes-like or an int (one byte, stored in *one). */
static bool sub_arg(AdThread *t, AdValue v, AdByteView *out, uint8_t *one) {
    if (ad_bytes_view(t, v, out)) return true;
    if (!ad_is_int(t, v) && AD_IS_NULL(ad_type_lookup(ad_type_of(t, v), t->vm->name.index)))
        return ad_err_raise(t, t->vm->exc_TypeError,
                            "argument should be integer or bytes-like object, not '%T'", v);
    int64_t i;
    if (!ad_rt_index(t, v, &i)) return false;
    if (i < 0 || i > 255) return ad_err_raise(t, t->vm->exc_ValueError, "byte must be in range(0, 256)");
    *one = (uint8_t)i;
    out->p = one;
    out->n = 1;
    return true;
}

/* Optional start/end arguments (None allowed), then CPython's ADJUST_INDICES. */
static bool bounds(AdThread *t, AdValue *args, int nargs, int first, size_t len, int64_t *start,
                   int64_t *end) {
    *start = 0;
    *end = INT64_MAX;
    if (nargs > first && !AD_IS_NONE(args[first]) && !ad_rt_index(t, args[first], start))
        return false;
    if (nargs > first + 1 && !AD_IS_NONE(args[first + 1]) && !ad_rt_index(t, args[first + 1], end))
        return false;
    int64_t n = (int64_t)len;
    if (*end > n) {
        *end = n;
    } else if (*end < 0) {
        *end += n;
        if (*end < 0) *end = 0;
    }
    if (*start < 0) {
        *start += n;
        if (*start < 0) *start = 0;
    }
    return true;
}

static int64_t find_fwd(const uint8_t *h, size_t hn, const uint8_t *s, size_t sn) {
    if (sn == 0) return 0;
    if (sn > hn) return -1;
    const uint8_t *r = memmem(h, hn, s, sn);
    return r ? (int64_t)(r - h) : -1;
}

static int64_t find_rev(const uint8_t *h, size_t hn, const uint8_t *s, size_t sn) {
    if (sn > hn) return -1;
    for (size_t i = hn - sn + 1; i-- > 0;)
        if (memcmp(h + i, s, sn) == 0) return (int64_t)i;
    return -1;
}

/* find/rfind/index/rindex core: the position or -1, -2 on error. */
static int64_t find_impl(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames,
                         const char *name, bool reverse) {
    if (!ad_args_check(t, name, nargs - 1, kwnames, 1, 3)) return -2;
    AdByteView self, sub;
    uint8_t one;
    if (!sub_arg(t, args[1], &sub, &one)) return -2;
    int64_t start, end;
    ad_bytes_view(t, args[0], &self);
    if (!bounds(t, args, nargs, 2, self.n, &start, &end)) return -2;
    ad_bytes_view(t, args[0], &self);
    if (sub.p != &one) ad_bytes_view(t, args[1], &sub);
    if (end - start < (int64_t)sub.n) return -1;
    int64_t r = reverse ? find_rev(self.p + start, (size_t)(end - start), sub.p, sub.n)
                        : find_fwd(self.p + start, (size_t)(end - start), sub.p, sub.n);
    return r < 0 ? -1 : r + start;
}

static AdValue b_find(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    int64_t r = find_impl(t, args, nargs, kwnames, "find", false);
    return r == -2 ? AD_NULLV : ad_small_int(r);
}

static AdValue b_rfind(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    int64_t r = find_impl(t, args, nargs, kwnames, "rfind", true);
    return r == -2 ? AD_NULLV : ad_small_int(r);
}

static AdValue b_index(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    int64_t r = find_impl(t, args, nargs, kwnames, "index", false);
    if (r == -2) return AD_NULLV;
    if (r < 0) return ad_err_raise_v(t, t->vm->exc_ValueError, "subsection not found");
    return ad_small_int(r);
}

static AdValue b_rindex(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    int64_t r = find_impl(t, args, nargs, kwnames, "rindex", true);
    if (r == -2) return AD_NULLV;
    if (r < 0) return ad_err_raise_v(t, t->vm->exc_ValueError, "subsection not found");
    return ad_small_int(r);
}

static AdValue b_count(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    VIEW_SELF("count");
    ARGS("count", 1, 3);
    AdByteView sub;
    uint8_t one;
    if (!sub_arg(t, args[1], &sub, &one)) return AD_NULLV;
    int64_t start, end;
    if (!bounds(t, args, nargs, 2, self.n, &start, &end)) return AD_NULLV;
    RETAKE();
    if (sub.p != &one) ad_bytes_view(t, args[1], &sub);
    if (end < start) return ad_small_int(0);
    if (sub.n == 0) return ad_small_int(end - start + 1);
    int64_t n = 0;
    for (int64_t i = start; i + (int64_t)sub.n <= end;) {
        int64_t r = find_fwd(self.p + i, (size_t)(end - i), sub.p, sub.n);
        if (r < 0) break;
        n++;
        i += r + (int64_t)sub.n;
    }
    return ad_small_int(n);
}

static int tailmatch(AdByteView s, AdByteView sub, int64_t start, int64_t end, bool ends) {
    int64_t len = (int64_t)s.n, slen = (int64_t)sub.n;
    if (!ends) {
        if (start > len - slen) return 0;
    } else {
        if (end - start < slen || start > len) return 0;
        if (end - slen > start) start = end - slen;
    }
    if (end - start < slen) return 0;
    return slen == 0 || memcmp(s.p + start, sub.p, (size_t)slen) == 0;
}

static AdValue startsends(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames,
                          const char *name, bool ends) {
    if (!ad_args_check(t, name, nargs - 1, kwnames, 1, 3)) return AD_NULLV;
    AdByteView self, sub;
    ad_bytes_view(t, args[0], &self);
    int64_t start, end;
    if (!bounds(t, args, nargs, 2, self.n, &start, &end)) return AD_NULLV;
    ad_bytes_view(t, args[0], &self);
    AdValue x = args[1];
    if (ad_is_instance_of(t, x, t->vm->type_tuple)) {
        AdTuple *tup = AD_AS(AdTuple, x);
        for (size_t i = 0; i < tup->len; i++) {
            if (!ad_bytes_view(t, tup->items[i], &sub))
                return ad_err_raise_v(t, t->vm->exc_TypeError,
                                      "a bytes-like object is required, not '%T'", tup->items[i]);
            if (tailmatch(self, sub, start, end, ends)) return AD_TRUE;
        }
        return AD_FALSE;
    }
    if (!ad_bytes_view(t, x, &sub))
        return ad_err_raise_v(t, t->vm->exc_TypeError,
                              "%s first arg must be bytes or a tuple of bytes, not %T", name, x);
    return ad_bool(tailmatch(self, sub, start, end, ends));
}

static AdValue b_startswith(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    return startsends(t, args, nargs, kwnames, "startswith", false);
}

static AdValue b_endswith(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    return startsends(t, args, nargs, kwnames, "endswith", true);
}

static AdValue b_join(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    VIEW_SELF("join");
    ARGS("join", 1, 1);
    AdValue lv = ad_sequence_to_list(t, args[1]);
    if (AD_IS_NULL(lv)) return AD_NULLV;
    ad_gc_push_root(t, lv);
    AdList *l = AD_AS(AdList, lv);
    RETAKE();
    size_t total = 0;
    for (size_t i = 0; i < l->len; i++) {
        AdByteView v;
        if (!ad_bytes_view(t, l->items[i], &v))
            return ad_err_raise_v(t, t->vm->exc_TypeError,
                                  "sequence item %zu: expected a bytes-like object, %T found", i,
                                  l->items[i]);
        total += v.n + (i ? self.n : 0);
    }
    uint8_t *p;
    AdValue r = ad_bytes_alloc_like(t, is_ba, total, &p);
    if (AD_IS_NULL(r)) return AD_NULLV;
    for (size_t i = 0; i < l->len; i++) {
        AdByteView v;
        ad_bytes_view(t, l->items[i], &v);
        if (i && self.n) {
            memcpy(p, self.p, self.n);
            p += self.n;
        }
        if (v.n) memcpy(p, v.p, v.n);
        p += v.n;
    }
    return r;
}

/* ---- case and classification ----------------------------------------------------------- */

enum { MAP_LOWER, MAP_UPPER, MAP_SWAP, MAP_CAPITALIZE, MAP_TITLE };

static AdValue map_case(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames, int how,
                        const char *name) {
    VIEW_SELF(name);
    ARGS(name, 0, 0);
    uint8_t *p;
    AdValue r = ad_bytes_alloc_like(t, is_ba, self.n, &p);
    if (AD_IS_NULL(r)) return AD_NULLV;
    bool prev_cased = false;
    for (size_t i = 0; i < self.n; i++) {
        uint8_t c = self.p[i];
        switch (how) {
        case MAP_LOWER: c = to_lower(c); break;
        case MAP_UPPER: c = to_upper(c); break;
        case MAP_SWAP: c = is_upper(c) ? to_lower(c) : to_upper(c); break;
        case MAP_CAPITALIZE: c = i == 0 ? to_upper(c) : to_lower(c); break;
        default:
            c = prev_cased ? to_lower(c) : to_upper(c);
            prev_cased = is_alpha(c);
            break;
        }
        p[i] = c;
    }
    return r;
}

#define CASE_FN(fname, how, pyname)                                                         \
    static AdValue fname(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {          \
        return map_case(t, args, nargs, kwnames, how, pyname);                              \
    }
CASE_FN(b_lower, MAP_LOWER, "lower")
CASE_FN(b_upper, MAP_UPPER, "upper")
CASE_FN(b_swapcase, MAP_SWAP, "swapcase")
CASE_FN(b_capitalize, MAP_CAPITALIZE, "capitalize")
CASE_FN(b_title, MAP_TITLE, "title")

enum { IS_ALNUM, IS_ALPHA, IS_ASCII, IS_DIGIT, IS_LOWER, IS_UPPER, IS_SPACE, IS_TITLE };

static AdValue classify(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames, int what,
                        const char *name) {
    VIEW_SELF(name);
    ARGS(name, 0, 0);
    if (what == IS_ASCII) {
        for (size_t i = 0; i < self.n; i++)
            if (self.p[i] >= 0x80) return AD_FALSE;
        return AD_TRUE;
    }
    if (self.n == 0) return AD_FALSE;
    if (what == IS_LOWER || what == IS_UPPER) {
        bool cased = false;
        for (size_t i = 0; i < self.n; i++) {
            uint8_t c = self.p[i];
            if (what == IS_LOWER ? is_upper(c) : is_lower(c)) return AD_FALSE;
            if (is_alpha(c)) cased = true;
        }
        return ad_bool(cased);
    }
    if (what == IS_TITLE) {
        bool cased = false, prev_cased = false;
        for (size_t i = 0; i < self.n; i++) {
            uint8_t c = self.p[i];
            if (is_upper(c)) {
                if (prev_cased) return AD_FALSE;
                prev_cased = cased = true;
            } else if (is_lower(c)) {
                if (!prev_cased) return AD_FALSE;
                prev_cased = cased = true;
            } else {
                prev_cased = false;
            }
        }
        return ad_bool(cased);
    }
    for (size_t i = 0; i < self.n; i++) {
        uint8_t c = self.p[i];
        bool ok;
        switch (what) {
        case IS_ALNUM: ok = is_alpha(c) || is_digit(c); break;
        case IS_ALPHA: ok = is_alpha(c); break;
        case IS_DIGIT: ok = is_digit(c); break;
        default: ok = is_space(c); break;
        }
        if (!ok) return AD_FALSE;
    }
    return AD_TRUE;
}

#define IS_FN(fname, what, pyname)                                                          \
    static AdValue fname(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {          \
        return classify(t, args, nargs, kwnames, what, pyname);                             \
    }
IS_FN(b_isalnum, IS_ALNUM, "isalnum")
IS_FN(b_isalpha, IS_ALPHA, "isalpha")
IS_FN(b_isascii, IS_ASCII, "isascii")
IS_FN(b_isdigit, IS_DIGIT, "isdigit")
IS_FN(b_islower, IS_LOWER, "islower")
IS_FN(b_isupper, IS_UPPER, "isupper")
IS_FN(b_isspace, IS_SPACE, "isspace")
IS_FN(b_istitle, IS_TITLE, "istitle")

/* ---- splitting and stripping ----------------------------------------------------------- */

static bool append_piece(AdThread *t, AdList *l, bool is_ba, const uint8_t *p, size_t n) {
    AdValue v = like(t, is_ba, p, n);
    return !AD_IS_NULL(v) && ad_list_append(t, l, v);
}

static AdValue split_impl(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames, bool right) {
    static const char *const names[] = {"sep", "maxsplit"};
    AdValue a[2];
    const char *fname = right ? "rsplit" : "split";
    if (!ad_args_parse(t, fname, args + 1, nargs - 1, kwnames, names, 2, 2, 0, a)) return AD_NULLV;
    AdByteView self, sep = {NULL, 0};
    if (!ad_bytes_view(t, args[0], &self))
        return ad_err_raise_v(t, t->vm->exc_TypeError, "descriptor requires a 'bytes' object");
    bool is_ba = ad_is_bytearray(t, args[0]);
    int64_t maxsplit = -1;
    if (!AD_IS_NULL(a[1]) && !ad_rt_index(t, a[1], &maxsplit)) return AD_NULLV;
    bool ws = AD_IS_NULL(a[0]) || AD_IS_NONE(a[0]);
    if (!ws) {
        if (!need_view(t, a[0], &sep)) return AD_NULLV;
        if (sep.n == 0) return ad_err_raise_v(t, t->vm->exc_ValueError, "empty separator");
    }
    ad_bytes_view(t, args[0], &self);
    if (maxsplit < 0) maxsplit = INT64_MAX;
    AdList *l = ad_list_new(t, 0);
    if (!l) return AD_NULLV;
    ad_gc_push_obj(t, l);
    const uint8_t *s = self.p;
    size_t n = self.n;
    if (!right) {
        size_t i = 0;
        if (ws) {
            while (maxsplit-- > 0) {
                while (i < n && is_space(s[i])) i++;
                if (i == n) break;
                size_t j = i;
                while (j < n && !is_space(s[j])) j++;
                if (j == n) {
                    if (!append_piece(t, l, is_ba, s + i, j - i)) return AD_NULLV;
                    i = n;
                    break;
                }
                if (!append_piece(t, l, is_ba, s + i, j - i)) return AD_NULLV;
                i = j;
            }
            while (i < n && is_space(s[i])) i++;
            if (i < n && !append_piece(t, l, is_ba, s + i, n - i)) return AD_NULLV;
        } else {
            while (maxsplit-- > 0) {
                int64_t r = find_fwd(s + i, n - i, sep.p, sep.n);
                if (r < 0) break;
                if (!append_piece(t, l, is_ba, s + i, (size_t)r)) return AD_NULLV;
                i += (size_t)r + sep.n;
            }
            if (!append_piece(t, l, is_ba, s + i, n - i)) return AD_NULLV;
        }
        return ad_obj(l);
    }
    /* rsplit: collect from the right, then reverse. */
    size_t j = n;
    if (ws) {
        while (maxsplit-- > 0) {
            while (j > 0 && is_space(s[j - 1])) j--;
            if (j == 0) break;
            size_t i = j;
            while (i > 0 && !is_space(s[i - 1])) i--;
            if (!append_piece(t, l, is_ba, s + i, j - i)) return AD_NULLV;
            j = i;
        }
        while (j > 0 && is_space(s[j - 1])) j--;
        if (j > 0 && !append_piece(t, l, is_ba, s, j)) return AD_NULLV;
    } else {
        while (maxsplit-- > 0) {
            int64_t r = find_rev(s, j, sep.p, sep.n);
            if (r < 0) break;
            size_t after = (size_t)r + sep.n;
            if (!append_piece(t, l, is_ba, s + after, j - after)) return AD_NULLV;
            j = (size_t)r;
        }
        if (!append_piece(t, l, is_ba, s, j)) return AD_NULLV;
    }
    for (size_t lo = 0, hi = l->len; lo + 1 < hi; lo++, hi--) {
        AdValue tmp = l->items[lo];
        l->items[lo] = l->items[hi - 1];
        l->items[hi - 1] = tmp;
    }
    return ad_obj(l);
}

static AdValue b_split(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    return split_impl(t, args, nargs, kwnames, false);
}

static AdValue b_rsplit(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    return split_impl(t, args, nargs, kwnames, true);
}

static AdValue b_splitlines(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    static const char *const names[] = {"keepends"};
    AdValue a[1];
    if (!ad_args_parse(t, "splitlines", args + 1, nargs - 1, kwnames, names, 1, 1, 0, a))
        return AD_NULLV;
    VIEW_SELF("splitlines");
    bool keep = false;
    if (!AD_IS_NULL(a[0])) {
        int r = ad_rt_truthy(t, a[0]);
        if (r < 0) return AD_NULLV;
        keep = r;
        RETAKE();
    }
    AdList *l = ad_list_new(t, 0);
    if (!l) return AD_NULLV;
    ad_gc_push_obj(t, l);
    size_t i = 0, n = self.n;
    while (i < n) {
        size_t j = i;
        while (j < n && self.p[j] != '\n' && self.p[j] != '\r') j++;
        size_t eol = j;
        if (j < n) {
            if (self.p[j] == '\r' && j + 1 < n && self.p[j + 1] == '\n')
                j += 2;
            else
                j++;
            if (keep) eol = j;
        }
        if (!append_piece(t, l, is_ba, self.p + i, eol - i)) return AD_NULLV;
        i = j;
    }
    return ad_obj(l);
}

static AdValue strip_impl(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames,
                          const char *name, bool left, bool right) {
    VIEW_SELF(name);
    ARGS(name, 0, 1);
    AdByteView chars = {NULL, 0};
    bool ws = nargs < 2 || AD_IS_NONE(args[1]);
    if (!ws && !need_view(t, args[1], &chars)) return AD_NULLV;
    size_t i = 0, j = self.n;
    if (left)
        while (i < j && (ws ? is_space(self.p[i]) : memchr(chars.p, self.p[i], chars.n) != NULL))
            i++;
    if (right)
        while (j > i &&
               (ws ? is_space(self.p[j - 1]) : memchr(chars.p, self.p[j - 1], chars.n) != NULL))
            j--;
    if (!is_ba && i == 0 && j == self.n && ad_is_type(args[0], t->vm->type_bytes)) return args[0];
    return like(t, is_ba, self.p + i, j - i);
}

static AdValue b_strip(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    return strip_impl(t, args, nargs, kwnames, "strip", true, true);
}

static AdValue b_lstrip(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    return strip_impl(t, args, nargs, kwnames, "lstrip", true, false);
}

static AdValue b_rstrip(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    return strip_impl(t, args, nargs, kwnames, "rstrip", false, true);
}

static AdValue partition_impl(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames,
                              bool right) {
    const char *name = right ? "rpartition" : "partition";
    VIEW_SELF(name);
    ARGS(name, 1, 1);
    AdByteView sep;
    if (!need_view(t, args[1], &sep)) return AD_NULLV;
    if (sep.n == 0) return ad_err_raise_v(t, t->vm->exc_ValueError, "empty separator");
    int64_t r = right ? find_rev(self.p, self.n, sep.p, sep.n) : find_fwd(self.p, self.n, sep.p, sep.n);
    AdTuple *tup = ad_tuple_new(t, 3);
    if (!tup) return AD_NULLV;
    for (int k = 0; k < 3; k++) tup->items[k] = AD_NONE;
    ad_gc_push_obj(t, tup);
    AdValue parts[3];
    if (r < 0) {
        parts[right ? 2 : 0] = like(t, is_ba, self.p, self.n);
        parts[1] = like(t, is_ba, NULL, 0);
        if (AD_IS_NULL(parts[1]) || AD_IS_NULL(parts[right ? 2 : 0])) return AD_NULLV;
        tup->items[right ? 2 : 0] = parts[right ? 2 : 0];
        tup->items[1] = parts[1];
        AdValue empty = like(t, is_ba, NULL, 0);
        if (AD_IS_NULL(empty)) return AD_NULLV;
        tup->items[right ? 0 : 2] = empty;
        return ad_obj(tup);
    }
    AdValue v = like(t, is_ba, self.p, (size_t)r);
    if (AD_IS_NULL(v)) return AD_NULLV;
    tup->items[0] = v;
    v = like(t, is_ba, sep.p, sep.n);
    if (AD_IS_NULL(v)) return AD_NULLV;
    tup->items[1] = v;
    v = like(t, is_ba, self.p + r + sep.n, self.n - (size_t)r - sep.n);
    if (AD_IS_NULL(v)) return AD_NULLV;
    tup->items[2] = v;
    return ad_obj(tup);
}

static AdValue b_partition(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    return partition_impl(t, args, nargs, kwnames, false);
}

static AdValue b_rpartition(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    return partition_impl(t, args, nargs, kwnames, true);
}

static AdValue b_replace(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    VIEW_SELF("replace");
    ARGS("replace", 2, 3);
    AdByteView old, rep;
    if (!need_view(t, args[1], &old) || !need_view(t, args[2], &rep)) return AD_NULLV;
    int64_t count = -1;
    if (nargs > 3 && !ad_rt_index(t, args[3], &count)) return AD_NULLV;
    RETAKE();
    ad_bytes_view(t, args[1], &old);
    ad_bytes_view(t, args[2], &rep);
    if (count < 0) count = INT64_MAX;
    AdBuf b;
    ad_buf_init(&b);
    size_t i = 0;
    bool ok = true;
    if (old.n == 0) {
        /* Insert `rep` before every byte and at the end, up to count times. */
        for (; i <= self.n && count > 0 && ok; count--) {
            ok = ad_buf_add(t, &b, (const char *)rep.p, rep.n);
            if (i < self.n && ok) ok = ad_buf_addc(t, &b, (char)self.p[i]);
            i++;
        }
        if (ok && i < self.n) ok = ad_buf_add(t, &b, (const char *)self.p + i, self.n - i);
    } else {
        while (count-- > 0 && ok) {
            int64_t r = find_fwd(self.p + i, self.n - i, old.p, old.n);
            if (r < 0) break;
            ok = ad_buf_add(t, &b, (const char *)self.p + i, (size_t)r) &&
                 ad_buf_add(t, &b, (const char *)rep.p, rep.n);
            i += (size_t)r + old.n;
        }
        if (ok) ok = ad_buf_add(t, &b, (const char *)self.p + i, self.n - i);
    }
    AdValue r = ok ? like(t, is_ba, (const uint8_t *)b.data, b.len) : AD_NULLV;
    ad_buf_free(&b);
    return r;
}

static AdValue b_removeprefix(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    VIEW_SELF("removeprefix");
    ARGS("removeprefix", 1, 1);
    AdByteView pre;
    if (!need_view(t, args[1], &pre)) return AD_NULLV;
    if (pre.n <= self.n && memcmp(self.p, pre.p, pre.n) == 0)
        return like(t, is_ba, self.p + pre.n, self.n - pre.n);
    if (!is_ba && ad_is_type(args[0], t->vm->type_bytes)) return args[0];
    return like(t, is_ba, self.p, self.n);
}

static AdValue b_removesuffix(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    VIEW_SELF("removesuffix");
    ARGS("removesuffix", 1, 1);
    AdByteView suf;
    if (!need_view(t, args[1], &suf)) return AD_NULLV;
    if (suf.n && suf.n <= self.n && memcmp(self.p + self.n - suf.n, suf.p, suf.n) == 0)
        return like(t, is_ba, self.p, self.n - suf.n);
    if (!is_ba && ad_is_type(args[0], t->vm->type_bytes)) return args[0];
    return like(t, is_ba, self.p, self.n);
}

/* ---- padding --------------------------------------------------------------------------- */

static AdValue pad_impl(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames,
                        const char *name, int where) {
    VIEW_SELF(name);
    ARGS(name, 1, 2);
    int64_t width;
    if (!ad_rt_index(t, args[1], &width)) return AD_NULLV;
    uint8_t fill = ' ';
    if (nargs > 2) {
        AdByteView f;
        if (!ad_bytes_view(t, args[2], &f) || f.n != 1)
            return ad_err_raise_v(t, t->vm->exc_TypeError,
                                  "%s() argument 2 must be a byte string of length 1, not %T",
                                  name, args[2]);
        fill = f.p[0];
    }
    RETAKE();
    if (width <= (int64_t)self.n) {
        if (!is_ba && ad_is_type(args[0], t->vm->type_bytes)) return args[0];
        return like(t, is_ba, self.p, self.n);
    }
    size_t total = (size_t)width, extra = total - self.n, left;
    if (where < 0)
        left = 0;
    else if (where > 0)
        left = extra;
    else
        left = extra / 2 + (extra & (size_t)width & 1);
    uint8_t *p;
    AdValue r = ad_bytes_alloc_like(t, is_ba, total, &p);
    if (AD_IS_NULL(r)) return AD_NULLV;
    memset(p, fill, left);
    memcpy(p + left, self.p, self.n);
    memset(p + left + self.n, fill, extra - left);
    return r;
}

static AdValue b_ljust(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    return pad_impl(t, args, nargs, kwnames, "ljust", -1);
}

static AdValue b_rjust(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    return pad_impl(t, args, nargs, kwnames, "rjust", 1);
}

static AdValue b_center(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    return pad_impl(t, args, nargs, kwnames, "center", 0);
}

static AdValue b_zfill(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    VIEW_SELF("zfill");
    ARGS("zfill", 1, 1);
    int64_t width;
    if (!ad_rt_index(t, args[1], &width)) return AD_NULLV;
    RETAKE();
    if (width <= (int64_t)self.n) return like(t, is_ba, self.p, self.n);
    size_t fill = (size_t)width - self.n;
    uint8_t *p;
    AdValue r = ad_bytes_alloc_like(t, is_ba, (size_t)width, &p);
    if (AD_IS_NULL(r)) return AD_NULLV;
    memset(p, '0', fill);
    memcpy(p + fill, self.p, self.n);
    if (self.n && (self.p[0] == '+' || self.p[0] == '-')) {
        p[0] = self.p[0];
        p[fill] = '0';
    }
    return r;
}

static AdValue b_expandtabs(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    static const char *const names[] = {"tabsize"};
    AdValue a[1];
    if (!ad_args_parse(t, "expandtabs", args + 1, nargs - 1, kwnames, names, 1, 1, 0, a))
        return AD_NULLV;
    VIEW_SELF("expandtabs");
    int64_t tab = 8;
    if (!AD_IS_NULL(a[0]) && !ad_rt_index(t, a[0], &tab)) return AD_NULLV;
    RETAKE();
    AdBuf b;
    ad_buf_init(&b);
    size_t col = 0;
    bool ok = true;
    for (size_t i = 0; i < self.n && ok; i++) {
        uint8_t c = self.p[i];
        if (c == '\t') {
            if (tab > 0) {
                size_t spaces = (size_t)tab - col % (size_t)tab;
                for (size_t k = 0; k < spaces && ok; k++) ok = ad_buf_addc(t, &b, ' ');
                col += spaces;
            }
        } else {
            ok = ad_buf_addc(t, &b, (char)c);
            col = (c == '\n' || c == '\r') ? 0 : col + 1;
        }
    }
    AdValue r = ok ? like(t, is_ba, (const uint8_t *)b.data, b.len) : AD_NULLV;
    ad_buf_free(&b);
    return r;
}

/* ---- hex, decode, translate ------------------------------------------------------------ */

static AdValue b_hex(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    static const char *const names[] = {"sep", "bytes_per_sep"};
    static const char digits[] = "0123456789abcdef";
    AdValue a[2];
    if (!ad_args_parse(t, "hex", args + 1, nargs - 1, kwnames, names, 2, 2, 0, a)) return AD_NULLV;
    VIEW_SELF("hex");
    char sep = 0;
    int64_t per = 1;
    if (!AD_IS_NULL(a[0])) {
        AdByteView sv;
        if (ad_is_str(t, a[0])) {
            AdStr *s = AD_AS(AdStr, a[0]);
            if (s->nchars != 1)
                return ad_err_raise_v(t, t->vm->exc_ValueError, "sep must be length 1.");
            if ((unsigned char)s->data[0] >= 0x80)
                return ad_err_raise_v(t, t->vm->exc_ValueError, "sep must be ASCII.");
            sep = s->data[0];
        } else if (ad_bytes_view(t, a[0], &sv)) {
            if (sv.n != 1) return ad_err_raise_v(t, t->vm->exc_ValueError, "sep must be length 1.");
            sep = (char)sv.p[0];
        } else {
            return ad_err_raise_v(t, t->vm->exc_TypeError, "sep must be str or bytes.");
        }
    }
    if (!AD_IS_NULL(a[1]) && !ad_rt_index(t, a[1], &per)) return AD_NULLV;
    RETAKE();
    AdBuf b;
    ad_buf_init(&b);
    bool ok = true;
    size_t group = (size_t)(per < 0 ? -per : per);
    for (size_t i = 0; i < self.n && ok; i++) {
        if (sep && group && i > 0) {
            /* Positive counts group from the right, negative from the left. */
            bool boundary = per > 0 ? (self.n - i) % group == 0 : i % group == 0;
            if (boundary) ok = ad_buf_addc(t, &b, sep);
        }
        char h[2] = {digits[self.p[i] >> 4], digits[self.p[i] & 15]};
        if (ok) ok = ad_buf_add(t, &b, h, 2);
    }
    if (!ok) {
        ad_buf_free(&b);
        return AD_NULLV;
    }
    AdStr *s = ad_buf_finish(t, &b);
    return s ? ad_obj(s) : AD_NULLV;
}

static int hexval(uint8_t c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

static AdValue b_fromhex(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    AdVM *vm = t->vm;
    ARGS("fromhex", 1, 1);
    if (!ad_is_str(t, args[1]))
        return ad_err_raise_v(t, vm->exc_TypeError, "fromhex() argument must be str, not %T",
                              args[1]);
    AdStr *s = AD_AS(AdStr, args[1]);
    AdBuf b;
    ad_buf_init(&b);
    const uint8_t *p = (const uint8_t *)s->data;
    size_t i = 0, n = s->len;
    for (;;) {
        while (i < n && is_space(p[i])) i++;
        if (i >= n) break;
        int hi = hexval(p[i]);
        int lo = i + 1 < n ? hexval(p[i + 1]) : -1;
        if (hi < 0 || lo < 0) {
            ad_buf_free(&b);
            size_t bad = hi < 0 ? i : i + 1;
            return ad_err_raise_v(t, vm->exc_ValueError,
                                  "non-hexadecimal number found in fromhex() arg at position %zu",
                                  bad);
        }
        if (!ad_buf_addc(t, &b, (char)(hi * 16 + lo))) {
            ad_buf_free(&b);
            return AD_NULLV;
        }
        i += 2;
    }
    AdType *cls = ad_is_instance_of(t, args[0], vm->type_type) ? AD_AS(AdType, args[0]) : vm->type_bytes;
    bool ba = cls == vm->type_bytearray || ad_type_is_subtype(cls, vm->type_bytearray);
    AdValue r = like(t, ba, (const uint8_t *)b.data, b.len);
    ad_buf_free(&b);
    if (AD_IS_NULL(r) || cls == vm->type_bytes || cls == vm->type_bytearray) return r;
    ad_gc_push_root(t, r);
    return ad_rt_call1(t, ad_obj(cls), r);
}

static AdValue b_decode(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    static const char *const names[] = {"encoding", "errors"};
    AdValue a[2];
    if (!ad_args_parse(t, "decode", args + 1, nargs - 1, kwnames, names, 2, 2, 0, a))
        return AD_NULLV;
    VIEW_SELF("decode");
    const char *enc[2] = {NULL, NULL};
    for (int i = 0; i < 2; i++) {
        if (AD_IS_NULL(a[i])) continue;
        if (!ad_is_str(t, a[i]))
            return ad_err_raise_v(t, t->vm->exc_TypeError,
                                  "decode() argument '%s' must be str, not %T", names[i], a[i]);
        enc[i] = AD_AS(AdStr, a[i])->data;
    }
    return ad_str_decode(t, self.p, self.n, enc[0] ? enc[0] : "utf-8", enc[1]);
}

static AdValue b_translate(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    static const char *const names[] = {"table", "delete"};
    AdValue a[2];
    if (!ad_args_parse(t, "translate", args + 1, nargs - 1, kwnames, names, 2, 1, 1, a))
        return AD_NULLV;
    VIEW_SELF("translate");
    AdByteView table = {NULL, 0}, del = {NULL, 0};
    if (!AD_IS_NONE(a[0])) {
        if (!need_view(t, a[0], &table)) return AD_NULLV;
        if (table.n != 256)
            return ad_err_raise_v(t, t->vm->exc_ValueError,
                                  "translation table must be 256 characters long");
    }
    if (!AD_IS_NULL(a[1]) && !need_view(t, a[1], &del)) return AD_NULLV;
    AdBuf b;
    ad_buf_init(&b);
    bool ok = true;
    for (size_t i = 0; i < self.n && ok; i++) {
        uint8_t c = self.p[i];
        if (del.n && memchr(del.p, c, del.n)) continue;
        ok = ad_buf_addc(t, &b, (char)(table.p ? table.p[c] : c));
    }
    AdValue r = ok ? like(t, is_ba, (const uint8_t *)b.data, b.len) : AD_NULLV;
    ad_buf_free(&b);
    return r;
}

static AdValue b_maketrans(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    if (!ad_args_check(t, "maketrans", nargs, kwnames, 2, 2)) return AD_NULLV;
    AdByteView from, to;
    if (!need_view(t, args[0], &from) || !need_view(t, args[1], &to)) return AD_NULLV;
    if (from.n != to.n)
        return ad_err_raise_v(t, t->vm->exc_ValueError,
                              "maketrans arguments must have same length");
    uint8_t table[256];
    for (int i = 0; i < 256; i++) table[i] = (uint8_t)i;
    for (size_t i = 0; i < from.n; i++) table[from.p[i]] = to.p[i];
    AdBytes *r = ad_bytes_new(t, table, 256);
    return r ? ad_obj(r) : AD_NULLV;
}

/* ---- printf-style formatting (bytes % args) -------------------------------------------- */

typedef struct FormatArgs {
    AdValue *items; /* positional arguments */
    size_t n, next;
    AdValue mapping; /* for %(key)s, or AD_NULLV */
} FormatArgs;

static AdValue next_arg(AdThread *t, FormatArgs *fa) {
    if (fa->next >= fa->n)
        return ad_err_raise_v(t, t->vm->exc_TypeError, "not enough arguments for format string");
    return fa->items[fa->next++];
}

/* Appends data with the width/precision/left-justify of a %s-like conversion. */
static bool add_padded(AdThread *t, AdBuf *b, const char *data, size_t n, int64_t width,
                       int64_t prec, bool left) {
    if (prec >= 0 && (size_t)prec < n) n = (size_t)prec;
    size_t pad = width > (int64_t)n ? (size_t)width - n : 0;
    for (size_t i = 0; !left && i < pad; i++)
        if (!ad_buf_addc(t, b, ' ')) return false;
    if (!ad_buf_add(t, b, data, n)) return false;
    for (size_t i = 0; left && i < pad; i++)
        if (!ad_buf_addc(t, b, ' ')) return false;
    return true;
}

/* One conversion: fmt[*pos] is just past the '%'. */
static bool format_one(AdThread *t, AdBuf *b, const char *fmt, size_t len, size_t *pos,
                       FormatArgs *fa) {
    AdVM *vm = t->vm;
    size_t i = *pos, spec_start = i;
    AdValue arg = AD_NULLV;
    if (i < len && fmt[i] == '(') {
        size_t depth = 1, k = ++i;
        while (i < len && depth) {
            if (fmt[i] == '(') depth++;
            if (fmt[i] == ')') depth--;
            i++;
        }
        if (depth) return ad_err_raise(t, vm->exc_ValueError, "incomplete format key");
        if (AD_IS_NULL(fa->mapping))
            return ad_err_raise(t, vm->exc_TypeError, "format requires a mapping");
        AdValue key = ad_bytes_make_like(t, false, fmt + k, i - 1 - k);
        if (AD_IS_NULL(key)) return false;
        ad_gc_push_root(t, key);
        arg = ad_rt_getitem(t, fa->mapping, key);
        if (AD_IS_NULL(arg)) return false;
        ad_gc_push_root(t, arg);
        spec_start = i;
    }
    bool left = false;
    while (i < len && strchr("-+ #0", fmt[i])) left |= fmt[i++] == '-';
    int64_t width = -1, prec = -1;
    char numspec[64];
    size_t ns = 0;
    numspec[ns++] = '%';
    for (size_t k = spec_start; k < i && ns < 40; k++) numspec[ns++] = fmt[k];
    for (int part = 0; part < 2; part++) {
        if (part == 1) {
            if (i >= len || fmt[i] != '.') break;
            i++;
            if (ns < 40) numspec[ns++] = '.';
            prec = 0;
        }
        int64_t v = part ? 0 : -1;
        if (i < len && fmt[i] == '*') {
            AdValue w = next_arg(t, fa);
            if (AD_IS_NULL(w) || !ad_rt_index(t, w, &v)) return false;
            if (!part && v < 0) {
                left = true;
                v = -v;
            }
            i++;
        } else {
            for (; i < len && fmt[i] >= '0' && fmt[i] <= '9'; i++) v = (v < 0 ? 0 : v) * 10 + (fmt[i] - '0');
        }
        if (part) prec = v; else width = v;
        if (v >= 0) ns += (size_t)snprintf(numspec + ns, sizeof numspec - ns, "%lld", (long long)v);
    }
    while (i < len && (fmt[i] == 'h' || fmt[i] == 'l' || fmt[i] == 'L')) i++;
    if (i >= len) return ad_err_raise(t, vm->exc_ValueError, "incomplete format");
    char conv = fmt[i++];
    *pos = i;
    if (conv == '%') return ad_buf_addc(t, b, '%');
    if (AD_IS_NULL(arg) && AD_IS_NULL(arg = next_arg(t, fa))) return false;
    switch (conv) {
    case 's':
    case 'b': {
        AdByteView v;
        if (!ad_bytes_view(t, arg, &v)) {
            AdStr *bname = ad_str_intern_cstr(t, "__bytes__");
            if (!bname) return false;
            if (AD_IS_NULL(ad_type_lookup(ad_type_of(t, arg), bname)))
                return ad_err_raise(t, vm->exc_TypeError,
                                    "%%b requires a bytes-like object, or an object that "
                                    "implements __bytes__, not '%T'", arg);
            AdValue r = ad_rt_call_special(t, arg, bname, NULL, 0);
            if (AD_IS_NULL(r)) return false;
            ad_gc_push_root(t, r);
            if (!ad_bytes_view(t, r, &v))
                return ad_err_raise(t, vm->exc_TypeError, "__bytes__ returned non-bytes (type %T)", r);
        }
        return add_padded(t, b, (const char *)v.p, v.n, width, prec, left);
    }
    case 'r':
    case 'a': {
        AdValue r = ad_rt_ascii(t, arg);
        if (AD_IS_NULL(r)) return false;
        ad_gc_push_root(t, r);
        return add_padded(t, b, AD_AS(AdStr, r)->data, AD_AS(AdStr, r)->len, width, prec, left);
    }
    case 'c': {
        AdByteView v;
        char c;
        if (ad_bytes_view(t, arg, &v) && v.n == 1) {
            c = (char)v.p[0];
        } else {
            int64_t x;
            if (!ad_is_int(t, arg))
                return ad_err_raise(t, vm->exc_TypeError,
                                    "%%c requires an integer in range(256) or a single byte");
            if (!ad_rt_index(t, arg, &x) || x < 0 || x > 255) {
                if (ad_err_occurred(t)) ad_err_clear(t);
                return ad_err_raise(t, vm->exc_OverflowError, "%%c arg not in range(256)");
            }
            c = (char)x;
        }
        return add_padded(t, b, &c, 1, width, -1, left);
    }
    default:
        if (!strchr("diuoxXeEfFgG", conv))
            return ad_err_raise(t, vm->exc_ValueError,
                                "unsupported format character '%c' (0x%x) at index %zu", conv,
                                (unsigned)(unsigned char)conv, i - 1);
        numspec[ns++] = conv;
        AdStr *spec = ad_str_new(t, numspec, ns);
        if (!spec) return false;
        ad_gc_push_obj(t, spec);
        AdValue r = ad_str_mod(t, spec, arg);
        if (AD_IS_NULL(r)) return false;
        ad_gc_push_root(t, r);
        return ad_buf_add(t, b, AD_AS(AdStr, r)->data, AD_AS(AdStr, r)->len);
    }
}

static AdValue b_mod(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    (void)kwnames;
    VIEW_SELF("__mod__");
    if (nargs != 2) return ad_err_raise_v(t, t->vm->exc_TypeError, "expected 1 argument");
    AdValue a = args[1];
    FormatArgs fa = {&args[1], 1, 0, AD_NULLV};
    if (ad_is_instance_of(t, a, t->vm->type_tuple)) {
        fa.items = AD_AS(AdTuple, a)->items;
        fa.n = AD_AS(AdTuple, a)->len;
    } else if (!ad_bytes_view(t, a, &(AdByteView){0}) && !ad_is_str(t, a) &&
               !AD_IS_NULL(ad_type_lookup(ad_type_of(t, a), t->vm->name.getitem))) {
        fa.mapping = a;
    }
    /* The format is copied: script code run by conversions may change a bytearray. */
    AdBuf fmtcopy, out;
    ad_buf_init(&fmtcopy);
    ad_buf_init(&out);
    if (!ad_buf_add(t, &fmtcopy, (const char *)self.p, self.n)) return AD_NULLV;
    const char *f = fmtcopy.data ? fmtcopy.data : "";
    size_t pos = 0, len = fmtcopy.len;
    bool ok = true;
    while (ok && pos < len) {
        const char *pct = memchr(f + pos, '%', len - pos);
        size_t run = pct ? (size_t)(pct - (f + pos)) : len - pos;
        ok = ad_buf_add(t, &out, f + pos, run);
        pos += run;
        if (!ok || pos >= len) break;
        pos++;
        ok = format_one(t, &out, f, len, &pos, &fa);
    }
    if (ok && fa.next < fa.n && AD_IS_NULL(fa.mapping)) {
        ok = ad_err_raise(t, t->vm->exc_TypeError,
                          "not all arguments converted during bytes formatting");
    }
    AdValue r = ok ? like(t, is_ba, (const uint8_t *)out.data, out.len) : AD_NULLV;
    ad_buf_free(&fmtcopy);
    ad_buf_free(&out);
    return r;
}

const AdMethodDef ad_bytes_text_methods[] = {
    {"find", b_find, AD_METH_INSTANCE, NULL, NULL},
    {"rfind", b_rfind, AD_METH_INSTANCE, NULL, NULL},
    {"index", b_index, AD_METH_INSTANCE, NULL, NULL},
    {"rindex", b_rindex, AD_METH_INSTANCE, NULL, NULL},
    {"count", b_count, AD_METH_INSTANCE, NULL, NULL},
    {"startswith", b_startswith, AD_METH_INSTANCE, NULL, NULL},
    {"endswith", b_endswith, AD_METH_INSTANCE, NULL, NULL},
    {"join", b_join, AD_METH_INSTANCE, NULL, NULL},
    {"lower", b_lower, AD_METH_INSTANCE, NULL, NULL},
    {"upper", b_upper, AD_METH_INSTANCE, NULL, NULL},
    {"swapcase", b_swapcase, AD_METH_INSTANCE, NULL, NULL},
    {"capitalize", b_capitalize, AD_METH_INSTANCE, NULL, NULL},
    {"title", b_title, AD_METH_INSTANCE, NULL, NULL},
    {"isalnum", b_isalnum, AD_METH_INSTANCE, NULL, NULL},
    {"isalpha", b_isalpha, AD_METH_INSTANCE, NULL, NULL},
    {"isascii", b_isascii, AD_METH_INSTANCE, NULL, NULL},
    {"isdigit", b_isdigit, AD_METH_INSTANCE, NULL, NULL},
    {"islower", b_islower, AD_METH_INSTANCE, NULL, NULL},
    {"isupper", b_isupper, AD_METH_INSTANCE, NULL, NULL},
    {"isspace", b_isspace, AD_METH_INSTANCE, NULL, NULL},
    {"istitle", b_istitle, AD_METH_INSTANCE, NULL, NULL},
    {"split", b_split, AD_METH_INSTANCE, NULL, NULL},
    {"rsplit", b_rsplit, AD_METH_INSTANCE, NULL, NULL},
    {"splitlines", b_splitlines, AD_METH_INSTANCE, NULL, NULL},
    {"strip", b_strip, AD_METH_INSTANCE, NULL, NULL},
    {"lstrip", b_lstrip, AD_METH_INSTANCE, NULL, NULL},
    {"rstrip", b_rstrip, AD_METH_INSTANCE, NULL, NULL},
    {"partition", b_partition, AD_METH_INSTANCE, NULL, NULL},
    {"rpartition", b_rpartition, AD_METH_INSTANCE, NULL, NULL},
    {"replace", b_replace, AD_METH_INSTANCE, NULL, NULL},
    {"removeprefix", b_removeprefix, AD_METH_INSTANCE, NULL, NULL},
    {"removesuffix", b_removesuffix, AD_METH_INSTANCE, NULL, NULL},
    {"ljust", b_ljust, AD_METH_INSTANCE, NULL, NULL},
    {"rjust", b_rjust, AD_METH_INSTANCE, NULL, NULL},
    {"center", b_center, AD_METH_INSTANCE, NULL, NULL},
    {"zfill", b_zfill, AD_METH_INSTANCE, NULL, NULL},
    {"expandtabs", b_expandtabs, AD_METH_INSTANCE, NULL, NULL},
    {"hex", b_hex, AD_METH_INSTANCE, NULL, NULL},
    {"fromhex", b_fromhex, AD_METH_CLASS, NULL, NULL},
    {"decode", b_decode, AD_METH_INSTANCE, NULL, NULL},
    {"translate", b_translate, AD_METH_INSTANCE, NULL, NULL},
    {"maketrans", b_maketrans, AD_METH_STATIC, NULL, NULL},
    {"__mod__", b_mod, AD_METH_INSTANCE, NULL, NULL},
    {NULL, NULL, 0, NULL, NULL},
};
