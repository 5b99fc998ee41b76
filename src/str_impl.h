/*
 * str_impl.h - private helpers shared by the numbers-and-strings files (obj_str.c,
 * str_methods.c, str_format.c, str_unicode.c, obj_int.c, obj_float.c). Not part of any
 * contract with the rest of the interpreter: other files use object.h.
 *
 * Strings are UTF-8 and every AdStr holds valid UTF-8 (its creators guarantee it), so the
 * decoders here do not validate. Indexes in the Python sense are code points; the helpers
 * below convert between code-point indexes and byte offsets, in O(1) for ASCII strings.
 */
#ifndef ADDER_STR_IMPL_H
#define ADDER_STR_IMPL_H

#include <string.h>

#include "core.h"

/* ---- UTF-8 --------------------------------------------------------------------------- */

/* Decodes the code point at p (valid UTF-8); *n receives its length in bytes. */
static inline uint32_t ad_utf8_decode(const char *s, size_t *n) {
    const unsigned char *p = (const unsigned char *)s;
    unsigned char c = p[0];
    if (c < 0x80) {
        *n = 1;
        return c;
    }
    if (c < 0xE0) {
        *n = 2;
        return ((uint32_t)(c & 0x1F) << 6) | (p[1] & 0x3F);
    }
    if (c < 0xF0) {
        *n = 3;
        return ((uint32_t)(c & 0x0F) << 12) | ((uint32_t)(p[1] & 0x3F) << 6) | (p[2] & 0x3F);
    }
    *n = 4;
    return ((uint32_t)(c & 0x07) << 18) | ((uint32_t)(p[1] & 0x3F) << 12) |
           ((uint32_t)(p[2] & 0x3F) << 6) | (p[3] & 0x3F);
}

