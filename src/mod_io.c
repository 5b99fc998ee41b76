/*
 * mod_io.c - the io module: StringIO and BytesIO (in-memory streams), and the module that
 * gathers them with open() and the file types of obj_file.c.
 *
 * Invariant: a StringIO holds UTF-8 text with `pos` a byte offset always on a character
 * boundary and `pos_chars` the same position counted in characters (tell() and seek() speak
 * characters, as CPython's); pos_chars may run past the end after a seek, and the next
 * write pads the gap with NULs. BytesIO is the same over bytes, with one position.
 */
#include <string.h>

#include "core.h"
#include "file.h"

typedef struct AdStringIO {
    AdObj obj;
    char *data;
    size_t len, cap;
    size_t pos;       /* byte offset */
    size_t pos_chars; /* character offset (may exceed nchars) */
    size_t nchars;
    bool closed;
} AdStringIO;

typedef struct AdBytesIO {
    AdObj obj;
    char *data;
    size_t len, cap;
    size_t pos; /* may exceed len */
    bool closed;
} AdBytesIO;

static void sio_finalize(AdVM *vm, AdObj *o) {
    AdStringIO *s = (AdStringIO *)o;
    ad_mem_free(vm, s->data, s->cap);
    s->data = NULL;
    s->len = s->cap = 0;
}

static void bio_finalize(AdVM *vm, AdObj *o) {
    AdBytesIO *b = (AdBytesIO *)o;
    ad_mem_free(vm, b->data, b->cap);
    b->data = NULL;
    b->len = b->cap = 0;
}

static bool reserve(AdThread *t, char **data, size_t *cap, size_t need) {
    if (need <= *cap) return true;
    size_t ncap = *cap ? *cap * 2 : 64;
    while (ncap < need) ncap *= 2;
    char *nd = ad_mem_realloc(t, *data, *cap, ncap);
    if (!nd) return false;
    *data = nd;
    *cap = ncap;
    return true;
}

static bool closed_error(AdThread *t) {
    return ad_err_raise(t, t->vm->exc_ValueError, "I/O operation on closed file.");
}

/* Bytes taken by the first k characters of p[0..n) (all of it if it has fewer). */
static size_t utf8_advance(const char *p, size_t n, size_t k) {
    size_t i = 0;
    while (i < n && k > 0) {
        i++;
        while (i < n && ((unsigned char)p[i] & 0xC0) == 0x80) i++;
        k--;
    }
    return i;
}

static size_t utf8_count(const char *p, size_t n) {
    size_t c = 0;
    for (size_t i = 0; i < n; i++)
        if (((unsigned char)p[i] & 0xC0) != 0x80) c++;
    return c;
}

/* An optional size argument: None or absent gives -1. */
static bool size_arg(AdThread *t, AdValue v, int64_t *out) {
    *out = -1;
    if (AD_IS_NULL(v) || AD_IS_NONE(v)) return true;
    if (!ad_is_int(t, v))
        return ad_err_raise(t, t->vm->exc_TypeError, "argument should be integer or None, not '%s'",
                            ad_type_name(ad_type_of(t, v)));
    return ad_rt_index(t, v, out);
}

static AdValue common_new(AdThread *t, AdValue *args, int nargs, size_t size) {
    if (nargs < 1 || !AD_IS_OBJ(args[0]) || !ad_is_instance_of(t, args[0], t->vm->type_type))
        return ad_err_raise_v(t, t->vm->exc_TypeError, "__new__(X): X is not a type object");
    AdType *cls = AD_AS(AdType, args[0]);
    void *o = ad_gc_alloc(t, cls, cls->instance_size > size ? cls->instance_size : size);
    return o ? ad_obj(o) : AD_NULLV;
}

/* ---- StringIO ------------------------------------------------------------------------- */

#define SIO(args) AD_AS(AdStringIO, (args)[0])

static bool sio_check(AdThread *t, AdStringIO *s) { return s->closed ? closed_error(t) : true; }

static AdValue sio_new(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    (void)kwnames;
    return common_new(t, args, nargs, sizeof(AdStringIO));
}

static bool sio_set(AdThread *t, AdStringIO *s, const char *p, size_t n) {
    s->len = 0;
    if (!reserve(t, &s->data, &s->cap, n + 1)) return false;
    memcpy(s->data, p, n);
    s->len = n;
    s->nchars = utf8_count(p, n);
    s->pos = s->pos_chars = 0;
    return true;
}

