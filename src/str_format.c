/*
 * str_format.c - string formatting: the format-spec mini-language for int, bool, float and
 * str (format(v, spec), f-strings, __format__), printf-style `fmt % args`, and str.format /
 * str.format_map with field names, indexes, attributes, conversions and nested specs.
 *
 * All output is built in a malloc'd AdBuf, so formatting itself never collects; objects
 * produced along the way (field values, converted strings) are pushed as temporary roots
 * and released per field. The parsing follows CPython 3.11's unicode_format.h and
 * formatter_unicode.c step by step so that error messages and corner cases agree. Locale
 * ('n') formatting uses the C locale: no grouping, '.' as the decimal point.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "str_impl.h"

/* ---- the format-spec mini-language ----------------------------------------------------- */

typedef struct Spec {
    char fill[5]; /* UTF-8 of the fill character, NUL-terminated */
    size_t fill_len;
    char align; /* 0, '<', '>', '^', '=' */
    char sign;  /* 0, '+', '-', ' ' */
    bool no_neg_zero;
    bool alternate;
    int64_t width;     /* -1: not given */
    char grouping;     /* 0, ',', '_' */
    int64_t precision; /* -1: not given */
    uint32_t type;     /* 0: not given */
} Spec;

static bool is_align(uint32_t c) { return c == '<' || c == '>' || c == '=' || c == '^'; }

/* Reads decimal digits at s[*pos..len); -1 with ValueError on overflow, else how many. */
static int get_integer(AdThread *t, const char *s, size_t len, size_t *pos, int64_t *out) {
    int64_t acc = 0;
    int n = 0;
    while (*pos < len) {
        size_t k = 1;
        unsigned char c = (unsigned char)s[*pos];
        int d = c >= '0' && c <= '9' ? c - '0' : c < 0x80 ? -1 : -2;
        if (d == -2) d = ad_uni_decimal_value(ad_utf8_decode(s + *pos, &k));
        if (d < 0) break;
        if (acc > (INT64_MAX - d) / 10) {
            ad_err_raise(t, t->vm->exc_ValueError, "Too many decimal digits in format string");
            return -1;
        }
        acc = acc * 10 + d;
        *pos += k;
        n++;
    }
    *out = acc;
    return n;
}

static const char *type_name_of(AdThread *t, AdValue v) { return ad_type_name(ad_type_of(t, v)); }

/* Parses `spec` for a value of type `tname` whose default type is `default_type` and
 * default alignment `default_align`. */
static bool parse_spec(AdThread *t, AdStr *spec, uint32_t default_type, char default_align,
                       const char *tname, Spec *sp) {
    const char *s = spec->data;
    size_t len = spec->len, pos = 0;
    memset(sp, 0, sizeof *sp);
    sp->fill[0] = ' ';
    sp->fill_len = 1;
    sp->align = default_align;
    sp->width = sp->precision = -1;
    sp->type = default_type;
    bool fill_given = false, align_given = false;
    /* [[fill]align] */
    if (len > 0) {
        size_t n1;
        uint32_t c1 = ad_utf8_decode(s, &n1);
        if (n1 < len) {
            size_t n2;
            uint32_t c2 = ad_utf8_decode(s + n1, &n2);
            if (is_align(c2)) {
                memcpy(sp->fill, s, n1);
                sp->fill[n1] = '\0';
                sp->fill_len = n1;
                sp->align = (char)c2;
                fill_given = align_given = true;
                pos = n1 + n2;
            }
        }
        if (!align_given && is_align(c1)) {
            sp->align = (char)c1;
            align_given = true;
            pos = 1;
        }
    }
    if (pos < len && (s[pos] == '+' || s[pos] == '-' || s[pos] == ' ')) sp->sign = s[pos++];
    if (pos < len && s[pos] == 'z') {
        sp->no_neg_zero = true;
        pos++;
    }
    if (pos < len && s[pos] == '#') {
        sp->alternate = true;
        pos++;
    }
    if (!fill_given && pos < len && s[pos] == '0') {
        sp->fill[0] = '0';
        sp->fill[1] = '\0';
        sp->fill_len = 1;
        if (!align_given && default_align == '>') sp->align = '=';
        pos++;
    }
    int n = get_integer(t, s, len, &pos, &sp->width);
    if (n < 0) return false;
    if (n == 0) sp->width = -1;
    if (pos < len && s[pos] == ',') {
        sp->grouping = ',';
        pos++;
    }
    if (pos < len && s[pos] == '_') {
        if (sp->grouping)
            return ad_err_raise(t, t->vm->exc_ValueError, "Cannot specify both ',' and '_'.");
        sp->grouping = '_';
        pos++;
    }
    if (pos < len && s[pos] == ',' && sp->grouping == '_')
        return ad_err_raise(t, t->vm->exc_ValueError, "Cannot specify both ',' and '_'.");
    if (pos < len && s[pos] == '.') {
        pos++;
        n = get_integer(t, s, len, &pos, &sp->precision);
        if (n < 0) return false;
        if (n == 0)
            return ad_err_raise(t, t->vm->exc_ValueError, "Format specifier missing precision");
    }
    if (pos < len) {
        size_t k;
        uint32_t c = ad_utf8_decode(s + pos, &k);
        if (pos + k < len)
            return ad_err_raise(t, t->vm->exc_ValueError,
                                "Invalid format specifier '%s' for object of type '%s'", s, tname);
        sp->type = c;
    }
    if (sp->grouping) {
        uint32_t ty = sp->type;
        bool ok = ty == 'd' || ty == 'e' || ty == 'f' || ty == 'g' || ty == 'E' || ty == 'G' ||
                  ty == '%' || ty == 'F' || ty == 0;
        if (!ok && sp->grouping == '_' && (ty == 'b' || ty == 'o' || ty == 'x' || ty == 'X'))
            ok = true;
        if (!ok) {
            if (ty > 32 && ty < 128)
                return ad_err_raise(t, t->vm->exc_ValueError, "Cannot specify '%c' with '%c'.",
                                    sp->grouping, (char)ty);
            char hex[16];
            snprintf(hex, sizeof hex, "\\x%x", (unsigned)ty);
            return ad_err_raise(t, t->vm->exc_ValueError, "Cannot specify '%c' with '%s'.",
                                sp->grouping, hex);
        }
    }
    return true;
}

