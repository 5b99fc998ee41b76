/*
 * error.c - raising exceptions, argument-parsing errors, and the CPython traceback text.
 *
 * Invariant: t->exc is AD_NULLV or an exception instance; a raise sets it and sets the new
 * exception's __context__ to the one being handled (t->handled), breaking any cycle that
 * would make, exactly as CPython's _PyErr_SetObject. Exception objects themselves are
 * obj_exc.c's; catching is the dispatch loop's (vm.c).
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core.h"

/* ---- message formatting ------------------------------------------------------------- */

/* Appends the str of `v` (repr when `repr`), false with an exception pending on error. */
static bool add_value_text(AdThread *t, AdBuf *b, AdValue v, bool repr) {
    AdValue s = repr ? ad_rt_repr(t, v) : ad_rt_str(t, v);
    if (AD_IS_NULL(s)) return false;
    AdStr *str = AD_AS(AdStr, s);
    return ad_buf_add(t, b, str->data, str->len);
}

/* One printf conversion of `spec` (e.g. "%-5lld"), its argument taken from *ap. */
static bool add_conversion(AdThread *t, AdBuf *b, const char *spec, char conv, int length,
                           int star_width, int star_prec, int nstars, bool width_star,
                           va_list *ap) {
    char tmp[512];
    char *out = tmp;
    int n = 0;
    int w = star_width, p = star_prec;
#define EMIT(val)                                                                           \
    do {                                                                                    \
        if (nstars == 2) n = snprintf(tmp, sizeof tmp, spec, w, p, val);                     \
        else if (nstars == 1) n = snprintf(tmp, sizeof tmp, spec, width_star ? w : p, val); \
        else n = snprintf(tmp, sizeof tmp, spec, val);                                       \
    } while (0)
    switch (conv) {
    case 'd':
    case 'i':
        if (length == 2) EMIT(va_arg(*ap, long long));
        else if (length == 1) EMIT(va_arg(*ap, long));
        else if (length == 3) EMIT(va_arg(*ap, ptrdiff_t));
        else EMIT(va_arg(*ap, int));
        break;
    case 'u':
    case 'x':
    case 'X':
    case 'o':
        if (length == 2) EMIT(va_arg(*ap, unsigned long long));
        else if (length == 1) EMIT(va_arg(*ap, unsigned long));
        else if (length == 3) EMIT(va_arg(*ap, size_t));
        else EMIT(va_arg(*ap, unsigned int));
        break;
    case 'c': EMIT(va_arg(*ap, int)); break;
    case 'p': EMIT(va_arg(*ap, void *)); break;
    case 'f':
    case 'g':
    case 'e':
    case 'G':
    case 'E': EMIT(va_arg(*ap, double)); break;
    case 's': {
        const char *s = va_arg(*ap, const char *);
        if (!s) s = "(null)";
        if (nstars == 0 && strcmp(spec, "%s") == 0) return ad_buf_adds(t, b, s);
        EMIT(s);
        if (n >= (int)sizeof tmp) {
            /* Long strings with a width or precision: measure, then format into the heap. */
            out = malloc((size_t)n + 1);
            if (!out) return ad_err_nomemory(t);
            if (nstars == 2) snprintf(out, (size_t)n + 1, spec, w, p, s);
            else if (nstars == 1) snprintf(out, (size_t)n + 1, spec, width_star ? w : p, s);
            else snprintf(out, (size_t)n + 1, spec, s);
            bool ok = ad_buf_add(t, b, out, (size_t)n);
            free(out);
            return ok;
        }
        break;
    }
    default: return ad_buf_add(t, b, spec, strlen(spec));
    }
#undef EMIT
    if (n < 0) return true;
    if (n >= (int)sizeof tmp) n = (int)sizeof tmp - 1;
    return ad_buf_add(t, b, out, (size_t)n);
}

