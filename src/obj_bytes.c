/*
 * obj_bytes.c - bytes and bytearray: construction, repr, the sequence protocol, bytearray
 * mutation, and the iterator shared by both. The text-like methods (find, split, strip,
 * decode, hex ...) are in bytes_methods.c.
 *
 * A bytes object holds its data inline (NUL-terminated for C callers); a bytearray owns a
 * malloc'd buffer (NULL while empty) that may move whenever it grows, so views into it
 * are re-taken after anything that can run script code or allocate into it. Hashing is
 * FNV-1a, cached: CPython randomises bytes hashes, so no script can depend on the value.
 */
#include <stdio.h>
#include <string.h>

#include "bytes_impl.h"
#include "iter.h"
#include "seq.h"

/* ---- construction ---------------------------------------------------------------------- */

static AdBytes *alloc_bytes(AdThread *t, AdType *cls, size_t len) {
    size_t base = cls == t->vm->type_bytes ? sizeof(AdBytes) : cls->instance_size;
    if (len > SIZE_MAX / 2 - base) {
        ad_err_nomemory(t);
        return NULL;
    }
    AdBytes *b = ad_gc_alloc(t, cls, base + len + 1);
    if (!b) return NULL;
    b->len = len;
    b->hash = -1;
    return b;
}

AdBytes *ad_bytes_new(AdThread *t, const void *data, size_t len) {
    AdBytes *b = alloc_bytes(t, t->vm->type_bytes, len);
    if (!b) return NULL;
    if (len) memcpy(b->data, data, len);
    b->data[len] = 0;
    return b;
}

static bool ba_reserve(AdThread *t, AdByteArray *ba, size_t need) {
    if (need <= ba->cap) return true;
    if (need > SIZE_MAX / 2) return ad_err_nomemory(t);
    size_t cap = need + (need >> 3) + 8;
    uint8_t *data = ad_mem_realloc(t, ba->data, ba->cap, cap);
    if (!data) return false;
    ba->data = data;
    ba->cap = cap;
    return true;
}

static AdByteArray *alloc_bytearray(AdThread *t, AdType *cls, size_t len) {
    uint8_t *data = NULL;
    if (len) {
        data = ad_mem_alloc(t, len);
        if (!data) return NULL;
    }
    size_t size = cls == t->vm->type_bytearray ? sizeof(AdByteArray) : cls->instance_size;
    AdByteArray *ba = ad_gc_alloc(t, cls, size);
    if (!ba) {
        ad_mem_free(t->vm, data, len);
        return NULL;
    }
    ba->data = data;
    ba->len = ba->cap = len;
    return ba;
}

AdValue ad_bytes_alloc_like(AdThread *t, bool bytearray, size_t len, uint8_t **data) {
    if (bytearray) {
        AdByteArray *ba = alloc_bytearray(t, t->vm->type_bytearray, len);
        if (!ba) return AD_NULLV;
        *data = ba->data;
        return ad_obj(ba);
    }
    AdBytes *b = alloc_bytes(t, t->vm->type_bytes, len);
    if (!b) return AD_NULLV;
    b->data[len] = 0;
    *data = b->data;
    return ad_obj(b);
}

AdValue ad_bytes_make_like(AdThread *t, bool bytearray, const void *data, size_t len) {
    uint8_t *p;
    AdValue r = ad_bytes_alloc_like(t, bytearray, len, &p);
    if (!AD_IS_NULL(r) && len) memcpy(p, data, len);
    return r;
}

bool ad_is_bytearray(AdThread *t, AdValue v) {
    return v.tag == AD_TAG_OBJ && (v.as.o->type == t->vm->type_bytearray ||
                                   ad_type_is_subtype(v.as.o->type, t->vm->type_bytearray));
}

bool ad_bytes_view(AdThread *t, AdValue v, AdByteView *out) {
    AdVM *vm = t->vm;
    if (v.tag != AD_TAG_OBJ) return false;
    AdType *type = v.as.o->type;
    if (type == vm->type_bytes || (type != vm->type_bytearray && ad_type_is_subtype(type, vm->type_bytes))) {
        out->p = AD_AS(AdBytes, v)->data;
        out->n = AD_AS(AdBytes, v)->len;
        return true;
    }
    if (type == vm->type_bytearray || ad_type_is_subtype(type, vm->type_bytearray)) {
        out->p = AD_AS(AdByteArray, v)->data;
        out->n = AD_AS(AdByteArray, v)->len;
        if (!out->p) out->p = (const uint8_t *)"";
        return true;
    }
    return false;
}

/* A byte value 0..255 from an int-like value; `range_msg` words the ValueError (bytes()
 * says "bytes must be...", everything else "byte must be..."). */
static bool byte_in(AdThread *t, AdValue v, uint8_t *out, const char *range_msg) {
    int64_t i;
    if (v.tag == AD_TAG_INT || v.tag == AD_TAG_BOOL) {
        i = v.as.i;
    } else if (!ad_rt_index(t, v, &i)) {
        if (ad_err_matches(t, t->vm->exc_OverflowError)) {
            ad_err_clear(t);
            return ad_err_raise(t, t->vm->exc_ValueError, "%s", range_msg);
        }
        return false;
    }
    if (i < 0 || i > 255) return ad_err_raise(t, t->vm->exc_ValueError, "%s", range_msg);
    *out = (uint8_t)i;
    return true;
}

