/*
 * obj_str.c - the str type: creation, interning, equality and hashing, repr, indexing and
 * slicing, iteration, the text codecs, and the dunders. The named methods (upper, split,
 * ...) are in str_methods.c, formatting in str_format.c, the Unicode tables in
 * str_unicode.c.
 *
 * Invariant: an AdStr holds valid UTF-8 followed by a NUL, `nchars` is its code point count,
 * AD_STR_ASCII is set exactly when every byte is < 0x80 (then byte and code point indexes
 * coincide), and `hash` is -1 until computed. Strings never change after creation. Interned
 * strings are unique per VM (equal interned strings are the same object), held strongly by
 * vm->interned, an open-addressing set.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "iter.h"
#include "str_impl.h"

/* ---- UTF-8 counting and indexing ------------------------------------------------------- */

size_t ad_utf8_count(const char *s, size_t len, bool *ascii) {
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0, cont = 0;
    uint64_t high = 0;
    /* Eight bytes at a time: a continuation byte is 10xxxxxx, i.e. bit 7 set, bit 6 clear. */
    for (; i + 8 <= len; i += 8) {
        uint64_t w;
        memcpy(&w, p + i, 8);
        uint64_t top = w & 0x8080808080808080ULL;
        if (!top) continue;
        high |= top;
        cont += (size_t)__builtin_popcountll(top & ~(w << 1));
    }
    for (; i < len; i++) {
        high |= p[i] & 0x80;
        cont += (p[i] & 0xC0) == 0x80;
    }
    *ascii = high == 0;
    return len - cont;
}

/* Positions in non-ASCII text. Walking from the start for every s[i] made a loop over the
 * indexes of a long string quadratic, so the VM keeps a few cursors: the last (index, offset)
 * pair found in a string, from which the next lookup walks (a loop moves it by one). A
 * cursor is valid while cursor.str == s and s->obj.extra holds the cursor's stamp: a str gets
 * a fresh stamp when a cursor is given to it, and one made later at the same address (after
 * the first died) starts with extra 0, so a stale cursor never matches. Several cursors, so
 * that loops walking two or three strings side by side stay linear too. */
enum { CURSOR_MIN_CHARS = 64 }; /* shorter strings are walked from an end */
#define NCURSORS (sizeof(((AdVM *)0)->str_cursors) / sizeof(AdStrCursor))

static AdStrCursor *cursor_for(AdThread *t, const AdStr *s) {
    if (s->nchars < CURSOR_MIN_CHARS) return NULL;
    AdVM *vm = t->vm;
    for (size_t k = 0; k < NCURSORS; k++) {
        AdStrCursor *c = &vm->str_cursors[k];
        if (c->str == s && c->stamp && s->obj.extra == c->stamp) return c;
    }
    AdStrCursor *c = &vm->str_cursors[vm->str_cursor_next++ % NCURSORS];
    if (++vm->str_cursor_stamp == 0) vm->str_cursor_stamp = 1;
    c->str = s;
    c->stamp = vm->str_cursor_stamp;
    ((AdStr *)s)->obj.extra = c->stamp;
    c->index = c->offset = 0;
    return c;
}

size_t ad_str_byte_offset(AdThread *t, const AdStr *s, size_t index) {
    if (ad_str_is_ascii(s) || index == 0) return index;
    if (index >= s->nchars) return s->len;
    const unsigned char *p = (const unsigned char *)s->data;
    /* Start from the nearest known position: the start, the end or the cursor. */
    size_t from = 0, off = 0;
    if (s->nchars - index < index) from = s->nchars, off = s->len;
    AdStrCursor *c = cursor_for(t, s);
    if (c && (c->index > index ? c->index - index : index - c->index) <
                 (from > index ? from - index : index - from))
        from = c->index, off = c->offset;
    for (; from < index; from++) off += ad_utf8_len(p[off]);
    while (from > index) {
        off--;
        if ((p[off] & 0xC0) != 0x80) from--;
    }
    if (c) c->index = index, c->offset = off;
    return off;
}

size_t ad_str_char_index(AdThread *t, const AdStr *s, size_t off) {
    if (ad_str_is_ascii(s)) return off;
    bool ascii;
    AdStrCursor *c = cursor_for(t, s);
    if (!c || (c->offset > off ? c->offset - off : off - c->offset) >= off)
        return ad_utf8_count(s->data, off, &ascii);
    size_t index = off >= c->offset ? c->index + ad_utf8_count(s->data + c->offset, off - c->offset, &ascii)
                                    : c->index - ad_utf8_count(s->data + off, c->offset - off, &ascii);
    c->index = index, c->offset = off;
    return index;
}

/* ---- creation -------------------------------------------------------------------------- */

AdStr *ad_str_alloc(AdThread *t, size_t len) {
    if (len > SIZE_MAX - sizeof(AdStr) - 1) {
        ad_err_nomemory(t);
        return NULL;
    }
    AdStr *s = ad_gc_alloc(t, t->vm->type_str, sizeof(AdStr) + len + 1);
    if (!s) return NULL;
    s->len = len;
    s->hash = -1;
    return s;
}

void ad_str_finish(AdStr *s) {
    bool ascii;
    s->data[s->len] = '\0';
    s->nchars = ad_utf8_count(s->data, s->len, &ascii);
    if (ascii) s->obj.flags |= AD_STR_ASCII;
}

AdStr *ad_str_new_known(AdThread *t, const char *utf8, size_t len, size_t nchars, bool ascii) {
    if (len == 0 && t->vm->name.empty) return t->vm->name.empty;
    AdStr *s = ad_str_alloc(t, len);
    if (!s) return NULL;
    memcpy(s->data, utf8, len);
    s->data[len] = '\0';
    s->nchars = nchars;
    if (ascii) s->obj.flags |= AD_STR_ASCII;
    return s;
}

AdStr *ad_str_new(AdThread *t, const char *utf8, size_t len) {
    if (len == 0 && t->vm->name.empty) return t->vm->name.empty;
    bool ascii;
    size_t n = ad_utf8_count(utf8, len, &ascii);
    return ad_str_new_known(t, utf8, len, n, ascii);
}

AdStr *ad_str_from_cstr(AdThread *t, const char *s) { return ad_str_new(t, s, strlen(s)); }

/* Plain C printf formats (no %R/%S: those are ad_err_raise's). */
AdStr *ad_str_vprintf(AdThread *t, const char *fmt, va_list ap) {
    char small[256];
    va_list ap2;
    va_copy(ap2, ap);
    int n = vsnprintf(small, sizeof small, fmt, ap2);
    va_end(ap2);
    if (n < 0) return ad_err_raise_p(t, t->vm->exc_SystemError, "bad format string");
    if ((size_t)n < sizeof small) return ad_str_new(t, small, (size_t)n);
    AdStr *s = ad_str_alloc(t, (size_t)n);
    if (!s) return NULL;
    vsnprintf(s->data, (size_t)n + 1, fmt, ap);
    ad_str_finish(s);
    return s;
}

