/*
 * buf.c - AdBuf, the growable byte buffer C code builds strings in.
 *
 * An AdBuf is plain malloc'd memory, never a GC object, so filling one can neither collect
 * nor be collected: code that formats into a buffer has no rooting to think about until
 * ad_buf_finish turns the bytes into a str. Invariant: when data is non-NULL it holds len
 * bytes followed by a NUL (cap > len), so the contents can be read as a C string at any time.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core.h"

void ad_buf_init(AdBuf *b) {
    b->data = NULL;
    b->len = b->cap = 0;
}

void ad_buf_free(AdBuf *b) {
    free(b->data);
    ad_buf_init(b);
}

/* Makes room for `extra` more bytes plus the NUL. MemoryError on failure (buffer intact). */
static bool reserve(AdThread *t, AdBuf *b, size_t extra) {
    size_t need = b->len + extra + 1;
    if (need <= b->cap) return true;
    if (need < b->len) return ad_err_nomemory(t); /* overflow */
    size_t cap = b->cap ? b->cap : 64;
    while (cap < need) {
        if (cap > SIZE_MAX / 2) {
            cap = need;
            break;
        }
        cap *= 2;
    }
    char *p = realloc(b->data, cap);
    if (!p) return ad_err_nomemory(t);
    b->data = p;
    b->cap = cap;
    return true;
}

bool ad_buf_add(AdThread *t, AdBuf *b, const char *s, size_t n) {
    if (!reserve(t, b, n)) return false;
    if (n) memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = '\0';
    return true;
}

bool ad_buf_adds(AdThread *t, AdBuf *b, const char *s) { return ad_buf_add(t, b, s, strlen(s)); }

bool ad_buf_addc(AdThread *t, AdBuf *b, char c) {
    if (b->len + 1 >= b->cap && !reserve(t, b, 1)) return false;
    b->data[b->len++] = c;
    b->data[b->len] = '\0';
    return true;
}

/* printf-style append, plain C formats only (%R, %S and %T are ad_err_raise's). */
bool ad_buf_addf(AdThread *t, AdBuf *b, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    char small[256];
    int n = vsnprintf(small, sizeof small, fmt, ap);
    va_end(ap);
    if (n < 0) return ad_err_raise(t, t->vm->exc_SystemError, "bad format string");
    if ((size_t)n < sizeof small) return ad_buf_add(t, b, small, (size_t)n);
    if (!reserve(t, b, (size_t)n)) return false;
    va_start(ap, fmt);
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
    return true;
}

/* Appends the UTF-8 encoding of `cp` (surrogates are encoded as they are, like CPython's
 * internal representation would hold them; invalid code points are refused). */
bool ad_buf_add_codepoint(AdThread *t, AdBuf *b, uint32_t cp) {
    char u[4];
    size_t n;
    if (cp < 0x80) {
        return ad_buf_addc(t, b, (char)cp);
    } else if (cp < 0x800) {
        u[0] = (char)(0xC0 | (cp >> 6));
        u[1] = (char)(0x80 | (cp & 0x3F));
        n = 2;
    } else if (cp < 0x10000) {
        u[0] = (char)(0xE0 | (cp >> 12));
        u[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        u[2] = (char)(0x80 | (cp & 0x3F));
        n = 3;
    } else if (cp < 0x110000) {
        u[0] = (char)(0xF0 | (cp >> 18));
        u[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
        u[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
        u[3] = (char)(0x80 | (cp & 0x3F));
        n = 4;
    } else {
        return ad_err_raise(t, t->vm->exc_ValueError, "chr() arg not in range(0x110000)");
    }
    return ad_buf_add(t, b, u, n);
}

/* Makes a str of the contents and frees the buffer whether or not that succeeded. */
AdStr *ad_buf_finish(AdThread *t, AdBuf *b) {
    AdStr *s = ad_str_new(t, b->data ? b->data : "", b->len);
    ad_buf_free(b);
    return s;
}