static bool unknown_code(AdThread *t, uint32_t type, const char *tname) {
    if (type > 32 && type < 128)
        return ad_err_raise(t, t->vm->exc_ValueError,
                            "Unknown format code '%c' for object of type '%s'", (char)type, tname);
    char hex[16];
    snprintf(hex, sizeof hex, "\\x%x", (unsigned)type);
    return ad_err_raise(t, t->vm->exc_ValueError,
                        "Unknown format code '%s' for object of type '%s'", hex, tname);
}

static bool add_fill(AdThread *t, AdBuf *b, const Spec *sp, int64_t n) {
    for (int64_t i = 0; i < n; i++)
        if (!ad_buf_add(t, b, sp->fill, sp->fill_len)) return false;
    return true;
}

static char *put_fill(char *out, const Spec *sp, int64_t n) {
    if (sp->fill_len == 1) {
        memset(out, sp->fill[0], (size_t)n);
        return out + n;
    }
    for (int64_t i = 0; i < n; i++, out += sp->fill_len) memcpy(out, sp->fill, sp->fill_len);
    return out;
}

static size_t cp_count(const char *s, size_t n) {
    bool ascii;
    return ad_utf8_count(s, n, &ascii);
}

/* Appends a number laid out per spec: [sign][prefix][digits, grouped][rest]. Zero fill
 * with '=' alignment extends the digits (and their grouping) to the width, as CPython. */
static bool emit_number(AdThread *t, AdBuf *out, const Spec *sp, char sign, const char *prefix,
                        const char *digits, size_t ndigits, const char *rest, size_t nrest,
                        int group, bool can_group) {
    size_t nprefix = strlen(prefix);
    size_t nsign = sign ? 1 : 0;
    char sep = can_group ? sp->grouping : 0;
    size_t nrest_cp = cp_count(rest, nrest);
    /* How many digits after zero extension. */
    size_t total_digits = ndigits;
    if (sp->align == '=' && sp->fill_len == 1 && sp->fill[0] == '0' && sp->width > 0) {
        int64_t need = sp->width - (int64_t)(nsign + nprefix + nrest_cp);
        for (;;) {
            size_t grouped = total_digits + (sep && total_digits ? (total_digits - 1) / group : 0);
            if ((int64_t)grouped >= need) break;
            total_digits++;
        }
    }
    size_t grouped_len = total_digits + (sep && total_digits ? (total_digits - 1) / group : 0);
    char small[128];
    char *g = grouped_len < sizeof small ? small : malloc(grouped_len + 1);
    if (!g) return ad_err_nomemory(t);
    /* Fill from the right: digits, then zeros, separators every `group`. */
    size_t w = grouped_len, count = 0;
    for (size_t i = 0; i < total_digits; i++) {
        if (sep && count == (size_t)group) {
            g[--w] = sep;
            count = 0;
        }
        g[--w] = i < ndigits ? digits[ndigits - 1 - i] : '0';
        count++;
    }
    int64_t len = (int64_t)(nsign + nprefix + grouped_len + nrest_cp);
    int64_t pad = sp->width > len ? sp->width - len : 0;
    int64_t left = 0, right = 0, mid = 0;
    switch (sp->align) {
    case '<': right = pad; break;
    case '^':
        left = pad / 2;
        right = pad - left;
        break;
    case '=': mid = pad; break;
    default: left = pad; break;
    }
    bool ok = add_fill(t, out, sp, left) && (!sign || ad_buf_addc(t, out, sign)) &&
              ad_buf_add(t, out, prefix, nprefix) && add_fill(t, out, sp, mid) &&
              ad_buf_add(t, out, g, grouped_len) && ad_buf_add(t, out, rest, nrest) &&
              add_fill(t, out, sp, right);
    if (g != small) free(g);
    return ok;
}

static AdValue finish(AdThread *t, AdBuf *b) {
    AdStr *s = ad_buf_finish(t, b);
    return s ? ad_obj(s) : AD_NULLV;
}

/* ---- floats ---------------------------------------------------------------------------- */

/* Formats |x| (finite) as the empty presentation type with a precision: like 'g' but the
 * exponent form starts one digit earlier and a ".0" is added to integral results. */
static void format_general_dot0(double x, int prec, bool alternate, AdBuf *tmp, AdThread *t,
                                bool *ok) {
    if (prec == 0) prec = 1;
    char digits[400];
    char buf[420];
    snprintf(buf, sizeof buf, "%.*e", prec - 1, x);
    int nd = 0;
    char *p = buf;
    for (; *p && *p != 'e'; p++)
        if (*p >= '0' && *p <= '9' && nd < (int)sizeof digits - 1) digits[nd++] = *p;
    digits[nd] = '\0';
    int decpt = atoi(p + 1) + 1;
    if (!alternate)
        while (nd > 1 && digits[nd - 1] == '0') digits[--nd] = '\0';
    bool use_exp = decpt <= -4 || decpt > prec - 1;
    *ok = true;
    if (use_exp) {
        *ok = ad_buf_addc(t, tmp, digits[0]);
        if (*ok && nd > 1)
            *ok = ad_buf_addc(t, tmp, '.') && ad_buf_add(t, tmp, digits + 1, (size_t)nd - 1);
        else if (*ok && alternate)
            *ok = ad_buf_addc(t, tmp, '.');
        if (*ok) *ok = ad_buf_addf(t, tmp, "e%c%02d", decpt - 1 < 0 ? '-' : '+', abs(decpt - 1));
        return;
    }
    if (decpt <= 0) {
        *ok = ad_buf_add(t, tmp, "0.", 2);
        for (int i = 0; *ok && i < -decpt; i++) *ok = ad_buf_addc(t, tmp, '0');
        if (*ok) *ok = ad_buf_add(t, tmp, digits, (size_t)nd);
    } else if (decpt >= nd) {
        *ok = ad_buf_add(t, tmp, digits, (size_t)nd);
        for (int i = nd; *ok && i < decpt; i++) *ok = ad_buf_addc(t, tmp, '0');
        if (*ok) *ok = ad_buf_add(t, tmp, ".0", 2);
    } else {
        *ok = ad_buf_add(t, tmp, digits, (size_t)decpt) && ad_buf_addc(t, tmp, '.') &&
              ad_buf_add(t, tmp, digits + decpt, (size_t)(nd - decpt));
    }
}