static bool vformat_into(AdThread *t, AdBuf *b, const char *fmt, va_list ap0) {
    va_list ap;
    va_copy(ap, ap0);
    const char *p = fmt;
    bool ok = true;
    while (*p && ok) {
        const char *pct = strchr(p, '%');
        if (!pct) {
            ok = ad_buf_adds(t, b, p);
            break;
        }
        if (pct > p && !(ok = ad_buf_add(t, b, p, (size_t)(pct - p)))) break;
        const char *q = pct + 1;
        if (*q == '%') {
            ok = ad_buf_addc(t, b, '%');
            p = q + 1;
            continue;
        }
        int nstars = 0, star_width = -1, star_prec = -1;
        bool width_star = false;
        while (*q && strchr("-+ #0", *q)) q++;
        if (*q == '*') {
            star_width = va_arg(ap, int);
            width_star = true;
            nstars++;
            q++;
        } else {
            while (*q >= '0' && *q <= '9') q++;
        }
        if (*q == '.') {
            q++;
            if (*q == '*') {
                star_prec = va_arg(ap, int);
                nstars++;
                q++;
            } else {
                while (*q >= '0' && *q <= '9') q++;
            }
        }
        int length = 0; /* 0 int, 1 long, 2 long long, 3 size_t/ptrdiff_t */
        const char *lenstart = q;
        if (*q == 'l') {
            length = 1;
            q++;
            if (*q == 'l') {
                length = 2;
                q++;
            }
        } else if (*q == 'z' || *q == 't' || *q == 'j') {
            length = *q == 'j' ? 2 : 3;
            q++;
        } else if (*q == 'h') {
            q++;
            if (*q == 'h') q++;
        }
        (void)lenstart;
        char conv = *q;
        if (!conv) {
            ok = ad_buf_adds(t, b, pct);
            break;
        }
        if (conv == 'R' || conv == 'S') {
            AdValue v = va_arg(ap, AdValue);
            ok = add_value_text(t, b, v, conv == 'R');
        } else if (conv == 'T') {
            AdValue v = va_arg(ap, AdValue);
            ok = ad_buf_adds(t, b, ad_type_name(ad_type_of(t, v)));
        } else if (conv == 'U') {
            AdStr *s = va_arg(ap, AdStr *);
            ok = s ? ad_buf_add(t, b, s->data, s->len) : ad_buf_adds(t, b, "(null)");
        } else {
            char spec[64];
            size_t speclen = (size_t)(q - pct + 1);
            if (speclen >= sizeof spec) speclen = sizeof spec - 1;
            memcpy(spec, pct, speclen);
            spec[speclen] = '\0';
            /* snprintf wants the C99 length for ptrdiff/size_t/intmax: normalise to ll/z. */
            if (length == 2 && strchr(spec, 'j')) {
                char *j = strchr(spec, 'j');
                memmove(j + 2, j + 1, strlen(j + 1) + 1);
                j[0] = 'l';
                j[1] = 'l';
            }
            ok = add_conversion(t, b, spec, conv, length, star_width, star_prec, nstars,
                                width_star, &ap);
        }
        p = q + 1;
    }
    va_end(ap);
    return ok;
}

AdStr *ad_err_vstrformat(AdThread *t, const char *fmt, va_list ap) {
    AdBuf b;
    ad_buf_init(&b);
    if (!vformat_into(t, &b, fmt, ap)) {
        ad_buf_free(&b);
        return NULL;
    }
    return ad_buf_finish(t, &b);
}

AdStr *ad_err_strformat(AdThread *t, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    AdStr *s = ad_err_vstrformat(t, fmt, ap);
    va_end(ap);
    return s;
}

/* ---- raising --------------------------------------------------------------------------- */

static bool is_exc_instance(AdThread *t, AdValue v) {
    return AD_IS_OBJ(v) && ad_is_instance_of(t, v, t->vm->exc_BaseException);
}

/* exc.__context__ = the exception being handled, unless that would close a cycle. */
static void chain_context(AdThread *t, AdValue exc) {
    AdValue handled = t->handled;
    if (!is_exc_instance(t, handled) || ad_is(handled, exc) || !is_exc_instance(t, exc)) return;
    /* Cut exc out of handled's context chain (Floyd's check guards against a chain that
     * already loops, which user code can build by assigning __context__). */
    AdValue o = handled, slow = handled;
    bool advance_slow = false;
    for (;;) {
        AdValue ctx = AD_AS(AdException, o)->context;
        if (!is_exc_instance(t, ctx)) break;
        if (ad_is(ctx, exc)) {
            AD_AS(AdException, o)->context = AD_NONE;
            break;
        }
        o = ctx;
        if (advance_slow) slow = AD_AS(AdException, slow)->context;
        advance_slow = !advance_slow;
        if (ad_is(o, slow)) break;
    }
    AD_AS(AdException, exc)->context = handled;
}

