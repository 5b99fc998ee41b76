/*
 * str_methods.c - the named methods of str (upper, split, find, join, ...), as CPython 3.11
 * defines them, installed into the str type by ad_str_setup.
 *
 * Every method reads its self through ad_str_self, so unbound calls with a foreign self get
 * CPython's descriptor error. Positions in arguments and results are code points; the work
 * is done on UTF-8 bytes, with ASCII strings (AD_STR_ASCII) taking direct byte paths. Case
 * mappings and character classes come from str_unicode.c and follow Unicode 14 as
 * CPython 3.11 does.
 */
#include <stdlib.h>
#include <string.h>

#include "str_impl.h"

#define SELF(name)                                                                                 \
    AdStr *self = ad_is_type(args[0], t->vm->type_str) ? AD_AS(AdStr, args[0])                     \
                                                       : ad_str_self(t, args[0], name);           \
    if (!self) return AD_NULLV

static AdValue str_value(AdStr *s) { return s ? ad_obj(s) : AD_NULLV; }

static AdValue finish(AdThread *t, AdBuf *b) { return str_value(ad_buf_finish(t, b)); }

/* The result for "unchanged": self itself when exact, else an exact copy. */
static AdValue same(AdThread *t, AdStr *self) {
    if (self->obj.type == t->vm->type_str) return ad_obj(self);
    return str_value(
        ad_str_new_known(t, self->data, self->len, self->nchars, ad_str_is_ascii(self)));
}

static AdValue substr_bytes(AdThread *t, AdStr *s, size_t b0, size_t b1) {
    if (b0 == 0 && b1 == s->len) return same(t, s);
    if (b1 - b0 == 1 && (unsigned char)s->data[b0] < 0x80) return ad_str_char(t, (uint8_t)s->data[b0]);
    if (ad_str_is_ascii(s))
        return str_value(ad_str_new_known(t, s->data + b0, b1 - b0, b1 - b0, true));
    return str_value(ad_str_new(t, s->data + b0, b1 - b0));
}

/* ---- argument checking with CPython's wordings ----------------------------------------- */

static bool no_kw(AdThread *t, const char *name, AdTuple *kwnames) {
    if (kwnames && kwnames->len)
        return ad_err_raise(t, t->vm->exc_TypeError, "str.%s() takes no keyword arguments", name);
    return true;
}

/* METH_NOARGS: "str.upper() takes no arguments (1 given)". */
static bool check_noargs(AdThread *t, const char *name, int nargs, AdTuple *kwnames) {
    if (!no_kw(t, name, kwnames)) return false;
    if (nargs != 1)
        return ad_err_raise(t, t->vm->exc_TypeError, "str.%s() takes no arguments (%d given)", name,
                            nargs - 1);
    return true;
}

/* METH_O: "str.join() takes exactly one argument (0 given)". */
static bool check_onearg(AdThread *t, const char *name, int nargs, AdTuple *kwnames) {
    if (!no_kw(t, name, kwnames)) return false;
    if (nargs != 2)
        return ad_err_raise(t, t->vm->exc_TypeError,
                            "str.%s() takes exactly one argument (%d given)", name, nargs - 1);
    return true;
}

/* Old-style varargs: "find() takes at least 1 argument (0 given)". */
static bool check_varargs(AdThread *t, const char *name, int nargs, AdTuple *kwnames, int min,
                          int max) {
    if (kwnames && kwnames->len)
        return ad_err_raise(t, t->vm->exc_TypeError, "%s() takes no keyword arguments", name);
    int n = nargs - 1;
    if (n < min)
        return ad_err_raise(t, t->vm->exc_TypeError, "%s() takes at least %d argument%s (%d given)",
                            name, min, min == 1 ? "" : "s", n);
    if (n > max)
        return ad_err_raise(t, t->vm->exc_TypeError, "%s() takes at most %d argument%s (%d given)",
                            name, max, max == 1 ? "" : "s", n);
    return true;
}

/* A slice bound as _PyEval_SliceIndex: None keeps *out, huge values clamp. */
static bool slice_index(AdThread *t, AdValue v, int64_t *out) {
    if (AD_IS_NULL(v) || AD_IS_NONE(v)) return true;
    if (v.tag == AD_TAG_INT || v.tag == AD_TAG_BOOL) {
        *out = v.as.i;
        return true;
    }
    if (AD_IS_NULL(ad_type_lookup(ad_type_of(t, v), t->vm->name.index)))
        return ad_err_raise(t, t->vm->exc_TypeError,
                            "slice indices must be integers or None or have an __index__ method");
    AdValue i = ad_rt_index_value(t, v);
    if (AD_IS_NULL(i)) return false;
    if (i.tag == AD_TAG_INT || i.tag == AD_TAG_BOOL) {
        *out = i.as.i;
    } else {
        *out = ad_int_compare(i, ad_small_int(0)) < 0 ? INT64_MIN : INT64_MAX;
    }
    return true;
}

/* [start[, end]] in code points, adjusted as slice bounds against n chars. start may end up
 * greater than n (callers that care test it); end is clamped to [0, n]. */
static bool get_bounds(AdThread *t, AdValue *args, int nargs, int first, size_t n, int64_t *start,
                       int64_t *end) {
    *start = 0;
    *end = INT64_MAX;
    if (nargs > first && !slice_index(t, args[first], start)) return false;
    if (nargs > first + 1 && !slice_index(t, args[first + 1], end)) return false;
    int64_t len = (int64_t)n;
    if (*end > len) *end = len;
    if (*end < 0) {
        *end += len;
        if (*end < 0) *end = 0;
    }
    if (*start < 0) {
        *start += len;
        if (*start < 0) *start = 0;
    }
    return true;
}

/* Parses fill characters of center/ljust/rjust. */
static bool fill_arg(AdThread *t, AdValue *args, int nargs, int i, const char **fill,
                     size_t *fill_len) {
    *fill = " ";
    *fill_len = 1;
    if (nargs <= i) return true;
    if (!ad_is_str(t, args[i]))
        return ad_err_raise(t, t->vm->exc_TypeError,
                            "The fill character must be a unicode character, not %T", args[i]);
    AdStr *f = AD_AS(AdStr, args[i]);
    if (f->nchars != 1)
        return ad_err_raise(t, t->vm->exc_TypeError,
                            "The fill character must be exactly one character long");
    *fill = f->data;
    *fill_len = f->len;
    return true;
}

static bool int_arg(AdThread *t, AdValue v, int64_t *out) {
    if (v.tag == AD_TAG_INT || v.tag == AD_TAG_BOOL) {
        *out = v.as.i;
        return true;
    }
    if (ad_is_instance_of(t, v, t->vm->type_float))
        return ad_err_raise(t, t->vm->exc_TypeError, "integer argument expected, got float");
    return ad_rt_index(t, v, out);
}

/* ---- padding --------------------------------------------------------------------------- */

static bool add_fill(AdThread *t, AdBuf *b, const char *fill, size_t fill_len, int64_t n) {
    for (int64_t i = 0; i < n; i++)
        if (!ad_buf_add(t, b, fill, fill_len)) return false;
    return true;
}