/* Shortest repr digits of |x| laid out as repr does (finite x). */
static bool format_repr_body(AdThread *t, double x, bool alternate, AdBuf *tmp) {
    AdValue r = ad_float_repr(t, x);
    if (AD_IS_NULL(r)) return false;
    AdStr *s = AD_AS(AdStr, r);
    if (!alternate || memchr(s->data, '.', s->len)) return ad_buf_add(t, tmp, s->data, s->len);
    const char *e = memchr(s->data, 'e', s->len);
    size_t at = e ? (size_t)(e - s->data) : s->len;
    return ad_buf_add(t, tmp, s->data, at) && ad_buf_addc(t, tmp, '.') &&
           ad_buf_add(t, tmp, s->data + at, s->len - at);
}

static AdValue format_float_value(AdThread *t, double value, const Spec *spec, const char *tname) {
    Spec sp = *spec;
    uint32_t type = sp.type;
    switch (type) {
    case 0:
    case 'e':
    case 'E':
    case 'f':
    case 'F':
    case 'g':
    case 'G':
    case 'n':
    case '%': break;
    default: unknown_code(t, type, tname); return AD_NULLV;
    }
    if (type == 'n') type = 'g';
    bool percent = type == '%';
    double x = value;
    if (percent) {
        x *= 100.0;
        type = 'f';
    }
    bool negative = signbit(x) && !isnan(x);
    x = fabs(x);
    bool upper = type == 'E' || type == 'F' || type == 'G';
    AdBuf body;
    ad_buf_init(&body);
    bool ok = true;
    bool finite = isfinite(x);
    if (!finite) {
        const char *word = isnan(x) ? (upper ? "NAN" : "nan") : (upper ? "INF" : "inf");
        ok = ad_buf_adds(t, &body, word);
    } else if (type == 0) {
        if (sp.precision < 0)
            ok = format_repr_body(t, x, sp.alternate, &body);
        else
            format_general_dot0(x, (int)sp.precision, sp.alternate, &body, t, &ok);
    } else {
        int prec = sp.precision < 0 ? 6 : (int)(sp.precision > 100000 ? 100000 : sp.precision);
        char fmt[8];
        snprintf(fmt, sizeof fmt, "%%%s.*%c", sp.alternate ? "#" : "", (char)type);
        char small[128];
        int n = snprintf(small, sizeof small, fmt, prec, x);
        if ((size_t)n < sizeof small) {
            ok = ad_buf_add(t, &body, small, (size_t)n);
        } else {
            char *tmp = malloc((size_t)n + 1);
            if (!tmp) {
                ad_buf_free(&body);
                return ad_err_nomemory(t), AD_NULLV;
            }
            snprintf(tmp, (size_t)n + 1, fmt, prec, x);
            ok = ad_buf_add(t, &body, tmp, (size_t)n);
            free(tmp);
        }
    }
    if (ok && percent) ok = ad_buf_addc(t, &body, '%');
    if (!ok) {
        ad_buf_free(&body);
        return AD_NULLV;
    }
    if (negative && sp.no_neg_zero && finite) {
        /* 'z': a result that rounded to zero loses its sign. */
        bool zero = true;
        for (size_t i = 0; i < body.len && zero; i++) {
            char c = body.data[i];
            if (c == 'e' || c == 'E') break;
            if (c >= '1' && c <= '9') zero = false;
        }
        if (zero) negative = false;
    }
    char sign = negative ? '-' : sp.sign == '+' ? '+' : sp.sign == ' ' ? ' ' : 0;
    size_t nint = 0;
    if (finite)
        while (nint < body.len && body.data[nint] >= '0' && body.data[nint] <= '9') nint++;
    AdBuf out;
    ad_buf_init(&out);
    ok = emit_number(t, &out, &sp, sign, "", body.data, nint, body.data + nint, body.len - nint, 3,
                     finite);
    ad_buf_free(&body);
    if (!ok) {
        ad_buf_free(&out);
        return AD_NULLV;
    }
    return finish(t, &out);
}

/* ---- ints ------------------------------------------------------------------------------ */

/* The digits of |v| (an int) in `base` (16 with upper for 'X'), NUL-terminated, with
 * `reserve` spare bytes at the end of the buffer for callers that pad. Small values are
 * written into `small` (cap bytes); big ones into a malloc'd buffer the caller frees when
 * *digits != small. False with MemoryError on failure. */
static bool int_digits(AdThread *t, AdValue v, int base, bool upper, size_t reserve, char *small,
                       size_t cap, char **digits, bool *negative) {
    int64_t i;
    if ((v.tag == AD_TAG_INT || v.tag == AD_TAG_BOOL) && reserve + 72 <= cap) {
        i = v.as.i;
        *negative = i < 0;
        uint64_t m = i < 0 ? 0 - (uint64_t)i : (uint64_t)i;
        const char *set = upper ? "0123456789ABCDEF" : "0123456789abcdef";
        char tmp[72];
        size_t n = 0;
        do {
            tmp[n++] = set[m % (unsigned)base];
            m /= (unsigned)base;
        } while (m);
        for (size_t k = 0; k < n; k++) small[k] = tmp[n - 1 - k];
        small[n] = '\0';
        *digits = small;
        return true;
    }
    mpz_t z;
    mpz_init(z);
    ad_int_to_mpz(v, z);
    *negative = mpz_sgn(z) < 0;
    mpz_abs(z, z);
    size_t need = mpz_sizeinbase(z, base) + 2 + reserve;
    *digits = need <= cap ? small : malloc(need);
    if (!*digits) {
        mpz_clear(z);
        return ad_err_nomemory(t);
    }
    mpz_get_str(*digits, upper ? -16 : base, z);
    mpz_clear(z);
    return true;
}