static void set_pending(AdThread *t, AdValue exc) {
    chain_context(t, exc);
    t->exc = exc;
}

static bool raise_v(AdThread *t, AdType *type, const char *fmt, va_list ap) {
    int mark = ad_gc_root_mark(t);
    AdStr *msg = ad_err_vstrformat(t, fmt, ap);
    if (!msg) return false;
    ad_gc_push_obj(t, msg);
    AdTuple *args = ad_tuple_from_array(t, (AdValue[]){ad_obj(msg)}, 1);
    if (!args) return false;
    ad_gc_push_obj(t, args);
    AdValue exc = ad_exc_new(t, type, args);
    ad_gc_root_restore(t, mark);
    if (AD_IS_NULL(exc)) return false;
    set_pending(t, exc);
    return false;
}

bool ad_err_raise(AdThread *t, AdType *type, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    raise_v(t, type, fmt, ap);
    va_end(ap);
    return false;
}

AdValue ad_err_raise_v(AdThread *t, AdType *type, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    raise_v(t, type, fmt, ap);
    va_end(ap);
    return AD_NULLV;
}

void *ad_err_raise_p(AdThread *t, AdType *type, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    raise_v(t, type, fmt, ap);
    va_end(ap);
    return NULL;
}

bool ad_err_raise_obj(AdThread *t, AdValue exc) {
    AdVM *vm = t->vm;
    if (is_exc_instance(t, exc)) {
        set_pending(t, exc);
        return false;
    }
    if (AD_IS_OBJ(exc) && ad_is_instance_of(t, exc, vm->type_type) &&
        (AD_AS(AdType, exc) == vm->exc_BaseException ||
         ad_type_is_subtype(AD_AS(AdType, exc), vm->exc_BaseException))) {
        AdValue inst = ad_exc_new(t, AD_AS(AdType, exc), vm->empty_tuple);
        if (AD_IS_NULL(inst)) return false;
        if (!is_exc_instance(t, inst))
            return ad_err_raise(t, vm->exc_TypeError,
                                "calling %R should have returned an instance of BaseException, not %T",
                                exc, inst);
        set_pending(t, inst);
        return false;
    }
    return ad_err_raise(t, vm->exc_TypeError, "exceptions must derive from BaseException");
}

bool ad_err_nomemory(AdThread *t) {
    AdValue me = t->vm->memory_error;
    if (AD_IS_OBJ(me)) {
        /* The preallocated instance is reused: clear what the last raise left on it. */
        AdException *e = AD_AS(AdException, me);
        e->traceback = AD_NONE;
        e->context = AD_NONE;
        e->cause = AD_NONE;
        t->exc = me;
    } else {
        t->exc = AD_NONE; /* during bootstrap: nothing better exists yet */
    }
    return false;
}

bool ad_err_occurred(AdThread *t) { return !AD_IS_NULL(t->exc); }

bool ad_err_matches(AdThread *t, AdType *type) {
    if (AD_IS_NULL(t->exc)) return false;
    AdType *et = ad_type_of(t, t->exc);
    return et == type || ad_type_is_subtype(et, type);
}

AdValue ad_err_fetch(AdThread *t) {
    AdValue e = t->exc;
    t->exc = AD_NULLV;
    return e;
}

void ad_err_clear(AdThread *t) { t->exc = AD_NULLV; }

/* ---- argument parsing --------------------------------------------------------------- */

bool ad_args_parse(AdThread *t, const char *fname, AdValue *args, int nargs, AdTuple *kwnames,
                   const char *const *names, int n, int npos, int nrequired, AdValue *out) {
    AdType *te = t->vm->exc_TypeError;
    int nkw = kwnames ? (int)kwnames->len : 0;
    if (nargs + nkw > n)
        return ad_err_raise(t, te, "%s() takes at most %d %sargument%s (%d given)", fname, n,
                            nargs == 0 ? "keyword " : "", n == 1 ? "" : "s", nargs + nkw);
    if (nargs > npos) {
        if (npos == 0) return ad_err_raise(t, te, "%s() takes no positional arguments", fname);
        return ad_err_raise(t, te, "%s() takes %s %d positional argument%s (%d given)", fname,
                            nrequired < npos ? "at most" : "exactly", npos, npos == 1 ? "" : "s",
                            nargs);
    }
    for (int i = 0; i < n; i++) out[i] = i < nargs ? args[i] : AD_NULLV;
    for (int k = 0; k < nkw; k++) {
        AdStr *kw = AD_AS(AdStr, kwnames->items[k]);
        int found = -1;
        for (int i = 0; i < n; i++) {
            if (ad_str_eq_cstr(kw, names[i])) {
                found = i;
                break;
            }
        }
        if (found < 0)
            return ad_err_raise(t, te, "'%s' is an invalid keyword argument for %s()", kw->data,
                                fname);
        if (found < nargs)
            return ad_err_raise(t, te, "argument for %s() given by name ('%s') and position (%d)",
                                fname, kw->data, found + 1);
        out[found] = args[nargs + k];
    }
    for (int i = 0; i < nrequired; i++) {
        if (AD_IS_NULL(out[i]))
            return ad_err_raise(t, te, "%s() missing required argument '%s' (pos %d)", fname,
                                names[i], i + 1);
    }
    return true;
}