static AdValue pad(AdThread *t, AdStr *self, int64_t left, int64_t right, const char *fill,
                   size_t fill_len) {
    if (left <= 0 && right <= 0) return same(t, self);
    AdBuf b;
    ad_buf_init(&b);
    if (!add_fill(t, &b, fill, fill_len, left) || !ad_buf_add(t, &b, self->data, self->len) ||
        !add_fill(t, &b, fill, fill_len, right)) {
        ad_buf_free(&b);
        return AD_NULLV;
    }
    return finish(t, &b);
}

static AdValue justify(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames, const char *name,
                       int mode) {
    if (!ad_args_check(t, name, nargs - 1, kwnames, 1, 2)) return AD_NULLV;
    SELF(name);
    int64_t width;
    const char *fill;
    size_t fill_len;
    if (!int_arg(t, args[1], &width) || !fill_arg(t, args, nargs, 2, &fill, &fill_len))
        return AD_NULLV;
    int64_t marg = width - (int64_t)self->nchars;
    if (marg <= 0) return same(t, self);
    int64_t left;
    if (mode < 0)
        left = 0;
    else if (mode > 0)
        left = marg;
    else
        left = marg / 2 + (marg & width & 1);
    return pad(t, self, left, marg - left, fill, fill_len);
}

static AdValue str_center(AdThread *t, AdValue *a, int n, AdTuple *k) {
    return justify(t, a, n, k, "center", 0);
}
static AdValue str_ljust(AdThread *t, AdValue *a, int n, AdTuple *k) {
    return justify(t, a, n, k, "ljust", -1);
}
static AdValue str_rjust(AdThread *t, AdValue *a, int n, AdTuple *k) {
    return justify(t, a, n, k, "rjust", 1);
}

static AdValue str_zfill(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    if (!check_onearg(t, "zfill", nargs, kwnames)) return AD_NULLV;
    SELF("zfill");
    int64_t width;
    if (!int_arg(t, args[1], &width)) return AD_NULLV;
    int64_t fill = width - (int64_t)self->nchars;
    if (fill <= 0) return same(t, self);
    AdBuf b;
    ad_buf_init(&b);
    size_t start = 0;
    bool ok = true;
    if (self->len && (self->data[0] == '+' || self->data[0] == '-')) {
        ok = ad_buf_addc(t, &b, self->data[0]);
        start = 1;
    }
    for (int64_t i = 0; ok && i < fill; i++) ok = ad_buf_addc(t, &b, '0');
    if (!ok || !ad_buf_add(t, &b, self->data + start, self->len - start)) {
        ad_buf_free(&b);
        return AD_NULLV;
    }
    return finish(t, &b);
}

/* ---- searching ------------------------------------------------------------------------- */

/* Resolves (sub, start, end) for find/count/...: byte range [*b0, *b1) of self, or false
 * with *empty_range set when start lies past the end (nothing can match there). */
typedef struct SearchArgs {
    AdStr *sub;
    int64_t start, end; /* code points */
    size_t b0, b1;      /* bytes */
    bool past_end;      /* start > len: no match, not even for "" */
} SearchArgs;

static bool search_args(AdThread *t, AdStr *self, AdValue *args, int nargs, const char *what,
                        SearchArgs *sa) {
    if (!ad_is_str(t, args[1])) {
        ad_err_raise(t, t->vm->exc_TypeError, "must be str, not %T", args[1]);
        return false;
    }
    (void)what;
    sa->sub = AD_AS(AdStr, args[1]);
    if (!get_bounds(t, args, nargs, 2, self->nchars, &sa->start, &sa->end)) return false;
    sa->past_end = sa->start > (int64_t)self->nchars || sa->start > sa->end;
    if (sa->past_end) {
        sa->b0 = sa->b1 = 0;
        return true;
    }
    sa->b0 = ad_str_byte_offset(t, self, (size_t)sa->start);
    sa->b1 = ad_str_byte_offset(t, self, (size_t)sa->end);
    return true;
}

/* Code point index of a match at byte offset `off` of self. */
static int64_t char_pos(AdThread *t, AdStr *self, int64_t off) {
    return (int64_t)ad_str_char_index(t, self, (size_t)off);
}

static AdValue find_impl(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames, const char *name,
                         bool reverse, bool raise) {
    if (!check_varargs(t, name, nargs, kwnames, 1, 3)) return AD_NULLV;
    SELF(name);
    SearchArgs sa;
    if (!search_args(t, self, args, nargs, name, &sa)) return AD_NULLV;
    int64_t r = -1;
    if (!sa.past_end) {
        const char *hay = self->data + sa.b0;
        size_t hlen = sa.b1 - sa.b0;
        r = reverse ? ad_str_rfind_bytes(hay, hlen, sa.sub->data, sa.sub->len)
                    : ad_str_find_bytes(hay, hlen, sa.sub->data, sa.sub->len);
        if (r >= 0) r = char_pos(t, self, r + (int64_t)sa.b0);
    }
    if (r < 0 && raise) return ad_err_raise_v(t, t->vm->exc_ValueError, "substring not found");
    return ad_small_int(r);
}

static AdValue str_find(AdThread *t, AdValue *a, int n, AdTuple *k) {
    return find_impl(t, a, n, k, "find", false, false);
}
static AdValue str_rfind(AdThread *t, AdValue *a, int n, AdTuple *k) {
    return find_impl(t, a, n, k, "rfind", true, false);
}
static AdValue str_index(AdThread *t, AdValue *a, int n, AdTuple *k) {
    return find_impl(t, a, n, k, "index", false, true);
}
static AdValue str_rindex(AdThread *t, AdValue *a, int n, AdTuple *k) {
    return find_impl(t, a, n, k, "rindex", true, true);
}

static AdValue str_count(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    if (!check_varargs(t, "count", nargs, kwnames, 1, 3)) return AD_NULLV;
    SELF("count");
    SearchArgs sa;
    if (!search_args(t, self, args, nargs, "count", &sa)) return AD_NULLV;
    if (sa.past_end) return ad_small_int(0);
    if (sa.sub->len == 0) return ad_small_int(sa.end - sa.start + 1);
    int64_t count = 0;
    size_t pos = sa.b0;
    while (pos < sa.b1) {
        int64_t r = ad_str_find_bytes(self->data + pos, sa.b1 - pos, sa.sub->data, sa.sub->len);
        if (r < 0) break;
        count++;
        pos += (size_t)r + sa.sub->len;
    }
    return ad_small_int(count);
}