static bool byte_of(AdThread *t, AdValue v, uint8_t *out) {
    return byte_in(t, v, out, "byte must be in range(0, 256)");
}

/* Appends the bytes of any accepted source to `buf` (CPython's bytes(x) rules after the
 * str and int cases). */
static bool collect_source(AdThread *t, AdBuf *buf, AdValue src, const char *range_msg) {
    AdVM *vm = t->vm;
    AdByteView v;
    if (ad_bytes_view(t, src, &v)) return ad_buf_add(t, buf, (const char *)v.p, v.n);
    if (ad_is_type(src, vm->type_list) || ad_is_type(src, vm->type_tuple)) {
        AdValue *items = ad_is_type(src, vm->type_list) ? AD_AS(AdList, src)->items
                                                        : AD_AS(AdTuple, src)->items;
        size_t n = ad_is_type(src, vm->type_list) ? AD_AS(AdList, src)->len
                                                   : AD_AS(AdTuple, src)->len;
        for (size_t i = 0; i < n; i++) {
            uint8_t c;
            if (!byte_in(t, items[i], &c, range_msg) || !ad_buf_addc(t, buf, (char)c)) return false;
            if (ad_is_type(src, vm->type_list)) {
                items = AD_AS(AdList, src)->items;
                n = AD_AS(AdList, src)->len;
            }
        }
        return true;
    }
    if (AD_IS_NULL(ad_type_lookup(ad_type_of(t, src), vm->name.iter)) &&
        AD_IS_NULL(ad_type_lookup(ad_type_of(t, src), vm->name.getitem)))
        return ad_err_raise(t, vm->exc_TypeError, "cannot convert '%T' object to bytes", src);
    int mark = ad_gc_root_mark(t);
    AdValue it = ad_rt_getiter(t, src);
    if (AD_IS_NULL(it)) return false;
    ad_gc_push_root(t, it);
    for (;;) {
        AdValue item;
        int rc = ad_iter_fast_next(t, it, &item);
        if (rc == -2) rc = ad_rt_next(t, it, &item);
        if (rc < 0) goto fail;
        if (rc == 0) break;
        uint8_t c;
        if (!byte_in(t, item, &c, range_msg) || !ad_buf_addc(t, buf, (char)c)) goto fail;
    }
    ad_gc_root_restore(t, mark);
    return true;
fail:
    ad_gc_root_restore(t, mark);
    return false;
}

static const char *cstr_arg(AdThread *t, AdValue v, const char *fname, const char *arg) {
    if (AD_IS_NULL(v)) return NULL;
    if (!ad_is_str(t, v)) {
        ad_err_raise(t, t->vm->exc_TypeError, "%s() argument '%s' must be str, not %T", fname,
                     arg, v);
        return NULL;
    }
    return AD_AS(AdStr, v)->data;
}

/* The data bytes(source, encoding, errors) / bytearray(...) would hold, into `buf`. */
static bool build_from_args(AdThread *t, const char *fname, AdValue src, AdValue enc,
                            AdValue errors, AdBuf *buf) {
    AdVM *vm = t->vm;
    if (AD_IS_NULL(src)) {
        if (!AD_IS_NULL(enc) || !AD_IS_NULL(errors))
            return ad_err_raise(t, vm->exc_TypeError,
                                AD_IS_NULL(enc) ? "errors without a string argument"
                                                : "encoding without a string argument");
        return true;
    }
    if (ad_is_str(t, src)) {
        if (AD_IS_NULL(enc))
            return ad_err_raise(t, vm->exc_TypeError, "string argument without an encoding");
        const char *e = cstr_arg(t, enc, fname, "encoding");
        if (!e) return false;
        const char *er = NULL;
        if (!AD_IS_NULL(errors) && !(er = cstr_arg(t, errors, fname, "errors"))) return false;
        AdValue b = ad_str_encode(t, AD_AS(AdStr, src), e, er);
        if (AD_IS_NULL(b)) return false;
        return ad_buf_add(t, buf, (const char *)AD_AS(AdBytes, b)->data, AD_AS(AdBytes, b)->len);
    }
    if (!AD_IS_NULL(enc))
        return ad_err_raise(t, vm->exc_TypeError, "encoding without a string argument");
    if (!AD_IS_NULL(errors))
        return ad_err_raise(t, vm->exc_TypeError, "errors without a string argument");
    AdType *st = ad_type_of(t, src);
    if (!ad_bytes_view(t, src, &(AdByteView){0}) &&
        !AD_IS_NULL(ad_type_lookup(st, vm->name.index))) {
        int64_t n;
        if (!ad_rt_index(t, src, &n)) return false;
        if (n < 0) return ad_err_raise(t, vm->exc_ValueError, "negative count");
        if ((uint64_t)n > SIZE_MAX / 4) return ad_err_nomemory(t);
        if (!ad_buf_add(t, buf, NULL, 0)) return false;
        for (int64_t i = 0; i < n; i++)
            if (!ad_buf_addc(t, buf, 0)) return false;
        return true;
    }
    return collect_source(t, buf, src,
                          strcmp(fname, "bytes") == 0 ? "bytes must be in range(0, 256)"
                                                      : "byte must be in range(0, 256)");
}