bool ad_args_check(AdThread *t, const char *fname, int nargs, AdTuple *kwnames, int min, int max) {
    AdType *te = t->vm->exc_TypeError;
    if (kwnames && kwnames->len > 0)
        return ad_err_raise(t, te, "%s() takes no keyword arguments", fname);
    if (nargs >= min && (max < 0 || nargs <= max)) return true;
    if (max == 0) return ad_err_raise(t, te, "%s() takes no arguments (%d given)", fname, nargs);
    if (min == 1 && max == 1)
        return ad_err_raise(t, te, "%s() takes exactly one argument (%d given)", fname, nargs);
    int bound = nargs < min ? min : max;
    return ad_err_raise(t, te, "%s expected %s%d argument%s, got %d", fname,
                        min == max ? "" : nargs < min ? "at least " : "at most ", bound,
                        bound == 1 ? "" : "s", nargs);
}

/* ---- traceback text ----------------------------------------------------------------- */

/* The last file whose lines were shown, so a deep traceback reads each file once. */
typedef struct SourceCache {
    char *path;
    char *text;
    size_t len;
    bool missing;
} SourceCache;

static void cache_free(SourceCache *c) {
    free(c->path);
    free(c->text);
    c->path = c->text = NULL;
}

/* The text of line `lineno` of `path` (without its end of line), or NULL. */
static const char *source_line(SourceCache *c, const char *path, int lineno, size_t *len) {
    if (!c->path || strcmp(c->path, path) != 0) {
        cache_free(c);
        c->path = strdup(path);
        c->missing = true;
        if (!c->path) return NULL;
        if (path[0] != '<') {
            FILE *f = fopen(path, "rb");
            if (f) {
                size_t cap = 8192, n = 0;
                char *buf = malloc(cap);
                while (buf) {
                    size_t got = fread(buf + n, 1, cap - n, f);
                    n += got;
                    if (n < cap) break;
                    char *bigger = realloc(buf, cap * 2);
                    if (!bigger) {
                        free(buf);
                        buf = NULL;
                        break;
                    }
                    buf = bigger;
                    cap *= 2;
                }
                fclose(f);
                if (buf) {
                    c->text = buf;
                    c->len = n;
                    c->missing = false;
                }
            }
        }
    }
    if (c->missing || lineno < 1) return NULL;
    const char *p = c->text, *end = c->text + c->len;
    for (int i = 1; i < lineno; i++) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        if (!nl) return NULL;
        p = nl + 1;
    }
    if (p >= end) return NULL;
    const char *nl = memchr(p, '\n', (size_t)(end - p));
    const char *stop = nl ? nl : end;
    if (stop > p && stop[-1] == '\r') stop--;
    while (p < stop && (*p == ' ' || *p == '\t' || *p == '\f')) p++;
    *len = (size_t)(stop - p);
    return p;
}

#define TB_RECURSIVE_CUTOFF 3
#define TB_LIMIT 1000

static bool add_repeated(AdThread *t, AdBuf *out, long cnt) {
    cnt -= TB_RECURSIVE_CUTOFF;
    return ad_buf_addf(t, out, "  [Previous line repeated %ld more time%s]\n", cnt,
                       cnt > 1 ? "s" : "");
}