static AdValue sio_init(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    static const char *const names[] = {"initial_value", "newline"};
    AdValue a[2];
    if (!ad_args_parse(t, "StringIO", args + 1, nargs - 1, kwnames, names, 2, 2, 0, a))
        return AD_NULLV;
    AdStringIO *s = SIO(args);
    if (!AD_IS_NULL(a[1]) && !AD_IS_NONE(a[1])) {
        if (!ad_is_str(t, a[1]))
            return ad_err_raise_v(t, t->vm->exc_TypeError, "newline must be str or None, not %T", a[1]);
        const char *nl = AD_AS(AdStr, a[1])->data;
        if (strcmp(nl, "") && strcmp(nl, "\n") && strcmp(nl, "\r") && strcmp(nl, "\r\n"))
            return ad_err_raise_v(t, t->vm->exc_ValueError, "illegal newline value: %R", a[1]);
    }
    s->closed = false;
    if (AD_IS_NULL(a[0]) || AD_IS_NONE(a[0])) return sio_set(t, s, "", 0) ? AD_NONE : AD_NULLV;
    if (!ad_is_str(t, a[0]))
        return ad_err_raise_v(t, t->vm->exc_TypeError, "initial_value must be str or None, not %T",
                              a[0]);
    AdStr *init = AD_AS(AdStr, a[0]);
    return sio_set(t, s, init->data, init->len) ? AD_NONE : AD_NULLV;
}

/* Writes UTF-8 text at the position, overwriting what is there; returns its character count. */
static bool sio_write_text(AdThread *t, AdStringIO *s, const char *p, size_t n, size_t nch) {
    if (s->pos_chars > s->nchars) {
        size_t pad = s->pos_chars - s->nchars;
        if (!reserve(t, &s->data, &s->cap, s->len + pad + 1)) return false;
        memset(s->data + s->len, 0, pad);
        s->len += pad;
        s->nchars += pad;
        s->pos = s->len;
    }
    size_t over = utf8_advance(s->data + s->pos, s->len - s->pos, nch);
    size_t over_chars = utf8_count(s->data + s->pos, over);
    size_t newlen = s->len - over + n;
    if (!reserve(t, &s->data, &s->cap, newlen + 1)) return false;
    memmove(s->data + s->pos + n, s->data + s->pos + over, s->len - s->pos - over);
    memcpy(s->data + s->pos, p, n);
    s->len = newlen;
    s->nchars = s->nchars - over_chars + nch;
    s->pos += n;
    s->pos_chars += nch;
    return true;
}

static AdValue sio_write(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    if (!ad_args_check(t, "write", nargs - 1, kwnames, 1, 1)) return AD_NULLV;
    AdStringIO *s = SIO(args);
    if (!sio_check(t, s)) return AD_NULLV;
    if (!ad_is_str(t, args[1]))
        return ad_err_raise_v(t, t->vm->exc_TypeError, "string argument expected, got '%s'",
                              ad_type_name(ad_type_of(t, args[1])));
    AdStr *str = AD_AS(AdStr, args[1]);
    if (str->len && !sio_write_text(t, s, str->data, str->len, str->nchars)) return AD_NULLV;
    return ad_small_int((int64_t)str->nchars);
}

static AdValue sio_writelines(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    if (!ad_args_check(t, "writelines", nargs - 1, kwnames, 1, 1)) return AD_NULLV;
    if (!sio_check(t, SIO(args))) return AD_NULLV;
    return ad_io_writelines(t, args[0], args[1], sio_write);
}

static AdValue sio_getvalue(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    if (!ad_args_check(t, "getvalue", nargs - 1, kwnames, 0, 0)) return AD_NULLV;
    AdStringIO *s = SIO(args);
    if (!sio_check(t, s)) return AD_NULLV;
    AdStr *r = ad_str_new(t, s->data ? s->data : "", s->len);
    return r ? ad_obj(r) : AD_NULLV;
}

/* Takes n bytes (nch characters) from the position. */
static AdValue sio_take(AdThread *t, AdStringIO *s, size_t n, size_t nch) {
    AdStr *r = ad_str_new(t, s->data ? s->data + s->pos : "", n);
    if (!r) return AD_NULLV;
    s->pos += n;
    s->pos_chars += nch;
    return ad_obj(r);
}