static AdValue bytes_new_m(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    AdVM *vm = t->vm;
    static const char *const names[] = {"source", "encoding", "errors"};
    AdValue a[3];
    if (!ad_args_parse(t, "bytes", args + 1, nargs - 1, kwnames, names, 3, 3, 0, a))
        return AD_NULLV;
    AdValue cls = args[0];
    if (!ad_is_instance_of(t, cls, vm->type_type) ||
        !ad_type_is_subtype(AD_AS(AdType, cls), vm->type_bytes))
        return ad_err_raise_v(t, vm->exc_TypeError, "bytes.__new__(X): X is not a subtype of bytes");
    AdType *type = AD_AS(AdType, cls);
    /* __bytes__ first, as CPython does (it is not found on bytes itself for exact input). */
    if (!AD_IS_NULL(a[0]) && AD_IS_NULL(a[1]) && AD_IS_NULL(a[2])) {
        if (type == vm->type_bytes && ad_is_type(a[0], vm->type_bytes)) return a[0];
        AdStr *bname = ad_str_intern_cstr(t, "__bytes__");
        if (!bname) return AD_NULLV;
        AdValue meth = ad_type_lookup(ad_type_of(t, a[0]), bname);
        if (!AD_IS_NULL(meth) && !ad_is_instance_of(t, a[0], vm->type_bytes)) {
            AdValue r = ad_rt_call_special(t, a[0], bname, NULL, 0);
            if (AD_IS_NULL(r)) return AD_NULLV;
            if (!ad_is_instance_of(t, r, vm->type_bytes))
                return ad_err_raise_v(t, vm->exc_TypeError,
                                      "__bytes__ returned non-bytes (type %T)", r);
            if (type == vm->type_bytes) return r;
            a[0] = r;
            ad_gc_push_root(t, r);
        }
    }
    AdBuf buf;
    ad_buf_init(&buf);
    if (!build_from_args(t, "bytes", a[0], a[1], a[2], &buf)) {
        ad_buf_free(&buf);
        return AD_NULLV;
    }
    AdBytes *b = alloc_bytes(t, type, buf.len);
    if (b) {
        if (buf.len) memcpy(b->data, buf.data, buf.len);
        b->data[buf.len] = 0;
    }
    ad_buf_free(&buf);
    return b ? ad_obj(b) : AD_NULLV;
}

static AdValue bytearray_new_m(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    (void)nargs;
    (void)kwnames;
    AdVM *vm = t->vm;
    AdValue cls = args[0];
    if (!ad_is_instance_of(t, cls, vm->type_type) ||
        !ad_type_is_subtype(AD_AS(AdType, cls), vm->type_bytearray))
        return ad_err_raise_v(t, vm->exc_TypeError,
                              "bytearray.__new__(X): X is not a subtype of bytearray");
    AdByteArray *ba = alloc_bytearray(t, AD_AS(AdType, cls), 0);
    return ba ? ad_obj(ba) : AD_NULLV;
}

static AdValue bytearray_init(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    if (!ad_is_bytearray(t, args[0]))
        return ad_err_raise_v(t, t->vm->exc_TypeError, "descriptor '__init__' requires a 'bytearray' object");
    static const char *const names[] = {"source", "encoding", "errors"};
    AdValue a[3];
    if (!ad_args_parse(t, "bytearray", args + 1, nargs - 1, kwnames, names, 3, 3, 0, a))
        return AD_NULLV;
    AdBuf buf;
    ad_buf_init(&buf);
    if (!build_from_args(t, "bytearray", a[0], a[1], a[2], &buf)) {
        ad_buf_free(&buf);
        return AD_NULLV;
    }
    AdByteArray *ba = AD_AS(AdByteArray, args[0]);
    bool ok = ba_reserve(t, ba, buf.len);
    if (ok) {
        if (buf.len) memcpy(ba->data, buf.data, buf.len);
        ba->len = buf.len;
    }
    ad_buf_free(&buf);
    return ok ? AD_NONE : AD_NULLV;
}

/* ---- repr, hash, compare --------------------------------------------------------------- */

