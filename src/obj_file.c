/*
 * obj_file.c - file objects: open(), sys.stdout / sys.stderr / sys.stdin, and the output
 * path of print() (ad_rt_print_str).
 *
 * Invariant: a file's pending bytes are either all in `wbuf` (written, not yet flushed) or
 * all in `rbuf` (read ahead, not yet consumed), never both: switching direction flushes the
 * one or seeks back over the other. A `.buffer` view owns no buffers and works on its
 * parent's. The std streams write through the host's writers when the host set them; they
 * are flushed at exit by api.c (ad_io_flush_std) and by their finalizers. StringIO and
 * BytesIO are mod_io.c's.
 *
 * open(), read() and write() system calls run with the GIL released, as CPython's do, so a
 * thread blocked on a pipe or terminal lets the others run. Meanwhile another thread may
 * use the same file, so the call never works in the file's own buffers: a flush detaches
 * `wbuf` first, and a read goes into a private chunk copied in once the GIL is back.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core.h"
#include "file.h"
#include "gil.h"
#include "setup.h"

#define WBUF_SIZE 8192
#define RCHUNK 65536

static AdFile *root_of(AdFile *f) { return f->parent ? f->parent : f; }

static bool is_file_type(AdThread *t, AdType *type) {
    AdVM *vm = t->vm;
    return type == vm->type_text_io || type == vm->type_buffered_reader ||
           type == vm->type_buffered_writer || type == vm->type_buffered_random;
}

bool ad_file_is_native(AdThread *t, AdValue f) {
    return AD_IS_OBJ(f) && is_file_type(t, AD_AS_OBJ(f)->type);
}

/* ---- GC -------------------------------------------------------------------------------- */

static void file_trace(AdGC *gc, AdObj *o) {
    AdFile *f = (AdFile *)o;
    ad_gc_mark_value(gc, f->name);
    ad_gc_mark_obj(gc, f->mode);
    ad_gc_mark_obj(gc, f->encoding);
    ad_gc_mark_obj(gc, f->errors);
    ad_gc_mark_obj(gc, f->write_newline);
    ad_gc_mark_obj(gc, f->parent);
    ad_gc_mark_value(gc, f->buffer);
}

/* Writes all of s to the file's destination, ignoring errors (finalizers only). */
static void quiet_raw_write(AdVM *vm, AdFile *f, const char *s, size_t n) {
    if (f->std == AD_STD_OUT && vm->write_out) {
        vm->write_out(vm->host_ud, s, n);
        return;
    }
    if (f->std == AD_STD_ERR && vm->write_err) {
        vm->write_err(vm->host_ud, s, n);
        return;
    }
    while (n > 0 && f->fd >= 0) {
        ssize_t w = write(f->fd, s, n);
        if (w < 0) {
            if (errno == EINTR) continue;
            return;
        }
        s += w;
        n -= (size_t)w;
    }
}

/* A dying file flushes what it buffered and closes its descriptor, as CPython's do. */
static void file_finalize(AdVM *vm, AdObj *o) {
    AdFile *f = (AdFile *)o;
    if (!f->parent) {
        if (!f->closed && f->wlen) quiet_raw_write(vm, f, f->wbuf, f->wlen);
        if (!f->closed && f->closefd && f->fd >= 0) close(f->fd);
        f->fd = -1;
        f->closed = true;
    }
    ad_mem_free(vm, f->wbuf, f->wcap);
    ad_mem_free(vm, f->rbuf, f->rcap);
    f->wbuf = f->rbuf = NULL;
    f->wlen = f->wcap = f->rlen = f->rpos = f->rcap = 0;
}

/* ---- low-level I/O -------------------------------------------------------------------- */

static bool closed_error(AdThread *t) {
    return ad_err_raise(t, t->vm->exc_ValueError, "I/O operation on closed file.");
}

static bool check_open(AdThread *t, AdFile *f) {
    return root_of(f)->closed ? closed_error(t) : true;
}

/* io.UnsupportedOperation once the io module exists, else a plain OSError. */
static bool unsupported(AdThread *t, const char *what) {
    AdVM *vm = t->vm;
    AdValue io = vm->modules ? ad_dict_get_cstr(vm->modules, "io") : AD_NULLV;
    if (AD_IS_NULL(io)) {
        io = ad_import_module(t, "io");
        if (AD_IS_NULL(io)) return false;
    }
    if (ad_is_type(io, vm->type_module)) {
        AdValue cls = ad_dict_get_cstr(AD_AS(AdModule, io)->dict, "UnsupportedOperation");
        if (AD_IS_OBJ(cls) && ad_is_instance_of(t, cls, vm->type_type))
            return ad_err_raise(t, AD_AS(AdType, cls), "%s", what);
    }
    return ad_err_raise(t, vm->exc_OSError, "%s", what);
}

static bool raw_write(AdThread *t, AdFile *r, const char *s, size_t n) {
    AdVM *vm = t->vm;
    if (r->std == AD_STD_OUT && vm->write_out) {
        vm->write_out(vm->host_ud, s, n);
        return true;
    }
    if (r->std == AD_STD_ERR && vm->write_err) {
        vm->write_err(vm->host_ud, s, n);
        return true;
    }
    /* `s` is a rooted object's data or a detached buffer, so it stays put while the GIL is
     * away. A signal (EINTR) has its handler run first, as PEP 475 says. */
    int fd = r->fd;
    int err = 0;
    ad_gil_release(t);
    while (n > 0) {
        ssize_t w = write(fd, s, n);
        if (w < 0) {
            err = errno;
            if (err != EINTR) break;
            err = 0;
            if (ad_signals_pending(t)) {
                ad_gil_acquire(t);
                if (!ad_signals_run(t)) return false;
                ad_gil_release(t);
            }
            continue;
        }
        s += w;
        n -= (size_t)w;
    }
    ad_gil_acquire(t);
    return err ? ad_err_from_errno(t, err, NULL) : true;
}

static bool flush_wbuf(AdThread *t, AdFile *r) {
    if (!r->wlen) return true;
    size_t n = r->wlen;
    r->wlen = 0;
    /* Writes from other threads during the system call start a fresh buffer. */
    char *buf = r->wbuf;
    size_t cap = r->wcap;
    r->wbuf = NULL;
    r->wcap = 0;
    bool ok = raw_write(t, r, buf, n);
    if (!r->wbuf) {
        r->wbuf = buf;
        r->wcap = cap;
    } else {
        ad_mem_free(t->vm, buf, cap);
    }
    return ok;
}