static AdValue starts_ends(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames,
                           const char *name, bool ends) {
    if (!check_varargs(t, name, nargs, kwnames, 1, 3)) return AD_NULLV;
    SELF(name);
    int64_t start, end;
    if (!get_bounds(t, args, nargs, 2, self->nchars, &start, &end)) return AD_NULLV;
    AdValue what = args[1];
    AdValue *cands = &what;
    size_t ncands = 1;
    if (ad_is_instance_of(t, what, t->vm->type_tuple)) {
        cands = AD_AS(AdTuple, what)->items;
        ncands = AD_AS(AdTuple, what)->len;
    } else if (!ad_is_str(t, what)) {
        return ad_err_raise_v(t, t->vm->exc_TypeError,
                              "%s first arg must be str or a tuple of str, not %T", name, what);
    }
    if (start > (int64_t)self->nchars) {
        for (size_t i = 0; i < ncands; i++)
            if (!ad_is_str(t, cands[i]))
                return ad_err_raise_v(t, t->vm->exc_TypeError,
                                      "tuple for %s must only contain str, not %T", name, cands[i]);
        return AD_FALSE;
    }
    size_t b0 = ad_str_byte_offset(t, self, (size_t)start);
    size_t b1 = end >= start ? ad_str_byte_offset(t, self, (size_t)end) : b0;
    for (size_t i = 0; i < ncands; i++) {
        if (!ad_is_str(t, cands[i]))
            return ad_err_raise_v(t, t->vm->exc_TypeError,
                                  "tuple for %s must only contain str, not %T", name, cands[i]);
        AdStr *s = AD_AS(AdStr, cands[i]);
        if (end < start) continue;
        if (s->len > b1 - b0) continue;
        const char *at = ends ? self->data + b1 - s->len : self->data + b0;
        if (memcmp(at, s->data, s->len) == 0) return AD_TRUE;
    }
    return AD_FALSE;
}

static AdValue str_startswith(AdThread *t, AdValue *a, int n, AdTuple *k) {
    return starts_ends(t, a, n, k, "startswith", false);
}
static AdValue str_endswith(AdThread *t, AdValue *a, int n, AdTuple *k) {
    return starts_ends(t, a, n, k, "endswith", true);
}

/* ---- case mapping ---------------------------------------------------------------------- */

enum { CASE_LOWER, CASE_UPPER, CASE_SWAP, CASE_TITLE, CASE_CAPITALIZE, CASE_FOLD };

/* Previous code point before byte offset `off` (off > 0). */
static uint32_t prev_cp(const char *s, size_t *off) {
    size_t o = *off;
    do {
        o--;
    } while (o > 0 && ((unsigned char)s[o] & 0xC0) == 0x80);
    *off = o;
    size_t n;
    return ad_utf8_decode(s + o, &n);
}

/* CPython's handle_capital_sigma: Σ lowers to final ς after a cased letter when no cased
 * letter follows (case-ignorable characters skipped both ways). */
static uint32_t lower_sigma(const AdStr *s, size_t off, size_t n) {
    size_t o = off;
    uint32_t c = 0;
    bool found = false;
    while (o > 0) {
        c = prev_cp(s->data, &o);
        if (!(ad_uni_props(c) & AD_UNI_CASE_IGNORABLE)) {
            found = true;
            break;
        }
    }
    if (!found || !ad_uni_cased(c)) return 0x3C3;
    o = off + n;
    while (o < s->len) {
        size_t k;
        c = ad_utf8_decode(s->data + o, &k);
        if (!(ad_uni_props(c) & AD_UNI_CASE_IGNORABLE)) return ad_uni_cased(c) ? 0x3C3 : 0x3C2;
        o += k;
    }
    return 0x3C2;
}

static int lower_at(const AdStr *s, size_t off, size_t n, uint32_t cp, uint32_t out[3]) {
    if (cp == 0x3A3) {
        out[0] = lower_sigma(s, off, n);
        return 1;
    }
    return ad_uni_lower(cp, out);
}

/* lower(), casefold() and upper() of ASCII text: a string with nothing to change is returned
 * as it is (for an exact str; str is immutable, so only `is` could tell), otherwise the
 * unchanged prefix is copied and the rest mapped without branches. */
static AdValue ascii_case(AdThread *t, AdStr *self, bool upper) {
    const unsigned char *p = (const unsigned char *)self->data;
    size_t n = self->len, i = 0;
    unsigned first = upper ? 'a' : 'A';
    while (i < n && (unsigned)(p[i] - first) >= 26u) i++;
    if (i == n) return same(t, self);
    AdStr *r = ad_str_alloc(t, n);
    if (!r) return AD_NULLV;
    memcpy(r->data, p, i);
    for (; i < n; i++) {
        unsigned c = p[i], hit = (unsigned)(c - first) < 26u;
        r->data[i] = (char)(upper ? c - (hit << 5) : c + (hit << 5));
    }
    r->data[n] = '\0';
    r->nchars = n;
    r->obj.flags |= AD_STR_ASCII;
    return ad_obj(r);
}

static AdValue map_case(AdThread *t, AdStr *self, int mode) {
    if (ad_str_is_ascii(self) && (mode == CASE_LOWER || mode == CASE_FOLD || mode == CASE_UPPER))
        return ascii_case(t, self, mode == CASE_UPPER);
    if (ad_str_is_ascii(self)) {
        AdStr *r = ad_str_alloc(t, self->len);
        if (!r) return AD_NULLV;
        const char *p = self->data;
        bool prev_cased = false;
        for (size_t i = 0; i < self->len; i++) {
            char c = p[i];
            bool up = c >= 'A' && c <= 'Z', low = c >= 'a' && c <= 'z';
            bool to_upper;
            switch (mode) {
            case CASE_LOWER:
            case CASE_FOLD: to_upper = false; break;
            case CASE_UPPER: to_upper = true; break;
            case CASE_SWAP: to_upper = low; break;
            case CASE_TITLE: to_upper = !prev_cased; break;
            default: to_upper = i == 0; break;
            }
            if (to_upper && low)
                c = (char)(c - 32);
            else if (!to_upper && up)
                c = (char)(c + 32);
            prev_cased = up || low;
            r->data[i] = c;
        }
        r->data[self->len] = '\0';
        r->nchars = self->len;
        r->obj.flags |= AD_STR_ASCII;
        return ad_obj(r);
    }
    AdBuf b;
    ad_buf_init(&b);
    bool prev_cased = false;
    size_t index = 0;
    for (size_t i = 0; i < self->len; index++) {
        size_t n;
        uint32_t cp = ad_utf8_decode(self->data + i, &n);
        uint32_t out[3];
        int k;
        uint32_t props = ad_uni_props(cp);
        switch (mode) {
        case CASE_LOWER: k = lower_at(self, i, n, cp, out); break;
        case CASE_FOLD: k = ad_uni_fold(cp, out); break;
        case CASE_UPPER: k = ad_uni_upper(cp, out); break;
        case CASE_SWAP:
            if (props & AD_UNI_UPPER)
                k = lower_at(self, i, n, cp, out);
            else if (props & AD_UNI_LOWER)
                k = ad_uni_upper(cp, out);
            else
                out[0] = cp, k = 1;
            break;
        case CASE_TITLE:
            k = prev_cased ? lower_at(self, i, n, cp, out) : ad_uni_title(cp, out);
            prev_cased = (props & (AD_UNI_UPPER | AD_UNI_LOWER | AD_UNI_TITLE)) != 0;
            break;
        default: /* capitalize */
            k = index == 0 ? ad_uni_title(cp, out) : lower_at(self, i, n, cp, out);
            break;
        }
        for (int j = 0; j < k; j++) {
            if (!ad_buf_add_codepoint(t, &b, out[j])) {
                ad_buf_free(&b);
                return AD_NULLV;
            }
        }
        i += n;
    }
    return finish(t, &b);
}