/* Writes the UTF-8 form of cp (< 0x110000) to out; returns its length. */
static inline size_t ad_utf8_encode(uint32_t cp, char *out) {
    if (cp < 0x80) {
        out[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        out[0] = (char)(0xC0 | (cp >> 6));
        out[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        out[0] = (char)(0xE0 | (cp >> 12));
        out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | (cp >> 18));
    out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    out[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

/* Length in bytes of the sequence a lead byte starts. */
static inline size_t ad_utf8_len(unsigned char lead) {
    return lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
}

static inline bool ad_str_is_ascii(const AdStr *s) { return (s->obj.flags & AD_STR_ASCII) != 0; }

/* Code points in s[0..len); *ascii tells whether every byte was < 0x80. */
AD_FUNC size_t ad_utf8_count(const char *s, size_t len, bool *ascii);
/* Byte offset of code point `index` (0 <= index <= nchars). */
AD_FUNC size_t ad_str_byte_offset(AdThread *t, const AdStr *s, size_t index);
/* Code point index of byte offset `off` (which must start a character). */
AD_FUNC size_t ad_str_char_index(AdThread *t, const AdStr *s, size_t off);

/* ---- making strings ------------------------------------------------------------------ */

/* A new exact str of `len` bytes whose text the caller writes into data[] at once (before
 * any other allocation), then finishes with ad_str_finish (counts chars, sets flags). */
AD_FUNC AdStr *ad_str_alloc(AdThread *t, size_t len) AD_RAISES;
AD_FUNC void ad_str_finish(AdStr *s);
/* As ad_str_new when the caller already knows the character count and ASCII-ness. */
AD_FUNC AdStr *ad_str_new_known(AdThread *t, const char *utf8, size_t len, size_t nchars,
                                bool ascii) AD_RAISES;
/* The one-character string for cp (ASCII ones come from the interned table). */
AD_FUNC AdValue ad_str_char(AdThread *t, uint32_t cp) AD_RAISES;
/* The AdStr of a str value, or NULL (TypeError "descriptor 'name' for 'str' objects doesn't
 * apply to a 'int' object") when a method gets a foreign self. */
AD_FUNC AdStr *ad_str_self(AdThread *t, AdValue v, const char *method) AD_RAISES;
/* `v` as a str argument, or NULL with TypeError "<what> must be str, not int" (what may be
 * NULL: "must be str, not int"). */
AD_FUNC AdStr *ad_str_arg(AdThread *t, AdValue v, const char *what) AD_RAISES;
/* Byte-level substring search: offset of the first/last `needle` in hay[0..hlen), or -1. */
AD_FUNC int64_t ad_str_find_bytes(const char *hay, size_t hlen, const char *needle, size_t nlen);
AD_FUNC int64_t ad_str_rfind_bytes(const char *hay, size_t hlen, const char *needle, size_t nlen);

/* Rewrites the text of a numeric literal argument for int()/float(): Unicode decimal digits
 * become ASCII digits and Unicode white space becomes ' ', as CPython's
 * _PyUnicode_TransformDecimalAndSpaceToASCII; any other non-ASCII character becomes '?'
 * so that parsing fails. The result is NUL-terminated in *out (caller frees). */
AD_FUNC bool ad_str_numeric_ascii(AdThread *t, const char *s, size_t len, AdBuf *out) AD_RAISES;

/* str.format and str.format_map (str_format.c), as native methods. */
AD_FUNC AdValue ad_str_m_format(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) AD_RAISES;
AD_FUNC AdValue ad_str_m_format_map(AdThread *t, AdValue *args, int nargs,
                                    AdTuple *kwnames) AD_RAISES;

/* Installs the named str methods (str_methods.c) into the str type. */
AD_FUNC bool ad_str_methods_setup(AdThread *t) AD_RAISES;

/* ---- Unicode database (str_unicode.c, generated) ------------------------------------ */

enum {
    AD_UNI_ALPHA = 1 << 0,
    AD_UNI_DECIMAL = 1 << 1,
    AD_UNI_DIGIT = 1 << 2,
    AD_UNI_NUMERIC = 1 << 3,
    AD_UNI_SPACE = 1 << 4,
    AD_UNI_PRINTABLE = 1 << 5,
    AD_UNI_UPPER = 1 << 6,
    AD_UNI_LOWER = 1 << 7,
    AD_UNI_TITLE = 1 << 8, /* titlecase letters (Lt) */
    AD_UNI_XID_START = 1 << 9,
    AD_UNI_XID_CONTINUE = 1 << 10,
    AD_UNI_CASE_IGNORABLE = 1 << 11,
};
AD_FUNC uint32_t ad_uni_props(uint32_t cp);
AD_FUNC int ad_uni_decimal_value(uint32_t cp); /* 0..9, or -1 */
/* Full case mappings: write 1..3 code points to out and return how many. */
AD_FUNC int ad_uni_upper(uint32_t cp, uint32_t out[3]);
AD_FUNC int ad_uni_lower(uint32_t cp, uint32_t out[3]);
AD_FUNC int ad_uni_title(uint32_t cp, uint32_t out[3]);
AD_FUNC int ad_uni_fold(uint32_t cp, uint32_t out[3]);

static inline bool ad_uni_isspace(uint32_t cp) {
    if (cp < 0x80) return cp == ' ' || (cp >= 0x09 && cp <= 0x0D) || (cp >= 0x1C && cp <= 0x1F);
    return (ad_uni_props(cp) & AD_UNI_SPACE) != 0;
}
static inline bool ad_uni_cased(uint32_t cp) {
    return (ad_uni_props(cp) & (AD_UNI_UPPER | AD_UNI_LOWER | AD_UNI_TITLE)) != 0;
}

/* ---- numbers (obj_int.c, obj_float.c) for formatting --------------------------------- */

/* Shortest decimal digits that read back as d (finite, d != 0 handled too): writes up to 17
 * digits and a NUL to digits, and the decimal point position: d = 0.DIGITS * 10**decpt.
 * Returns the number of digits. The sign is not included. */
AD_FUNC int ad_float_shortest(double d, char *digits, int *decpt);
/* The double inside a float or float-subclass value. */
static inline double ad_float_of(AdValue v) {
    return v.tag == AD_TAG_FLOAT ? v.as.f : ((AdFloatObj *)v.as.o)->value;
}

#endif