/* Drops read-ahead before writing or seeking, moving the descriptor back over it. */
static void drop_readahead(AdFile *r) {
    if (r->rlen > r->rpos && r->seekable) lseek(r->fd, -(off_t)(r->rlen - r->rpos), SEEK_CUR);
    r->rpos = r->rlen = 0;
    r->pending_cr = false;
}

/* Writing to stderr shows what a line-buffered (terminal) stdout holds first, so the two
 * interleave on a terminal as they would in CPython. */
static void flush_stdout_before_stderr(AdThread *t) {
    AdModule *sys = t->vm->sys_module;
    if (!sys) return;
    AdValue out = ad_dict_get_cstr(sys->dict, "stdout");
    if (!ad_file_is_native(t, out)) return;
    AdFile *o = root_of(AD_AS(AdFile, out));
    if (o->std == AD_STD_OUT && o->line_buffering && o->wlen && !o->closed) {
        AdValue saved = ad_err_fetch(t);
        if (!flush_wbuf(t, o)) ad_err_clear(t);
        t->exc = saved;
    }
}

static bool write_bytes(AdThread *t, AdFile *r, const char *s, size_t n) {
    AdVM *vm = t->vm;
    drop_readahead(r);
    if (r->std == AD_STD_ERR) flush_stdout_before_stderr(t);
    if ((r->std == AD_STD_OUT && vm->write_out) || (r->std == AD_STD_ERR && vm->write_err))
        return flush_wbuf(t, r) && raw_write(t, r, s, n);
    if (!r->wbuf) {
        r->wbuf = ad_mem_alloc(t, WBUF_SIZE);
        if (!r->wbuf) return false;
        r->wcap = WBUF_SIZE;
    }
    if (r->wlen + n > r->wcap) {
        if (!flush_wbuf(t, r)) return false;
        if (n >= r->wcap) return raw_write(t, r, s, n);
    }
    memcpy(r->wbuf + r->wlen, s, n);
    r->wlen += n;
    if (r->write_through || r->wlen >= r->wcap ||
        (r->line_buffering && (memchr(s, '\n', n) || memchr(s, '\r', n))))
        return flush_wbuf(t, r);
    return true;
}

/* Universal newlines over bytes just read into p[0..n): "\r\n" and "\r" become "\n".
 * Returns the new length. A '\r' ending the chunk may be the first half of "\r\n". */
static size_t translate_newlines(AdFile *r, char *p, size_t n) {
    size_t i = 0, o = 0;
    if (r->pending_cr && n > 0 && p[0] == '\n') i = 1;
    r->pending_cr = false;
    for (; i < n; i++) {
        char c = p[i];
        if (c == '\r') {
            if (i + 1 < n && p[i + 1] == '\n') i++;
            else if (i + 1 == n) r->pending_cr = true;
            c = '\n';
        }
        p[o++] = c;
    }
    return o;
}

/* Reads more bytes into the read buffer: 1 got some, 0 end of file, -1 error. */
static int fill(AdThread *t, AdFile *r) {
    if (r->wlen && !flush_wbuf(t, r)) return -1;
    if (r->std == AD_STD_IN) ad_io_flush_std(t);
    if (r->rpos > 0) {
        memmove(r->rbuf, r->rbuf + r->rpos, r->rlen - r->rpos);
        r->rlen -= r->rpos;
        r->rpos = 0;
    }
    if (r->rcap - r->rlen < RCHUNK) {
        size_t cap = r->rlen + RCHUNK;
        char *nb = ad_mem_realloc(t, r->rbuf, r->rcap, cap);
        if (!nb) return -1;
        r->rbuf = nb;
        r->rcap = cap;
    }
    char *chunk = malloc(RCHUNK);
    if (!chunk) return ad_err_nomemory(t), -1;
    int fd = r->fd, err = 0;
    ssize_t got;
    ad_gil_release(t);
    for (;;) {
        got = read(fd, chunk, RCHUNK);
        if (got >= 0 || errno != EINTR) break;
        if (ad_signals_pending(t)) {
            ad_gil_acquire(t);
            if (!ad_signals_run(t)) {
                free(chunk);
                return -1;
            }
            ad_gil_release(t);
        }
    }
    if (got < 0) err = errno;
    ad_gil_acquire(t);
    if (got <= 0) {
        free(chunk);
        if (got < 0) return ad_err_from_errno(t, err, NULL), -1;
        r->eof = true;
        return 0;
    }
    /* Another thread may have read from this file meanwhile: make room again. */
    if (r->rcap - r->rlen < (size_t)got) {
        size_t cap = r->rlen + RCHUNK;
        char *nb = ad_mem_realloc(t, r->rbuf, r->rcap, cap);
        if (!nb) {
            free(chunk);
            return -1;
        }
        r->rbuf = nb;
        r->rcap = cap;
    }
    memcpy(r->rbuf + r->rlen, chunk, (size_t)got);
    free(chunk);
    size_t n = (size_t)got;
    if (r->translate_read) {
        n = translate_newlines(r, r->rbuf + r->rlen, n);
        if (n == 0) return fill(t, r); /* the chunk was a lone "\n" completing "\r\n" */
    }
    r->rlen += n;
    return 1;
}

/* Byte offset where character number k (0-based) starts in p[0..n), or SIZE_MAX if the
 * text holds at most k characters. Bytes count as characters for binary files. */
static size_t nth_char(const char *p, size_t n, int64_t k, bool utf8) {
    if (!utf8) return (uint64_t)k < n ? (size_t)k : SIZE_MAX;
    int64_t seen = -1;
    for (size_t i = 0; i < n; i++) {
        if (((unsigned char)p[i] & 0xC0) != 0x80) {
            seen++;
            if (seen == k) return i;
        }
    }
    return SIZE_MAX;
}