#define CASE_METHOD(fname, pyname, mode)                                                           \
    static AdValue fname(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {                \
        if (!check_noargs(t, pyname, nargs, kwnames)) return AD_NULLV;                             \
        SELF(pyname);                                                                              \
        return map_case(t, self, mode);                                                            \
    }
CASE_METHOD(str_lower, "lower", CASE_LOWER)
CASE_METHOD(str_upper, "upper", CASE_UPPER)
CASE_METHOD(str_swapcase, "swapcase", CASE_SWAP)
CASE_METHOD(str_title, "title", CASE_TITLE)
CASE_METHOD(str_capitalize, "capitalize", CASE_CAPITALIZE)
CASE_METHOD(str_casefold, "casefold", CASE_FOLD)

/* ---- predicates ------------------------------------------------------------------------ */

enum { IS_ALNUM, IS_ALPHA, IS_DECIMAL, IS_DIGIT, IS_NUMERIC, IS_SPACE, IS_PRINTABLE };

static bool char_is(uint32_t cp, int what) {
    if (cp < 0x80) {
        switch (what) {
        case IS_ALNUM: return (cp | 32) - 'a' < 26 || cp - '0' < 10;
        case IS_ALPHA: return (cp | 32) - 'a' < 26;
        case IS_DECIMAL:
        case IS_DIGIT:
        case IS_NUMERIC: return cp - '0' < 10;
        case IS_SPACE: return ad_uni_isspace(cp);
        default: return cp >= 0x20 && cp < 0x7F;
        }
    }
    uint32_t p = ad_uni_props(cp);
    switch (what) {
    case IS_ALNUM:
        return (p & (AD_UNI_ALPHA | AD_UNI_DECIMAL | AD_UNI_DIGIT | AD_UNI_NUMERIC)) != 0;
    case IS_ALPHA: return (p & AD_UNI_ALPHA) != 0;
    case IS_DECIMAL: return (p & AD_UNI_DECIMAL) != 0;
    case IS_DIGIT: return (p & AD_UNI_DIGIT) != 0;
    case IS_NUMERIC: return (p & AD_UNI_NUMERIC) != 0;
    case IS_SPACE: return (p & AD_UNI_SPACE) != 0;
    default: return (p & AD_UNI_PRINTABLE) != 0;
    }
}

static AdValue predicate(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames, const char *name,
                         int what) {
    if (!check_noargs(t, name, nargs, kwnames)) return AD_NULLV;
    SELF(name);
    if (self->len == 0) return ad_bool(what == IS_PRINTABLE);
    for (size_t i = 0; i < self->len;) {
        size_t n;
        uint32_t cp = ad_utf8_decode(self->data + i, &n);
        if (!char_is(cp, what)) return AD_FALSE;
        i += n;
    }
    return AD_TRUE;
}

static AdValue str_isalnum(AdThread *t, AdValue *a, int n, AdTuple *k) {
    return predicate(t, a, n, k, "isalnum", IS_ALNUM);
}
static AdValue str_isalpha(AdThread *t, AdValue *a, int n, AdTuple *k) {
    return predicate(t, a, n, k, "isalpha", IS_ALPHA);
}
static AdValue str_isdecimal(AdThread *t, AdValue *a, int n, AdTuple *k) {
    return predicate(t, a, n, k, "isdecimal", IS_DECIMAL);
}
static AdValue str_isdigit(AdThread *t, AdValue *a, int n, AdTuple *k) {
    return predicate(t, a, n, k, "isdigit", IS_DIGIT);
}
static AdValue str_isnumeric(AdThread *t, AdValue *a, int n, AdTuple *k) {
    return predicate(t, a, n, k, "isnumeric", IS_NUMERIC);
}
static AdValue str_isspace(AdThread *t, AdValue *a, int n, AdTuple *k) {
    return predicate(t, a, n, k, "isspace", IS_SPACE);
}
static AdValue str_isprintable(AdThread *t, AdValue *a, int n, AdTuple *k) {
    return predicate(t, a, n, k, "isprintable", IS_PRINTABLE);
}

static AdValue str_isascii(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    if (!check_noargs(t, "isascii", nargs, kwnames)) return AD_NULLV;
    SELF("isascii");
    return ad_bool(ad_str_is_ascii(self));
}

/* islower / isupper: no character of the opposite (or title) case, at least one cased. */
static AdValue case_predicate(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames,
                              const char *name, uint32_t want, uint32_t refuse) {
    if (!check_noargs(t, name, nargs, kwnames)) return AD_NULLV;
    SELF(name);
    bool cased = false;
    for (size_t i = 0; i < self->len;) {
        size_t n;
        uint32_t p = ad_uni_props(ad_utf8_decode(self->data + i, &n));
        if (p & refuse) return AD_FALSE;
        if (p & want) cased = true;
        i += n;
    }
    return ad_bool(cased);
}

static AdValue str_islower(AdThread *t, AdValue *a, int n, AdTuple *k) {
    return case_predicate(t, a, n, k, "islower", AD_UNI_LOWER, AD_UNI_UPPER | AD_UNI_TITLE);
}
static AdValue str_isupper(AdThread *t, AdValue *a, int n, AdTuple *k) {
    return case_predicate(t, a, n, k, "isupper", AD_UNI_UPPER, AD_UNI_LOWER | AD_UNI_TITLE);
}

static AdValue str_istitle(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    if (!check_noargs(t, "istitle", nargs, kwnames)) return AD_NULLV;
    SELF("istitle");
    bool cased = false, prev_cased = false;
    for (size_t i = 0; i < self->len;) {
        size_t n;
        uint32_t p = ad_uni_props(ad_utf8_decode(self->data + i, &n));
        if (p & (AD_UNI_UPPER | AD_UNI_TITLE)) {
            if (prev_cased) return AD_FALSE;
            prev_cased = cased = true;
        } else if (p & AD_UNI_LOWER) {
            if (!prev_cased) return AD_FALSE;
            prev_cased = cased = true;
        } else {
            prev_cased = false;
        }
        i += n;
    }
    return ad_bool(cased);
}

static AdValue str_isidentifier(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    if (!check_noargs(t, "isidentifier", nargs, kwnames)) return AD_NULLV;
    SELF("isidentifier");
    if (self->len == 0) return AD_FALSE;
    for (size_t i = 0; i < self->len;) {
        size_t n;
        uint32_t p = ad_uni_props(ad_utf8_decode(self->data + i, &n));
        if (!(p & (i == 0 ? AD_UNI_XID_START : AD_UNI_XID_CONTINUE))) return AD_FALSE;
        i += n;
    }
    return AD_TRUE;
}

/* ---- stripping ------------------------------------------------------------------------- */

static bool in_chars(AdStr *chars, uint32_t cp, const char *at, size_t n) {
    if (!chars) return ad_uni_isspace(cp);
    if (n == 1) return memchr(chars->data, *at, chars->len) != NULL;
    return ad_str_find_bytes(chars->data, chars->len, at, n) >= 0;
}

static AdValue strip_impl(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames, const char *name,
                          bool left, bool right) {
    if (!ad_args_check(t, name, nargs - 1, kwnames, 0, 1)) return AD_NULLV;
    SELF(name);
    AdStr *chars = NULL;
    if (nargs > 1 && !AD_IS_NONE(args[1])) {
        if (!ad_is_str(t, args[1]))
            return ad_err_raise_v(t, t->vm->exc_TypeError, "%s arg must be None or str", name);
        chars = AD_AS(AdStr, args[1]);
    }
    size_t b0 = 0, b1 = self->len;
    if (left) {
        while (b0 < b1) {
            size_t n;
            uint32_t cp = ad_utf8_decode(self->data + b0, &n);
            if (!in_chars(chars, cp, self->data + b0, n)) break;
            b0 += n;
        }
    }
    if (right) {
        while (b1 > b0) {
            size_t o = b1;
            uint32_t cp = prev_cp(self->data, &o);
            if (!in_chars(chars, cp, self->data + o, b1 - o)) break;
            b1 = o;
        }
    }
    return substr_bytes(t, self, b0, b1);
}

static AdValue str_strip(AdThread *t, AdValue *a, int n, AdTuple *k) {
    return strip_impl(t, a, n, k, "strip", true, true);
}
static AdValue str_lstrip(AdThread *t, AdValue *a, int n, AdTuple *k) {
    return strip_impl(t, a, n, k, "lstrip", true, false);
}
static AdValue str_rstrip(AdThread *t, AdValue *a, int n, AdTuple *k) {
    return strip_impl(t, a, n, k, "rstrip", false, true);
}

static AdValue remove_affix(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames,
                            const char *name, bool suffix) {
    if (!check_onearg(t, name, nargs, kwnames)) return AD_NULLV;
    SELF(name);
    if (!ad_is_str(t, args[1]))
        return ad_err_raise_v(t, t->vm->exc_TypeError, "%s() argument must be str, not %T", name,
                              args[1]);
    AdStr *a = AD_AS(AdStr, args[1]);
    if (a->len == 0 || a->len > self->len) return same(t, self);
    if (suffix) {
        if (memcmp(self->data + self->len - a->len, a->data, a->len) != 0) return same(t, self);
        return substr_bytes(t, self, 0, self->len - a->len);
    }
    if (memcmp(self->data, a->data, a->len) != 0) return same(t, self);
    return substr_bytes(t, self, a->len, self->len);
}

static AdValue str_removeprefix(AdThread *t, AdValue *a, int n, AdTuple *k) {
    return remove_affix(t, a, n, k, "removeprefix", false);
}
static AdValue str_removesuffix(AdThread *t, AdValue *a, int n, AdTuple *k) {
    return remove_affix(t, a, n, k, "removesuffix", true);
}

/* ---- splitting and joining ------------------------------------------------------------- */

/* Appends s[b0..b1) as a new str to list l. */
/* str.isspace() of an ASCII character: " \t\n\v\f\r" and the separators \x1c-\x1f. */
static inline bool ascii_space(unsigned char c) {
    return c == ' ' || (c >= 0x09 && c <= 0x0D) || (c >= 0x1C && c <= 0x1F);
}

static bool push_piece(AdThread *t, AdList *l, AdStr *s, size_t b0, size_t b1) {
    AdValue v = substr_bytes(t, s, b0, b1);
    if (AD_IS_NULL(v)) return false;
    return ad_list_append(t, l, v);
}

static bool reverse_list(AdList *l) {
    for (size_t i = 0, j = l->len ? l->len - 1 : 0; i < j; i++, j--) {
        AdValue tmp = l->items[i];
        l->items[i] = l->items[j];
        l->items[j] = tmp;
    }
    return true;
}

static AdValue split_impl(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames, const char *name,
                          bool reverse) {
    static const char *const names[] = {"sep", "maxsplit"};
    AdValue a[2];
    SELF(name);
    if (!ad_args_parse(t, name, args + 1, nargs - 1, kwnames, names, 2, 2, 0, a)) return AD_NULLV;
    AdStr *sep = NULL;
    int64_t maxsplit = -1;
    if (!AD_IS_NULL(a[0]) && !AD_IS_NONE(a[0])) {
        if (!ad_is_str(t, a[0]))
            return ad_err_raise_v(t, t->vm->exc_TypeError, "must be str or None, not %T", a[0]);
        sep = AD_AS(AdStr, a[0]);
        if (sep->len == 0) return ad_err_raise_v(t, t->vm->exc_ValueError, "empty separator");
    }
    if (!AD_IS_NULL(a[1]) && !int_arg(t, a[1], &maxsplit)) return AD_NULLV;
    if (maxsplit < 0) maxsplit = INT64_MAX;
    AdList *l = ad_list_new(t, 0);
    if (!l) return AD_NULLV;
    ad_gc_push_obj(t, l);
    const char *p = self->data;
    size_t len = self->len;
    if (!sep) {
        /* Runs of white space separate; leading/trailing white space gives no empty pieces. */
        if (!reverse && ad_str_is_ascii(self)) {
            /* The common case, byte by byte: no decoding, no Unicode table. */
            size_t i = 0;
            while (i < len) {
                while (i < len && ascii_space((unsigned char)p[i])) i++;
                if (i >= len) break;
                if (maxsplit-- == 0) {
                    if (!push_piece(t, l, self, i, len)) return AD_NULLV;
                    break;
                }
                size_t j = i + 1;
                while (j < len && !ascii_space((unsigned char)p[j])) j++;
                if (!push_piece(t, l, self, i, j)) return AD_NULLV;
                i = j;
            }
        } else if (!reverse) {
            size_t i = 0;
            while (i < len) {
                size_t n;
                while (i < len && ad_uni_isspace(ad_utf8_decode(p + i, &n))) i += n;
                if (i >= len) break;
                if (maxsplit-- == 0) {
                    /* The remainder keeps its trailing white space, as CPython's. */
                    if (!push_piece(t, l, self, i, len)) return AD_NULLV;
                    break;
                }
                size_t j = i;
                while (j < len && !ad_uni_isspace(ad_utf8_decode(p + j, &n))) j += n;
                if (!push_piece(t, l, self, i, j)) return AD_NULLV;
                i = j;
            }
        } else {
            size_t i = len;
            while (i > 0) {
                size_t o = i;
                while (i > 0 && (o = i, ad_uni_isspace(prev_cp(p, &o)))) i = o;
                if (i == 0) break;
                if (maxsplit-- == 0) {
                    if (!push_piece(t, l, self, 0, i)) return AD_NULLV;
                    break;
                }
                size_t j = i;
                while (j > 0 && (o = j, !ad_uni_isspace(prev_cp(p, &o)))) j = o;
                if (!push_piece(t, l, self, j, i)) return AD_NULLV;
                i = j;
            }
            reverse_list(l);
        }
        return ad_obj(l);
    }
    if (!reverse) {
        size_t i = 0;
        while (maxsplit-- > 0) {
            int64_t r = ad_str_find_bytes(p + i, len - i, sep->data, sep->len);
            if (r < 0) break;
            if (!push_piece(t, l, self, i, i + (size_t)r)) return AD_NULLV;
            i += (size_t)r + sep->len;
        }
        if (!push_piece(t, l, self, i, len)) return AD_NULLV;
    } else {
        size_t j = len;
        while (maxsplit-- > 0) {
            int64_t r = ad_str_rfind_bytes(p, j, sep->data, sep->len);
            if (r < 0) break;
            if (!push_piece(t, l, self, (size_t)r + sep->len, j)) return AD_NULLV;
            j = (size_t)r;
        }
        if (!push_piece(t, l, self, 0, j)) return AD_NULLV;
        reverse_list(l);
    }
    return ad_obj(l);
}

static AdValue str_split(AdThread *t, AdValue *a, int n, AdTuple *k) {
    return split_impl(t, a, n, k, "split", false);
}
static AdValue str_rsplit(AdThread *t, AdValue *a, int n, AdTuple *k) {
    return split_impl(t, a, n, k, "rsplit", true);
}

static bool is_line_break(uint32_t cp) {
    return cp == '\n' || cp == '\r' || cp == 0x0B || cp == 0x0C || cp == 0x1C || cp == 0x1D ||
           cp == 0x1E || cp == 0x85 || cp == 0x2028 || cp == 0x2029;
}

static AdValue str_splitlines(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    static const char *const names[] = {"keepends"};
    AdValue a[1];
    SELF("splitlines");
    if (!ad_args_parse(t, "splitlines", args + 1, nargs - 1, kwnames, names, 1, 1, 0, a))
        return AD_NULLV;
    bool keep = false;
    if (!AD_IS_NULL(a[0])) {
        if (ad_is_instance_of(t, a[0], t->vm->type_float))
            return ad_err_raise_v(t, t->vm->exc_TypeError, "integer argument expected, got float");
        int r = ad_rt_truthy(t, a[0]);
        if (r < 0) return AD_NULLV;
        keep = r;
    }
    AdList *l = ad_list_new(t, 0);
    if (!l) return AD_NULLV;
    ad_gc_push_obj(t, l);
    const char *p = self->data;
    size_t i = 0, len = self->len;
    while (i < len) {
        size_t j = i, n = 1;
        uint32_t cp = 0;
        while (j < len) {
            cp = ad_utf8_decode(p + j, &n);
            if (is_line_break(cp)) break;
            j += n;
        }
        size_t eol = j;
        if (j < len) {
            j += n;
            if (cp == '\r' && j < len && p[j] == '\n') j++;
            if (keep) eol = j;
        }
        if (!push_piece(t, l, self, i, eol)) return AD_NULLV;
        i = j;
    }
    return ad_obj(l);
}

static AdValue partition_impl(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames,
                              const char *name, bool reverse) {
    if (!check_onearg(t, name, nargs, kwnames)) return AD_NULLV;
    SELF(name);
    if (!ad_is_str(t, args[1]))
        return ad_err_raise_v(t, t->vm->exc_TypeError, "must be str, not %T", args[1]);
    AdStr *sep = AD_AS(AdStr, args[1]);
    if (sep->len == 0) return ad_err_raise_v(t, t->vm->exc_ValueError, "empty separator");
    int64_t r = reverse ? ad_str_rfind_bytes(self->data, self->len, sep->data, sep->len)
                        : ad_str_find_bytes(self->data, self->len, sep->data, sep->len);
    AdValue parts[3];
    AdValue empty = ad_obj(t->vm->name.empty);
    int mark = ad_gc_root_mark(t);
    if (r < 0) {
        AdValue whole = same(t, self);
        if (AD_IS_NULL(whole)) return AD_NULLV;
        parts[0] = reverse ? empty : whole;
        parts[1] = empty;
        parts[2] = reverse ? whole : empty;
    } else {
        parts[0] = substr_bytes(t, self, 0, (size_t)r);
        if (AD_IS_NULL(parts[0])) return AD_NULLV;
        ad_gc_push_root(t, parts[0]);
        parts[1] =
            ad_is_type(args[1], t->vm->type_str) ? args[1] : substr_bytes(t, sep, 0, sep->len);
        if (AD_IS_NULL(parts[1])) return AD_NULLV;
        ad_gc_push_root(t, parts[1]);
        parts[2] = substr_bytes(t, self, (size_t)r + sep->len, self->len);
        if (AD_IS_NULL(parts[2])) return AD_NULLV;
        ad_gc_push_root(t, parts[2]);
    }
    AdTuple *tup = ad_tuple_from_array(t, parts, 3);
    ad_gc_root_restore(t, mark);
    return tup ? ad_obj(tup) : AD_NULLV;
}

static AdValue str_partition(AdThread *t, AdValue *a, int n, AdTuple *k) {
    return partition_impl(t, a, n, k, "partition", false);
}
static AdValue str_rpartition(AdThread *t, AdValue *a, int n, AdTuple *k) {
    return partition_impl(t, a, n, k, "rpartition", true);
}

static AdValue str_join(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    if (!check_onearg(t, "join", nargs, kwnames)) return AD_NULLV;
    SELF("join");
    AdValue seq = args[1];
    AdValue *items;
    size_t n;
    if (ad_is_type(seq, t->vm->type_list)) {
        items = AD_AS(AdList, seq)->items;
        n = AD_AS(AdList, seq)->len;
    } else if (ad_is_type(seq, t->vm->type_tuple)) {
        items = AD_AS(AdTuple, seq)->items;
        n = AD_AS(AdTuple, seq)->len;
    } else {
        if (AD_IS_NULL(ad_type_lookup(ad_type_of(t, seq), t->vm->name.iter)) &&
            AD_IS_NULL(ad_type_lookup(ad_type_of(t, seq), t->vm->name.getitem)))
            return ad_err_raise_v(t, t->vm->exc_TypeError, "can only join an iterable");
        seq = ad_sequence_to_list(t, seq);
        if (AD_IS_NULL(seq)) return AD_NULLV;
        ad_gc_push_root(t, seq);
        items = AD_AS(AdList, seq)->items;
        n = AD_AS(AdList, seq)->len;
    }
    if (n == 0) return ad_obj(t->vm->name.empty);
    if (n == 1 && ad_is_type(items[0], t->vm->type_str)) return items[0];
    size_t total = 0, nchars = 0;
    bool ascii = ad_str_is_ascii(self);
    for (size_t i = 0; i < n; i++) {
        if (!ad_is_str(t, items[i]))
            return ad_err_raise_v(t, t->vm->exc_TypeError,
                                  "sequence item %zu: expected str instance, %T found", i,
                                  items[i]);
        AdStr *s = AD_AS(AdStr, items[i]);
        total += s->len;
        nchars += s->nchars;
        ascii = ascii && ad_str_is_ascii(s);
    }
    total += self->len * (n - 1);
    nchars += self->nchars * (n - 1);
    /* seq is rooted, so its items survive the allocation; no script code runs between the
     * measuring pass and the copying pass, so the item array stays as measured. */
    AdStr *r = ad_str_alloc(t, total);
    if (!r) return AD_NULLV;
    char *out = r->data;
    for (size_t i = 0; i < n; i++) {
        if (i && self->len) {
            memcpy(out, self->data, self->len);
            out += self->len;
        }
        AdStr *s = AD_AS(AdStr, items[i]);
        memcpy(out, s->data, s->len);
        out += s->len;
    }
    *out = '\0';
    r->nchars = nchars;
    if (ascii) r->obj.flags |= AD_STR_ASCII;
    return ad_obj(r);
}

/* ---- replacing and translating --------------------------------------------------------- */

static AdValue str_replace(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    if (!ad_args_check(t, "replace", nargs - 1, kwnames, 2, 3)) return AD_NULLV;
    SELF("replace");
    for (int i = 1; i <= 2; i++)
        if (!ad_is_str(t, args[i]))
            return ad_err_raise_v(t, t->vm->exc_TypeError,
                                  "replace() argument %d must be str, not %T", i, args[i]);
    AdStr *old = AD_AS(AdStr, args[1]), *new = AD_AS(AdStr, args[2]);
    int64_t count = -1;
    if (nargs > 3 && !int_arg(t, args[3], &count)) return AD_NULLV;
    if (count < 0) count = INT64_MAX;
    if (count == 0) return same(t, self);
    AdBuf b;
    ad_buf_init(&b);
    const char *p = self->data;
    size_t len = self->len;
    bool ok = true;
    if (old->len == 0) {
        /* Insert `new` before every character and at the end, count times at most. */
        size_t i = 0;
        while (ok && count > 0) {
            ok = ad_buf_add(t, &b, new->data, new->len);
            count--;
            if (i >= len) break;
            size_t n = ad_utf8_len((unsigned char)p[i]);
            ok = ok && ad_buf_add(t, &b, p + i, n);
            i += n;
        }
        ok = ok && ad_buf_add(t, &b, p + i, len - i);
    } else {
        int64_t first = ad_str_find_bytes(p, len, old->data, old->len);
        if (first < 0) return same(t, self);
        size_t i = 0;
        int64_t r = first;
        while (ok && count-- > 0 && r >= 0) {
            ok = ad_buf_add(t, &b, p + i, (size_t)r) && ad_buf_add(t, &b, new->data, new->len);
            i += (size_t)r + old->len;
            r = ad_str_find_bytes(p + i, len - i, old->data, old->len);
        }
        ok = ok && ad_buf_add(t, &b, p + i, len - i);
    }
    if (!ok) {
        ad_buf_free(&b);
        return AD_NULLV;
    }
    return finish(t, &b);
}

static AdValue str_expandtabs(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    static const char *const names[] = {"tabsize"};
    AdValue a[1];
    SELF("expandtabs");
    if (!ad_args_parse(t, "expandtabs", args + 1, nargs - 1, kwnames, names, 1, 1, 0, a))
        return AD_NULLV;
    int64_t tabsize = 8;
    if (!AD_IS_NULL(a[0]) && !int_arg(t, a[0], &tabsize)) return AD_NULLV;
    if (!memchr(self->data, '\t', self->len)) return same(t, self);
    AdBuf b;
    ad_buf_init(&b);
    int64_t col = 0;
    bool ok = true;
    for (size_t i = 0; ok && i < self->len;) {
        size_t n = ad_utf8_len((unsigned char)self->data[i]);
        char c = self->data[i];
        if (c == '\t') {
            if (tabsize > 0) {
                int64_t spaces = tabsize - col % tabsize;
                col += spaces;
                while (ok && spaces--) ok = ad_buf_addc(t, &b, ' ');
            }
        } else {
            ok = ad_buf_add(t, &b, self->data + i, n);
            col = (c == '\n' || c == '\r') ? 0 : col + 1;
        }
        i += n;
    }
    if (!ok) {
        ad_buf_free(&b);
        return AD_NULLV;
    }
    return finish(t, &b);
}

/* str.maketrans(x[, y[, z]]): a dict from code points to code points, strings or None. */
static AdValue str_maketrans(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    if (!ad_args_check(t, "maketrans", nargs, kwnames, 1, 3)) return AD_NULLV;
    AdDict *d = ad_dict_new(t);
    if (!d) return AD_NULLV;
    ad_gc_push_obj(t, d);
    if (nargs == 1) {
        if (!ad_is_instance_of(t, args[0], t->vm->type_dict))
            return ad_err_raise_v(t, t->vm->exc_TypeError,
                                  "if you give only one argument to maketrans it must be a dict");
        size_t pos = 0;
        AdValue k, v;
        AdDict *src = AD_AS(AdDict, args[0]);
        while (ad_dict_next(src, &pos, &k, &v)) {
            AdValue key = k;
            if (ad_is_str(t, k)) {
                AdStr *ks = AD_AS(AdStr, k);
                if (ks->nchars != 1)
                    return ad_err_raise_v(t, t->vm->exc_ValueError,
                                          "string keys in translate table must be of length 1");
                size_t n;
                key = ad_small_int(ad_utf8_decode(ks->data, &n));
            } else if (!ad_is_int(t, k)) {
                return ad_err_raise_v(t, t->vm->exc_TypeError,
                                      "keys in translate table must be strings or integers");
            }
            if (!ad_dict_set(t, d, key, v)) return AD_NULLV;
        }
        return ad_obj(d);
    }
    if (!ad_is_str(t, args[0]))
        return ad_err_raise_v(t, t->vm->exc_TypeError, "maketrans() argument 1 must be str, not %T",
                              args[0]);
    if (!ad_is_str(t, args[1]))
        return ad_err_raise_v(t, t->vm->exc_TypeError, "maketrans() argument 2 must be str, not %T",
                              args[1]);
    AdStr *x = AD_AS(AdStr, args[0]), *y = AD_AS(AdStr, args[1]);
    if (x->nchars != y->nchars)
        return ad_err_raise_v(t, t->vm->exc_ValueError,
                              "the first two maketrans arguments must have equal length");
    for (size_t i = 0, j = 0; i < x->len;) {
        size_t n, m;
        uint32_t a = ad_utf8_decode(x->data + i, &n), b = ad_utf8_decode(y->data + j, &m);
        if (!ad_dict_set(t, d, ad_small_int(a), ad_small_int(b))) return AD_NULLV;
        i += n;
        j += m;
    }
    if (nargs == 3) {
        if (!ad_is_str(t, args[2]))
            return ad_err_raise_v(t, t->vm->exc_TypeError,
                                  "maketrans() argument 3 must be str, not %T", args[2]);
        AdStr *z = AD_AS(AdStr, args[2]);
        for (size_t i = 0; i < z->len;) {
            size_t n;
            uint32_t c = ad_utf8_decode(z->data + i, &n);
            if (!ad_dict_set(t, d, ad_small_int(c), AD_NONE)) return AD_NULLV;
            i += n;
        }
    }
    return ad_obj(d);
}

static AdValue str_translate(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    if (!check_onearg(t, "translate", nargs, kwnames)) return AD_NULLV;
    SELF("translate");
    AdValue table = args[1];
    AdBuf b;
    ad_buf_init(&b);
    int mark = ad_gc_root_mark(t);
    for (size_t i = 0; i < self->len;) {
        size_t n;
        uint32_t cp = ad_utf8_decode(self->data + i, &n);
        AdValue r = ad_rt_getitem(t, table, ad_small_int(cp));
        bool ok = true;
        if (AD_IS_NULL(r)) {
            if (!ad_err_matches(t, t->vm->exc_LookupError)) goto fail;
            ad_err_clear(t);
            ok = ad_buf_add(t, &b, self->data + i, n);
        } else if (AD_IS_NONE(r)) {
            /* deleted */
        } else if (ad_is_int(t, r)) {
            int64_t v;
            if (!ad_int_to_i64(t, r, &v) || v < 0 || v >= 0x110000) {
                ad_err_clear(t);
                ad_buf_free(&b);
                return ad_err_raise_v(t, t->vm->exc_ValueError,
                                      "character mapping must be in range(0x110000)");
            }
            ok = ad_buf_add_codepoint(t, &b, (uint32_t)v);
        } else if (ad_is_str(t, r)) {
            ok = ad_buf_add(t, &b, AD_AS(AdStr, r)->data, AD_AS(AdStr, r)->len);
        } else {
            ad_buf_free(&b);
            return ad_err_raise_v(t, t->vm->exc_TypeError,
                                  "character mapping must return integer, None or str");
        }
        if (!ok) goto fail;
        ad_gc_root_restore(t, mark);
        i += n;
    }
    return finish(t, &b);
fail:
    ad_buf_free(&b);
    return AD_NULLV;
}

/* ---- encode and formatting entry points ------------------------------------------------ */

static AdValue str_encode(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    static const char *const names[] = {"encoding", "errors"};
    AdValue a[2];
    SELF("encode");
    if (!ad_args_parse(t, "encode", args + 1, nargs - 1, kwnames, names, 2, 2, 0, a))
        return AD_NULLV;
    const char *enc[2] = {NULL, NULL};
    for (int i = 0; i < 2; i++) {
        if (AD_IS_NULL(a[i])) continue;
        if (!ad_is_str(t, a[i]))
            return ad_err_raise_v(t, t->vm->exc_TypeError,
                                  "encode() argument '%s' must be str, not %T", names[i], a[i]);
        enc[i] = AD_AS(AdStr, a[i])->data;
    }
    return ad_str_encode(t, self, enc[0], enc[1]);
}

static const AdMethodDef str_methods[] = {
    {"capitalize", str_capitalize, AD_METH_INSTANCE, NULL, NULL},
    {"casefold", str_casefold, AD_METH_INSTANCE, NULL, NULL},
    {"center", str_center, AD_METH_INSTANCE, NULL, NULL},
    {"count", str_count, AD_METH_INSTANCE, NULL, NULL},
    {"encode", str_encode, AD_METH_INSTANCE, NULL, NULL},
    {"endswith", str_endswith, AD_METH_INSTANCE, NULL, NULL},
    {"expandtabs", str_expandtabs, AD_METH_INSTANCE, NULL, NULL},
    {"find", str_find, AD_METH_INSTANCE, NULL, NULL},
    {"format", ad_str_m_format, AD_METH_INSTANCE, NULL, NULL},
    {"format_map", ad_str_m_format_map, AD_METH_INSTANCE, NULL, NULL},
    {"index", str_index, AD_METH_INSTANCE, NULL, NULL},
    {"isalnum", str_isalnum, AD_METH_INSTANCE, NULL, NULL},
    {"isalpha", str_isalpha, AD_METH_INSTANCE, NULL, NULL},
    {"isascii", str_isascii, AD_METH_INSTANCE, NULL, NULL},
    {"isdecimal", str_isdecimal, AD_METH_INSTANCE, NULL, NULL},
    {"isdigit", str_isdigit, AD_METH_INSTANCE, NULL, NULL},
    {"isidentifier", str_isidentifier, AD_METH_INSTANCE, NULL, NULL},
    {"islower", str_islower, AD_METH_INSTANCE, NULL, NULL},
    {"isnumeric", str_isnumeric, AD_METH_INSTANCE, NULL, NULL},
    {"isprintable", str_isprintable, AD_METH_INSTANCE, NULL, NULL},
    {"isspace", str_isspace, AD_METH_INSTANCE, NULL, NULL},
    {"istitle", str_istitle, AD_METH_INSTANCE, NULL, NULL},
    {"isupper", str_isupper, AD_METH_INSTANCE, NULL, NULL},
    {"join", str_join, AD_METH_INSTANCE, NULL, NULL},
    {"ljust", str_ljust, AD_METH_INSTANCE, NULL, NULL},
    {"lower", str_lower, AD_METH_INSTANCE, NULL, NULL},
    {"lstrip", str_lstrip, AD_METH_INSTANCE, NULL, NULL},
    {"maketrans", str_maketrans, AD_METH_STATIC, NULL, NULL},
    {"partition", str_partition, AD_METH_INSTANCE, NULL, NULL},
    {"removeprefix", str_removeprefix, AD_METH_INSTANCE, NULL, NULL},
    {"removesuffix", str_removesuffix, AD_METH_INSTANCE, NULL, NULL},
    {"replace", str_replace, AD_METH_INSTANCE, NULL, NULL},
    {"rfind", str_rfind, AD_METH_INSTANCE, NULL, NULL},
    {"rindex", str_rindex, AD_METH_INSTANCE, NULL, NULL},
    {"rjust", str_rjust, AD_METH_INSTANCE, NULL, NULL},
    {"rpartition", str_rpartition, AD_METH_INSTANCE, NULL, NULL},
    {"rsplit", str_rsplit, AD_METH_INSTANCE, NULL, NULL},
    {"rstrip", str_rstrip, AD_METH_INSTANCE, NULL, NULL},
    {"split", str_split, AD_METH_INSTANCE, NULL, NULL},
    {"splitlines", str_splitlines, AD_METH_INSTANCE, NULL, NULL},
    {"startswith", str_startswith, AD_METH_INSTANCE, NULL, NULL},
    {"strip", str_strip, AD_METH_INSTANCE, NULL, NULL},
    {"swapcase", str_swapcase, AD_METH_INSTANCE, NULL, NULL},
    {"title", str_title, AD_METH_INSTANCE, NULL, NULL},
    {"translate", str_translate, AD_METH_INSTANCE, NULL, NULL},
    {"upper", str_upper, AD_METH_INSTANCE, NULL, NULL},
    {"zfill", str_zfill, AD_METH_INSTANCE, NULL, NULL},
    {NULL, NULL, 0, NULL, NULL},
};

bool ad_str_methods_setup(AdThread *t) {
    return ad_type_add_methods(t, t->vm->type_str, str_methods);
}