AdStr *ad_str_printf(AdThread *t, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    AdStr *s = ad_str_vprintf(t, fmt, ap);
    va_end(ap);
    return s;
}

static __attribute__((noinline)) AdValue make_char(AdThread *t, uint32_t cp) {
    char u[4];
    size_t n = ad_utf8_encode(cp, u);
    AdStr *s = cp < 0x100 ? ad_str_intern(t, u, n) : ad_str_new_known(t, u, n, 1, false);
    if (!s) return AD_NULLV;
    if (cp < 0x100) t->vm->latin1_chars[cp] = s;
    return ad_obj(s);
}

AdValue ad_str_char(AdThread *t, uint32_t cp) {
    AdStr *s = cp < 0x100 ? t->vm->latin1_chars[cp] : NULL;
    return s ? ad_obj(s) : make_char(t, cp);
}

/* ---- hashing, equality, concatenation -------------------------------------------------- */

/* FNV-1a over the UTF-8 bytes. CPython randomises str hashes, so no script can depend on
 * their values; only "" (hash 0 in CPython) is kept. -1 is reserved for "not computed". */
static int64_t hash_bytes(const char *s, size_t len) {
    if (len == 0) return 0;
    const unsigned char *p = (const unsigned char *)s;
    uint64_t h = 14695981039346656037ULL;
    for (size_t i = 0; i < len; i++) {
        h ^= p[i];
        h *= 1099511628211ULL;
    }
    int64_t r = (int64_t)h;
    return r == -1 ? -2 : r;
}

int64_t ad_str_hash(AdStr *s) {
    if (s->hash == -1) s->hash = hash_bytes(s->data, s->len);
    return s->hash;
}

bool ad_str_eq(AdStr *a, AdStr *b) {
    if (a == b) return true;
    if (a->len != b->len) return false;
    /* Two distinct interned strings are different by construction. */
    if ((a->obj.flags & b->obj.flags & AD_STR_INTERNED) && a->obj.type == b->obj.type) return false;
    if (a->hash != -1 && b->hash != -1 && a->hash != b->hash) return false;
    return memcmp(a->data, b->data, a->len) == 0;
}

bool ad_str_eq_cstr(AdStr *a, const char *s) {
    size_t n = strlen(s);
    return a->len == n && memcmp(a->data, s, n) == 0;
}

static bool is_exact_str(AdThread *t, AdStr *s) { return s->obj.type == t->vm->type_str; }

AdStr *ad_str_concat(AdThread *t, AdStr *a, AdStr *b) {
    if (b->len == 0 && is_exact_str(t, a)) return a;
    if (a->len == 0 && is_exact_str(t, b)) return b;
    if (a->len > SIZE_MAX / 2 || b->len > SIZE_MAX / 2) {
        ad_err_nomemory(t);
        return NULL;
    }
    /* a and b are the caller's (rooted); only their bytes are read after allocating. */
    AdStr *s = ad_str_alloc(t, a->len + b->len);
    if (!s) return NULL;
    memcpy(s->data, a->data, a->len);
    memcpy(s->data + a->len, b->data, b->len);
    s->data[s->len] = '\0';
    s->nchars = a->nchars + b->nchars;
    if (ad_str_is_ascii(a) && ad_str_is_ascii(b)) s->obj.flags |= AD_STR_ASCII;
    return s;
}

/* ---- interning ------------------------------------------------------------------------- */

/* Slot of the entry equal to (s, len) or of the empty slot where it would go. */
static size_t intern_slot(AdVM *vm, const char *s, size_t len, int64_t h) {
    size_t mask = vm->interned_cap - 1;
    size_t i = (size_t)h & mask;
    for (;;) {
        AdStr *e = vm->interned[i];
        if (!e || (e->hash == h && e->len == len && memcmp(e->data, s, len) == 0)) return i;
        i = (i + 1) & mask;
    }
}

/* Keeps the table at most half full, so probes stay short and a free slot always exists. */
static bool intern_reserve(AdThread *t) {
    AdVM *vm = t->vm;
    if ((vm->ninterned + 1) * 2 <= vm->interned_cap) return true;
    /* Bootstrap alone interns ~600 names: start big enough to never rehash for them. */
    size_t cap = vm->interned_cap ? vm->interned_cap * 2 : 2048;
    AdStr **table = calloc(cap, sizeof *table);
    if (!table) return ad_err_nomemory(t);
    AdStr **old = vm->interned;
    size_t oldcap = vm->interned_cap;
    vm->interned = table;
    vm->interned_cap = cap;
    for (size_t i = 0; i < oldcap; i++) {
        AdStr *e = old[i];
        if (e) vm->interned[intern_slot(vm, e->data, e->len, e->hash)] = e;
    }
    free(old);
    return true;
}

AdStr *ad_str_intern(AdThread *t, const char *utf8, size_t len) {
    AdVM *vm = t->vm;
    int64_t h = hash_bytes(utf8, len);
    if (vm->interned_cap) {
        AdStr *e = vm->interned[intern_slot(vm, utf8, len, h)];
        if (e) return e;
    }
    if (!intern_reserve(t)) return NULL;
    AdStr *s;
    if (len == 0) {
        /* "" must be a fresh object here: name.empty is this very string being made. */
        s = ad_str_alloc(t, 0);
        if (s) {
            s->data[0] = '\0';
            s->obj.flags |= AD_STR_ASCII;
        }
    } else {
        s = ad_str_new(t, utf8, len);
    }
    if (!s) return NULL;
    s->hash = h;
    s->obj.flags |= AD_STR_INTERNED;
    vm->interned[intern_slot(vm, s->data, s->len, h)] = s;
    vm->ninterned++;
    return s;
}

AdStr *ad_str_intern_cstr(AdThread *t, const char *s) { return ad_str_intern(t, s, strlen(s)); }

AdStr *ad_str_intern_str(AdThread *t, AdStr *s) {
    if (s->obj.flags & AD_STR_INTERNED) return s;
    AdVM *vm = t->vm;
    int64_t h = ad_str_hash(s);
    if (vm->interned_cap) {
        AdStr *e = vm->interned[intern_slot(vm, s->data, s->len, h)];
        if (e) return e;
    }
    if (!is_exact_str(t, s)) {
        int mark = ad_gc_root_mark(t);
        ad_gc_push_obj(t, s);
        AdStr *r = ad_str_intern(t, s->data, s->len);
        ad_gc_root_restore(t, mark);
        return r;
    }
    if (!intern_reserve(t)) return NULL;
    s->obj.flags |= AD_STR_INTERNED;
    vm->interned[intern_slot(vm, s->data, s->len, h)] = s;
    vm->ninterned++;
    return s;
}

void ad_str_table_trace(AdGC *gc, AdVM *vm) {
    for (size_t i = 0; i < vm->interned_cap; i++) ad_gc_mark_obj(gc, vm->interned[i]);
}