static AdValue make_result(AdThread *t, AdFile *f, const char *p, size_t n) {
    if (f->kind == AD_FILE_BINARY) {
        AdBytes *b = ad_bytes_new(t, p, n);
        return b ? ad_obj(b) : AD_NULLV;
    }
    return ad_str_decode(t, (const uint8_t *)p, n, f->encoding ? f->encoding->data : "utf-8",
                         f->errors ? f->errors->data : NULL);
}

/* Takes p[0..n) off the front of the read buffer as the result. */
static AdValue take(AdThread *t, AdFile *f, AdFile *r, size_t n) {
    AdValue v = make_result(t, f, r->rbuf ? r->rbuf + r->rpos : "", n);
    if (AD_IS_NULL(v)) return v;
    r->rpos += n;
    return v;
}

static bool char_counted(AdFile *f) { return f->kind == AD_FILE_TEXT && f->utf8; }

static AdValue read_impl(AdThread *t, AdFile *f, int64_t size) {
    AdFile *r = root_of(f);
    if (!check_open(t, f)) return AD_NULLV;
    if (!f->readable) return unsupported(t, "not readable"), AD_NULLV;
    r->eof = false;
    for (;;) {
        size_t avail = r->rlen - r->rpos;
        if (size >= 0) {
            size_t off = nth_char(r->rbuf ? r->rbuf + r->rpos : "", avail, size, char_counted(f));
            if (off != SIZE_MAX) return take(t, f, r, off);
        }
        if (r->eof) return take(t, f, r, avail);
        if (fill(t, r) < 0) return AD_NULLV;
    }
}

AdValue ad_file_readline(AdThread *t, AdFile *f, int64_t limit) {
    AdFile *r = root_of(f);
    if (!check_open(t, f)) return AD_NULLV;
    if (!f->readable) return unsupported(t, "not readable"), AD_NULLV;
    r->eof = false;
    for (;;) {
        size_t avail = r->rlen - r->rpos;
        const char *p = r->rbuf ? r->rbuf + r->rpos : "";
        size_t lim = limit >= 0 ? nth_char(p, avail, limit, char_counted(f)) : SIZE_MAX;
        const char *nl = memchr(p, '\n', lim == SIZE_MAX ? avail : lim);
        if (nl) return take(t, f, r, (size_t)(nl - p) + 1);
        if (lim != SIZE_MAX) return take(t, f, r, lim);
        if (r->eof) return take(t, f, r, avail);
        if (fill(t, r) < 0) return AD_NULLV;
    }
}

bool ad_file_write_raw(AdThread *t, AdFile *f, const char *s, size_t n) {
    AdFile *r = root_of(f);
    if (!check_open(t, f)) return false;
    if (!f->writable) return unsupported(t, "not writable");
    if (f->kind == AD_FILE_TEXT && f->write_newline && memchr(s, '\n', n)) {
        AdBuf b;
        ad_buf_init(&b);
        const char *start = s, *end = s + n;
        for (const char *nl; (nl = memchr(start, '\n', (size_t)(end - start)));) {
            if (!ad_buf_add(t, &b, start, (size_t)(nl - start)) ||
                !ad_buf_add(t, &b, f->write_newline->data, f->write_newline->len)) {
                ad_buf_free(&b);
                return false;
            }
            start = nl + 1;
        }
        if (!ad_buf_add(t, &b, start, (size_t)(end - start))) {
            ad_buf_free(&b);
            return false;
        }
        bool ok = write_bytes(t, r, b.data ? b.data : "", b.len);
        ad_buf_free(&b);
        return ok;
    }
    return write_bytes(t, r, s, n);
}

bool ad_file_flush(AdThread *t, AdFile *f) {
    if (!check_open(t, f)) return false;
    return flush_wbuf(t, root_of(f));
}

/* Flushes one std stream slot of sys, whatever object it holds. */
static void flush_slot(AdThread *t, AdDict *sysd, const char *name) {
    AdValue s = ad_dict_get_cstr(sysd, name);
    if (AD_IS_NULL(s) || AD_IS_NONE(s)) return;
    ad_gc_push_root(t, s);
    if (ad_file_is_native(t, s)) {
        AdFile *r = root_of(AD_AS(AdFile, s));
        if (!r->closed && !flush_wbuf(t, r)) ad_err_clear(t);
    } else {
        AdValue res = ad_rt_call_method(t, s, t->vm->name.flush, NULL, 0, NULL);
        if (AD_IS_NULL(res)) ad_err_clear(t);
    }
    t->nroots--;
}

void ad_io_flush_std(AdThread *t) {
    AdModule *sys = t->vm->sys_module;
    if (!sys) return;
    AdValue saved = ad_err_fetch(t);
    ad_gc_push_root(t, saved);
    flush_slot(t, sys->dict, "stderr");
    flush_slot(t, sys->dict, "stdout");
    flush_slot(t, sys->dict, "__stdout__");
    flush_slot(t, sys->dict, "__stderr__");
    t->nroots--;
    t->exc = saved;
}

/* ---- making files ---------------------------------------------------------------------- */

static AdFile *file_alloc(AdThread *t, AdType *type) {
    AdFile *f = ad_gc_alloc(t, type, type->instance_size > sizeof(AdFile) ? type->instance_size
                                                                         : sizeof(AdFile));
    if (!f) return NULL;
    f->fd = -1;
    f->std = AD_STD_NONE;
    f->name = AD_NONE;
    f->buffer = AD_NULLV;
    return f;
}

static AdType *binary_type(AdThread *t, bool readable, bool writable) {
    AdVM *vm = t->vm;
    if (readable && writable) return vm->type_buffered_random;
    return writable ? vm->type_buffered_writer : vm->type_buffered_reader;
}

static bool is_utf8_name(const char *enc) {
    char norm[32];
    size_t i = 0;
    for (; enc[i] && i < sizeof norm - 1; i++) {
        char c = enc[i];
        norm[i] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c == '_' ? '-' : c);
    }
    norm[i] = '\0';
    return strcmp(norm, "utf-8") == 0 || strcmp(norm, "utf8") == 0 || strcmp(norm, "u8") == 0;
}