static AdValue format_int_value(AdThread *t, AdValue v, const Spec *spec, const char *tname) {
    Spec sp = *spec;
    uint32_t type = sp.type;
    switch (type) {
    case 'b':
    case 'c':
    case 'd':
    case 'o':
    case 'x':
    case 'X':
    case 'n': break;
    case 'e':
    case 'E':
    case 'f':
    case 'F':
    case 'g':
    case 'G':
    case '%': {
        bool ok;
        double d = ad_int_to_double(t, v, &ok);
        if (!ok) return AD_NULLV;
        return format_float_value(t, d, &sp, tname);
    }
    default: unknown_code(t, type, tname); return AD_NULLV;
    }
    if (sp.precision >= 0)
        return ad_err_raise_v(t, t->vm->exc_ValueError,
                              "Precision not allowed in integer format specifier");
    if (sp.no_neg_zero)
        return ad_err_raise_v(t, t->vm->exc_ValueError,
                              "Negative zero coercion (z) not allowed in integer format specifier");
    AdBuf out;
    ad_buf_init(&out);
    if (type == 'c') {
        if (sp.sign)
            return ad_err_raise_v(t, t->vm->exc_ValueError,
                                  "Sign not allowed with integer format specifier 'c'");
        if (sp.alternate)
            return ad_err_raise_v(
                t, t->vm->exc_ValueError,
                "Alternate form (#) not allowed with integer format specifier 'c'");
        int64_t cp;
        if (!ad_int_to_i64(t, v, &cp)) return AD_NULLV;
        if (cp < 0 || cp > 0x10FFFF)
            return ad_err_raise_v(t, t->vm->exc_OverflowError, "%%c arg not in range(0x110000)");
        char u[4];
        size_t n = ad_utf8_encode((uint32_t)cp, u);
        if (!emit_number(t, &out, &sp, 0, "", "", 0, u, n, 3, false)) {
            ad_buf_free(&out);
            return AD_NULLV;
        }
        return finish(t, &out);
    }
    int base = type == 'b' ? 2 : type == 'o' ? 8 : (type == 'x' || type == 'X') ? 16 : 10;
    char small[80];
    char *digits;
    bool negative;
    if (!int_digits(t, v, base, type == 'X', 0, small, sizeof small, &digits, &negative))
        return AD_NULLV;
    const char *prefix = "";
    if (sp.alternate) {
        prefix = type == 'b'   ? "0b"
                 : type == 'o' ? "0o"
                 : type == 'x' ? "0x"
                 : type == 'X' ? "0X"
                               : "";
    }
    char sign = negative ? '-' : sp.sign == '+' ? '+' : sp.sign == ' ' ? ' ' : 0;
    bool ok = emit_number(t, &out, &sp, sign, prefix, digits, strlen(digits), "", 0,
                          base == 10 ? 3 : 4, true);
    if (digits != small) free(digits);
    if (!ok) {
        ad_buf_free(&out);
        return AD_NULLV;
    }
    return finish(t, &out);
}

/* ---- strs ------------------------------------------------------------------------------ */

static AdValue format_str_value(AdThread *t, AdStr *s, const Spec *sp, const char *tname) {
    if (sp->type != 's') {
        unknown_code(t, sp->type, tname);
        return AD_NULLV;
    }
    if (sp->sign)
        return ad_err_raise_v(t, t->vm->exc_ValueError, "%s not allowed in string format specifier",
                              sp->sign == ' ' ? "Space" : "Sign");
    if (sp->no_neg_zero)
        return ad_err_raise_v(t, t->vm->exc_ValueError,
                              "Negative zero coercion (z) not allowed in string format specifier");
    if (sp->alternate)
        return ad_err_raise_v(t, t->vm->exc_ValueError,
                              "Alternate form (#) not allowed in string format specifier");
    if (sp->align == '=')
        return ad_err_raise_v(t, t->vm->exc_ValueError,
                              "'=' alignment not allowed in string format specifier");
    size_t nchars = s->nchars, nbytes = s->len;
    if (sp->precision >= 0 && (size_t)sp->precision < nchars) {
        nchars = (size_t)sp->precision;
        nbytes = ad_str_byte_offset(t, s, nchars);
    }
    int64_t pad = sp->width > (int64_t)nchars ? sp->width - (int64_t)nchars : 0;
    if (pad == 0 && nbytes == s->len && s->obj.type == t->vm->type_str) return ad_obj(s);
    int64_t left = sp->align == '>' ? pad : sp->align == '^' ? pad / 2 : 0;
    /* Made in place: the length is known, and so is the character count. */
    if ((uint64_t)pad > (SIZE_MAX - nbytes) / 8) return ad_err_nomemory(t), AD_NULLV;
    /* s is read after the allocation, and str.format may pass one that nothing else holds
     * (the result of "{0.attr:>9}"'s attribute lookup). */
    int mark = ad_gc_root_mark(t);
    ad_gc_push_obj(t, s);
    AdStr *r = ad_str_alloc(t, nbytes + (size_t)pad * sp->fill_len);
    ad_gc_root_restore(t, mark);
    if (!r) return AD_NULLV;
    char *out = put_fill(r->data, sp, left);
    memcpy(out, s->data, nbytes);
    put_fill(out + nbytes, sp, pad - left);
    r->data[r->len] = '\0';
    r->nchars = nchars + (size_t)pad;
    if (ad_str_is_ascii(s) && (unsigned char)sp->fill[0] < 0x80) r->obj.flags |= AD_STR_ASCII;
    return ad_obj(r);
}

AdValue ad_str_format_spec(AdThread *t, AdValue v, AdStr *spec) {
    if (spec->len == 0) return ad_rt_str(t, v);
    const char *tname = type_name_of(t, v);
    Spec sp;
    if (ad_is_type(v, t->vm->type_str)) {
        if (!parse_spec(t, spec, 's', '<', tname, &sp)) return AD_NULLV;
        return format_str_value(t, AD_AS(AdStr, v), &sp, tname);
    }
    if (ad_is_int(t, v)) {
        if (!parse_spec(t, spec, 'd', '>', tname, &sp)) return AD_NULLV;
        return format_int_value(t, v, &sp, tname);
    }
    if (v.tag == AD_TAG_FLOAT || ad_is_instance_of(t, v, t->vm->type_float)) {
        if (!parse_spec(t, spec, 0, '>', tname, &sp)) return AD_NULLV;
        return format_float_value(t, ad_float_of(v), &sp, tname);
    }
    if (ad_is_str(t, v)) {
        if (!parse_spec(t, spec, 's', '<', tname, &sp)) return AD_NULLV;
        return format_str_value(t, AD_AS(AdStr, v), &sp, tname);
    }
    return ad_err_raise_v(t, t->vm->exc_TypeError,
                          "unsupported format string passed to %s.__format__", tname);
}

/* ---- printf-style: fmt % args ---------------------------------------------------------- */

typedef struct ModCtx {
    AdValue *args; /* positional arguments */
    int64_t nargs; /* -1: a single non-tuple argument */
    int64_t next;
    AdValue single;
    AdValue dict; /* mapping for %(key)s, or AD_NULLV */
} ModCtx;

static bool next_arg(AdThread *t, ModCtx *c, AdValue *out) {
    if (c->nargs < 0) {
        if (c->next == 0) {
            c->next = 1;
            *out = c->single;
            return true;
        }
    } else if (c->next < c->nargs) {
        *out = c->args[c->next++];
        return true;
    }
    return ad_err_raise(t, t->vm->exc_TypeError, "not enough arguments for format string");
}