/* ---- argument helpers ------------------------------------------------------------------ */

AdStr *ad_str_self(AdThread *t, AdValue v, const char *method) {
    if (v.tag == AD_TAG_OBJ &&
        (v.as.o->type == t->vm->type_str || ad_type_is_subtype(v.as.o->type, t->vm->type_str)))
        return (AdStr *)v.as.o;
    ad_err_raise(t, t->vm->exc_TypeError,
                 "descriptor '%s' for 'str' objects doesn't apply to a '%T' object", method, v);
    return NULL;
}

AdStr *ad_str_arg(AdThread *t, AdValue v, const char *what) {
    if (ad_is_str(t, v)) return AD_AS(AdStr, v);
    if (what)
        ad_err_raise(t, t->vm->exc_TypeError, "%s must be str, not %T", what, v);
    else
        ad_err_raise(t, t->vm->exc_TypeError, "must be str, not %T", v);
    return NULL;
}

int64_t ad_str_find_bytes(const char *hay, size_t hlen, const char *needle, size_t nlen) {
    if (nlen == 0) return 0;
    if (nlen > hlen) return -1;
    if (nlen == 1) {
        const char *p = memchr(hay, needle[0], hlen);
        return p ? p - hay : -1;
    }
    const char *p = memmem(hay, hlen, needle, nlen);
    return p ? p - hay : -1;
}

int64_t ad_str_rfind_bytes(const char *hay, size_t hlen, const char *needle, size_t nlen) {
    if (nlen > hlen) return -1;
    if (nlen == 0) return (int64_t)hlen;
    if (nlen == 1) {
        const char *p = memrchr(hay, needle[0], hlen);
        return p ? p - hay : -1;
    }
    for (size_t i = hlen - nlen + 1; i-- > 0;)
        if (hay[i] == needle[0] && memcmp(hay + i, needle, nlen) == 0) return (int64_t)i;
    return -1;
}

bool ad_str_numeric_ascii(AdThread *t, const char *s, size_t len, AdBuf *out) {
    ad_buf_init(out);
    for (size_t i = 0; i < len;) {
        unsigned char c = (unsigned char)s[i];
        char r = (char)c;
        size_t n = 1;
        if (c >= 0x80) {
            uint32_t cp = ad_utf8_decode(s + i, &n);
            int d = ad_uni_decimal_value(cp);
            r = d >= 0 ? (char)('0' + d) : ad_uni_isspace(cp) ? ' ' : '?';
        }
        if (!ad_buf_addc(t, out, r)) {
            ad_buf_free(out);
            return false;
        }
        i += n;
    }
    if (!out->data && !ad_buf_add(t, out, "", 0)) return false;
    return true;
}

/* ---- repr ------------------------------------------------------------------------------ */

/* CPython's unicode_repr: single quotes unless the text has ' and no ", escapes for \\, the
 * quote, \t \n \r, other control characters and non-printable code points. */
AdValue ad_str_repr(AdThread *t, AdStr *s) {
    const char *p = s->data;
    size_t len = s->len;
    bool has_sq = memchr(p, '\'', len) != NULL, has_dq = memchr(p, '"', len) != NULL;
    char quote = has_sq && !has_dq ? '"' : '\'';
    /* Fast path: printable ASCII with nothing to escape is copied with its quotes. */
    bool plain = ad_str_is_ascii(s);
    for (size_t i = 0; plain && i < len; i++) {
        unsigned char c = (unsigned char)p[i];
        if (c < 0x20 || c == 0x7F || c == '\\' || c == (unsigned char)quote) plain = false;
    }
    if (plain) {
        AdStr *r = ad_str_alloc(t, len + 2);
        if (!r) return AD_NULLV;
        r->data[0] = quote;
        memcpy(r->data + 1, s->data, len);
        r->data[len + 1] = quote;
        r->data[len + 2] = '\0';
        r->nchars = len + 2;
        r->obj.flags |= AD_STR_ASCII;
        return ad_obj(r);
    }
    AdBuf b;
    ad_buf_init(&b);
    if (!ad_buf_addc(t, &b, quote)) return AD_NULLV;
    for (size_t i = 0; i < len;) {
        size_t n;
        uint32_t cp = ad_utf8_decode(p + i, &n);
        bool ok = true;
        if (cp == (uint32_t)quote || cp == '\\') {
            ok = ad_buf_addc(t, &b, '\\') && ad_buf_addc(t, &b, (char)cp);
        } else if (cp == '\t') {
            ok = ad_buf_add(t, &b, "\\t", 2);
        } else if (cp == '\n') {
            ok = ad_buf_add(t, &b, "\\n", 2);
        } else if (cp == '\r') {
            ok = ad_buf_add(t, &b, "\\r", 2);
        } else if (cp < 0x20 || cp == 0x7F) {
            ok = ad_buf_addf(t, &b, "\\x%02x", cp);
        } else if (cp < 0x7F) {
            ok = ad_buf_addc(t, &b, (char)cp);
        } else if (ad_uni_props(cp) & AD_UNI_PRINTABLE) {
            ok = ad_buf_add(t, &b, p + i, n);
        } else if (cp < 0x100) {
            ok = ad_buf_addf(t, &b, "\\x%02x", cp);
        } else if (cp < 0x10000) {
            ok = ad_buf_addf(t, &b, "\\u%04x", cp);
        } else {
            ok = ad_buf_addf(t, &b, "\\U%08x", cp);
        }
        if (!ok) {
            ad_buf_free(&b);
            return AD_NULLV;
        }
        i += n;
    }
    if (!ad_buf_addc(t, &b, quote)) return AD_NULLV;
    AdStr *r = ad_buf_finish(t, &b);
    return r ? ad_obj(r) : AD_NULLV;
}

/* ---- indexing and slicing -------------------------------------------------------------- */

/* s[start:start+count] in code points (count >= 0, in range). */
static AdValue substr(AdThread *t, AdStr *s, size_t start, size_t count) {
    if (count == s->nchars && is_exact_str(t, s)) return ad_obj(s);
    size_t b0 = ad_str_byte_offset(t, s, start);
    size_t b1;
    if (ad_str_is_ascii(s)) {
        b1 = start + count;
    } else {
        b1 = b0;
        const unsigned char *p = (const unsigned char *)s->data;
        for (size_t k = 0; k < count; k++) b1 += ad_utf8_len(p[b1]);
    }
    if (count == 1) {
        size_t n;
        return ad_str_char(t, ad_utf8_decode(s->data + b0, &n));
    }
    AdStr *r =
        ad_str_new_known(t, s->data + b0, b1 - b0, count, ad_str_is_ascii(s) || b1 - b0 == count);
    return r ? ad_obj(r) : AD_NULLV;
}