AdValue ad_bytes_repr(AdThread *t, const uint8_t *data, size_t len, bool bytearray) {
    static const char hex[] = "0123456789abcdef";
    bool squote = memchr(data, '\'', len) != NULL, dquote = memchr(data, '"', len) != NULL;
    char quote = squote && !dquote ? '"' : '\'';
    AdBuf b;
    ad_buf_init(&b);
    if (bytearray && !ad_buf_adds(t, &b, "bytearray(")) goto fail;
    if (!ad_buf_addc(t, &b, 'b') || !ad_buf_addc(t, &b, quote)) goto fail;
    for (size_t i = 0; i < len; i++) {
        uint8_t c = data[i];
        char esc[4];
        size_t n = 0;
        if (c == (uint8_t)quote || c == '\\') {
            esc[n++] = '\\';
            esc[n++] = (char)c;
        } else if (c == '\t') {
            esc[n++] = '\\';
            esc[n++] = 't';
        } else if (c == '\n') {
            esc[n++] = '\\';
            esc[n++] = 'n';
        } else if (c == '\r') {
            esc[n++] = '\\';
            esc[n++] = 'r';
        } else if (c < ' ' || c >= 0x7f) {
            esc[n++] = '\\';
            esc[n++] = 'x';
            esc[n++] = hex[c >> 4];
            esc[n++] = hex[c & 15];
        } else {
            esc[n++] = (char)c;
        }
        if (!ad_buf_add(t, &b, esc, n)) goto fail;
    }
    if (!ad_buf_addc(t, &b, quote)) goto fail;
    if (bytearray && !ad_buf_addc(t, &b, ')')) goto fail;
    AdStr *s = ad_buf_finish(t, &b);
    return s ? ad_obj(s) : AD_NULLV;
fail:
    ad_buf_free(&b);
    return AD_NULLV;
}

static AdValue bytes_repr(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    (void)kwnames;
    VIEW_SELF("__repr__");
    if (is_ba && AD_AS_OBJ(args[0])->type != t->vm->type_bytearray) {
        AdValue inner = ad_bytes_repr(t, self.p, self.n, false);
        if (AD_IS_NULL(inner)) return AD_NULLV;
        ad_gc_push_root(t, inner);
        AdStr *s = ad_str_printf(t, "%s(%s)", ad_type_name(AD_AS_OBJ(args[0])->type),
                                 AD_AS(AdStr, inner)->data);
        return s ? ad_obj(s) : AD_NULLV;
    }
    return ad_bytes_repr(t, self.p, self.n, is_ba);
}

static AdValue bytes_str(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    return bytes_repr(t, args, nargs, kwnames);
}

static AdValue bytes_hash(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    (void)kwnames;
    VIEW_SELF("__hash__");
    AdBytes *b = AD_AS(AdBytes, args[0]);
    if (b->hash != -1) return ad_small_int(b->hash);
    uint64_t h = 14695981039346656037ULL;
    for (size_t i = 0; i < self.n; i++) {
        h ^= self.p[i];
        h *= 1099511628211ULL;
    }
    int64_t r = (int64_t)(h >> 1);
    if (r == -1) r = -2;
    b->hash = r;
    return ad_small_int(r);
}

static int compare_views(AdByteView a, AdByteView b) {
    size_t n = a.n < b.n ? a.n : b.n;
    int c = n ? memcmp(a.p, b.p, n) : 0;
    if (c) return c < 0 ? -1 : 1;
    return a.n < b.n ? -1 : a.n > b.n ? 1 : 0;
}

static AdValue bytes_compare(AdThread *t, AdValue *args, int nargs, int op) {
    AdByteView a, b;
    if (nargs != 2 || !ad_bytes_view(t, args[0], &a) || !ad_bytes_view(t, args[1], &b))
        return t->vm->not_implemented;
    if ((op == AD_CMP_EQ || op == AD_CMP_NE) && a.n != b.n) return ad_bool(op == AD_CMP_NE);
    int c = compare_views(a, b);
    switch (op) {
    case AD_CMP_LT: return ad_bool(c < 0);
    case AD_CMP_LE: return ad_bool(c <= 0);
    case AD_CMP_EQ: return ad_bool(c == 0);
    case AD_CMP_NE: return ad_bool(c != 0);
    case AD_CMP_GT: return ad_bool(c > 0);
    default: return ad_bool(c >= 0);
    }
}

AD_RICHCMP_FNS(bytes, bytes_compare)

/* ---- sequence protocol ----------------------------------------------------------------- */

static AdValue bytes_len(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    (void)kwnames;
    VIEW_SELF("__len__");
    return ad_small_int((int64_t)self.n);
}

static AdValue bytes_getitem(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    VIEW_SELF("__getitem__");
    ARGS("__getitem__", 1, 1);
    int64_t i;
    int kind = ad_seq_key(t, args[1], &i, is_ba ? "bytearray" : "byte");
    if (kind < 0) return AD_NULLV;
    if (!ad_bytes_view(t, args[0], &self)) return AD_NULLV;
    int64_t len = (int64_t)self.n;
    if (kind == 1) {
        if (!ad_seq_item_index(t, &i, self.n,
                               is_ba ? "bytearray index out of range" : "index out of range"))
            return AD_NULLV;
        return ad_small_int(self.p[i]);
    }
    int64_t start, stop, step, n;
    if (!ad_slice_indices(t, AD_AS(AdSlice, args[1]), len, &start, &stop, &step, &n))
        return AD_NULLV;
    if (!ad_bytes_view(t, args[0], &self)) return AD_NULLV;
    if (n > (int64_t)self.n) n = 0; /* resized under us */
    if (step == 1) {
        if (!is_ba && n == len && AD_AS_OBJ(args[0])->type == t->vm->type_bytes) return args[0];
        return ad_bytes_make_like(t, is_ba, self.p + start, (size_t)n);
    }
    uint8_t *p;
    AdValue r = ad_bytes_alloc_like(t, is_ba, (size_t)n, &p);
    if (AD_IS_NULL(r)) return AD_NULLV;
    if (!ad_bytes_view(t, args[0], &self)) return AD_NULLV;
    for (int64_t k = 0, j = start; k < n; k++, j += step) p[k] = self.p[j];
    return r;
}