/* A text file's encoding setup; checks that the codec exists (LookupError otherwise). */
static bool set_encoding(AdThread *t, AdFile *f, AdValue encoding, AdValue errors) {
    if (AD_IS_NULL(encoding) || AD_IS_NONE(encoding)) {
        f->encoding = ad_str_from_cstr(t, "UTF-8");
        if (!f->encoding) return false;
    } else {
        if (!ad_is_str(t, encoding))
            return ad_err_raise(t, t->vm->exc_TypeError,
                                "open() argument 'encoding' must be str or None, not %T", encoding);
        f->encoding = AD_AS(AdStr, encoding);
        AdValue probe = ad_str_decode(t, (const uint8_t *)"", 0, f->encoding->data, NULL);
        if (AD_IS_NULL(probe)) return false;
    }
    f->utf8 = is_utf8_name(f->encoding->data);
    if (AD_IS_NULL(errors) || AD_IS_NONE(errors)) {
        f->errors = ad_str_from_cstr(t, "strict");
        if (!f->errors) return false;
    } else {
        if (!ad_is_str(t, errors))
            return ad_err_raise(t, t->vm->exc_TypeError,
                                "open() argument 'errors' must be str or None, not %T", errors);
        f->errors = AD_AS(AdStr, errors);
    }
    return true;
}

/* The path argument of open(): str, bytes or os.PathLike. Sets *path (borrowed from a
 * rooted str/bytes) or *fd for an int. */
static bool file_arg(AdThread *t, AdValue *file, const char **path, int *fd) {
    *path = NULL;
    *fd = -1;
    AdValue v = *file;
    if (ad_is_int(t, v) && !AD_IS_BOOL(v)) {
        int64_t n;
        if (!ad_int_to_i64(t, v, &n)) return false;
        if (n < 0) return ad_err_raise(t, t->vm->exc_ValueError, "negative file descriptor");
        *fd = (int)n;
        return true;
    }
    if (!ad_is_str(t, v) && !ad_is_instance_of(t, v, t->vm->type_bytes)) {
        AdStr *fspath = ad_str_intern_cstr(t, "__fspath__");
        if (!fspath) return false;
        AdValue r = ad_rt_call_special(t, v, fspath, NULL, 0);
        if (AD_IS_NULL(r)) {
            if (ad_err_occurred(t)) return false;
            return ad_err_raise(t, t->vm->exc_TypeError,
                                "expected str, bytes or os.PathLike object, not %T", v);
        }
        if (!ad_is_str(t, r) && !ad_is_instance_of(t, r, t->vm->type_bytes))
            return ad_err_raise(t, t->vm->exc_TypeError,
                                "expected %s.__fspath__() to return str or bytes, not %T",
                                ad_type_name(ad_type_of(t, v)), r);
        *file = v = r;
    }
    if (ad_is_str(t, v)) {
        AdStr *s = AD_AS(AdStr, v);
        if (strlen(s->data) != s->len)
            return ad_err_raise(t, t->vm->exc_ValueError, "embedded null byte");
        *path = s->data;
    } else {
        AdBytes *b = AD_AS(AdBytes, v);
        if (strlen((const char *)b->data) != b->len)
            return ad_err_raise(t, t->vm->exc_ValueError, "embedded null byte");
        *path = (const char *)b->data;
    }
    return true;
}

AdValue ad_file_open(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    static const char *const names[] = {"file",    "mode",    "buffering", "encoding",
                                        "errors",  "newline", "closefd",   "opener"};
    AdVM *vm = t->vm;
    AdValue a[8];
    if (!ad_args_parse(t, "open", args, nargs, kwnames, names, 8, 8, 1, a)) return AD_NULLV;
    int mark = ad_gc_root_mark(t);
    const char *mode = "r";
    if (!AD_IS_NULL(a[1])) {
        if (!ad_is_str(t, a[1]))
            return ad_err_raise_v(t, vm->exc_TypeError, "open() argument 'mode' must be str, not %T",
                                  a[1]);
        mode = AD_AS(AdStr, a[1])->data;
    }
    bool r = false, w = false, x = false, ap = false, plus = false, tx = false, bin = false;
    for (const char *m = mode; *m; m++) {
        bool *flag = NULL;
        switch (*m) {
        case 'r': flag = &r; break;
        case 'w': flag = &w; break;
        case 'x': flag = &x; break;
        case 'a': flag = &ap; break;
        case '+': flag = &plus; break;
        case 't': flag = &tx; break;
        case 'b': flag = &bin; break;
        default: break;
        }
        if (!flag || *flag) return ad_err_raise_v(t, vm->exc_ValueError, "invalid mode: '%s'", mode);
        *flag = true;
    }
    if (tx && bin)
        return ad_err_raise_v(t, vm->exc_ValueError, "can't have text and binary mode at once");
    if (r + w + x + ap != 1)
        return ad_err_raise_v(t, vm->exc_ValueError,
                              "must have exactly one of create/read/write/append mode");
    int64_t buffering = -1;
    if (!AD_IS_NULL(a[2]) && !ad_int_to_i64(t, a[2], &buffering)) return AD_NULLV;
    AdValue encoding = a[3], errors = a[4], newline = a[5];
    if (bin && !AD_IS_NULL(encoding) && !AD_IS_NONE(encoding))
        return ad_err_raise_v(t, vm->exc_ValueError, "binary mode doesn't take an encoding argument");
    if (bin && !AD_IS_NULL(errors) && !AD_IS_NONE(errors))
        return ad_err_raise_v(t, vm->exc_ValueError, "binary mode doesn't take an errors argument");
    if (bin && !AD_IS_NULL(newline) && !AD_IS_NONE(newline))
        return ad_err_raise_v(t, vm->exc_ValueError, "binary mode doesn't take a newline argument");
    if (!bin && buffering == 0)
        return ad_err_raise_v(t, vm->exc_ValueError, "can't have unbuffered text I/O");
    const char *nl = NULL;
    if (!AD_IS_NULL(newline) && !AD_IS_NONE(newline)) {
        if (!ad_is_str(t, newline))
            return ad_err_raise_v(t, vm->exc_TypeError,
                                  "open() argument 'newline' must be str or None, not %T", newline);
        nl = AD_AS(AdStr, newline)->data;
        if (strcmp(nl, "") && strcmp(nl, "\n") && strcmp(nl, "\r") && strcmp(nl, "\r\n"))
            return ad_err_raise_v(t, vm->exc_ValueError, "illegal newline value: %s", nl);
    }
    bool closefd = true;
    if (!AD_IS_NULL(a[6])) {
        int truth = ad_rt_truthy(t, a[6]);
        if (truth < 0) return AD_NULLV;
        closefd = truth;
    }
    AdValue file = a[0];
    const char *path;
    int fd;
    if (!file_arg(t, &file, &path, &fd)) return AD_NULLV;
    ad_gc_push_root(t, file);
    if (path && !closefd)
        return ad_err_raise_v(t, vm->exc_ValueError, "Cannot use closefd=False with file name");

    bool readable = r || plus, writable = w || x || ap || plus;
    AdType *type = bin ? binary_type(t, readable, writable) : vm->type_text_io;
    AdFile *f = file_alloc(t, type);
    if (!f) return AD_NULLV;
    ad_gc_push_obj(t, f);
    f->kind = bin ? AD_FILE_BINARY : AD_FILE_TEXT;
    f->readable = readable;
    f->writable = writable;
    f->appending = ap;
    f->closefd = closefd;
    f->name = file;
    f->mode = ad_str_from_cstr(t, mode);
    if (!f->mode) return AD_NULLV;
    if (!bin) {
        if (!set_encoding(t, f, encoding, errors)) return AD_NULLV;
        f->translate_read = nl == NULL;
        if (nl && (strcmp(nl, "\r") == 0 || strcmp(nl, "\r\n") == 0)) {
            f->write_newline = ad_str_from_cstr(t, nl);
            if (!f->write_newline) return AD_NULLV;
        }
        f->line_buffering = buffering == 1;
    } else {
        f->write_through = buffering == 0;
    }
    if (path) {
        int flags = O_CLOEXEC;
        if (plus) flags |= O_RDWR;
        else flags |= r ? O_RDONLY : O_WRONLY;
        if (w) flags |= O_CREAT | O_TRUNC;
        if (x) flags |= O_CREAT | O_EXCL;
        if (ap) flags |= O_CREAT | O_APPEND;
        /* Opening a FIFO blocks until its other end opens too. */
        int err = 0;
        ad_gil_release(t);
        do {
            fd = open(path, flags, 0666);
        } while (fd < 0 && errno == EINTR);
        if (fd < 0) err = errno;
        ad_gil_acquire(t);
        if (fd < 0) return ad_err_from_errno(t, err, path), AD_NULLV;
        struct stat st;
        if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
            close(fd);
            return ad_err_from_errno(t, EISDIR, path), AD_NULLV;
        }
    }
    f->fd = fd;
    f->seekable = lseek(fd, 0, SEEK_CUR) != (off_t)-1;
    if (ap && f->seekable) lseek(fd, 0, SEEK_END);
    if (!bin && buffering < 0 && isatty(fd)) f->line_buffering = true;
    ad_gc_root_restore(t, mark);
    return ad_obj(f);
}