static AdValue slice_str(AdThread *t, AdStr *s, AdSlice *sl) {
    int64_t start, stop, step, n;
    if (!ad_slice_indices(t, sl, (int64_t)s->nchars, &start, &stop, &step, &n)) return AD_NULLV;
    if (n <= 0) return ad_obj(t->vm->name.empty);
    if (step == 1) return substr(t, s, (size_t)start, (size_t)n);
    if (n == 1) return substr(t, s, (size_t)start, 1);
    /* The result is made in place: its length is known before a byte is copied. */
    if (ad_str_is_ascii(s)) {
        AdStr *r = ad_str_alloc(t, (size_t)n);
        if (!r) return AD_NULLV;
        const char *p = s->data + start;
        for (int64_t i = 0; i < n; i++, p += step) r->data[i] = *p;
        r->data[n] = '\0';
        r->nchars = (size_t)n;
        r->obj.flags |= AD_STR_ASCII;
        return ad_obj(r);
    }
    /* Collect the byte offset of every character once, then pick. */
    size_t *offs = malloc((s->nchars + 1) * sizeof *offs);
    if (!offs) return ad_err_nomemory(t), AD_NULLV;
    const unsigned char *p = (const unsigned char *)s->data;
    size_t off = 0;
    for (size_t i = 0; i < s->nchars; i++) {
        offs[i] = off;
        off += ad_utf8_len(p[off]);
    }
    offs[s->nchars] = off;
    size_t bytes = 0;
    bool ascii = true;
    for (int64_t i = 0, k = start; i < n; i++, k += step) {
        bytes += offs[k + 1] - offs[k];
        ascii &= offs[k + 1] - offs[k] == 1;
    }
    AdStr *r = ad_str_alloc(t, bytes);
    if (!r) {
        free(offs);
        return AD_NULLV;
    }
    char *out = r->data;
    for (int64_t i = 0, k = start; i < n; i++, k += step) {
        memcpy(out, s->data + offs[k], offs[k + 1] - offs[k]);
        out += offs[k + 1] - offs[k];
    }
    free(offs);
    r->data[bytes] = '\0';
    r->nchars = (size_t)n;
    if (ascii) r->obj.flags |= AD_STR_ASCII;
    return ad_obj(r);
}

AdValue ad_str_getitem(AdThread *t, AdStr *s, AdValue index) {
    int64_t i;
    if (index.tag == AD_TAG_INT || index.tag == AD_TAG_BOOL) {
        i = index.as.i;
    } else if (ad_is_type(index, t->vm->type_slice)) {
        return slice_str(t, s, AD_AS(AdSlice, index));
    } else {
        AdValue f = ad_type_lookup(ad_type_of(t, index), t->vm->name.index);
        if (AD_IS_NULL(f))
            return ad_err_raise_v(t, t->vm->exc_TypeError,
                                  "string indices must be integers, not '%T'", index);
        if (!ad_rt_index(t, index, &i)) {
            /* A too-big index is out of range, as CPython's "cannot fit 'int'" IndexError. */
            if (ad_err_matches(t, t->vm->exc_OverflowError)) {
                ad_err_clear(t);
                return ad_err_raise_v(t, t->vm->exc_IndexError,
                                      "cannot fit 'int' into an index-sized integer");
            }
            return AD_NULLV;
        }
    }
    int64_t n = (int64_t)s->nchars;
    if (i < 0) i += n;
    if (i < 0 || i >= n)
        return ad_err_raise_v(t, t->vm->exc_IndexError, "string index out of range");
    if (ad_str_is_ascii(s)) return ad_str_char(t, (unsigned char)s->data[i]);
    size_t len;
    return ad_str_char(t, ad_utf8_decode(s->data + ad_str_byte_offset(t, s, (size_t)i), &len));
}

/* ---- codecs ---------------------------------------------------------------------------- */

enum { CODEC_UTF8, CODEC_ASCII, CODEC_LATIN1 };
enum { ERR_STRICT, ERR_IGNORE, ERR_REPLACE, ERR_BACKSLASH, ERR_XMLCHARREF, ERR_UNKNOWN };

/* Normalises an encoding name as Python's codec lookup does (case, '-', '_', ' '). */
static int find_codec(AdThread *t, const char *name) {
    if (!name) return CODEC_UTF8;
    char norm[32];
    size_t n = 0;
    for (const char *p = name; *p && n < sizeof norm - 1; p++) {
        char c = *p;
        if (c >= 'A' && c <= 'Z') c = (char)(c + 32);
        if (c == '-' || c == ' ') c = '_';
        norm[n++] = c;
    }
    norm[n] = '\0';
    static const struct {
        const char *name;
        int codec;
    } names[] = {
        {"utf_8", CODEC_UTF8},        {"utf8", CODEC_UTF8},         {"u8", CODEC_UTF8},
        {"utf", CODEC_UTF8},          {"cp65001", CODEC_UTF8},      {"ascii", CODEC_ASCII},
        {"us_ascii", CODEC_ASCII},    {"646", CODEC_ASCII},         {"latin_1", CODEC_LATIN1},
        {"latin1", CODEC_LATIN1},     {"latin", CODEC_LATIN1},      {"l1", CODEC_LATIN1},
        {"iso_8859_1", CODEC_LATIN1}, {"iso8859_1", CODEC_LATIN1},  {"8859", CODEC_LATIN1},
        {"cp819", CODEC_LATIN1},      {"iso_ir_100", CODEC_LATIN1},
    };
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (strcmp(norm, names[i].name) == 0) return names[i].codec;
    ad_err_raise(t, t->vm->exc_LookupError, "unknown encoding: %s", name);
    return -1;
}

static const char *codec_name(int codec) {
    return codec == CODEC_UTF8 ? "utf-8" : codec == CODEC_ASCII ? "ascii" : "latin-1";
}

static int find_errors(const char *errors) {
    if (!errors || strcmp(errors, "strict") == 0) return ERR_STRICT;
    if (strcmp(errors, "ignore") == 0) return ERR_IGNORE;
    if (strcmp(errors, "replace") == 0) return ERR_REPLACE;
    if (strcmp(errors, "backslashreplace") == 0) return ERR_BACKSLASH;
    if (strcmp(errors, "xmlcharrefreplace") == 0) return ERR_XMLCHARREF;
    return ERR_UNKNOWN;
}

/* Length of the valid UTF-8 sequence at p[0..n), or 0 with *why and *bad (bytes that form
 * the invalid part, as CPython reports them) set. Rejects overlongs, surrogates and
 * code points past U+10FFFF, like CPython's decoder. */