static AdValue bytes_contains(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    VIEW_SELF("__contains__");
    ARGS("__contains__", 1, 1);
    AdByteView sub;
    if (ad_bytes_view(t, args[1], &sub)) {
        if (sub.n == 0) return AD_TRUE;
        return ad_bool(memmem(self.p, self.n, sub.p, sub.n) != NULL);
    }
    AdType *at = ad_type_of(t, args[1]);
    if (!ad_is_int(t, args[1]) && AD_IS_NULL(ad_type_lookup(at, t->vm->name.index)))
        return ad_err_raise_v(t, t->vm->exc_TypeError,
                              "a bytes-like object is required, not '%T'", args[1]);
    uint8_t c;
    if (!byte_of(t, args[1], &c)) return AD_NULLV;
    if (!ad_bytes_view(t, args[0], &self)) return AD_NULLV;
    return ad_bool(memchr(self.p, c, self.n) != NULL);
}

static AdValue bytes_add(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    (void)kwnames;
    VIEW_SELF("__add__");
    AdByteView other;
    if (nargs != 2) return ad_err_raise_v(t, t->vm->exc_TypeError, "expected 1 argument");
    if (!ad_bytes_view(t, args[1], &other)) {
        if (ad_seq_defers_to(t, args[1], AD_BINOP_ADD)) return t->vm->not_implemented;
        return ad_err_raise_v(t, t->vm->exc_TypeError, "can't concat %T to %T", args[1], args[0]);
    }
    uint8_t *p;
    AdValue r = ad_bytes_alloc_like(t, is_ba, self.n + other.n, &p);
    if (AD_IS_NULL(r)) return AD_NULLV;
    ad_bytes_view(t, args[0], &self);
    ad_bytes_view(t, args[1], &other);
    if (self.n) memcpy(p, self.p, self.n);
    if (other.n) memcpy(p + self.n, other.p, other.n);
    return r;
}

static AdValue bytes_mul(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    (void)kwnames;
    VIEW_SELF("__mul__");
    AdVM *vm = t->vm;
    if (nargs != 2) return ad_err_raise_v(t, vm->exc_TypeError, "expected 1 argument");
    int64_t n;
    int rc = ad_seq_repeat_count(t, args[1], &n);
    if (rc < 0) return AD_NULLV;
    if (rc == 0) return vm->not_implemented;
    if (self.n && (uint64_t)n > (SIZE_MAX / 4) / self.n) return ad_err_nomemory(t), AD_NULLV;
    size_t total = self.n * (size_t)n;
    if (!is_ba && n == 1 && AD_AS_OBJ(args[0])->type == vm->type_bytes) return args[0];
    uint8_t *p;
    AdValue r = ad_bytes_alloc_like(t, is_ba, total, &p);
    if (AD_IS_NULL(r)) return AD_NULLV;
    ad_bytes_view(t, args[0], &self);
    if (self.n == 1) {
        memset(p, self.p[0], total);
    } else {
        for (int64_t k = 0; k < n; k++) memcpy(p + (size_t)k * self.n, self.p, self.n);
    }
    return r;
}

static AdValue bytes_iter(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    (void)kwnames;
    VIEW_SELF("__iter__");
    AdBytesIter *it = ad_gc_alloc(t, t->vm->type_bytes_iterator, sizeof(AdBytesIter));
    if (!it) return AD_NULLV;
    it->seq = AD_AS_OBJ(args[0]);
    return ad_obj(it);
}

static AdValue bytes_bytes(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    (void)kwnames;
    VIEW_SELF("__bytes__");
    if (ad_is_type(args[0], t->vm->type_bytes)) return args[0];
    AdBytes *b = ad_bytes_new(t, self.p, self.n);
    return b ? ad_obj(b) : AD_NULLV;
}

static AdValue bytes_getnewargs(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    (void)kwnames;
    VIEW_SELF("__getnewargs__");
    AdBytes *b = ad_bytes_new(t, self.p, self.n);
    if (!b) return AD_NULLV;
    ad_gc_push_obj(t, b);
    AdTuple *r = ad_tuple_pack(t, 1, ad_obj(b));
    return r ? ad_obj(r) : AD_NULLV;
}

/* ---- bytearray mutation ---------------------------------------------------------------- */

#define BA_SELF(name)                                                                       \
    if (nargs < 1 || !ad_is_bytearray(t, args[0]))                                         \
        return ad_err_raise_v(t, t->vm->exc_TypeError,                                      \
                              "descriptor '%s' requires a 'bytearray' object", name);       \
    AdByteArray *ba = AD_AS(AdByteArray, args[0])