static bool format_tb(AdThread *t, AdTraceback *tb, AdBuf *out, SourceCache *cache) {
    if (!ad_buf_adds(t, out, "Traceback (most recent call last):\n")) return false;
    long depth = 0;
    for (AdTraceback *c = tb; c; c = c->next) depth++;
    while (depth > TB_LIMIT) {
        tb = tb->next;
        depth--;
    }
    AdStr *last_file = NULL, *last_name = NULL;
    int last_line = -1;
    long cnt = 0;
    for (; tb; tb = tb->next) {
        AdCode *code = tb->code;
        AdStr *file = code ? code->filename : NULL;
        AdStr *name = code ? code->name : NULL;
        bool same = last_file && file && name && last_name && tb->lineno == last_line &&
                    ad_str_eq(file, last_file) && ad_str_eq(name, last_name);
        if (!same) {
            if (cnt > TB_RECURSIVE_CUTOFF && !add_repeated(t, out, cnt)) return false;
            last_file = file;
            last_name = name;
            last_line = tb->lineno;
            cnt = 0;
        }
        cnt++;
        if (cnt > TB_RECURSIVE_CUTOFF) continue;
        const char *fname = file ? file->data : "???";
        if (!ad_buf_addf(t, out, "  File \"%s\", line %d, in %s\n", fname, tb->lineno,
                         name ? name->data : "???"))
            return false;
        size_t len;
        const char *line = file ? source_line(cache, fname, tb->lineno, &len) : NULL;
        if (line && len > 0) {
            if (!ad_buf_adds(t, out, "    ") || !ad_buf_add(t, out, line, len) ||
                !ad_buf_addc(t, out, '\n'))
                return false;
        }
    }
    if (cnt > TB_RECURSIVE_CUTOFF && !add_repeated(t, out, cnt)) return false;
    return true;
}

/* Reads exc.<name>; AD_NULLV (no exception) when it is missing or fails. */
static AdValue quiet_attr(AdThread *t, AdValue obj, const char *name) {
    AdStr *s = ad_str_intern_cstr(t, name);
    if (!s) {
        ad_err_clear(t);
        return AD_NULLV;
    }
    AdValue v;
    int r = ad_rt_lookup_attr(t, obj, s, &v);
    if (r <= 0) {
        ad_err_clear(t);
        return AD_NULLV;
    }
    return v;
}

/* A 1-based character offset into UTF-8 `text` as a 1-based byte offset (CPython prints
 * carets by bytes, so a caret after "é" sits one column further right there too). */
static long char_to_byte_offset(const char *text, long offset) {
    if (offset <= 0) return offset;
    const unsigned char *p = (const unsigned char *)text;
    long chars = 0;
    size_t i = 0;
    while (p[i] && chars < offset - 1) {
        i++;
        while (p[i] && (p[i] & 0xC0) == 0x80) i++;
        chars++;
    }
    return (long)i + (offset - 1 - chars) + 1;
}

/* CPython's print_error_text: the source line stripped of its indentation, then carets
 * under byte columns offset..end_offset (1-based). */
static bool format_error_text(AdThread *t, AdBuf *out, long offset, long end_offset,
                              const char *text) {
    long caret_reps = (end_offset > 0 && end_offset > offset) ? end_offset - offset : 1;
    offset--;
    while (*text == ' ' || *text == '\t' || *text == '\f') {
        text++;
        offset--;
    }
    long len = (long)strlen(text);
    if (len > 0 && text[len - 1] == '\n') len--;
    if (offset > len) offset = len;
    /* Skip to the line holding the offset when the text spans several. */
    for (;;) {
        const char *nl = strchr(text, '\n');
        if (!nl) break;
        long inl = (long)(nl - text);
        if (inl >= offset) break;
        inl += 1;
        text += inl;
        len -= inl;
        offset -= inl;
    }
    if (!ad_buf_adds(t, out, "    ") || !ad_buf_add(t, out, text, (size_t)len) ||
        !ad_buf_addc(t, out, '\n'))
        return false;
    if (offset < 0) return true;
    if (!ad_buf_adds(t, out, "    ")) return false;
    while (--offset >= 0)
        if (!ad_buf_addc(t, out, ' ')) return false;
    for (long i = 0; i < caret_reps; i++)
        if (!ad_buf_addc(t, out, '^')) return false;
    return ad_buf_addc(t, out, '\n');
}

/* The SyntaxError block: `  File "x.py", line 3` and the marked source line. Returns the
 * message to show on the last line in *msg, or leaves *msg AD_NULLV when the exception
 * lacks the fields (then it prints like any other). */