static AdValue sio_read(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    if (!ad_args_check(t, "read", nargs - 1, kwnames, 0, 1)) return AD_NULLV;
    AdStringIO *s = SIO(args);
    if (!sio_check(t, s)) return AD_NULLV;
    int64_t size;
    if (!size_arg(t, nargs > 1 ? args[1] : AD_NULLV, &size)) return AD_NULLV;
    if (s->pos_chars >= s->nchars) return ad_obj(t->vm->name.empty);
    size_t avail = s->len - s->pos;
    size_t n = size < 0 ? avail : utf8_advance(s->data + s->pos, avail, (size_t)size);
    return sio_take(t, s, n, utf8_count(s->data + s->pos, n));
}

static AdValue sio_readline_impl(AdThread *t, AdStringIO *s, int64_t size) {
    if (!sio_check(t, s)) return AD_NULLV;
    if (s->pos_chars >= s->nchars) return ad_obj(t->vm->name.empty);
    size_t avail = s->len - s->pos;
    size_t lim = size < 0 ? avail : utf8_advance(s->data + s->pos, avail, (size_t)size);
    const char *nl = memchr(s->data + s->pos, '\n', lim);
    size_t n = nl ? (size_t)(nl - (s->data + s->pos)) + 1 : lim;
    return sio_take(t, s, n, utf8_count(s->data + s->pos, n));
}

static AdValue sio_readline(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    if (!ad_args_check(t, "readline", nargs - 1, kwnames, 0, 1)) return AD_NULLV;
    int64_t size;
    if (!size_arg(t, nargs > 1 ? args[1] : AD_NULLV, &size)) return AD_NULLV;
    return sio_readline_impl(t, SIO(args), size);
}

static AdValue sio_readlines(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    if (!ad_args_check(t, "readlines", nargs - 1, kwnames, 0, 1)) return AD_NULLV;
    int64_t hint;
    if (!size_arg(t, nargs > 1 ? args[1] : AD_NULLV, &hint)) return AD_NULLV;
    AdList *l = ad_list_new(t, 0);
    if (!l) return AD_NULLV;
    ad_gc_push_obj(t, l);
    int64_t total = 0;
    for (;;) {
        AdValue line = sio_readline_impl(t, SIO(args), -1);
        if (AD_IS_NULL(line)) return AD_NULLV;
        AdStr *ls = AD_AS(AdStr, line);
        if (ls->len == 0) break;
        if (!ad_list_append(t, l, line)) return AD_NULLV;
        total += (int64_t)ls->nchars;
        if (hint > 0 && total > hint) break;
    }
    return ad_obj(l);
}

static AdValue sio_seek(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    if (!ad_args_check(t, "seek", nargs - 1, kwnames, 1, 2)) return AD_NULLV;
    AdStringIO *s = SIO(args);
    int64_t pos, whence = 0;
    if (!ad_rt_index(t, args[1], &pos)) return AD_NULLV;
    if (nargs > 2 && !ad_rt_index(t, args[2], &whence)) return AD_NULLV;
    if (!sio_check(t, s)) return AD_NULLV;
    if (whence < 0 || whence > 2)
        return ad_err_raise_v(t, t->vm->exc_ValueError, "Invalid whence (%lld, should be 0, 1 or 2)",
                              (long long)whence);
    if (whence == 0 && pos < 0)
        return ad_err_raise_v(t, t->vm->exc_ValueError, "Negative seek position %lld", (long long)pos);
    if (whence != 0 && pos != 0)
        return ad_err_raise_v(t, t->vm->exc_OSError, whence == 1 ? "Can't do nonzero cur-relative seeks"
                                                                 : "Can't do nonzero end-relative seeks");
    if (whence == 1) return ad_small_int((int64_t)s->pos_chars);
    size_t target = whence == 2 ? s->nchars : (size_t)pos;
    s->pos_chars = target;
    s->pos = utf8_advance(s->data ? s->data : "", s->len, target);
    return ad_small_int((int64_t)target);
}

static AdValue sio_tell(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    if (!ad_args_check(t, "tell", nargs - 1, kwnames, 0, 0)) return AD_NULLV;
    if (!sio_check(t, SIO(args))) return AD_NULLV;
    return ad_small_int((int64_t)SIO(args)->pos_chars);
}