/* ba[lo:hi] = data[0..n); data must not point into ba. */
static bool ba_replace(AdThread *t, AdByteArray *ba, size_t lo, size_t hi, const uint8_t *data,
                       size_t n) {
    size_t old = hi - lo;
    if (n > old && !ba_reserve(t, ba, ba->len + (n - old))) return false;
    if (ba->len - hi) memmove(ba->data + lo + n, ba->data + hi, ba->len - hi);
    if (n) memcpy(ba->data + lo, data, n);
    ba->len = ba->len - old + n;
    return true;
}

/* The bytes of `v` for assignment into a bytearray, copied into `buf`. */
static bool assignment_bytes(AdThread *t, AdValue v, AdBuf *buf) {
    AdVM *vm = t->vm;
    AdByteView view;
    if (ad_bytes_view(t, v, &view)) return ad_buf_add(t, buf, (const char *)view.p, view.n);
    if (ad_is_int(t, v) || ad_is_str(t, v) ||
        (AD_IS_NULL(ad_type_lookup(ad_type_of(t, v), vm->name.iter)) &&
         AD_IS_NULL(ad_type_lookup(ad_type_of(t, v), vm->name.getitem))))
        return ad_err_raise(t, vm->exc_TypeError,
                            "can assign only bytes, buffers, or iterables of ints in range(0, 256)");
    return collect_source(t, buf, v, "byte must be in range(0, 256)");
}

static AdValue bytearray_setitem(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    BA_SELF("__setitem__");
    ARGS("__setitem__", 2, 2);
    int64_t i;
    int kind = ad_seq_key(t, args[1], &i, "bytearray");
    if (kind < 0) return AD_NULLV;
    if (kind == 1) {
        uint8_t c;
        if (!byte_of(t, args[2], &c)) return AD_NULLV;
        if (!ad_seq_item_index(t, &i, ba->len, "bytearray index out of range")) return AD_NULLV;
        ba->data[i] = c;
        return AD_NONE;
    }
    AdBuf buf;
    ad_buf_init(&buf);
    if (!assignment_bytes(t, args[2], &buf)) {
        ad_buf_free(&buf);
        return AD_NULLV;
    }
    int64_t start, stop, step, n;
    bool ok = ad_slice_indices(t, AD_AS(AdSlice, args[1]), (int64_t)ba->len, &start, &stop,
                               &step, &n);
    if (ok && step == 1) {
        if (stop < start) stop = start;
        ok = ba_replace(t, ba, (size_t)start, (size_t)stop, (const uint8_t *)buf.data, buf.len);
    } else if (ok) {
        if ((int64_t)buf.len != n) {
            ok = ad_err_raise(t, t->vm->exc_ValueError,
                              "attempt to assign bytes of size %zu to extended slice of size %zu",
                              buf.len, (size_t)n);
        } else {
            for (int64_t k = 0, j = start; k < n; k++, j += step) ba->data[j] = (uint8_t)buf.data[k];
        }
    }
    ad_buf_free(&buf);
    return ok ? AD_NONE : AD_NULLV;
}

static AdValue bytearray_delitem(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    BA_SELF("__delitem__");
    ARGS("__delitem__", 1, 1);
    int64_t i;
    int kind = ad_seq_key(t, args[1], &i, "bytearray");
    if (kind < 0) return AD_NULLV;
    if (kind == 1) {
        if (!ad_seq_item_index(t, &i, ba->len, "bytearray index out of range")) return AD_NULLV;
        return ba_replace(t, ba, (size_t)i, (size_t)i + 1, NULL, 0) ? AD_NONE : AD_NULLV;
    }
    int64_t start, stop, step, n;
    if (!ad_slice_indices(t, AD_AS(AdSlice, args[1]), (int64_t)ba->len, &start, &stop, &step,
                          &n))
        return AD_NULLV;
    if (n <= 0) return AD_NONE;
    if (step == 1) return ba_replace(t, ba, (size_t)start, (size_t)stop, NULL, 0) ? AD_NONE : AD_NULLV;
    ba->len = ad_seq_delete_stepped(ba->data, 1, ba->len, start, step, n);
    return AD_NONE;
}

static AdValue bytearray_append(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    BA_SELF("append");
    ARGS("append", 1, 1);
    uint8_t c;
    if (!byte_of(t, args[1], &c) || !ba_reserve(t, ba, ba->len + 1)) return AD_NULLV;
    ba->data[ba->len++] = c;
    return AD_NONE;
}

static AdValue bytearray_extend(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    BA_SELF("extend");
    ARGS("extend", 1, 1);
    if (ad_is_str(t, args[1]))
        return ad_err_raise_v(t, t->vm->exc_TypeError, "expected iterable of integers; got: 'str'");
    AdBuf buf;
    ad_buf_init(&buf);
    if (!ad_bytes_view(t, args[1], &(AdByteView){0}) && ad_is_int(t, args[1])) {
        return ad_err_raise_v(t, t->vm->exc_TypeError, "can't extend bytearray with %T", args[1]);
    }
    bool ok = collect_source(t, &buf, args[1], "byte must be in range(0, 256)") &&
              ba_replace(t, ba, ba->len, ba->len, (const uint8_t *)buf.data, buf.len);
    ad_buf_free(&buf);
    return ok ? AD_NONE : AD_NULLV;
}