static bool format_syntax(AdThread *t, AdValue exc, AdBuf *out, AdValue *msg) {
    *msg = AD_NULLV;
    AdValue m = quiet_attr(t, exc, "msg");
    AdValue lineno = quiet_attr(t, exc, "lineno");
    if (AD_IS_NULL(m) || !AD_IS_INT(lineno)) return true;
    ad_gc_push_root(t, m);
    AdValue filename = quiet_attr(t, exc, "filename");
    ad_gc_push_root(t, filename);
    AdValue offset = quiet_attr(t, exc, "offset");
    AdValue text = quiet_attr(t, exc, "text");
    ad_gc_push_root(t, text);
    AdValue end_lineno = quiet_attr(t, exc, "end_lineno");
    AdValue end_offset = quiet_attr(t, exc, "end_offset");
    const char *fname = ad_is_str(t, filename) ? AD_AS(AdStr, filename)->data : "<string>";
    if (!ad_buf_addf(t, out, "  File \"%s\", line %lld\n", fname, (long long)lineno.as.i))
        return false;
    if (ad_is_str(t, text)) {
        AdStr *ts = AD_AS(AdStr, text);
        long off = AD_IS_INT(offset) ? char_to_byte_offset(ts->data, (long)offset.as.i) : -1;
        long end_off =
            AD_IS_INT(end_offset) ? char_to_byte_offset(ts->data, (long)end_offset.as.i) : -1;
        long line_size = (long)ts->len;
        if (AD_IS_INT(end_lineno) && end_lineno.as.i > lineno.as.i) end_off = line_size;
        if (end_off > line_size + 1) end_off = line_size + 1;
        if (!format_error_text(t, out, off, end_off, ts->data)) return false;
    }
    *msg = m;
    return true;
}

/* `module.Qualname`, the module left out for builtins and __main__. */
static bool add_type_name(AdThread *t, AdBuf *out, AdType *type) {
    AdStr *module = NULL;
    AdValue mv = type->dict ? ad_dict_get_str(type->dict, t->vm->name.module) : AD_NULLV;
    if (ad_is_str(t, mv)) module = AD_AS(AdStr, mv);
    else if (type->module) module = type->module;
    if (module && !ad_str_eq_cstr(module, "builtins") && !ad_str_eq_cstr(module, "__main__")) {
        if (!ad_buf_add(t, out, module->data, module->len) || !ad_buf_addc(t, out, '.'))
            return false;
    }
    AdStr *name = type->qualname ? type->qualname : type->name;
    return name ? ad_buf_add(t, out, name->data, name->len) : ad_buf_adds(t, out, "<unknown>");
}

static bool format_notes(AdThread *t, AdValue exc, AdBuf *out) {
    AdValue notes = quiet_attr(t, exc, "__notes__");
    if (AD_IS_NULL(notes)) return true;
    ad_gc_push_root(t, notes);
    if (!ad_is_type(notes, t->vm->type_list) && !ad_is_type(notes, t->vm->type_tuple)) {
        AdValue r = ad_rt_repr(t, notes);
        if (AD_IS_NULL(r)) {
            ad_err_clear(t);
            return ad_buf_adds(t, out, "<__notes__ repr() failed>\n");
        }
        return ad_buf_add(t, out, AD_AS(AdStr, r)->data, AD_AS(AdStr, r)->len) &&
               ad_buf_addc(t, out, '\n');
    }
    AdList *l = ad_is_type(notes, t->vm->type_list) ? AD_AS(AdList, notes) : NULL;
    size_t n = l ? l->len : AD_AS(AdTuple, notes)->len;
    for (size_t i = 0; i < n; i++) {
        size_t len = l ? l->len : n;
        if (i >= len) break;
        AdValue note = l ? l->items[i] : AD_AS(AdTuple, notes)->items[i];
        AdValue s = ad_is_str(t, note) ? note : ad_rt_str(t, note);
        if (AD_IS_NULL(s)) {
            ad_err_clear(t);
            if (!ad_buf_adds(t, out, "<note str() failed>\n")) return false;
            continue;
        }
        if (!ad_buf_add(t, out, AD_AS(AdStr, s)->data, AD_AS(AdStr, s)->len) ||
            !ad_buf_addc(t, out, '\n'))
            return false;
    }
    return true;
}