enum { F_LJUST = 1, F_SIGN = 2, F_BLANK = 4, F_ALT = 8, F_ZERO = 16 };

/* Pads `body` (a sign + digits number, or any text) to width per the printf flags. */
static bool mod_pad(AdThread *t, AdBuf *out, int flags, int64_t width, const char *sign,
                    const char *prefix, const char *body, size_t nbody, bool numeric) {
    size_t nsign = strlen(sign), nprefix = strlen(prefix);
    int64_t len = (int64_t)(nsign + nprefix + cp_count(body, nbody));
    int64_t pad = width > len ? width - len : 0;
    bool ok = true;
    if ((flags & F_LJUST) || !(numeric && (flags & F_ZERO))) {
        if (!(flags & F_LJUST))
            for (int64_t i = 0; ok && i < pad; i++) ok = ad_buf_addc(t, out, ' ');
        ok = ok && ad_buf_add(t, out, sign, nsign) && ad_buf_add(t, out, prefix, nprefix) &&
             ad_buf_add(t, out, body, nbody);
        if (flags & F_LJUST)
            for (int64_t i = 0; ok && i < pad; i++) ok = ad_buf_addc(t, out, ' ');
        return ok;
    }
    ok = ad_buf_add(t, out, sign, nsign) && ad_buf_add(t, out, prefix, nprefix);
    for (int64_t i = 0; ok && i < pad; i++) ok = ad_buf_addc(t, out, '0');
    return ok && ad_buf_add(t, out, body, nbody);
}

static bool has_method(AdThread *t, AdValue v, AdStr *name) {
    return !AD_IS_NULL(ad_type_lookup(ad_type_of(t, v), name));
}

static bool mod_integer(AdThread *t, AdBuf *out, char c, int flags, int64_t width, int64_t prec,
                        AdValue v) {
    AdVM *vm = t->vm;
    if (!ad_is_int(t, v)) {
        if (c == 'x' || c == 'X' || c == 'o') {
            if (!has_method(t, v, vm->name.index))
                return ad_err_raise(t, vm->exc_TypeError,
                                    "%%%c format: an integer is required, not %T", c, v);
            v = ad_rt_index_value(t, v);
        } else {
            if (!has_method(t, v, vm->name.int_) && !has_method(t, v, vm->name.index) &&
                !has_method(t, v, vm->name.float_) && !ad_is_instance_of(t, v, vm->type_float))
                return ad_err_raise(t, vm->exc_TypeError,
                                    "%%%c format: a real number is required, not %T", c, v);
            v = ad_rt_call1(t, ad_obj(vm->type_int), v);
        }
        if (AD_IS_NULL(v)) return false;
        ad_gc_push_root(t, v);
    }
    int base = c == 'o' ? 8 : (c == 'x' || c == 'X') ? 16 : 10;
    char small[160];
    char *digits;
    bool negative;
    if (!int_digits(t, v, base, c == 'X', prec > 0 ? (size_t)prec : 0, small, sizeof small, &digits,
                    &negative))
        return false;
    size_t n = strlen(digits);
    if (prec > 0 && (size_t)prec > n) {
        size_t zeros = (size_t)prec - n;
        memmove(digits + zeros, digits, n + 1);
        memset(digits, '0', zeros);
        n += zeros;
    }
    const char *sign = negative ? "-" : (flags & F_SIGN) ? "+" : (flags & F_BLANK) ? " " : "";
    const char *prefix = "";
    if (flags & F_ALT) prefix = c == 'o' ? "0o" : c == 'x' ? "0x" : c == 'X' ? "0X" : "";
    bool ok = mod_pad(t, out, flags, width, sign, prefix, digits, n, true);
    if (digits != small) free(digits);
    return ok;
}

static bool mod_float(AdThread *t, AdBuf *out, char c, int flags, int64_t width, int64_t prec,
                      AdValue v) {
    double x;
    if (!ad_float_from_value(t, v, &x)) return false;
    if (prec < 0) prec = 6;
    if (prec > 100000) prec = 100000;
    bool negative = signbit(x) && !isnan(x);
    x = fabs(x);
    char fmt[8];
    snprintf(fmt, sizeof fmt, "%%%s.*%c", (flags & F_ALT) ? "#" : "", c);
    char small[128];
    char *body = small;
    int n = snprintf(small, sizeof small, fmt, (int)prec, x);
    if ((size_t)n >= sizeof small) {
        body = malloc((size_t)n + 1);
        if (!body) return ad_err_nomemory(t);
        snprintf(body, (size_t)n + 1, fmt, (int)prec, x);
    }
    const char *sign = negative ? "-" : (flags & F_SIGN) ? "+" : (flags & F_BLANK) ? " " : "";
    bool ok = mod_pad(t, out, flags, width, sign, "", body, (size_t)n, true);
    if (body != small) free(body);
    return ok;
}

static AdValue mod_unsupported(AdThread *t, AdStr *fmt, size_t at) {
    size_t n;
    uint32_t cp = ad_utf8_decode(fmt->data + at, &n);
    char hex[16];
    snprintf(hex, sizeof hex, "0x%x", (unsigned)cp);
    return ad_err_raise_v(t, t->vm->exc_ValueError,
                          "unsupported format character '%c' (%s) at index %zu",
                          cp < 128 ? (char)cp : '?', hex, ad_str_char_index(t, fmt, at));
}