static AdValue bytearray_iadd(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    BA_SELF("__iadd__");
    ARGS("__iadd__", 1, 1);
    AdByteView other;
    if (!ad_bytes_view(t, args[1], &other))
        return ad_err_raise_v(t, t->vm->exc_TypeError, "can't concat %T to bytearray", args[1]);
    AdBuf buf;
    ad_buf_init(&buf);
    bool ok = ad_buf_add(t, &buf, (const char *)other.p, other.n) &&
              ba_replace(t, ba, ba->len, ba->len, (const uint8_t *)buf.data, buf.len);
    ad_buf_free(&buf);
    return ok ? args[0] : AD_NULLV;
}

static AdValue bytearray_imul(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    BA_SELF("__imul__");
    ARGS("__imul__", 1, 1);
    int64_t n;
    if (!ad_rt_index(t, args[1], &n)) return AD_NULLV;
    if (n <= 0 || ba->len == 0) {
        ba->len = 0;
        return args[0];
    }
    size_t len = ba->len;
    if ((uint64_t)n > (SIZE_MAX / 4) / len) return ad_err_nomemory(t), AD_NULLV;
    if (!ba_reserve(t, ba, len * (size_t)n)) return AD_NULLV;
    for (int64_t k = 1; k < n; k++) memcpy(ba->data + (size_t)k * len, ba->data, len);
    ba->len = len * (size_t)n;
    return args[0];
}

static AdValue bytearray_pop(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    BA_SELF("pop");
    ARGS("pop", 0, 1);
    if (ba->len == 0) return ad_err_raise_v(t, t->vm->exc_IndexError, "pop from empty bytearray");
    int64_t len = (int64_t)ba->len, i = len - 1;
    if (nargs > 1) {
        if (!ad_rt_index(t, args[1], &i)) return AD_NULLV;
        if (!ad_seq_item_index(t, &i, ba->len, "pop index out of range")) return AD_NULLV;
    }
    uint8_t c = ba->data[i];
    ba_replace(t, ba, (size_t)i, (size_t)i + 1, NULL, 0);
    return ad_small_int(c);
}

static AdValue bytearray_insert(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    BA_SELF("insert");
    ARGS("insert", 2, 2);
    int64_t i;
    uint8_t c;
    if (!ad_rt_index(t, args[1], &i) || !byte_of(t, args[2], &c)) return AD_NULLV;
    int64_t len = (int64_t)ba->len;
    if (i < 0 && (i += len) < 0) i = 0;
    if (i > len) i = len;
    return ba_replace(t, ba, (size_t)i, (size_t)i, &c, 1) ? AD_NONE : AD_NULLV;
}

static AdValue bytearray_remove(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    BA_SELF("remove");
    ARGS("remove", 1, 1);
    uint8_t c;
    if (!byte_of(t, args[1], &c)) return AD_NULLV;
    uint8_t *p = ba->len ? memchr(ba->data, c, ba->len) : NULL;
    if (!p) return ad_err_raise_v(t, t->vm->exc_ValueError, "value not found in bytearray");
    size_t i = (size_t)(p - ba->data);
    return ba_replace(t, ba, i, i + 1, NULL, 0) ? AD_NONE : AD_NULLV;
}

static AdValue bytearray_clear(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    BA_SELF("clear");
    ARGS("clear", 0, 0);
    ba->len = 0;
    return AD_NONE;
}

static AdValue bytearray_copy(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    BA_SELF("copy");
    ARGS("copy", 0, 0);
    return ad_bytes_make_like(t, true, ba->data, ba->len);
}

static AdValue bytearray_reverse(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    BA_SELF("reverse");
    ARGS("reverse", 0, 0);
    for (size_t i = 0, j = ba->len; i + 1 < j; i++, j--) {
        uint8_t c = ba->data[i];
        ba->data[i] = ba->data[j - 1];
        ba->data[j - 1] = c;
    }
    return AD_NONE;
}

/* ---- tables ---------------------------------------------------------------------------- */

#define SEQ_METHODS                                                                         \
    {"__repr__", bytes_repr, AD_METH_INSTANCE, NULL, NULL},                                 \
    {"__str__", bytes_str, AD_METH_INSTANCE, NULL, NULL},                                   \
    {"__len__", bytes_len, AD_METH_INSTANCE, NULL, NULL},                                   \
    {"__getitem__", bytes_getitem, AD_METH_INSTANCE, NULL, NULL},                           \
    {"__contains__", bytes_contains, AD_METH_INSTANCE, NULL, NULL},                         \
    {"__iter__", bytes_iter, AD_METH_INSTANCE, NULL, NULL},                                 \
    {"__add__", bytes_add, AD_METH_INSTANCE, NULL, NULL},                                   \
    {"__mul__", bytes_mul, AD_METH_INSTANCE, NULL, NULL},                                   \
    {"__rmul__", bytes_mul, AD_METH_INSTANCE, NULL, NULL},                                  \
    AD_RICHCMP_METHODS(bytes),                                                              \
    {"__class_getitem__", ad_class_getitem_self, AD_METH_CLASS, NULL, NULL}