static size_t utf8_valid(const uint8_t *p, size_t n, const char **why, size_t *bad) {
    uint8_t c = p[0];
    if (c < 0x80) return 1;
    size_t need;
    uint8_t lo = 0x80, hi = 0xBF;
    if (c >= 0xC2 && c <= 0xDF) {
        need = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
        need = 3;
        if (c == 0xE0) lo = 0xA0;
        if (c == 0xED) hi = 0x9F;
    } else if (c >= 0xF0 && c <= 0xF4) {
        need = 4;
        if (c == 0xF0) lo = 0x90;
        if (c == 0xF4) hi = 0x8F;
    } else {
        *why = "invalid start byte";
        *bad = 1;
        return 0;
    }
    for (size_t k = 1; k < need; k++) {
        if (k >= n) {
            *why = "unexpected end of data";
            *bad = k;
            return 0;
        }
        uint8_t b = p[k];
        if (k == 1 ? (b < lo || b > hi) : (b < 0x80 || b > 0xBF)) {
            *why = "invalid continuation byte";
            *bad = k;
            return 0;
        }
    }
    return need;
}

/* Raises UnicodeDecodeError / UnicodeEncodeError(encoding, object, start, end, reason), the
 * five-argument form whose str() obj_exc.c renders as CPython does. */
static AdValue unicode_error(AdThread *t, AdType *type, int codec, AdValue object, size_t start,
                             size_t end, const char *reason) {
    int mark = ad_gc_root_mark(t);
    ad_gc_push_root(t, object);
    AdStr *enc = ad_str_from_cstr(t, codec_name(codec));
    if (!enc) return AD_NULLV;
    ad_gc_push_obj(t, enc);
    AdStr *why = ad_str_from_cstr(t, reason);
    if (!why) return AD_NULLV;
    ad_gc_push_obj(t, why);
    AdTuple *args = ad_tuple_pack(t, 5, ad_obj(enc), object, ad_small_int((int64_t)start),
                                  ad_small_int((int64_t)end), ad_obj(why));
    if (!args) return AD_NULLV;
    ad_gc_push_obj(t, args);
    AdValue exc = ad_exc_new(t, type, args);
    if (!AD_IS_NULL(exc)) ad_err_raise_obj(t, exc);
    ad_gc_root_restore(t, mark);
    return AD_NULLV;
}

static AdValue decode_error(AdThread *t, int codec, const uint8_t *data, size_t len, size_t pos,
                            size_t bad, const char *why) {
    AdBytes *obj = ad_bytes_new(t, data, len);
    if (!obj) return AD_NULLV;
    return unicode_error(t, t->vm->exc_UnicodeDecodeError, codec, ad_obj(obj), pos, pos + bad, why);
}

AdValue ad_str_decode(AdThread *t, const uint8_t *data, size_t len, const char *encoding,
                      const char *errors) {
    int codec = find_codec(t, encoding);
    if (codec < 0) return AD_NULLV;
    int mode = find_errors(errors);
    /* Fast path: valid input needs no buffer. */
    if (codec == CODEC_LATIN1) {
        bool ascii = true;
        for (size_t i = 0; i < len && ascii; i++) ascii = data[i] < 0x80;
        if (ascii) {
            AdStr *s = ad_str_new_known(t, (const char *)data, len, len, true);
            return s ? ad_obj(s) : AD_NULLV;
        }
    }
    AdBuf b;
    ad_buf_init(&b);
    size_t i = 0, run = 0; /* run: start of bytes copied through unchanged */
    while (i < len) {
        size_t n = 1, bad = 1;
        const char *why = NULL;
        if (codec == CODEC_LATIN1) {
            if (data[i] >= 0x80) {
                if (!ad_buf_add(t, &b, (const char *)data + run, i - run) ||
                    !ad_buf_add_codepoint(t, &b, data[i]))
                    goto fail;
                run = i + 1;
            }
            i++;
            continue;
        }
        if (data[i] < 0x80) {
            i++;
            continue;
        }
        if (codec == CODEC_UTF8) {
            n = utf8_valid(data + i, len - i, &why, &bad);
            if (n) {
                i += n;
                continue;
            }
        } else {
            why = "ordinal not in range(128)";
        }
        /* data[i..i+bad) is undecodable. */
        if (!ad_buf_add(t, &b, (const char *)data + run, i - run)) goto fail;
        switch (mode) {
        case ERR_STRICT: ad_buf_free(&b); return decode_error(t, codec, data, len, i, bad, why);
        case ERR_IGNORE: break;
        case ERR_REPLACE:
            if (!ad_buf_add_codepoint(t, &b, 0xFFFD)) goto fail;
            break;
        case ERR_BACKSLASH:
            for (size_t k = 0; k < bad; k++)
                if (!ad_buf_addf(t, &b, "\\x%02x", data[i + k])) goto fail;
            break;
        default:
            ad_buf_free(&b);
            return ad_err_raise_v(t, t->vm->exc_LookupError, "unknown error handler name '%s'",
                                  errors);
        }
        i += bad;
        run = i;
    }
    if (!ad_buf_add(t, &b, (const char *)data + run, len - run)) goto fail;
    AdStr *s = ad_buf_finish(t, &b);
    return s ? ad_obj(s) : AD_NULLV;
fail:
    ad_buf_free(&b);
    return AD_NULLV;
}

AdValue ad_str_encode(AdThread *t, AdStr *s, const char *encoding, const char *errors) {
    int codec = find_codec(t, encoding);
    if (codec < 0) return AD_NULLV;
    int mode = find_errors(errors);
    uint32_t limit = codec == CODEC_ASCII ? 0x80 : codec == CODEC_LATIN1 ? 0x100 : 0x110000;
    bool has_surrogate = false;
    if (!ad_str_is_ascii(s) && codec == CODEC_UTF8) {
        /* Surrogates can only get into a str through escapes; UTF-8 refuses them. */
        for (size_t i = 0; i + 2 < s->len; i++)
            if ((unsigned char)s->data[i] == 0xED && (unsigned char)s->data[i + 1] >= 0xA0)
                has_surrogate = true;
    }
    if (ad_str_is_ascii(s) || (codec == CODEC_UTF8 && !has_surrogate)) {
        AdBytes *by = ad_bytes_new(t, s->data, s->len);
        return by ? ad_obj(by) : AD_NULLV;
    }
    AdBuf b;
    ad_buf_init(&b);
    size_t ci = 0;
    for (size_t i = 0; i < s->len; ci++) {
        size_t n;
        uint32_t cp = ad_utf8_decode(s->data + i, &n);
        bool surrogate = cp >= 0xD800 && cp <= 0xDFFF;
        bool ok = true;
        if (cp < limit && !surrogate) {
            if (codec == CODEC_UTF8)
                ok = ad_buf_add(t, &b, s->data + i, n);
            else
                ok = ad_buf_addc(t, &b, (char)(unsigned char)cp);
        } else {
            switch (mode) {
            case ERR_STRICT: {
                /* CPython reports the whole run of characters failing the same way. */
                ad_buf_free(&b);
                size_t end = ci + 1;
                for (size_t k = i + n; k < s->len; end++) {
                    size_t m;
                    uint32_t c2 = ad_utf8_decode(s->data + k, &m);
                    bool sur2 = c2 >= 0xD800 && c2 <= 0xDFFF;
                    if (surrogate ? !sur2 : (c2 < limit || sur2)) break;
                    k += m;
                }
                char why[40];
                if (surrogate)
                    snprintf(why, sizeof why, "surrogates not allowed");
                else
                    snprintf(why, sizeof why, "ordinal not in range(%u)", (unsigned)limit);
                return unicode_error(t, t->vm->exc_UnicodeEncodeError, codec, ad_obj(s), ci, end,
                                     why);
            }
            case ERR_IGNORE: break;
            case ERR_REPLACE: ok = ad_buf_addc(t, &b, '?'); break;
            case ERR_BACKSLASH:
                if (cp < 0x100)
                    ok = ad_buf_addf(t, &b, "\\x%02x", cp);
                else if (cp < 0x10000)
                    ok = ad_buf_addf(t, &b, "\\u%04x", cp);
                else
                    ok = ad_buf_addf(t, &b, "\\U%08x", cp);
                break;
            case ERR_XMLCHARREF: ok = ad_buf_addf(t, &b, "&#%u;", cp); break;
            default:
                ad_buf_free(&b);
                return ad_err_raise_v(t, t->vm->exc_LookupError, "unknown error handler name '%s'",
                                      errors);
            }
        }
        if (!ok) {
            ad_buf_free(&b);
            return AD_NULLV;
        }
        i += n;
    }
    AdBytes *by = ad_bytes_new(t, b.data ? b.data : "", b.len);
    ad_buf_free(&b);
    return by ? ad_obj(by) : AD_NULLV;
}