bool ad_io_make_std_streams(AdThread *t, AdValue *out, AdValue *err, AdValue *in) {
    static const char *const names[3] = {"<stdin>", "<stdout>", "<stderr>"};
    AdValue res[3];
    const char *env = getenv("PYTHONUNBUFFERED");
    bool unbuffered = env && *env;
    int mark = ad_gc_root_mark(t);
    for (int i = 0; i < 3; i++) {
        AdFile *f = file_alloc(t, t->vm->type_text_io);
        if (!f) return false;
        ad_gc_push_obj(t, f);
        f->kind = AD_FILE_TEXT;
        f->fd = i;
        f->std = i;
        f->readable = i == AD_STD_IN;
        f->writable = i != AD_STD_IN;
        f->closefd = false;
        f->translate_read = false; /* newline="\n" on POSIX, as CPython */
        f->utf8 = true;
        f->seekable = lseek(i, 0, SEEK_CUR) != (off_t)-1;
        f->line_buffering = i == AD_STD_OUT && isatty(i);
        /* CPython's PYTHONUNBUFFERED (python3 -u): stdout writes through too. */
        f->write_through = i == AD_STD_ERR || (i == AD_STD_OUT && unbuffered);
        AdStr *name = ad_str_from_cstr(t, names[i]);
        if (!name) return false;
        f->name = ad_obj(name);
        if (!(f->mode = ad_str_from_cstr(t, i == AD_STD_IN ? "r" : "w"))) return false;
        if (!(f->encoding = ad_str_from_cstr(t, "utf-8"))) return false;
        if (!(f->errors = ad_str_from_cstr(t, i == AD_STD_ERR ? "backslashreplace" : "strict")))
            return false;
        res[i] = ad_obj(f);
    }
    *in = res[0];
    *out = res[1];
    *err = res[2];
    ad_gc_root_restore(t, mark);
    return true;
}

/* ---- print's output path --------------------------------------------------------------- */

bool ad_rt_print_str(AdThread *t, const char *s, size_t n, bool to_stderr) {
    AdVM *vm = t->vm;
    AdValue stream = AD_NULLV;
    if (vm->sys_module) stream = ad_dict_get_cstr(vm->sys_module->dict, to_stderr ? "stderr" : "stdout");
    if (AD_IS_NULL(stream)) {
        void (*writer)(void *, const char *, size_t) = to_stderr ? vm->write_err : vm->write_out;
        if (writer) {
            writer(vm->host_ud, s, n);
            return true;
        }
        int fd = to_stderr ? 2 : 1;
        while (n > 0) {
            ssize_t w = write(fd, s, n);
            if (w < 0) {
                if (errno == EINTR) continue;
                return ad_err_from_errno(t, errno, NULL);
            }
            s += w;
            n -= (size_t)w;
        }
        return true;
    }
    if (AD_IS_NONE(stream)) return true;
    if (ad_file_is_native(t, stream) && AD_AS(AdFile, stream)->kind == AD_FILE_TEXT)
        return ad_file_write_raw(t, AD_AS(AdFile, stream), s, n);
    ad_gc_push_root(t, stream);
    AdStr *str = ad_str_new(t, s, n);
    if (!str) return false;
    ad_gc_push_obj(t, str);
    AdValue r = ad_rt_call_method(t, stream, vm->name.write, (AdValue[]){ad_obj(str)}, 1, NULL);
    t->nroots -= 2;
    return !AD_IS_NULL(r);
}