AdValue ad_str_mod(AdThread *t, AdStr *fmt, AdValue args) {
    AdVM *vm = t->vm;
    ModCtx c = {NULL, -1, 0, args, AD_NULLV};
    if (ad_is_instance_of(t, args, vm->type_tuple)) {
        c.args = AD_AS(AdTuple, args)->items;
        c.nargs = (int64_t)AD_AS(AdTuple, args)->len;
    }
    if (c.nargs < 0 && !ad_is_str(t, args) && has_method(t, args, vm->name.getitem)) c.dict = args;
    const char *s = fmt->data;
    size_t len = fmt->len, i = 0;
    AdBuf out;
    ad_buf_init(&out);
    int mark = ad_gc_root_mark(t);
    while (i < len) {
        const char *pct = memchr(s + i, '%', len - i);
        size_t lit = pct ? (size_t)(pct - (s + i)) : len - i;
        if (lit && !ad_buf_add(t, &out, s + i, lit)) goto fail;
        i += lit;
        if (i >= len) break;
        i++; /* the '%' */
        if (i >= len) {
            ad_err_raise(t, vm->exc_ValueError, "incomplete format");
            goto fail;
        }
        if (s[i] == '%') {
            if (!ad_buf_addc(t, &out, '%')) goto fail;
            i++;
            continue;
        }
        AdValue v = AD_NULLV;
        bool have_key = false;
        if (s[i] == '(') {
            if (AD_IS_NULL(c.dict)) {
                ad_err_raise(t, vm->exc_TypeError, "format requires a mapping");
                goto fail;
            }
            size_t start = ++i;
            int depth = 1;
            while (i < len && depth) {
                if (s[i] == '(') depth++;
                if (s[i] == ')') depth--;
                i++;
            }
            if (depth) {
                ad_err_raise(t, vm->exc_ValueError, "incomplete format key");
                goto fail;
            }
            AdStr *key = ad_str_new(t, s + start, i - 1 - start);
            if (!key) goto fail;
            ad_gc_push_obj(t, key);
            v = ad_rt_getitem(t, c.dict, ad_obj(key));
            if (AD_IS_NULL(v)) goto fail;
            ad_gc_push_root(t, v);
            have_key = true;
            /* After a key, '*' has no positional arguments to take (CPython's behaviour). */
            c.nargs = 0;
            c.next = 0;
            c.args = NULL;
        }
        int flags = 0;
        for (; i < len; i++) {
            char f = s[i];
            if (f == '-')
                flags |= F_LJUST;
            else if (f == '+')
                flags |= F_SIGN;
            else if (f == ' ')
                flags |= F_BLANK;
            else if (f == '#')
                flags |= F_ALT;
            else if (f == '0')
                flags |= F_ZERO;
            else
                break;
        }
        int64_t width = -1, prec = -1;
        if (i < len && s[i] == '*') {
            AdValue w;
            if (!next_arg(t, &c, &w)) goto fail;
            if (!ad_is_int(t, w)) {
                ad_err_raise(t, vm->exc_TypeError, "* wants int");
                goto fail;
            }
            if (!ad_int_to_i64(t, w, &width)) goto fail;
            if (width < 0) {
                flags |= F_LJUST;
                width = -width;
            }
            i++;
        } else {
            while (i < len && s[i] >= '0' && s[i] <= '9') {
                if (width < 0) width = 0;
                if (width > (INT64_MAX - 9) / 10) {
                    ad_err_raise(t, vm->exc_ValueError, "width too big");
                    goto fail;
                }
                width = width * 10 + (s[i++] - '0');
            }
        }
        if (i < len && s[i] == '.') {
            i++;
            prec = 0;
            if (i < len && s[i] == '*') {
                AdValue p;
                if (!next_arg(t, &c, &p)) goto fail;
                if (!ad_is_int(t, p)) {
                    ad_err_raise(t, vm->exc_TypeError, "* wants int");
                    goto fail;
                }
                if (!ad_int_to_i64(t, p, &prec)) goto fail;
                if (prec < 0) prec = 0;
                i++;
            } else {
                while (i < len && s[i] >= '0' && s[i] <= '9') {
                    if (prec > (INT64_MAX - 9) / 10) {
                        ad_err_raise(t, vm->exc_ValueError, "precision too big");
                        goto fail;
                    }
                    prec = prec * 10 + (s[i++] - '0');
                }
            }
        }
        while (i < len && (s[i] == 'h' || s[i] == 'l' || s[i] == 'L')) i++;
        if (i >= len) {
            ad_err_raise(t, vm->exc_ValueError, "incomplete format");
            goto fail;
        }
        char conv = s[i];
        if (!have_key && !next_arg(t, &c, &v)) goto fail;
        bool ok = true;
        switch (conv) {
        case 's':
        case 'r':
        case 'a': {
            AdValue str = conv == 's'   ? ad_rt_str(t, v)
                          : conv == 'r' ? ad_rt_repr(t, v)
                                        : ad_rt_ascii(t, v);
            if (AD_IS_NULL(str)) goto fail;
            AdStr *ss = AD_AS(AdStr, str);
            size_t nbytes = ss->len;
            if (prec >= 0 && (size_t)prec < ss->nchars)
                nbytes = ad_str_byte_offset(t, ss, (size_t)prec);
            ok = mod_pad(t, &out, flags, width, "", "", ss->data, nbytes, false);
            break;
        }
        case 'd':
        case 'i':
        case 'u':
        case 'o':
        case 'x':
        case 'X': ok = mod_integer(t, &out, conv, flags, width, prec, v); break;
        case 'e':
        case 'E':
        case 'f':
        case 'F':
        case 'g':
        case 'G': ok = mod_float(t, &out, conv, flags, width, prec, v); break;
        case 'c': {
            char u[4];
            size_t n;
            if (ad_is_str(t, v)) {
                AdStr *cs = AD_AS(AdStr, v);
                if (cs->nchars != 1) {
                    ad_err_raise(t, vm->exc_TypeError, "%%c requires int or char");
                    goto fail;
                }
                memcpy(u, cs->data, cs->len);
                n = cs->len;
            } else if (ad_is_int(t, v)) {
                int64_t cp;
                if (!ad_int_to_i64(t, v, &cp) || cp < 0 || cp > 0x10FFFF) {
                    ad_err_clear(t);
                    ad_err_raise(t, vm->exc_OverflowError, "%%c arg not in range(0x110000)");
                    goto fail;
                }
                n = ad_utf8_encode((uint32_t)cp, u);
            } else {
                ad_err_raise(t, vm->exc_TypeError, "%%c requires int or char");
                goto fail;
            }
            ok = mod_pad(t, &out, flags, width, "", "", u, n, false);
            break;
        }
        default: mod_unsupported(t, fmt, i); goto fail;
        }
        if (!ok) goto fail;
        i++;
        ad_gc_root_restore(t, mark);
    }
    if (c.nargs < 0 ? (c.next == 0 && AD_IS_NULL(c.dict))
                    : (c.next < c.nargs && AD_IS_NULL(c.dict))) {
        ad_err_raise(t, vm->exc_TypeError, "not all arguments converted during string formatting");
        goto fail;
    }
    return finish(t, &out);
fail:
    ad_buf_free(&out);
    return AD_NULLV;
}

/* ---- str.format ------------------------------------------------------------------------ */

enum { AUTO_INIT, AUTO_AUTO, AUTO_MANUAL };