/* One exception without its chain: traceback, SyntaxError block, last line, notes. */
static bool format_one(AdThread *t, AdValue exc, AdBuf *out, SourceCache *cache) {
    int mark = ad_gc_root_mark(t);
    bool ok = false;
    if (!is_exc_instance(t, exc)) {
        AdValue s = ad_rt_str(t, exc);
        if (AD_IS_NULL(s)) {
            ad_err_clear(t);
            ok = ad_buf_adds(t, out, "<exception str() failed>\n");
        } else {
            ok = ad_buf_addf(t, out, "%s: %s\n", ad_type_name(ad_type_of(t, exc)), AD_AS(AdStr, s)->data);
        }
        ad_gc_root_restore(t, mark);
        return ok;
    }
    AdException *e = AD_AS(AdException, exc);
    if (ad_is_type(e->traceback, t->vm->type_traceback) &&
        !format_tb(t, AD_AS(AdTraceback, e->traceback), out, cache))
        goto done;
    AdValue msg = AD_NULLV;
    if (ad_is_instance_of(t, exc, t->vm->exc_SyntaxError) && !format_syntax(t, exc, out, &msg))
        goto done;
    if (!add_type_name(t, out, e->obj.type)) goto done;
    AdValue s = AD_IS_NULL(msg) ? ad_rt_str(t, exc) : ad_rt_str(t, msg);
    if (AD_IS_NULL(s)) {
        ad_err_clear(t);
        if (!ad_buf_adds(t, out, ": <exception str() failed>")) goto done;
    } else if (ad_is_str(t, s) && AD_AS(AdStr, s)->len > 0) {
        if (!ad_buf_adds(t, out, ": ") || !ad_buf_add(t, out, AD_AS(AdStr, s)->data, AD_AS(AdStr, s)->len))
            goto done;
    }
    if (!ad_buf_addc(t, out, '\n')) goto done;
    ok = format_notes(t, exc, out);
done:
    ad_gc_root_restore(t, mark);
    return ok;
}

static const char cause_message[] =
    "\nThe above exception was the direct cause of the following exception:\n\n";
static const char context_message[] =
    "\nDuring handling of the above exception, another exception occurred:\n\n";

bool ad_err_format(AdThread *t, AdValue exc, AdBuf *out) {
    /* Gather the chain newest first: each link is the cause, or else the unsuppressed
     * context, of the one before; a repeat (a cycle) ends it, as CPython's `seen` set. */
    AdValue saved = ad_err_fetch(t);
    int mark = ad_gc_root_mark(t);
    ad_gc_push_root(t, saved);
    ad_gc_push_root(t, exc);
    size_t n = 0, cap = 8;
    AdValue *chain = malloc(cap * sizeof *chain);
    bool *via_cause = malloc(cap * sizeof *via_cause);
    bool ok = chain && via_cause;
    if (ok) chain[n++] = exc;
    while (ok) {
        AdValue cur = chain[n - 1];
        if (!is_exc_instance(t, cur)) break;
        AdException *e = AD_AS(AdException, cur);
        AdValue next = AD_NULLV;
        bool cause = false;
        if (is_exc_instance(t, e->cause)) {
            next = e->cause;
            cause = true;
        } else if (is_exc_instance(t, e->context) && !e->suppress_context) {
            next = e->context;
        }
        if (AD_IS_NULL(next)) break;
        bool seen = false;
        for (size_t i = 0; i < n && !seen; i++) seen = ad_is(chain[i], next);
        if (seen) break;
        if (n == cap) {
            cap *= 2;
            AdValue *c2 = realloc(chain, cap * sizeof *chain);
            if (c2) chain = c2;
            bool *v2 = realloc(via_cause, cap * sizeof *via_cause);
            if (v2) via_cause = v2;
            if (!c2 || !v2) {
                ok = false;
                break;
            }
        }
        via_cause[n - 1] = cause;
        chain[n++] = next;
    }
    SourceCache cache = {0};
    for (size_t i = n; ok && i-- > 0;) {
        if (!format_one(t, chain[i], out, &cache)) ok = false;
        else if (i > 0 && !ad_buf_adds(t, out, via_cause[i - 1] ? cause_message : context_message))
            ok = false;
    }
    cache_free(&cache);
    free(chain);
    free(via_cause);
    ad_gc_root_restore(t, mark);
    if (!ok) {
        if (!ad_err_occurred(t)) ad_err_nomemory(t);
        return false;
    }
    t->exc = saved;
    return true;
}