static AdValue sio_truncate(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    if (!ad_args_check(t, "truncate", nargs - 1, kwnames, 0, 1)) return AD_NULLV;
    AdStringIO *s = SIO(args);
    if (!sio_check(t, s)) return AD_NULLV;
    int64_t size = (int64_t)s->pos_chars;
    if (nargs > 1 && !AD_IS_NONE(args[1]) && !ad_rt_index(t, args[1], &size)) return AD_NULLV;
    if (size < 0)
        return ad_err_raise_v(t, t->vm->exc_ValueError, "Negative size value %lld", (long long)size);
    if ((size_t)size < s->nchars) {
        s->len = utf8_advance(s->data, s->len, (size_t)size);
        s->nchars = (size_t)size;
        if (s->pos > s->len) s->pos = s->len;
    }
    return ad_small_int(size);
}

static AdValue sio_next(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    if (!ad_args_check(t, "__next__", nargs - 1, kwnames, 0, 0)) return AD_NULLV;
    AdValue line = sio_readline_impl(t, SIO(args), -1);
    if (AD_IS_NULL(line)) return AD_NULLV;
    if (AD_AS(AdStr, line)->len == 0) {
        ad_err_stop_iteration(t, AD_NONE);
        return AD_NULLV;
    }
    return line;
}

/* Methods shared by StringIO and BytesIO through the `closed` flag at the same place. */
static bool *closed_flag(AdThread *t, AdValue self) {
    if (ad_is_instance_of(t, self, t->vm->type_string_io)) return &AD_AS(AdStringIO, self)->closed;
    return &AD_AS(AdBytesIO, self)->closed;
}

static AdValue io_close(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    if (!ad_args_check(t, "close", nargs - 1, kwnames, 0, 0)) return AD_NULLV;
    *closed_flag(t, args[0]) = true;
    return AD_NONE;
}

static AdValue io_get_closed(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    (void)nargs, (void)kwnames;
    return ad_bool(*closed_flag(t, args[0]));
}

static AdValue io_true_if_open(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    if (!ad_args_check(t, "readable", nargs - 1, kwnames, 0, 0)) return AD_NULLV;
    if (*closed_flag(t, args[0])) return closed_error(t), AD_NULLV;
    return AD_TRUE;
}

static AdValue io_false_if_open(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    if (!ad_args_check(t, "isatty", nargs - 1, kwnames, 0, 0)) return AD_NULLV;
    if (*closed_flag(t, args[0])) return closed_error(t), AD_NULLV;
    return AD_FALSE;
}

static AdValue io_flush(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    if (!ad_args_check(t, "flush", nargs - 1, kwnames, 0, 0)) return AD_NULLV;
    if (*closed_flag(t, args[0])) return closed_error(t), AD_NULLV;
    return AD_NONE;
}

static AdValue io_enter(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    if (!ad_args_check(t, "__enter__", nargs - 1, kwnames, 0, 0)) return AD_NULLV;
    if (*closed_flag(t, args[0])) return closed_error(t), AD_NULLV;
    return args[0];
}

static AdValue io_exit(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    (void)nargs, (void)kwnames;
    *closed_flag(t, args[0]) = true;
    return AD_NONE;
}

static AdValue io_iter(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    if (!ad_args_check(t, "__iter__", nargs - 1, kwnames, 0, 0)) return AD_NULLV;
    if (*closed_flag(t, args[0])) return closed_error(t), AD_NULLV;
    return args[0];
}

static AdValue io_none_attr(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    (void)t, (void)args, (void)nargs, (void)kwnames;
    return AD_NONE;
}

static AdValue io_false_attr(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    (void)t, (void)args, (void)nargs, (void)kwnames;
    return AD_FALSE;
}

#define IO_COMMON_METHODS                                                                   \
    {"close", io_close, AD_METH_INSTANCE, NULL, NULL},                                      \
        {"closed", io_get_closed, AD_METH_GETSET, NULL, NULL},                              \
        {"readable", io_true_if_open, AD_METH_INSTANCE, NULL, NULL},                        \
        {"writable", io_true_if_open, AD_METH_INSTANCE, NULL, NULL},                        \
        {"seekable", io_true_if_open, AD_METH_INSTANCE, NULL, NULL},                        \
        {"isatty", io_false_if_open, AD_METH_INSTANCE, NULL, NULL},                         \
        {"flush", io_flush, AD_METH_INSTANCE, NULL, NULL},                                  \
        {"__enter__", io_enter, AD_METH_INSTANCE, NULL, NULL},                              \
        {"__exit__", io_exit, AD_METH_INSTANCE, NULL, NULL},                                \
        {"__iter__", io_iter, AD_METH_INSTANCE, NULL, NULL},