/* ---- methods --------------------------------------------------------------------------- */

#define SELF(args) AD_AS(AdFile, (args)[0])

/* An optional size argument: None or absent gives -1. */
static bool size_arg(AdThread *t, AdValue v, int64_t *out) {
    *out = -1;
    if (AD_IS_NULL(v) || AD_IS_NONE(v)) return true;
    if (!ad_is_int(t, v))
        return ad_err_raise(t, t->vm->exc_TypeError, "argument should be integer or None, not '%s'",
                            ad_type_name(ad_type_of(t, v)));
    return ad_rt_index(t, v, out);
}

static AdValue file_read(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    if (!ad_args_check(t, "read", nargs - 1, kwnames, 0, 1)) return AD_NULLV;
    int64_t size;
    if (!size_arg(t, nargs > 1 ? args[1] : AD_NULLV, &size)) return AD_NULLV;
    return read_impl(t, SELF(args), size);
}

static AdValue file_readline(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    if (!ad_args_check(t, "readline", nargs - 1, kwnames, 0, 1)) return AD_NULLV;
    int64_t size;
    if (!size_arg(t, nargs > 1 ? args[1] : AD_NULLV, &size)) return AD_NULLV;
    return ad_file_readline(t, SELF(args), size);
}

static AdValue file_readlines(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    if (!ad_args_check(t, "readlines", nargs - 1, kwnames, 0, 1)) return AD_NULLV;
    int64_t hint;
    if (!size_arg(t, nargs > 1 ? args[1] : AD_NULLV, &hint)) return AD_NULLV;
    AdList *l = ad_list_new(t, 0);
    if (!l) return AD_NULLV;
    ad_gc_push_obj(t, l);
    int64_t total = 0;
    for (;;) {
        AdValue line = ad_file_readline(t, SELF(args), -1);
        if (AD_IS_NULL(line)) return AD_NULLV;
        size_t len = SELF(args)->kind == AD_FILE_TEXT ? AD_AS(AdStr, line)->nchars
                                                      : AD_AS(AdBytes, line)->len;
        if (len == 0) break;
        if (!ad_list_append(t, l, line)) return AD_NULLV;
        total += (int64_t)len;
        if (hint > 0 && total > hint) break;
    }
    return ad_obj(l);
}

static AdValue file_write(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    if (!ad_args_check(t, "write", nargs - 1, kwnames, 1, 1)) return AD_NULLV;
    AdFile *f = SELF(args);
    AdValue v = args[1];
    if (!check_open(t, f)) return AD_NULLV;
    if (f->kind == AD_FILE_TEXT) {
        if (!ad_is_str(t, v))
            return ad_err_raise_v(t, t->vm->exc_TypeError, "write() argument must be str, not %T", v);
        AdStr *s = AD_AS(AdStr, v);
        if (f->utf8) {
            if (!ad_file_write_raw(t, f, s->data, s->len)) return AD_NULLV;
        } else {
            AdValue b = ad_str_encode(t, s, f->encoding->data, f->errors ? f->errors->data : NULL);
            if (AD_IS_NULL(b)) return AD_NULLV;
            ad_gc_push_root(t, b);
            if (!ad_file_write_raw(t, f, (const char *)AD_AS(AdBytes, b)->data, AD_AS(AdBytes, b)->len))
                return AD_NULLV;
        }
        return ad_small_int((int64_t)s->nchars);
    }
    const char *data;
    size_t len;
    if (ad_is_instance_of(t, v, t->vm->type_bytes)) {
        data = (const char *)AD_AS(AdBytes, v)->data;
        len = AD_AS(AdBytes, v)->len;
    } else if (ad_is_instance_of(t, v, t->vm->type_bytearray)) {
        data = (const char *)AD_AS(AdByteArray, v)->data;
        len = AD_AS(AdByteArray, v)->len;
    } else {
        return ad_err_raise_v(t, t->vm->exc_TypeError, "a bytes-like object is required, not '%s'",
                              ad_type_name(ad_type_of(t, v)));
    }
    if (!ad_file_write_raw(t, f, data ? data : "", len)) return AD_NULLV;
    return ad_small_int((int64_t)len);
}

/* writelines() of every stream type: `write` (the type's own write method) once per item
 * of `iterable`, stopping at the first error. */
AdValue ad_io_writelines(AdThread *t, AdValue self, AdValue iterable, AdCFunc write) {
    AdValue it = ad_rt_getiter(t, iterable);
    if (AD_IS_NULL(it)) return AD_NULLV;
    int mark = ad_gc_root_mark(t);
    ad_gc_push_root(t, it);
    for (;;) {
        AdValue item;
        int r = ad_rt_next(t, it, &item);
        if (r < 0) return AD_NULLV;
        if (r == 0) break;
        AdValue wargs[2] = {self, item};
        ad_gc_push_root(t, item);
        AdValue res = write(t, wargs, 2, NULL);
        t->nroots--;
        if (AD_IS_NULL(res)) return AD_NULLV;
    }
    ad_gc_root_restore(t, mark);
    return AD_NONE;
}

static AdValue file_writelines(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    if (!ad_args_check(t, "writelines", nargs - 1, kwnames, 1, 1)) return AD_NULLV;
    if (!check_open(t, SELF(args))) return AD_NULLV;
    return ad_io_writelines(t, args[0], args[1], file_write);
}

static bool close_impl(AdThread *t, AdFile *f) {
    AdFile *r = root_of(f);
    if (r->closed) return true;
    bool ok = flush_wbuf(t, r);
    r->closed = true;
    if (r->closefd && r->fd >= 0 && close(r->fd) != 0 && ok) ok = ad_err_from_errno(t, errno, NULL);
    r->fd = -1;
    return ok;
}

static AdValue file_close(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    if (!ad_args_check(t, "close", nargs - 1, kwnames, 0, 0)) return AD_NULLV;
    return close_impl(t, SELF(args)) ? AD_NONE : AD_NULLV;
}

static AdValue file_flush(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    if (!ad_args_check(t, "flush", nargs - 1, kwnames, 0, 0)) return AD_NULLV;
    return ad_file_flush(t, SELF(args)) ? AD_NONE : AD_NULLV;
}