typedef struct FmtCtx {
    AdValue *pos; /* positional arguments, NULL for format_map */
    int npos;
    AdTuple *kwnames; /* keywords of format(), with their values in kwvalues */
    AdValue *kwvalues;
    AdValue mapping; /* format_map's mapping, or AD_NULLV */
    int auto_state;
    int64_t auto_next;
} FmtCtx;

/* Reads the code-point decimal integer s[0..n); -1 if it is not one (or empty). */
static int64_t field_integer(AdThread *t, const char *s, size_t n, bool *err) {
    *err = false;
    if (n == 0) return -1;
    size_t pos = 0;
    int64_t v;
    int got = get_integer(t, s, n, &pos, &v);
    if (got < 0) {
        *err = true;
        return -1;
    }
    return pos == n ? v : -1;
}

static bool raise_key_error(AdThread *t, AdValue key) {
    AdTuple *args = ad_tuple_pack(t, 1, key);
    if (!args) return false;
    AdValue exc = ad_exc_new(t, t->vm->exc_KeyError, args);
    if (AD_IS_NULL(exc)) return false;
    return ad_err_raise_obj(t, exc);
}

/* The object a field name designates: args[i] / kwargs[name], then .attr and [key] parts. */
static AdValue field_object(AdThread *t, FmtCtx *c, const char *s, size_t n) {
    AdVM *vm = t->vm;
    size_t i = 0;
    while (i < n && s[i] != '.' && s[i] != '[') i++;
    bool err;
    int64_t index = field_integer(t, s, i, &err);
    if (err) return AD_NULLV;
    bool empty = i == 0;
    if (empty || index != -1) {
        if (c->auto_state == AUTO_INIT) c->auto_state = empty ? AUTO_AUTO : AUTO_MANUAL;
        if (c->auto_state == AUTO_MANUAL && empty)
            return ad_err_raise_v(t, vm->exc_ValueError,
                                  "cannot switch from manual field specification to automatic "
                                  "field numbering");
        if (c->auto_state == AUTO_AUTO && !empty)
            return ad_err_raise_v(t, vm->exc_ValueError,
                                  "cannot switch from automatic field numbering to manual field "
                                  "specification");
        if (empty) index = c->auto_next++;
    }
    AdValue obj;
    if (index == -1) {
        AdStr *key = ad_str_new(t, s, i);
        if (!key) return AD_NULLV;
        ad_gc_push_obj(t, key);
        if (!AD_IS_NULL(c->mapping)) {
            obj = ad_rt_getitem(t, c->mapping, ad_obj(key));
            if (AD_IS_NULL(obj)) return AD_NULLV;
        } else {
            obj = AD_NULLV;
            for (size_t k = 0; c->kwnames && k < c->kwnames->len; k++) {
                if (ad_str_eq(AD_AS(AdStr, c->kwnames->items[k]), key)) {
                    obj = c->kwvalues[k];
                    break;
                }
            }
            if (AD_IS_NULL(obj)) {
                raise_key_error(t, ad_obj(key));
                return AD_NULLV;
            }
        }
    } else {
        if (!c->pos)
            return ad_err_raise_v(t, vm->exc_ValueError,
                                  "Format string contains positional fields");
        if (index >= c->npos)
            return ad_err_raise_v(t, vm->exc_IndexError,
                                  "Replacement index %zu out of range for positional args tuple",
                                  (size_t)index);
        obj = c->pos[index];
    }
    ad_gc_push_root(t, obj);
    while (i < n) {
        char kind = s[i++];
        size_t start = i;
        if (kind == '.') {
            while (i < n && s[i] != '.' && s[i] != '[') i++;
        } else if (kind == '[') {
            while (i < n && s[i] != ']') i++;
            if (i >= n)
                return ad_err_raise_v(t, vm->exc_ValueError, "Missing ']' in format string");
        } else {
            return ad_err_raise_v(t, vm->exc_ValueError,
                                  "Only '.' or '[' may follow ']' in format field specifier");
        }
        size_t end = i;
        if (kind == '[') i++;
        if (end == start)
            return ad_err_raise_v(t, vm->exc_ValueError, "Empty attribute in format string");
        if (kind == '.') {
            AdStr *name = ad_str_intern(t, s + start, end - start);
            if (!name) return AD_NULLV;
            obj = ad_rt_getattr(t, obj, name);
        } else {
            int64_t idx = field_integer(t, s + start, end - start, &err);
            if (err) return AD_NULLV;
            if (idx >= 0) {
                obj = ad_rt_getitem(t, obj, ad_small_int(idx));
            } else {
                AdStr *key = ad_str_new(t, s + start, end - start);
                if (!key) return AD_NULLV;
                ad_gc_push_obj(t, key);
                obj = ad_rt_getitem(t, obj, ad_obj(key));
            }
        }
        if (AD_IS_NULL(obj)) return AD_NULLV;
        ad_gc_push_root(t, obj);
    }
    return obj;
}

static bool build_format(AdThread *t, FmtCtx *c, const char *s, size_t len, int depth, AdBuf *out);

/* Formats one replacement field whose pieces were located by the parser. */
static bool render_field(AdThread *t, FmtCtx *c, const char *name, size_t nname, uint32_t conv,
                         const char *spec, size_t nspec, bool expand, int depth, AdBuf *out) {
    AdVM *vm = t->vm;
    int mark = ad_gc_root_mark(t);
    AdValue obj = field_object(t, c, name, nname);
    if (AD_IS_NULL(obj)) return false;
    if (conv) {
        if (conv == 'r')
            obj = ad_rt_repr(t, obj);
        else if (conv == 's')
            obj = ad_rt_str(t, obj);
        else if (conv == 'a')
            obj = ad_rt_ascii(t, obj);
        else if (conv > 32 && conv < 127)
            return ad_err_raise(t, vm->exc_ValueError, "Unknown conversion specifier %c",
                                (char)conv);
        else {
            char hex[16];
            snprintf(hex, sizeof hex, "\\x%x", (unsigned)conv);
            return ad_err_raise(t, vm->exc_ValueError, "Unknown conversion specifier %s", hex);
        }
        if (AD_IS_NULL(obj)) return false;
        ad_gc_push_root(t, obj);
    }
    /* The common "{}" of a str or int needs no format() machinery at all. */
    if (nspec == 0 && !expand && !conv) {
        if (ad_is_type(obj, vm->type_str)) {
            bool ok = ad_buf_add(t, out, AD_AS(AdStr, obj)->data, AD_AS(AdStr, obj)->len);
            ad_gc_root_restore(t, mark);
            return ok;
        }
        if (obj.tag == AD_TAG_INT) {
            ad_gc_root_restore(t, mark);
            return ad_buf_addf(t, out, "%lld", (long long)obj.as.i);
        }
    }
    AdStr *specstr;
    if (expand) {
        AdBuf sb;
        ad_buf_init(&sb);
        if (!build_format(t, c, spec, nspec, depth - 1, &sb)) {
            ad_buf_free(&sb);
            return false;
        }
        specstr = ad_buf_finish(t, &sb);
    } else {
        specstr = nspec ? ad_str_new(t, spec, nspec) : vm->name.empty;
    }
    if (!specstr) return false;
    ad_gc_push_obj(t, specstr);
    AdValue r;
    if (obj.tag == AD_TAG_INT || obj.tag == AD_TAG_FLOAT || ad_is_type(obj, vm->type_str) ||
        ad_is_type(obj, vm->type_int))
        r = ad_str_format_spec(t, obj, specstr);
    else
        r = ad_rt_format(t, obj, ad_obj(specstr));
    if (AD_IS_NULL(r)) return false;
    if (!ad_is_str(t, r))
        return ad_err_raise(t, vm->exc_TypeError, "__format__ must return a str, not %T", r);
    bool ok = ad_buf_add(t, out, AD_AS(AdStr, r)->data, AD_AS(AdStr, r)->len);
    ad_gc_root_restore(t, mark);
    return ok;
}