static const AdMethodDef sio_methods[] = {
    {"__new__", sio_new, AD_METH_STATIC, NULL, NULL},
    {"__init__", sio_init, AD_METH_INSTANCE, NULL, NULL},
    {"write", sio_write, AD_METH_INSTANCE, NULL, NULL},
    {"writelines", sio_writelines, AD_METH_INSTANCE, NULL, NULL},
    {"getvalue", sio_getvalue, AD_METH_INSTANCE, NULL, NULL},
    {"read", sio_read, AD_METH_INSTANCE, NULL, NULL},
    {"readline", sio_readline, AD_METH_INSTANCE, NULL, NULL},
    {"readlines", sio_readlines, AD_METH_INSTANCE, NULL, NULL},
    {"seek", sio_seek, AD_METH_INSTANCE, NULL, NULL},
    {"tell", sio_tell, AD_METH_INSTANCE, NULL, NULL},
    {"truncate", sio_truncate, AD_METH_INSTANCE, NULL, NULL},
    {"__next__", sio_next, AD_METH_INSTANCE, NULL, NULL},
    {"newlines", io_none_attr, AD_METH_GETSET, NULL, NULL},
    {"line_buffering", io_false_attr, AD_METH_GETSET, NULL, NULL},
    IO_COMMON_METHODS{NULL, NULL, 0, NULL, NULL},
};

/* ---- BytesIO -------------------------------------------------------------------------- */

#define BIO(args) AD_AS(AdBytesIO, (args)[0])

static bool bio_check(AdThread *t, AdBytesIO *b) { return b->closed ? closed_error(t) : true; }

/* The bytes of a bytes-like value, or TypeError. */
static bool bytes_like(AdThread *t, AdValue v, const char **data, size_t *len) {
    if (ad_is_instance_of(t, v, t->vm->type_bytes)) {
        *data = (const char *)AD_AS(AdBytes, v)->data;
        *len = AD_AS(AdBytes, v)->len;
        return true;
    }
    if (ad_is_instance_of(t, v, t->vm->type_bytearray)) {
        *data = (const char *)AD_AS(AdByteArray, v)->data;
        *len = AD_AS(AdByteArray, v)->len;
        if (!*data) *data = "";
        return true;
    }
    return ad_err_raise(t, t->vm->exc_TypeError, "a bytes-like object is required, not '%s'",
                        ad_type_name(ad_type_of(t, v)));
}

static AdValue bio_new(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    (void)kwnames;
    return common_new(t, args, nargs, sizeof(AdBytesIO));
}

static AdValue bio_init(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    static const char *const names[] = {"initial_bytes"};
    AdValue a[1];
    if (!ad_args_parse(t, "BytesIO", args + 1, nargs - 1, kwnames, names, 1, 1, 0, a))
        return AD_NULLV;
    AdBytesIO *b = BIO(args);
    b->closed = false;
    b->len = b->pos = 0;
    if (AD_IS_NULL(a[0]) || AD_IS_NONE(a[0])) return AD_NONE;
    const char *data;
    size_t len;
    if (!bytes_like(t, a[0], &data, &len)) return AD_NULLV;
    if (!reserve(t, &b->data, &b->cap, len + 1)) return AD_NULLV;
    memcpy(b->data, data, len);
    b->len = len;
    return AD_NONE;
}

static AdValue bio_write(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    if (!ad_args_check(t, "write", nargs - 1, kwnames, 1, 1)) return AD_NULLV;
    AdBytesIO *b = BIO(args);
    if (!bio_check(t, b)) return AD_NULLV;
    const char *data;
    size_t len;
    if (!bytes_like(t, args[1], &data, &len)) return AD_NULLV;
    size_t end = b->pos + len;
    if (!reserve(t, &b->data, &b->cap, end + 1)) return AD_NULLV;
    if (b->pos > b->len) memset(b->data + b->len, 0, b->pos - b->len);
    memmove(b->data + b->pos, data, len);
    b->pos = end;
    if (end > b->len) b->len = end;
    return ad_small_int((int64_t)len);
}