static AdValue file_seek(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    if (!ad_args_check(t, "seek", nargs - 1, kwnames, 1, 2)) return AD_NULLV;
    AdFile *f = SELF(args);
    AdFile *r = root_of(f);
    if (!check_open(t, f)) return AD_NULLV;
    int64_t off, whence = 0;
    if (!ad_rt_index(t, args[1], &off)) return AD_NULLV;
    if (nargs > 2 && !ad_rt_index(t, args[2], &whence)) return AD_NULLV;
    if (whence < 0 || whence > 2)
        return ad_err_raise_v(t, t->vm->exc_ValueError, "invalid whence (%lld, should be 0, 1 or 2)",
                              (long long)whence);
    if (f->kind == AD_FILE_TEXT && whence != 0 && off != 0)
        return unsupported(t, whence == 1 ? "can't do nonzero cur-relative seeks"
                                          : "can't do nonzero end-relative seeks"),
               AD_NULLV;
    if (f->kind == AD_FILE_TEXT && off < 0)
        return ad_err_raise_v(t, t->vm->exc_ValueError, "negative seek position %lld", (long long)off);
    if (!r->seekable) return unsupported(t, "underlying stream is not seekable"), AD_NULLV;
    if (!flush_wbuf(t, r)) return AD_NULLV;
    drop_readahead(r);
    off_t pos = lseek(r->fd, (off_t)off, whence == 0 ? SEEK_SET : whence == 1 ? SEEK_CUR : SEEK_END);
    if (pos == (off_t)-1) return ad_err_from_errno(t, errno, NULL), AD_NULLV;
    r->eof = false;
    return ad_small_int((int64_t)pos);
}

static AdValue file_tell(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    if (!ad_args_check(t, "tell", nargs - 1, kwnames, 0, 0)) return AD_NULLV;
    AdFile *f = SELF(args);
    AdFile *r = root_of(f);
    if (!check_open(t, f)) return AD_NULLV;
    if (!r->seekable) return unsupported(t, "underlying stream is not seekable"), AD_NULLV;
    off_t pos = lseek(r->fd, 0, SEEK_CUR);
    if (pos == (off_t)-1) return ad_err_from_errno(t, errno, NULL), AD_NULLV;
    return ad_small_int((int64_t)pos + (int64_t)r->wlen - (int64_t)(r->rlen - r->rpos));
}

static AdValue file_truncate(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    if (!ad_args_check(t, "truncate", nargs - 1, kwnames, 0, 1)) return AD_NULLV;
    AdFile *f = SELF(args);
    AdFile *r = root_of(f);
    if (!check_open(t, f)) return AD_NULLV;
    if (!f->writable) return unsupported(t, "File not open for writing"), AD_NULLV;
    if (!flush_wbuf(t, r)) return AD_NULLV;
    drop_readahead(r);
    int64_t size;
    if (nargs > 1 && !AD_IS_NONE(args[1])) {
        if (!ad_rt_index(t, args[1], &size)) return AD_NULLV;
    } else {
        off_t pos = lseek(r->fd, 0, SEEK_CUR);
        if (pos == (off_t)-1) return ad_err_from_errno(t, errno, NULL), AD_NULLV;
        size = pos;
    }
    if (ftruncate(r->fd, (off_t)size) != 0) return ad_err_from_errno(t, errno, NULL), AD_NULLV;
    return ad_small_int(size);
}

static AdValue file_fileno(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    if (!ad_args_check(t, "fileno", nargs - 1, kwnames, 0, 0)) return AD_NULLV;
    if (!check_open(t, SELF(args))) return AD_NULLV;
    return ad_small_int(root_of(SELF(args))->fd);
}

static AdValue file_isatty(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    if (!ad_args_check(t, "isatty", nargs - 1, kwnames, 0, 0)) return AD_NULLV;
    if (!check_open(t, SELF(args))) return AD_NULLV;
    return ad_bool(isatty(root_of(SELF(args))->fd));
}

static AdValue file_readable(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    if (!ad_args_check(t, "readable", nargs - 1, kwnames, 0, 0)) return AD_NULLV;
    if (!check_open(t, SELF(args))) return AD_NULLV;
    return ad_bool(SELF(args)->readable);
}

static AdValue file_writable(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    if (!ad_args_check(t, "writable", nargs - 1, kwnames, 0, 0)) return AD_NULLV;
    if (!check_open(t, SELF(args))) return AD_NULLV;
    return ad_bool(SELF(args)->writable);
}

static AdValue file_seekable(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    if (!ad_args_check(t, "seekable", nargs - 1, kwnames, 0, 0)) return AD_NULLV;
    if (!check_open(t, SELF(args))) return AD_NULLV;
    return ad_bool(root_of(SELF(args))->seekable);
}

static AdValue file_enter(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    if (!ad_args_check(t, "__enter__", nargs - 1, kwnames, 0, 0)) return AD_NULLV;
    if (!check_open(t, SELF(args))) return AD_NULLV;
    return args[0];
}

static AdValue file_exit(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    (void)nargs;
    (void)kwnames;
    return close_impl(t, SELF(args)) ? AD_NONE : AD_NULLV;
}

static AdValue file_iter(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    if (!ad_args_check(t, "__iter__", nargs - 1, kwnames, 0, 0)) return AD_NULLV;
    if (!check_open(t, SELF(args))) return AD_NULLV;
    return args[0];
}

static AdValue file_next(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    if (!ad_args_check(t, "__next__", nargs - 1, kwnames, 0, 0)) return AD_NULLV;
    AdFile *f = SELF(args);
    AdValue line = ad_file_readline(t, f, -1);
    if (AD_IS_NULL(line)) return AD_NULLV;
    size_t len = f->kind == AD_FILE_TEXT ? AD_AS(AdStr, line)->len : AD_AS(AdBytes, line)->len;
    if (len == 0) {
        ad_err_stop_iteration(t, AD_NONE);
        return AD_NULLV;
    }
    return line;
}