/* ---- the iterator ---------------------------------------------------------------------- */

typedef struct AdStrIter {
    AdObj obj;
    AdStr *str; /* NULL once exhausted */
    size_t pos; /* byte offset of the next character */
} AdStrIter;

static void str_iter_trace(AdGC *gc, AdObj *o) { ad_gc_mark_obj(gc, ((AdStrIter *)o)->str); }

int ad_str_iter_next(AdThread *t, AdObj *o, AdValue *out) {
    AdStrIter *it = (AdStrIter *)o;
    AdStr *s = it->str;
    if (!s || it->pos >= s->len) {
        it->str = NULL;
        return 0;
    }
    size_t n;
    uint32_t cp = ad_utf8_decode(s->data + it->pos, &n);
    it->pos += n;
    *out = ad_str_char(t, cp);
    return AD_IS_NULL(*out) ? -1 : 1;
}

static AdValue str_iter_next(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    (void)nargs;
    (void)kwnames;
    return ad_iter_step_dunder(t, args[0], t->vm->type_str_iterator, ad_str_iter_next);
}

static AdValue str_iter_iter(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    (void)t;
    (void)nargs;
    (void)kwnames;
    return args[0];
}

static AdValue str_iter_length_hint(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    (void)nargs;
    (void)kwnames;
    if (!ad_is_type(args[0], t->vm->type_str_iterator)) return ad_small_int(0);
    AdStrIter *it = AD_AS(AdStrIter, args[0]);
    if (!it->str) return ad_small_int(0);
    return ad_small_int((int64_t)(it->str->nchars - ad_str_char_index(t, it->str, it->pos)));
}

static const AdMethodDef str_iter_methods[] = {
    {"__next__", str_iter_next, AD_METH_INSTANCE, NULL, NULL},
    {"__iter__", str_iter_iter, AD_METH_INSTANCE, NULL, NULL},
    {"__length_hint__", str_iter_length_hint, AD_METH_INSTANCE, NULL, NULL},
    {NULL, NULL, 0, NULL, NULL},
};

/* ---- dunders --------------------------------------------------------------------------- */

#define SELF(name)                                                                                 \
    AdStr *self = ad_is_type(args[0], t->vm->type_str) ? AD_AS(AdStr, args[0])                     \
                                                       : ad_str_self(t, args[0], name);           \
    if (!self) return AD_NULLV

static AdValue str_len(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    if (!ad_args_check(t, "__len__", nargs - 1, kwnames, 0, 0)) return AD_NULLV;
    SELF("__len__");
    return ad_small_int((int64_t)self->nchars);
}

static AdValue str_hash(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    if (!ad_args_check(t, "__hash__", nargs - 1, kwnames, 0, 0)) return AD_NULLV;
    SELF("__hash__");
    return ad_small_int(ad_str_hash(self));
}

static AdValue str_repr_m(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    if (!ad_args_check(t, "__repr__", nargs - 1, kwnames, 0, 0)) return AD_NULLV;
    SELF("__repr__");
    return ad_str_repr(t, self);
}

static AdValue str_str(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    if (!ad_args_check(t, "__str__", nargs - 1, kwnames, 0, 0)) return AD_NULLV;
    SELF("__str__");
    if (is_exact_str(t, self)) return args[0];
    AdStr *r = ad_str_new_known(t, self->data, self->len, self->nchars, ad_str_is_ascii(self));
    return r ? ad_obj(r) : AD_NULLV;
}

/* Rich comparison by code point, which for UTF-8 is plain byte order. */
static int compare_strs(AdStr *a, AdStr *b) {
    size_t n = a->len < b->len ? a->len : b->len;
    int c = memcmp(a->data, b->data, n);
    if (c) return c < 0 ? -1 : 1;
    return a->len < b->len ? -1 : a->len > b->len ? 1 : 0;
}

static AdValue compare(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames, int op,
                       const char *name) {
    if (!ad_args_check(t, name, nargs - 1, kwnames, 1, 1)) return AD_NULLV;
    AdStr *self = ad_str_self(t, args[0], name);
    if (!self) return AD_NULLV;
    if (!ad_is_str(t, args[1])) return t->vm->not_implemented;
    AdStr *other = AD_AS(AdStr, args[1]);
    if (op == AD_CMP_EQ) return ad_bool(ad_str_eq(self, other));
    if (op == AD_CMP_NE) return ad_bool(!ad_str_eq(self, other));
    int c = compare_strs(self, other);
    switch (op) {
    case AD_CMP_LT: return ad_bool(c < 0);
    case AD_CMP_LE: return ad_bool(c <= 0);
    case AD_CMP_GT: return ad_bool(c > 0);
    default: return ad_bool(c >= 0);
    }
}

static AdValue str_eq(AdThread *t, AdValue *a, int n, AdTuple *k) {
    return compare(t, a, n, k, AD_CMP_EQ, "__eq__");
}
static AdValue str_ne(AdThread *t, AdValue *a, int n, AdTuple *k) {
    return compare(t, a, n, k, AD_CMP_NE, "__ne__");
}
static AdValue str_lt(AdThread *t, AdValue *a, int n, AdTuple *k) {
    return compare(t, a, n, k, AD_CMP_LT, "__lt__");
}
static AdValue str_le(AdThread *t, AdValue *a, int n, AdTuple *k) {
    return compare(t, a, n, k, AD_CMP_LE, "__le__");
}
static AdValue str_gt(AdThread *t, AdValue *a, int n, AdTuple *k) {
    return compare(t, a, n, k, AD_CMP_GT, "__gt__");
}
static AdValue str_ge(AdThread *t, AdValue *a, int n, AdTuple *k) {
    return compare(t, a, n, k, AD_CMP_GE, "__ge__");
}