static AdValue bio_writelines(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    if (!ad_args_check(t, "writelines", nargs - 1, kwnames, 1, 1)) return AD_NULLV;
    if (!bio_check(t, BIO(args))) return AD_NULLV;
    return ad_io_writelines(t, args[0], args[1], bio_write);
}

static AdValue bio_getvalue(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    if (!ad_args_check(t, "getvalue", nargs - 1, kwnames, 0, 0)) return AD_NULLV;
    AdBytesIO *b = BIO(args);
    if (!bio_check(t, b)) return AD_NULLV;
    AdBytes *r = ad_bytes_new(t, b->data ? b->data : "", b->len);
    return r ? ad_obj(r) : AD_NULLV;
}

static AdValue bio_take(AdThread *t, AdBytesIO *b, size_t n) {
    AdBytes *r = ad_bytes_new(t, n ? b->data + b->pos : "", n);
    if (!r) return AD_NULLV;
    b->pos += n;
    return ad_obj(r);
}

static AdValue bio_read(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    if (!ad_args_check(t, "read", nargs - 1, kwnames, 0, 1)) return AD_NULLV;
    AdBytesIO *b = BIO(args);
    if (!bio_check(t, b)) return AD_NULLV;
    int64_t size;
    if (!size_arg(t, nargs > 1 ? args[1] : AD_NULLV, &size)) return AD_NULLV;
    size_t avail = b->pos < b->len ? b->len - b->pos : 0;
    size_t n = size < 0 || (uint64_t)size > avail ? avail : (size_t)size;
    return bio_take(t, b, n);
}

static AdValue bio_readline_impl(AdThread *t, AdBytesIO *b, int64_t size) {
    if (!bio_check(t, b)) return AD_NULLV;
    size_t avail = b->pos < b->len ? b->len - b->pos : 0;
    size_t lim = size < 0 || (uint64_t)size > avail ? avail : (size_t)size;
    const char *nl = lim ? memchr(b->data + b->pos, '\n', lim) : NULL;
    return bio_take(t, b, nl ? (size_t)(nl - (b->data + b->pos)) + 1 : lim);
}

static AdValue bio_readline(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    if (!ad_args_check(t, "readline", nargs - 1, kwnames, 0, 1)) return AD_NULLV;
    int64_t size;
    if (!size_arg(t, nargs > 1 ? args[1] : AD_NULLV, &size)) return AD_NULLV;
    return bio_readline_impl(t, BIO(args), size);
}

static AdValue bio_readlines(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    if (!ad_args_check(t, "readlines", nargs - 1, kwnames, 0, 1)) return AD_NULLV;
    int64_t hint;
    if (!size_arg(t, nargs > 1 ? args[1] : AD_NULLV, &hint)) return AD_NULLV;
    AdList *l = ad_list_new(t, 0);
    if (!l) return AD_NULLV;
    ad_gc_push_obj(t, l);
    int64_t total = 0;
    for (;;) {
        AdValue line = bio_readline_impl(t, BIO(args), -1);
        if (AD_IS_NULL(line)) return AD_NULLV;
        size_t n = AD_AS(AdBytes, line)->len;
        if (n == 0) break;
        if (!ad_list_append(t, l, line)) return AD_NULLV;
        total += (int64_t)n;
        if (hint > 0 && total >= hint) break;
    }
    return ad_obj(l);
}

static AdValue bio_seek(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    if (!ad_args_check(t, "seek", nargs - 1, kwnames, 1, 2)) return AD_NULLV;
    AdBytesIO *b = BIO(args);
    int64_t pos, whence = 0;
    if (!ad_rt_index(t, args[1], &pos)) return AD_NULLV;
    if (nargs > 2 && !ad_rt_index(t, args[2], &whence)) return AD_NULLV;
    if (!bio_check(t, b)) return AD_NULLV;
    if (whence < 0 || whence > 2)
        return ad_err_raise_v(t, t->vm->exc_ValueError, "invalid whence (%lld, should be 0, 1 or 2)",
                              (long long)whence);
    if (whence == 0 && pos < 0)
        return ad_err_raise_v(t, t->vm->exc_ValueError, "negative seek value %lld", (long long)pos);
    int64_t base = whence == 0 ? 0 : whence == 1 ? (int64_t)b->pos : (int64_t)b->len;
    int64_t np = base + pos;
    if (np < 0) np = 0;
    b->pos = (size_t)np;
    return ad_small_int(np);
}