static AdValue file_repr(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    (void)nargs;
    (void)kwnames;
    AdFile *f = SELF(args);
    const char *tname = ad_type_name(f->obj.type);
    AdStr *s;
    if (f->kind == AD_FILE_TEXT)
        s = ad_err_strformat(t, "<_io.%s name=%R mode=%R encoding=%R>", tname, f->name,
                             f->mode ? ad_obj(f->mode) : AD_NONE,
                             f->encoding ? ad_obj(f->encoding) : AD_NONE);
    else
        s = ad_err_strformat(t, "<_io.%s name=%R>", tname, f->name);
    return s ? ad_obj(s) : AD_NULLV;
}

static AdValue get_name(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    (void)t, (void)nargs, (void)kwnames;
    AdFile *f = SELF(args);
    return f->parent ? f->parent->name : f->name;
}

static AdValue get_mode(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    (void)t, (void)nargs, (void)kwnames;
    AdFile *f = SELF(args);
    return f->mode ? ad_obj(f->mode) : AD_NONE;
}

static AdValue get_closed(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    (void)t, (void)nargs, (void)kwnames;
    return ad_bool(root_of(SELF(args))->closed);
}

static AdValue get_encoding(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    AdFile *f = SELF(args);
    if (!f->encoding) {
        (void)nargs, (void)kwnames;
        return ad_err_raise_v(t, t->vm->exc_AttributeError, "'%s' object has no attribute 'encoding'",
                              ad_type_name(f->obj.type));
    }
    return ad_obj(f->encoding);
}

static AdValue get_errors(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    (void)t, (void)nargs, (void)kwnames;
    AdFile *f = SELF(args);
    return f->errors ? ad_obj(f->errors) : AD_NONE;
}

static AdValue get_newlines(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    (void)t, (void)args, (void)nargs, (void)kwnames;
    return AD_NONE;
}

static AdValue get_line_buffering(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    (void)t, (void)nargs, (void)kwnames;
    return ad_bool(SELF(args)->line_buffering);
}

/* text.buffer: the binary view over the same descriptor and buffers. */
static AdValue get_buffer(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    (void)nargs, (void)kwnames;
    AdFile *f = SELF(args);
    if (f->kind != AD_FILE_TEXT)
        return ad_err_raise_v(t, t->vm->exc_AttributeError, "'%s' object has no attribute 'buffer'",
                              ad_type_name(f->obj.type));
    if (!AD_IS_NULL(f->buffer)) return f->buffer;
    AdFile *b = file_alloc(t, binary_type(t, f->readable, f->writable));
    if (!b) return AD_NULLV;
    b->kind = AD_FILE_BINARY;
    b->parent = root_of(f);
    b->readable = f->readable;
    b->writable = f->writable;
    b->std = f->std;
    b->name = f->name;
    b->fd = f->fd;
    b->mode = f->mode;
    f->buffer = ad_obj(b);
    return f->buffer;
}

static const AdMethodDef file_methods[] = {
    {"read", file_read, AD_METH_INSTANCE, NULL, NULL},
    {"read1", file_read, AD_METH_INSTANCE, NULL, NULL},
    {"readline", file_readline, AD_METH_INSTANCE, NULL, NULL},
    {"readlines", file_readlines, AD_METH_INSTANCE, NULL, NULL},
    {"write", file_write, AD_METH_INSTANCE, NULL, NULL},
    {"writelines", file_writelines, AD_METH_INSTANCE, NULL, NULL},
    {"close", file_close, AD_METH_INSTANCE, NULL, NULL},
    {"flush", file_flush, AD_METH_INSTANCE, NULL, NULL},
    {"seek", file_seek, AD_METH_INSTANCE, NULL, NULL},
    {"tell", file_tell, AD_METH_INSTANCE, NULL, NULL},
    {"truncate", file_truncate, AD_METH_INSTANCE, NULL, NULL},
    {"fileno", file_fileno, AD_METH_INSTANCE, NULL, NULL},
    {"isatty", file_isatty, AD_METH_INSTANCE, NULL, NULL},
    {"readable", file_readable, AD_METH_INSTANCE, NULL, NULL},
    {"writable", file_writable, AD_METH_INSTANCE, NULL, NULL},
    {"seekable", file_seekable, AD_METH_INSTANCE, NULL, NULL},
    {"__enter__", file_enter, AD_METH_INSTANCE, NULL, NULL},
    {"__exit__", file_exit, AD_METH_INSTANCE, NULL, NULL},
    {"__iter__", file_iter, AD_METH_INSTANCE, NULL, NULL},
    {"__next__", file_next, AD_METH_INSTANCE, NULL, NULL},
    {"__repr__", file_repr, AD_METH_INSTANCE, NULL, NULL},
    {"name", get_name, AD_METH_GETSET, NULL, NULL},
    {"mode", get_mode, AD_METH_GETSET, NULL, NULL},
    {"closed", get_closed, AD_METH_GETSET, NULL, NULL},
    {NULL, NULL, 0, NULL, NULL},
};

static const AdMethodDef text_methods[] = {
    {"encoding", get_encoding, AD_METH_GETSET, NULL, NULL},
    {"errors", get_errors, AD_METH_GETSET, NULL, NULL},
    {"newlines", get_newlines, AD_METH_GETSET, NULL, NULL},
    {"line_buffering", get_line_buffering, AD_METH_GETSET, NULL, NULL},
    {"buffer", get_buffer, AD_METH_GETSET, NULL, NULL},
    {NULL, NULL, 0, NULL, NULL},
};

bool ad_file_setup(AdThread *t) {
    AdVM *vm = t->vm;
    struct {
        AdType *type;
        const char *name;
    } types[] = {
        {vm->type_text_io, "TextIOWrapper"},
        {vm->type_buffered_reader, "BufferedReader"},
        {vm->type_buffered_writer, "BufferedWriter"},
        {vm->type_buffered_random, "BufferedRandom"},
    };
    AdStr *io = ad_str_intern_cstr(t, "_io");
    if (!io) return false;
    for (size_t i = 0; i < sizeof types / sizeof types[0]; i++) {
        if (!ad_type_init_builtin(t, types[i].type, types[i].name, vm->type_object, sizeof(AdFile),
                                  file_trace, file_finalize, file_methods, AD_TPFLAG_BASETYPE))
            return false;
        types[i].type->module = io;
        if (!ad_dict_set_str(t, types[i].type->dict, vm->name.module, ad_obj(io))) return false;
    }
    return ad_type_add_methods(t, vm->type_text_io, text_methods);
}