/* Whether the other operand's type has a reflected method written in Python, which must get
 * its turn before str reports the TypeError (builtin types' reflected methods never accept
 * a str on the left, so for them the error is raised here with CPython's wording). */
static bool has_script_reflected(AdThread *t, AdValue other, int binop) {
    AdValue m = ad_type_lookup(ad_type_of(t, other), t->vm->binop_names[AD_BINOP_COUNT + binop]);
    return !AD_IS_NULL(m) && !ad_is_type(m, t->vm->type_builtin_function);
}

static AdValue str_add(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    if (!ad_args_check(t, "__add__", nargs - 1, kwnames, 1, 1)) return AD_NULLV;
    SELF("__add__");
    if (!ad_is_str(t, args[1])) {
        if (has_script_reflected(t, args[1], AD_BINOP_ADD)) return t->vm->not_implemented;
        return ad_err_raise_v(t, t->vm->exc_TypeError,
                              "can only concatenate str (not \"%T\") to str", args[1]);
    }
    AdStr *r = ad_str_concat(t, self, AD_AS(AdStr, args[1]));
    return r ? ad_obj(r) : AD_NULLV;
}

static AdValue repeat(AdThread *t, AdStr *self, AdValue count) {
    int64_t n;
    if (!ad_rt_index(t, count, &n)) {
        if (ad_err_matches(t, t->vm->exc_OverflowError)) {
            ad_err_clear(t);
            return ad_err_raise_v(t, t->vm->exc_OverflowError,
                                  "cannot fit 'int' into an index-sized integer");
        }
        return AD_NULLV;
    }
    if (n <= 0 || self->len == 0) return ad_obj(t->vm->name.empty);
    if (n == 1 && is_exact_str(t, self)) return ad_obj(self);
    if ((uint64_t)n > (uint64_t)INT64_MAX / self->len)
        return ad_err_raise_v(t, t->vm->exc_OverflowError, "repeated string is too long");
    size_t total = (size_t)n * self->len;
    AdStr *r = ad_str_alloc(t, total);
    if (!r) return AD_NULLV;
    if (self->len == 1) {
        memset(r->data, self->data[0], total);
    } else {
        /* Doubling copies: log(n) memcpy calls. */
        memcpy(r->data, self->data, self->len);
        size_t done = self->len;
        while (done < total) {
            size_t chunk = done <= total - done ? done : total - done;
            memcpy(r->data + done, r->data, chunk);
            done += chunk;
        }
    }
    r->data[total] = '\0';
    r->nchars = self->nchars * (size_t)n;
    if (ad_str_is_ascii(self)) r->obj.flags |= AD_STR_ASCII;
    return ad_obj(r);
}

static bool indexable(AdThread *t, AdValue v) {
    return v.tag == AD_TAG_INT || v.tag == AD_TAG_BOOL ||
           !AD_IS_NULL(ad_type_lookup(ad_type_of(t, v), t->vm->name.index));
}

static AdValue str_mul(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    if (!ad_args_check(t, "__mul__", nargs - 1, kwnames, 1, 1)) return AD_NULLV;
    SELF("__mul__");
    if (!indexable(t, args[1])) {
        if (has_script_reflected(t, args[1], AD_BINOP_MUL)) return t->vm->not_implemented;
        return ad_err_raise_v(t, t->vm->exc_TypeError,
                              "can't multiply sequence by non-int of type '%T'", args[1]);
    }
    return repeat(t, self, args[1]);
}

static AdValue str_rmul(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    if (!ad_args_check(t, "__rmul__", nargs - 1, kwnames, 1, 1)) return AD_NULLV;
    SELF("__rmul__");
    if (!indexable(t, args[1])) return t->vm->not_implemented;
    return repeat(t, self, args[1]);
}

static AdValue str_mod(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    if (!ad_args_check(t, "__mod__", nargs - 1, kwnames, 1, 1)) return AD_NULLV;
    SELF("__mod__");
    return ad_str_mod(t, self, args[1]);
}

static AdValue str_rmod(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    if (!ad_args_check(t, "__rmod__", nargs - 1, kwnames, 1, 1)) return AD_NULLV;
    SELF("__rmod__");
    if (!ad_is_str(t, args[1])) return t->vm->not_implemented;
    return ad_str_mod(t, AD_AS(AdStr, args[1]), args[0]);
}

static AdValue str_contains(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    if (!ad_args_check(t, "__contains__", nargs - 1, kwnames, 1, 1)) return AD_NULLV;
    SELF("__contains__");
    if (!ad_is_str(t, args[1]))
        return ad_err_raise_v(t, t->vm->exc_TypeError,
                              "'in <string>' requires string as left operand, not %T", args[1]);
    AdStr *sub = AD_AS(AdStr, args[1]);
    return ad_bool(ad_str_find_bytes(self->data, self->len, sub->data, sub->len) >= 0);
}

static AdValue str_getitem_m(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    if (!ad_args_check(t, "__getitem__", nargs - 1, kwnames, 1, 1)) return AD_NULLV;
    SELF("__getitem__");
    return ad_str_getitem(t, self, args[1]);
}

static AdValue str_iter(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    if (!ad_args_check(t, "__iter__", nargs - 1, kwnames, 0, 0)) return AD_NULLV;
    SELF("__iter__");
    AdStrIter *it = ad_gc_alloc(t, t->vm->type_str_iterator, sizeof(AdStrIter));
    if (!it) return AD_NULLV;
    it->str = self;
    it->pos = 0;
    return ad_obj(it);
}

static AdValue str_format_m(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    if (!ad_args_check(t, "__format__", nargs - 1, kwnames, 1, 1)) return AD_NULLV;
    SELF("__format__");
    if (!ad_is_str(t, args[1]))
        return ad_err_raise_v(t, t->vm->exc_TypeError, "__format__() argument must be str, not %T",
                              args[1]);
    (void)self;
    return ad_str_format_spec(t, args[0], AD_AS(AdStr, args[1]));
}

static AdValue str_getnewargs(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    if (!ad_args_check(t, "__getnewargs__", nargs - 1, kwnames, 0, 0)) return AD_NULLV;
    SELF("__getnewargs__");
    AdStr *copy = ad_str_new_known(t, self->data, self->len, self->nchars, ad_str_is_ascii(self));
    if (!copy) return AD_NULLV;
    AdTuple *tup = ad_tuple_pack(t, 1, ad_obj(copy));
    return tup ? ad_obj(tup) : AD_NULLV;
}