static AdValue bio_tell(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    if (!ad_args_check(t, "tell", nargs - 1, kwnames, 0, 0)) return AD_NULLV;
    if (!bio_check(t, BIO(args))) return AD_NULLV;
    return ad_small_int((int64_t)BIO(args)->pos);
}

static AdValue bio_truncate(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    if (!ad_args_check(t, "truncate", nargs - 1, kwnames, 0, 1)) return AD_NULLV;
    AdBytesIO *b = BIO(args);
    if (!bio_check(t, b)) return AD_NULLV;
    int64_t size = (int64_t)b->pos;
    if (nargs > 1 && !AD_IS_NONE(args[1]) && !ad_rt_index(t, args[1], &size)) return AD_NULLV;
    if (size < 0)
        return ad_err_raise_v(t, t->vm->exc_ValueError, "negative size value %lld", (long long)size);
    if ((size_t)size < b->len) b->len = (size_t)size;
    return ad_small_int(size);
}

static AdValue bio_next(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    if (!ad_args_check(t, "__next__", nargs - 1, kwnames, 0, 0)) return AD_NULLV;
    AdValue line = bio_readline_impl(t, BIO(args), -1);
    if (AD_IS_NULL(line)) return AD_NULLV;
    if (AD_AS(AdBytes, line)->len == 0) {
        ad_err_stop_iteration(t, AD_NONE);
        return AD_NULLV;
    }
    return line;
}

static const AdMethodDef bio_methods[] = {
    {"__new__", bio_new, AD_METH_STATIC, NULL, NULL},
    {"__init__", bio_init, AD_METH_INSTANCE, NULL, NULL},
    {"write", bio_write, AD_METH_INSTANCE, NULL, NULL},
    {"writelines", bio_writelines, AD_METH_INSTANCE, NULL, NULL},
    {"getvalue", bio_getvalue, AD_METH_INSTANCE, NULL, NULL},
    {"read", bio_read, AD_METH_INSTANCE, NULL, NULL},
    {"read1", bio_read, AD_METH_INSTANCE, NULL, NULL},
    {"readline", bio_readline, AD_METH_INSTANCE, NULL, NULL},
    {"readlines", bio_readlines, AD_METH_INSTANCE, NULL, NULL},
    {"seek", bio_seek, AD_METH_INSTANCE, NULL, NULL},
    {"tell", bio_tell, AD_METH_INSTANCE, NULL, NULL},
    {"truncate", bio_truncate, AD_METH_INSTANCE, NULL, NULL},
    {"__next__", bio_next, AD_METH_INSTANCE, NULL, NULL},
    IO_COMMON_METHODS{NULL, NULL, 0, NULL, NULL},
};

/* ---- setup and module ----------------------------------------------------------------- */

bool ad_io_types_setup(AdThread *t) {
    AdVM *vm = t->vm;
    AdStr *io = ad_str_intern_cstr(t, "_io");
    if (!io) return false;
    if (!ad_type_init_builtin(t, vm->type_string_io, "StringIO", vm->type_object,
                              sizeof(AdStringIO), NULL, sio_finalize, sio_methods,
                              AD_TPFLAG_BASETYPE))
        return false;
    if (!ad_type_init_builtin(t, vm->type_bytes_io, "BytesIO", vm->type_object, sizeof(AdBytesIO),
                              NULL, bio_finalize, bio_methods, AD_TPFLAG_BASETYPE))
        return false;
    vm->type_string_io->module = io;
    vm->type_bytes_io->module = io;
    return ad_dict_set_str(t, vm->type_string_io->dict, vm->name.module, ad_obj(io)) &&
           ad_dict_set_str(t, vm->type_bytes_io->dict, vm->name.module, ad_obj(io));
}