static const AdMethodDef bytes_methods[] = {
    {"__new__", bytes_new_m, AD_METH_STATIC, NULL, NULL},
    {"__hash__", bytes_hash, AD_METH_INSTANCE, NULL, NULL},
    {"__bytes__", bytes_bytes, AD_METH_INSTANCE, NULL, NULL},
    {"__getnewargs__", bytes_getnewargs, AD_METH_INSTANCE, NULL, NULL},
    SEQ_METHODS,
    {NULL, NULL, 0, NULL, NULL},
};

static const AdMethodDef bytearray_methods[] = {
    {"__new__", bytearray_new_m, AD_METH_STATIC, NULL, NULL},
    {"__init__", bytearray_init, AD_METH_INSTANCE, NULL, NULL},
    {"__setitem__", bytearray_setitem, AD_METH_INSTANCE, NULL, NULL},
    {"__delitem__", bytearray_delitem, AD_METH_INSTANCE, NULL, NULL},
    {"__iadd__", bytearray_iadd, AD_METH_INSTANCE, NULL, NULL},
    {"__imul__", bytearray_imul, AD_METH_INSTANCE, NULL, NULL},
    {"append", bytearray_append, AD_METH_INSTANCE, NULL, NULL},
    {"extend", bytearray_extend, AD_METH_INSTANCE, NULL, NULL},
    {"pop", bytearray_pop, AD_METH_INSTANCE, NULL, NULL},
    {"insert", bytearray_insert, AD_METH_INSTANCE, NULL, NULL},
    {"remove", bytearray_remove, AD_METH_INSTANCE, NULL, NULL},
    {"clear", bytearray_clear, AD_METH_INSTANCE, NULL, NULL},
    {"copy", bytearray_copy, AD_METH_INSTANCE, NULL, NULL},
    {"reverse", bytearray_reverse, AD_METH_INSTANCE, NULL, NULL},
    SEQ_METHODS,
    {NULL, NULL, 0, NULL, NULL},
};

static void bytearray_finalize(AdVM *vm, AdObj *o) {
    AdByteArray *ba = (AdByteArray *)o;
    ad_mem_free(vm, ba->data, ba->cap);
    ba->data = NULL;
    ba->len = ba->cap = 0;
}

/* ---- iterator -------------------------------------------------------------------------- */

int ad_bytes_iter_next(AdThread *t, AdObj *o, AdValue *out) {
    AdBytesIter *it = (AdBytesIter *)o;
    if (!it->seq) return 0;
    AdByteView v = {NULL, 0};
    ad_bytes_view(t, ad_obj(it->seq), &v);
    if (it->index < v.n) {
        *out = ad_small_int(v.p[it->index++]);
        return 1;
    }
    it->seq = NULL;
    return 0;
}

AD_ITER_NEXT_FN(bytesiter_next, type_bytes_iterator, ad_bytes_iter_next)

static AdValue bytesiter_length_hint(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    (void)nargs;
    (void)kwnames;
    AdBytesIter *it = AD_AS(AdBytesIter, args[0]);
    AdByteView v;
    if (!it->seq || !ad_bytes_view(t, ad_obj(it->seq), &v) || it->index >= v.n)
        return ad_small_int(0);
    return ad_iter_hint((int64_t)(v.n - it->index));
}

static const AdMethodDef bytesiter_methods[] = {
    {"__iter__", ad_iter_self, AD_METH_INSTANCE, NULL, NULL},
    {"__next__", bytesiter_next, AD_METH_INSTANCE, NULL, NULL},
    {"__length_hint__", bytesiter_length_hint, AD_METH_INSTANCE, NULL, NULL},
    {NULL, NULL, 0, NULL, NULL},
};

static void bytesiter_trace(AdGC *gc, AdObj *o) {
    ad_gc_mark_obj(gc, ((AdBytesIter *)o)->seq);
}

bool ad_bytes_setup(AdThread *t) {
    AdVM *vm = t->vm;
    if (!ad_type_init_builtin(t, vm->type_bytes, "bytes", vm->type_object, sizeof(AdBytes), NULL,
                              NULL, bytes_methods, AD_TPFLAG_BASETYPE) ||
        !ad_type_add_methods(t, vm->type_bytes, ad_bytes_text_methods))
        return false;
    if (!ad_type_init_builtin(t, vm->type_bytearray, "bytearray", vm->type_object,
                              sizeof(AdByteArray), NULL, bytearray_finalize, bytearray_methods,
                              AD_TPFLAG_BASETYPE) ||
        !ad_type_add_methods(t, vm->type_bytearray, ad_bytes_text_methods))
        return false;
    if (!ad_dict_set_str(t, vm->type_bytearray->dict, vm->name.hash, AD_NONE)) return false;
    return ad_type_init_builtin(t, vm->type_bytes_iterator, "bytes_iterator", vm->type_object,
                                sizeof(AdBytesIter), bytesiter_trace, NULL, bytesiter_methods, 0);
}