static AdValue str_sizeof(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    if (!ad_args_check(t, "__sizeof__", nargs - 1, kwnames, 0, 0)) return AD_NULLV;
    SELF("__sizeof__");
    /* CPython's figure for its compact representation (1, 2 or 4 bytes per character by
     * the widest one), which is what scripts print and compare. */
    int64_t n = (int64_t)self->nchars;
    if (ad_str_is_ascii(self)) return ad_small_int(49 + n);
    uint32_t widest = 0;
    for (size_t i = 0; i < self->len;) {
        size_t k;
        uint32_t cp = ad_utf8_decode(self->data + i, &k);
        if (cp > widest) widest = cp;
        i += k;
    }
    if (widest < 0x100) return ad_small_int(73 + n);
    if (widest < 0x10000) return ad_small_int(74 + 2 * n);
    return ad_small_int(76 + 4 * n);
}

/* The text of an `encoding`/`errors` argument, NULL when omitted. */
static bool codec_arg(AdThread *t, AdValue v, const char *fname, const char *argname,
                      const char **out) {
    *out = NULL;
    if (AD_IS_NULL(v)) return true;
    if (!ad_is_str(t, v))
        return ad_err_raise(t, t->vm->exc_TypeError, "%s() argument '%s' must be str, not %T",
                            fname, argname, v);
    *out = AD_AS(AdStr, v)->data;
    return true;
}

/* A str of class `cls` holding the text of `src` (a str value). */
static AdValue str_of_class(AdThread *t, AdType *cls, AdValue src) {
    if (cls == t->vm->type_str) return src;
    AdStr *s = AD_AS(AdStr, src);
    /* str is var-sized, so obj_type.c gives its subclasses no instance dict or slots: an
     * instance is laid out exactly as a str. */
    AdStr *r = ad_gc_alloc(t, cls, sizeof(AdStr) + s->len + 1);
    if (!r) return AD_NULLV;
    r->len = s->len;
    r->nchars = s->nchars;
    r->hash = -1;
    memcpy(r->data, s->data, s->len + 1);
    if (ad_str_is_ascii(s)) r->obj.flags |= AD_STR_ASCII;
    return ad_obj(r);
}

static AdValue str_new(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    static const char *const names[] = {"object", "encoding", "errors"};
    AdValue a[3];
    if (nargs < 1 || !ad_is_instance_of(t, args[0], t->vm->type_type))
        return ad_err_raise_v(t, t->vm->exc_TypeError, "str.__new__(X): X is not a type object");
    AdType *cls = AD_AS(AdType, args[0]);
    if (cls != t->vm->type_str && !ad_type_is_subtype(cls, t->vm->type_str))
        return ad_err_raise_v(t, t->vm->exc_TypeError,
                              "str.__new__(%s): %s is not a subtype of str", ad_type_name(cls),
                              ad_type_name(cls));
    if (!ad_args_parse(t, "str", args + 1, nargs - 1, kwnames, names, 3, 3, 0, a)) return AD_NULLV;
    AdValue result;
    if (AD_IS_NULL(a[1]) && AD_IS_NULL(a[2])) {
        result = AD_IS_NULL(a[0]) ? ad_obj(t->vm->name.empty) : ad_rt_str(t, a[0]);
    } else {
        const char *encoding, *errors;
        if (!codec_arg(t, a[1], "str", "encoding", &encoding) ||
            !codec_arg(t, a[2], "str", "errors", &errors))
            return AD_NULLV;
        if (AD_IS_NULL(a[0])) {
            result = ad_obj(t->vm->name.empty);
        } else if (ad_is_instance_of(t, a[0], t->vm->type_bytes)) {
            AdBytes *by = AD_AS(AdBytes, a[0]);
            result = ad_str_decode(t, by->data, by->len, encoding, errors);
        } else if (ad_is_instance_of(t, a[0], t->vm->type_bytearray)) {
            AdByteArray *ba = AD_AS(AdByteArray, a[0]);
            result = ad_str_decode(t, ba->data, ba->len, encoding, errors);
        } else if (ad_is_str(t, a[0])) {
            return ad_err_raise_v(t, t->vm->exc_TypeError, "decoding str is not supported");
        } else {
            return ad_err_raise_v(t, t->vm->exc_TypeError,
                                  "decoding to str: need a bytes-like object, %T found", a[0]);
        }
    }
    if (AD_IS_NULL(result)) return AD_NULLV;
    ad_gc_push_root(t, result);
    return str_of_class(t, cls, result);
}

static const AdMethodDef str_dunders[] = {
    {"__new__", str_new, AD_METH_STATIC, NULL, NULL},
    {"__repr__", str_repr_m, AD_METH_INSTANCE, NULL, NULL},
    {"__str__", str_str, AD_METH_INSTANCE, NULL, NULL},
    {"__hash__", str_hash, AD_METH_INSTANCE, NULL, NULL},
    {"__len__", str_len, AD_METH_INSTANCE, NULL, NULL},
    {"__eq__", str_eq, AD_METH_INSTANCE, NULL, NULL},
    {"__ne__", str_ne, AD_METH_INSTANCE, NULL, NULL},
    {"__lt__", str_lt, AD_METH_INSTANCE, NULL, NULL},
    {"__le__", str_le, AD_METH_INSTANCE, NULL, NULL},
    {"__gt__", str_gt, AD_METH_INSTANCE, NULL, NULL},
    {"__ge__", str_ge, AD_METH_INSTANCE, NULL, NULL},
    {"__add__", str_add, AD_METH_INSTANCE, NULL, NULL},
    {"__mul__", str_mul, AD_METH_INSTANCE, NULL, NULL},
    {"__rmul__", str_rmul, AD_METH_INSTANCE, NULL, NULL},
    {"__mod__", str_mod, AD_METH_INSTANCE, NULL, NULL},
    {"__rmod__", str_rmod, AD_METH_INSTANCE, NULL, NULL},
    {"__contains__", str_contains, AD_METH_INSTANCE, NULL, NULL},
    {"__getitem__", str_getitem_m, AD_METH_INSTANCE, NULL, NULL},
    {"__iter__", str_iter, AD_METH_INSTANCE, NULL, NULL},
    {"__format__", str_format_m, AD_METH_INSTANCE, NULL, NULL},
    {"__getnewargs__", str_getnewargs, AD_METH_INSTANCE, NULL, NULL},
    {"__sizeof__", str_sizeof, AD_METH_INSTANCE, NULL, NULL},
    {NULL, NULL, 0, NULL, NULL},
};

bool ad_str_setup(AdThread *t) {
    AdVM *vm = t->vm;
    if (!ad_type_init_builtin(t, vm->type_str, "str", vm->type_object, sizeof(AdStr), NULL, NULL,
                              str_dunders, AD_TPFLAG_BASETYPE))
        return false;
    if (!ad_str_methods_setup(t)) return false;
    return ad_type_init_builtin(t, vm->type_str_iterator, "str_iterator", vm->type_object,
                                sizeof(AdStrIter), str_iter_trace, NULL, str_iter_methods, 0);
}