/* Parses a field after its '{' at s[*pos]: name, !conversion, :spec, up to the matching '}'. */
static bool parse_and_render(AdThread *t, FmtCtx *c, const char *s, size_t len, size_t *pos,
                             int depth, AdBuf *out) {
    AdVM *vm = t->vm;
    size_t i = *pos, name_start = i;
    char ch = 0;
    while (i < len) {
        ch = s[i++];
        if (ch == '{') return ad_err_raise(t, vm->exc_ValueError, "unexpected '{' in field name");
        if (ch == '[') {
            while (i < len && s[i] != ']') i++;
            continue;
        }
        if (ch == '}' || ch == ':' || ch == '!') break;
    }
    if (ch != '}' && ch != ':' && ch != '!')
        return ad_err_raise(t, vm->exc_ValueError, "expected '}' before end of string");
    size_t name_end = i - 1;
    uint32_t conv = 0;
    const char *spec = "";
    size_t nspec = 0;
    bool expand = false;
    if (ch == '!' || ch == ':') {
        if (ch == '!') {
            if (i >= len)
                return ad_err_raise(t, vm->exc_ValueError,
                                    "end of string while looking for conversion specifier");
            size_t k;
            conv = ad_utf8_decode(s + i, &k);
            i += k;
            if (i < len) {
                char next = s[i++];
                if (next == '}') {
                    *pos = i;
                    return render_field(t, c, s + name_start, name_end - name_start, conv, "", 0,
                                        false, depth, out);
                }
                if (next != ':')
                    return ad_err_raise(t, vm->exc_ValueError,
                                        "expected ':' after conversion specifier");
            }
        }
        size_t spec_start = i;
        int count = 1;
        bool closed = false;
        while (i < len) {
            char sc = s[i++];
            if (sc == '{') {
                expand = true;
                count++;
            } else if (sc == '}') {
                if (--count == 0) {
                    closed = true;
                    break;
                }
            }
        }
        if (!closed) return ad_err_raise(t, vm->exc_ValueError, "unmatched '{' in format spec");
        spec = s + spec_start;
        nspec = i - 1 - spec_start;
    }
    *pos = i;
    return render_field(t, c, s + name_start, name_end - name_start, conv, spec, nspec, expand,
                        depth, out);
}

static bool build_format(AdThread *t, FmtCtx *c, const char *s, size_t len, int depth, AdBuf *out) {
    AdVM *vm = t->vm;
    if (depth <= 0) return ad_err_raise(t, vm->exc_ValueError, "Max string recursion exceeded");
    size_t i = 0;
    while (i < len) {
        size_t start = i;
        while (i < len && s[i] != '{' && s[i] != '}') i++;
        if (i > start && !ad_buf_add(t, out, s + start, i - start)) return false;
        if (i >= len) break;
        char br = s[i++];
        if (i < len && s[i] == br) {
            if (!ad_buf_addc(t, out, br)) return false;
            i++;
            continue;
        }
        if (br == '}')
            return ad_err_raise(t, vm->exc_ValueError, "Single '}' encountered in format string");
        if (i >= len)
            return ad_err_raise(t, vm->exc_ValueError, "Single '{' encountered in format string");
        if (!parse_and_render(t, c, s, len, &i, depth, out)) return false;
    }
    return true;
}

static AdValue run_format(AdThread *t, AdStr *self, FmtCtx *c) {
    /* Fast path: nothing to substitute or unescape. */
    if (!memchr(self->data, '{', self->len) && !memchr(self->data, '}', self->len)) {
        if (self->obj.type == t->vm->type_str) return ad_obj(self);
        AdStr *r = ad_str_new_known(t, self->data, self->len, self->nchars, ad_str_is_ascii(self));
        return r ? ad_obj(r) : AD_NULLV;
    }
    AdBuf out;
    ad_buf_init(&out);
    c->auto_state = AUTO_INIT;
    c->auto_next = 0;
    /* PEP 3101: two levels, so "{0:{1}}" works and "{0:{1:{2}}}" does not. */
    if (!build_format(t, c, self->data, self->len, 2, &out)) {
        ad_buf_free(&out);
        return AD_NULLV;
    }
    return finish(t, &out);
}

AdValue ad_str_m_format(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    AdStr *self = ad_str_self(t, args[0], "format");
    if (!self) return AD_NULLV;
    FmtCtx c = {args + 1, nargs - 1, kwnames, args + nargs, AD_NULLV, AUTO_INIT, 0};
    return run_format(t, self, &c);
}

AdValue ad_str_m_format_map(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    if (kwnames && kwnames->len)
        return ad_err_raise_v(t, t->vm->exc_TypeError,
                              "str.format_map() takes no keyword arguments");
    if (nargs != 2)
        return ad_err_raise_v(t, t->vm->exc_TypeError,
                              "str.format_map() takes exactly one argument (%d given)", nargs - 1);
    AdStr *self = ad_str_self(t, args[0], "format_map");
    if (!self) return AD_NULLV;
    FmtCtx c = {NULL, 0, NULL, NULL, args[1], AUTO_INIT, 0};
    return run_format(t, self, &c);
}