/* class `name`(*bases) with __module__ 'io', made through type() like a class statement. */
static AdValue make_class(AdThread *t, const char *name, const AdValue *bases, size_t nbases) {
    int mark = ad_gc_root_mark(t);
    AdStr *s = ad_str_from_cstr(t, name);
    if (!s) return AD_NULLV;
    ad_gc_push_obj(t, s);
    AdTuple *b = ad_tuple_from_array(t, bases, nbases);
    if (!b) return AD_NULLV;
    ad_gc_push_obj(t, b);
    AdDict *ns = ad_dict_new(t);
    if (!ns) return AD_NULLV;
    ad_gc_push_obj(t, ns);
    AdStr *mod = ad_str_from_cstr(t, "io");
    if (!mod || !ad_dict_set_str(t, ns, t->vm->name.module, ad_obj(mod))) return AD_NULLV;
    AdValue cls = ad_rt_call(t, ad_obj(t->vm->type_type),
                             (AdValue[]){ad_obj(s), ad_obj(b), ad_obj(ns)}, 3, NULL);
    ad_gc_root_restore(t, mark);
    return cls;
}

static AdValue io_open(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    return ad_file_open(t, args, nargs, kwnames);
}

static AdValue io_text_encoding(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    if (!ad_args_check(t, "text_encoding", nargs, kwnames, 1, 2)) return AD_NULLV;
    if (!AD_IS_NONE(args[0])) return args[0];
    AdStr *s = ad_str_from_cstr(t, "utf-8");
    return s ? ad_obj(s) : AD_NULLV;
}

static const AdMethodDef io_functions[] = {
    {"open", io_open, AD_METH_INSTANCE, NULL, NULL},
    {"text_encoding", io_text_encoding, AD_METH_INSTANCE, NULL, NULL},
    {NULL, NULL, 0, NULL, NULL},
};

AdModule *ad_mod_io_init(AdThread *t) {
    AdVM *vm = t->vm;
    AdModule *m = ad_module_new_native(t, "io", io_functions);
    if (!m) return NULL;
    int mark = ad_gc_root_mark(t);
    ad_gc_push_obj(t, m);
    AdDict *d = m->dict;
    struct {
        const char *name;
        AdType *type;
    } types[] = {
        {"StringIO", vm->type_string_io},
        {"BytesIO", vm->type_bytes_io},
        {"TextIOWrapper", vm->type_text_io},
        {"BufferedReader", vm->type_buffered_reader},
        {"BufferedWriter", vm->type_buffered_writer},
        {"BufferedRandom", vm->type_buffered_random},
    };
    for (size_t i = 0; i < sizeof types / sizeof types[0]; i++)
        if (!ad_dict_set_cstr(t, d, types[i].name, ad_obj(types[i].type))) return NULL;
    if (!ad_dict_set_cstr(t, d, "SEEK_SET", ad_small_int(0)) ||
        !ad_dict_set_cstr(t, d, "SEEK_CUR", ad_small_int(1)) ||
        !ad_dict_set_cstr(t, d, "SEEK_END", ad_small_int(2)) ||
        !ad_dict_set_cstr(t, d, "DEFAULT_BUFFER_SIZE", ad_small_int(8192)))
        return NULL;

    /* UnsupportedOperation(OSError, ValueError), as CPython's; OSError alone if the layout
     * rules of this build refuse the pair. */
    AdValue bases[2] = {ad_obj(vm->exc_OSError), ad_obj(vm->exc_ValueError)};
    AdValue unsup = make_class(t, "UnsupportedOperation", bases, 2);
    if (AD_IS_NULL(unsup)) {
        ad_err_clear(t);
        unsup = make_class(t, "UnsupportedOperation", bases, 1);
        if (AD_IS_NULL(unsup)) return NULL;
    }
    if (!ad_dict_set_cstr(t, d, "UnsupportedOperation", unsup)) return NULL;

    /* The abstract bases exist for subclassing; the concrete types above do not derive from
     * them (isinstance(open(...), io.IOBase) is False here). */
    AdValue obj = ad_obj(vm->type_object);
    AdValue iobase = make_class(t, "IOBase", &obj, 1);
    if (AD_IS_NULL(iobase) || !ad_dict_set_cstr(t, d, "IOBase", iobase)) return NULL;
    static const char *const abstract[] = {"RawIOBase", "BufferedIOBase", "TextIOBase"};
    for (size_t i = 0; i < 3; i++) {
        AdValue c = make_class(t, abstract[i], &iobase, 1);
        if (AD_IS_NULL(c) || !ad_dict_set_cstr(t, d, abstract[i], c)) return NULL;
    }
    ad_gc_root_restore(t, mark);
    return m;
}
