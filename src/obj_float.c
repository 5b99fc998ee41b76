/*
 * obj_float.c - the float type: IEEE doubles with CPython's repr, arithmetic, hashing,
 * rounding and conversions.
 *
 * Plain floats are unboxed (AD_TAG_FLOAT); instances of subclasses of float are AdFloatObj
 * objects, and every method reads its operands through float_operand so both work. Ints
 * meet floats here: float's dunders accept int operands (int's return NotImplemented for
 * floats, as in CPython), comparisons between the two are exact, and hash(x) agrees for
 * equal ints and floats. repr is the shortest string that reads back as the same double.
 * Gap: CPython returns a complex for a negative base to a fractional power; Adder has no
 * complex type and raises ValueError instead.
 */
#include <errno.h>
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "str_impl.h"

#define HASH_MODULUS ((uint64_t)0x1FFFFFFFFFFFFFFFULL)
#define HASH_BITS 61
#define HASH_INF 314159
/* CPython 3.10+ hashes a NaN by its object identity; NaNs here are unboxed and have none,
 * so every NaN hashes to this constant (they still never compare equal as dict keys). */
#define HASH_NAN 0

/* ---- repr ------------------------------------------------------------------------------ */

/* Splits "%.{p}e" output into its digits and decimal point position. */
static int split_exp_form(const char *buf, char *digits, int *decpt) {
    int n = 0;
    const char *p = buf;
    for (; *p && *p != 'e'; p++)
        if (*p >= '0' && *p <= '9') digits[n++] = *p;
    digits[n] = '\0';
    *decpt = (*p == 'e' ? atoi(p + 1) : 0) + 1;
    return n;
}

int ad_float_shortest(double d, char *digits, int *decpt) {
    if (d == 0) {
        strcpy(digits, "0");
        *decpt = 1;
        return 1;
    }
    /* If some k-digit decimal reads back as d, so does the correctly rounded one with any
     * m >= k digits (it is at least as close), and for m <= 15 that rounding is the k-digit
     * one padded with zeros (decimal spacing there exceeds a double's rounding interval).
     * So try 15, 16, 17 digits and strip zeros: the result is the shortest, and among the
     * shortest the nearest to d, which is what CPython's repr prints. */
    char buf[40];
    double a = fabs(d);
    if (a >= DBL_MIN) {
        for (int prec = 15;; prec++) {
            snprintf(buf, sizeof buf, "%.*e", prec - 1, a);
            if (prec == 17 || strtod(buf, NULL) == a) break;
        }
    } else {
        /* Subnormals carry fewer bits, so fewer digits may do: search all precisions (a
         * longer rounding is never further from d, so reading back is monotone). */
        int lo = 1, hi = 17;
        while (lo < hi) {
            int mid = (lo + hi) / 2;
            snprintf(buf, sizeof buf, "%.*e", mid - 1, a);
            if (strtod(buf, NULL) == a)
                hi = mid;
            else
                lo = mid + 1;
        }
        snprintf(buf, sizeof buf, "%.*e", lo - 1, a);
    }
    int n = split_exp_form(buf, digits, decpt);
    while (n > 1 && digits[n - 1] == '0') digits[--n] = '\0';
    return n;
}

/* CPython's float_repr: exponent form when decpt > 16 or decpt < -3, else positional with
 * at least one digit after the point. */
static size_t format_repr(double d, char *out) {
    if (isnan(d)) return (size_t)sprintf(out, "nan");
    if (isinf(d)) return (size_t)sprintf(out, d < 0 ? "-inf" : "inf");
    char digits[24];
    int decpt;
    int n = ad_float_shortest(d, digits, &decpt);
    char *p = out;
    if (signbit(d)) *p++ = '-';
    if (decpt > 16 || decpt < -3) {
        *p++ = digits[0];
        if (n > 1) {
            *p++ = '.';
            memcpy(p, digits + 1, (size_t)n - 1);
            p += n - 1;
        }
        p += sprintf(p, "e%c%02d", decpt - 1 < 0 ? '-' : '+', abs(decpt - 1));
    } else if (decpt <= 0) {
        *p++ = '0';
        *p++ = '.';
        for (int i = 0; i < -decpt; i++) *p++ = '0';
        memcpy(p, digits, (size_t)n);
        p += n;
    } else if (decpt >= n) {
        memcpy(p, digits, (size_t)n);
        p += n;
        for (int i = n; i < decpt; i++) *p++ = '0';
        *p++ = '.';
        *p++ = '0';
    } else {
        memcpy(p, digits, (size_t)decpt);
        p += decpt;
        *p++ = '.';
        memcpy(p, digits + decpt, (size_t)(n - decpt));
        p += n - decpt;
    }
    *p = '\0';
    return (size_t)(p - out);
}

AdValue ad_float_repr(AdThread *t, double d) {
    char buf[64];
    size_t n = format_repr(d, buf);
    AdStr *s = ad_str_new_known(t, buf, n, n, true);
    return s ? ad_obj(s) : AD_NULLV;
}

/* ---- hash ------------------------------------------------------------------------------ */

/* CPython's _Py_HashDouble: the value of d modulo 2**61 - 1, so integral floats hash like
 * the equal int and x == y implies hash(x) == hash(y) across int, float and bool. */
int64_t ad_float_hash(double d) {
    if (!isfinite(d)) return isinf(d) ? (d > 0 ? HASH_INF : -HASH_INF) : HASH_NAN;
    int e;
    double m = frexp(d, &e);
    int sign = 1;
    if (m < 0) {
        sign = -1;
        m = -m;
    }
    uint64_t x = 0;
    while (m) {
        x = ((x << 28) & HASH_MODULUS) | x >> (HASH_BITS - 28);
        m *= 268435456.0; /* 2**28 */
        e -= 28;
        uint64_t y = (uint64_t)m;
        m -= (double)y;
        x += y;
        if (x >= HASH_MODULUS) x -= HASH_MODULUS;
    }
    e = e >= 0 ? e % HASH_BITS : HASH_BITS - 1 - ((-1 - e) % HASH_BITS);
    x = ((x << e) & HASH_MODULUS) | x >> (HASH_BITS - e);
    int64_t h = (int64_t)x * sign;
    return h == -1 ? -2 : h;
}

/* ---- arithmetic ------------------------------------------------------------------------ */

static bool is_odd_integer(double x) { return fmod(fabs(x), 2.0) == 1.0; }

static AdValue float_pow(AdThread *t, double iv, double iw) {
    if (iw == 0) return ad_float(1.0);
    if (isnan(iv)) return ad_float(iv);
    if (isnan(iw)) return ad_float(iv == 1.0 ? 1.0 : iw);
    if (isinf(iw)) {
        iv = fabs(iv);
        if (iv == 1.0) return ad_float(1.0);
        return ad_float((iw > 0.0) == (iv > 1.0) ? fabs(iw) : 0.0);
    }
    if (isinf(iv)) {
        bool odd = is_odd_integer(iw);
        if (iw > 0.0) return ad_float(odd ? iv : fabs(iv));
        return ad_float(odd ? copysign(0.0, iv) : 0.0);
    }
    if (iv == 0.0) {
        if (iw < 0.0)
            return ad_err_raise_v(t, t->vm->exc_ZeroDivisionError,
                                  "0.0 cannot be raised to a negative power");
        return ad_float(is_odd_integer(iw) ? iv : 0.0);
    }
    bool negate = false;
    if (iv < 0.0) {
        if (iw != floor(iw))
            return ad_err_raise_v(t, t->vm->exc_ValueError,
                                  "negative number cannot be raised to a fractional power");
        iv = -iv;
        negate = is_odd_integer(iw);
    }
    if (iv == 1.0) return ad_float(negate ? -1.0 : 1.0);
    double ix = pow(iv, iw);
    if (isinf(ix))
        return ad_err_raise_v(t, t->vm->exc_OverflowError, "(34, 'Numerical result out of range')");
    return ad_float(negate ? -ix : ix);
}

/* CPython's float_divmod: floor quotient and remainder with the divisor's sign. */
static void float_divmod_raw(double vx, double wx, double *floordiv, double *mod) {
    double m = fmod(vx, wx);
    double div = (vx - m) / wx;
    if (m) {
        if ((wx < 0) != (m < 0)) {
            m += wx;
            div -= 1.0;
        }
    } else {
        m = copysign(0.0, wx);
    }
    double fd;
    if (div) {
        fd = floor(div);
        if (div - fd > 0.5) fd += 1.0;
    } else {
        fd = copysign(0.0, vx / wx);
    }
    *floordiv = fd;
    *mod = m;
}

static const char *const binop_symbols[AD_BINOP_COUNT] = {
    "+", "&", "//", "<<", "@", "*", "%", "|", "**", ">>", "-", "/", "^",
};

AdValue ad_float_binop(AdThread *t, int op, double a, double b) {
    if (op >= AD_BINOP_INPLACE) op -= AD_BINOP_INPLACE;
    switch (op) {
    case AD_BINOP_ADD: return ad_float(a + b);
    case AD_BINOP_SUB: return ad_float(a - b);
    case AD_BINOP_MUL: return ad_float(a * b);
    case AD_BINOP_TRUEDIV:
        if (b == 0.0)
            return ad_err_raise_v(t, t->vm->exc_ZeroDivisionError, "float division by zero");
        return ad_float(a / b);
    case AD_BINOP_FLOORDIV: {
        if (b == 0.0)
            return ad_err_raise_v(t, t->vm->exc_ZeroDivisionError, "float floor division by zero");
        double q, m;
        float_divmod_raw(a, b, &q, &m);
        return ad_float(q);
    }
    case AD_BINOP_MOD: {
        if (b == 0.0) return ad_err_raise_v(t, t->vm->exc_ZeroDivisionError, "float modulo");
        double m = fmod(a, b);
        if (m) {
            if ((b < 0) != (m < 0)) m += b;
        } else {
            m = copysign(0.0, b);
        }
        return ad_float(m);
    }
    case AD_BINOP_POW: return float_pow(t, a, b);
    default:
        return ad_err_raise_v(t, t->vm->exc_TypeError,
                              "unsupported operand type(s) for %s: 'float' and 'float'",
                              op >= 0 && op < AD_BINOP_COUNT ? binop_symbols[op] : "?");
    }
}

/* ---- conversions ----------------------------------------------------------------------- */

static bool is_float(AdThread *t, AdValue v) {
    return v.tag == AD_TAG_FLOAT ||
           (v.tag == AD_TAG_OBJ && (v.as.o->type == t->vm->type_float ||
                                    ad_type_is_subtype(v.as.o->type, t->vm->type_float)));
}

/* An operand of a float operation: 1 with *out set, 0 when it is neither float nor int
 * (NotImplemented), -1 on error (an int too large for a double). */
static int float_operand(AdThread *t, AdValue v, double *out) {
    if (v.tag == AD_TAG_FLOAT) {
        *out = v.as.f;
        return 1;
    }
    if (v.tag == AD_TAG_INT || v.tag == AD_TAG_BOOL) {
        *out = (double)v.as.i;
        return 1;
    }
    if (is_float(t, v)) {
        *out = ((AdFloatObj *)v.as.o)->value;
        return 1;
    }
    if (ad_is_int(t, v)) {
        bool ok;
        *out = ad_int_to_double(t, v, &ok);
        return ok ? 1 : -1;
    }
    return 0;
}

bool ad_float_from_value(AdThread *t, AdValue v, double *out) {
    int r = float_operand(t, v, out);
    if (r > 0) return true;
    if (r < 0) return false;
    AdVM *vm = t->vm;
    if (!AD_IS_NULL(ad_type_lookup(ad_type_of(t, v), vm->name.float_))) {
        AdValue f = ad_rt_call_special(t, v, vm->name.float_, NULL, 0);
        if (AD_IS_NULL(f)) return false;
        if (!is_float(t, f))
            return ad_err_raise(t, vm->exc_TypeError, "%T.__float__ returned non-float (type %T)",
                                v, f);
        *out = ad_float_of(f);
        return true;
    }
    if (!AD_IS_NULL(ad_type_lookup(ad_type_of(t, v), vm->name.index))) {
        AdValue i = ad_rt_index_value(t, v);
        if (AD_IS_NULL(i)) return false;
        bool ok;
        *out = ad_int_to_double(t, i, &ok);
        return ok;
    }
    return ad_err_raise(t, vm->exc_TypeError, "must be real number, not %T", v);
}

/* Parses ASCII text as float() does: white space around, sign, digits with single
 * underscores between them, optional fraction and exponent, or inf/infinity/nan. */
static bool parse_float(const char *s, size_t len, double *out) {
    size_t i = 0, end = len;
    while (i < end && (s[i] == ' ' || (s[i] >= '\t' && s[i] <= '\r'))) i++;
    while (end > i && (s[end - 1] == ' ' || (s[end - 1] >= '\t' && s[end - 1] <= '\r'))) end--;
    if (i >= end) return false;
    char small[128];
    char *buf = end - i < sizeof small ? small : malloc(end - i + 1);
    if (!buf) return false;
    size_t n = 0;
    size_t k = i;
    bool ok = false;
    if (s[k] == '+' || s[k] == '-') buf[n++] = s[k++];
    size_t rest = end - k;
    if ((rest == 3 && strncasecmp(s + k, "inf", 3) == 0) ||
        (rest == 8 && strncasecmp(s + k, "infinity", 8) == 0)) {
        *out = (n && buf[0] == '-') ? -INFINITY : INFINITY;
        ok = true;
        goto done;
    }
    if (rest == 3 && strncasecmp(s + k, "nan", 3) == 0) {
        *out = NAN;
        ok = true;
        goto done;
    }
    /* digitpart: digit (["_"] digit)*; returns digits copied. */
    size_t int_digits = 0, frac_digits = 0;
    for (bool prev = false; k < end; k++) {
        char c = s[k];
        if (c >= '0' && c <= '9') {
            buf[n++] = c;
            int_digits++;
            prev = true;
        } else if (c == '_' && prev && k + 1 < end && s[k + 1] >= '0' && s[k + 1] <= '9') {
            prev = false;
        } else {
            break;
        }
    }
    if (k < end && s[k] == '.') {
        buf[n++] = s[k++];
        for (bool prev = false; k < end; k++) {
            char c = s[k];
            if (c >= '0' && c <= '9') {
                buf[n++] = c;
                frac_digits++;
                prev = true;
            } else if (c == '_' && prev && k + 1 < end && s[k + 1] >= '0' && s[k + 1] <= '9') {
                prev = false;
            } else {
                break;
            }
        }
    }
    if (int_digits + frac_digits == 0) goto done;
    if (k < end && (s[k] == 'e' || s[k] == 'E')) {
        buf[n++] = s[k++];
        if (k < end && (s[k] == '+' || s[k] == '-')) buf[n++] = s[k++];
        size_t exp_digits = 0;
        for (bool prev = false; k < end; k++) {
            char c = s[k];
            if (c >= '0' && c <= '9') {
                buf[n++] = c;
                exp_digits++;
                prev = true;
            } else if (c == '_' && prev && k + 1 < end && s[k + 1] >= '0' && s[k + 1] <= '9') {
                prev = false;
            } else {
                break;
            }
        }
        if (!exp_digits) goto done;
    }
    if (k != end) goto done;
    buf[n] = '\0';
    *out = strtod(buf, NULL);
    ok = true;
done:
    if (buf != small) free(buf);
    return ok;
}

/* float(text) where `orig` (str, bytes or bytearray) is shown in the error. */
static AdValue float_from_text(AdThread *t, const char *s, size_t len, AdValue orig) {
    double d;
    if (parse_float(s, len, &d)) return ad_float(d);
    AdValue rep = ad_rt_repr(t, orig);
    if (AD_IS_NULL(rep)) return AD_NULLV;
    return ad_err_raise_v(t, t->vm->exc_ValueError, "could not convert string to float: %S", rep);
}

static AdValue float_convert(AdThread *t, AdValue x) {
    AdVM *vm = t->vm;
    double d;
    if (x.tag == AD_TAG_FLOAT) return x;
    if (ad_is_str(t, x)) {
        AdStr *s = AD_AS(AdStr, x);
        if (ad_str_is_ascii(s)) return float_from_text(t, s->data, s->len, x);
        AdBuf b;
        if (!ad_str_numeric_ascii(t, s->data, s->len, &b)) return AD_NULLV;
        AdValue r = float_from_text(t, b.data, b.len, x);
        ad_buf_free(&b);
        return r;
    }
    if (ad_is_instance_of(t, x, vm->type_bytes))
        return float_from_text(t, (const char *)AD_AS(AdBytes, x)->data, AD_AS(AdBytes, x)->len, x);
    if (ad_is_instance_of(t, x, vm->type_bytearray))
        return float_from_text(t, (const char *)AD_AS(AdByteArray, x)->data,
                               AD_AS(AdByteArray, x)->len, x);
    if (is_float(t, x) && AD_IS_NULL(ad_type_lookup(ad_type_of(t, x), vm->name.float_)))
        return ad_float(ad_float_of(x));
    if (!ad_is_int(t, x) && AD_IS_NULL(ad_type_lookup(ad_type_of(t, x), vm->name.float_)) &&
        AD_IS_NULL(ad_type_lookup(ad_type_of(t, x), vm->name.index)))
        return ad_err_raise_v(t, vm->exc_TypeError,
                              "float() argument must be a string or a real number, not '%T'", x);
    if (!ad_float_from_value(t, x, &d)) return AD_NULLV;
    return ad_float(d);
}

static AdValue float_new(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    AdVM *vm = t->vm;
    if (nargs < 1 || !ad_is_instance_of(t, args[0], vm->type_type))
        return ad_err_raise_v(t, vm->exc_TypeError, "float.__new__(X): X is not a type object");
    AdType *cls = AD_AS(AdType, args[0]);
    if (cls != vm->type_float && !ad_type_is_subtype(cls, vm->type_float))
        return ad_err_raise_v(t, vm->exc_TypeError,
                              "float.__new__(%s): %s is not a subtype of float", ad_type_name(cls),
                              ad_type_name(cls));
    if (kwnames && kwnames->len)
        return ad_err_raise_v(t, vm->exc_TypeError, "float() takes no keyword arguments");
    if (nargs > 2)
        return ad_err_raise_v(t, vm->exc_TypeError, "float expected at most 1 argument, got %d",
                              nargs - 1);
    AdValue r = nargs > 1 ? float_convert(t, args[1]) : ad_float(0.0);
    if (AD_IS_NULL(r) || cls == vm->type_float) return r;
    size_t size = cls->instance_size > sizeof(AdFloatObj) ? cls->instance_size : sizeof(AdFloatObj);
    AdFloatObj *f = ad_gc_alloc(t, cls, size);
    if (!f) return AD_NULLV;
    f->value = r.as.f;
    return ad_obj(f);
}

/* ---- dunders --------------------------------------------------------------------------- */

static bool self_double(AdThread *t, AdValue v, const char *name, double *out) {
    if (v.tag == AD_TAG_FLOAT) {
        *out = v.as.f;
        return true;
    }
    if (is_float(t, v)) {
        *out = ((AdFloatObj *)v.as.o)->value;
        return true;
    }
    return ad_err_raise(t, t->vm->exc_TypeError,
                        "descriptor '%s' for 'float' objects doesn't apply to a '%T' object", name,
                        v);
}

/* Checks a method's argument count (nparams besides self) and reads self into *x. */
static bool method_start(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames, const char *name,
                         int nparams, double *x) {
    return ad_args_check(t, name, nargs - 1, kwnames, nparams, nparams) &&
           self_double(t, args[0], name, x);
}

#define UNARY_START(name)                                                                          \
    double x = 0;                                                                                  \
    if (!method_start(t, args, nargs, kwnames, name, 0, &x)) return AD_NULLV

/* Binary dunders read the other operand as a double, or give NotImplemented. */
#define BINARY_START(name)                                                                         \
    double x = 0, y = 0;                                                                           \
    if (!method_start(t, args, nargs, kwnames, name, 1, &x)) return AD_NULLV;                      \
    int got = float_operand(t, args[1], &y);                                                       \
    if (got < 0) return AD_NULLV;                                                                  \
    if (got == 0) return t->vm->not_implemented

#define FLOAT_BINOP(fname, rname, pyname, rpyname, op)                                             \
    static AdValue fname(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {                \
        BINARY_START(pyname);                                                                      \
        return ad_float_binop(t, op, x, y);                                                        \
    }                                                                                              \
    static AdValue rname(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {                \
        BINARY_START(rpyname);                                                                     \
        return ad_float_binop(t, op, y, x);                                                        \
    }

FLOAT_BINOP(float_add, float_radd, "__add__", "__radd__", AD_BINOP_ADD)
FLOAT_BINOP(float_sub, float_rsub, "__sub__", "__rsub__", AD_BINOP_SUB)
FLOAT_BINOP(float_mul, float_rmul, "__mul__", "__rmul__", AD_BINOP_MUL)
FLOAT_BINOP(float_truediv, float_rtruediv, "__truediv__", "__rtruediv__", AD_BINOP_TRUEDIV)
FLOAT_BINOP(float_floordiv, float_rfloordiv, "__floordiv__", "__rfloordiv__", AD_BINOP_FLOORDIV)
FLOAT_BINOP(float_mod, float_rmod, "__mod__", "__rmod__", AD_BINOP_MOD)

static AdValue divmod_pair(AdThread *t, double a, double b) {
    if (b == 0.0) return ad_err_raise_v(t, t->vm->exc_ZeroDivisionError, "float divmod()");
    double q, m;
    float_divmod_raw(a, b, &q, &m);
    AdTuple *tup = ad_tuple_pack(t, 2, ad_float(q), ad_float(m));
    return tup ? ad_obj(tup) : AD_NULLV;
}

static AdValue float_divmod(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    BINARY_START("__divmod__");
    return divmod_pair(t, x, y);
}

static AdValue float_rdivmod(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    BINARY_START("__rdivmod__");
    return divmod_pair(t, y, x);
}

static AdValue pow_common(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames, const char *name,
                          bool reflected) {
    double x = 0, y = 0;
    if (!ad_args_check(t, name, nargs - 1, kwnames, 1, 2) || !self_double(t, args[0], name, &x))
        return AD_NULLV;
    int got = float_operand(t, args[1], &y);
    if (got < 0) return AD_NULLV;
    if (got == 0) return t->vm->not_implemented;
    if (nargs > 2 && !AD_IS_NONE(args[2]))
        return ad_err_raise_v(t, t->vm->exc_TypeError,
                              "pow() 3rd argument not allowed unless all arguments are integers");
    return reflected ? float_pow(t, y, x) : float_pow(t, x, y);
}

static AdValue float_pow_m(AdThread *t, AdValue *a, int n, AdTuple *k) {
    return pow_common(t, a, n, k, "__pow__", false);
}
static AdValue float_rpow(AdThread *t, AdValue *a, int n, AdTuple *k) {
    return pow_common(t, a, n, k, "__rpow__", true);
}

/* Compares x with int v exactly: -1, 0, 1, or 2 when x is NaN (unordered). */
static int compare_with_int(AdThread *t, double x, AdValue v) {
    if (isnan(x)) return 2;
    if (v.tag == AD_TAG_INT || v.tag == AD_TAG_BOOL) {
        int64_t i = v.as.i;
        const int64_t lim = (int64_t)1 << 53;
        if (i <= lim && i >= -lim) {
            double d = (double)i;
            return x < d ? -1 : x > d;
        }
    }
    if (isinf(x)) return x > 0 ? 1 : -1;
    mpz_t z;
    mpz_init(z);
    ad_int_to_mpz(v, z);
    (void)t;
    int c = mpz_cmp_d(z, x);
    mpz_clear(z);
    return c < 0 ? 1 : c > 0 ? -1 : 0;
}

static AdValue float_compare(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames, int op,
                             const char *name) {
    double x = 0, y = 0;
    if (!ad_args_check(t, name, nargs - 1, kwnames, 1, 1) || !self_double(t, args[0], name, &x))
        return AD_NULLV;
    int c;
    AdValue other = args[1];
    if (other.tag == AD_TAG_FLOAT || is_float(t, other)) {
        y = ad_float_of(other);
        c = (isnan(x) || isnan(y)) ? 2 : x < y ? -1 : x > y;
    } else if (ad_is_int(t, other)) {
        c = compare_with_int(t, x, other);
    } else {
        return t->vm->not_implemented;
    }
    if (c == 2) return ad_bool(op == AD_CMP_NE);
    switch (op) {
    case AD_CMP_LT: return ad_bool(c < 0);
    case AD_CMP_LE: return ad_bool(c <= 0);
    case AD_CMP_EQ: return ad_bool(c == 0);
    case AD_CMP_NE: return ad_bool(c != 0);
    case AD_CMP_GT: return ad_bool(c > 0);
    default: return ad_bool(c >= 0);
    }
}

static AdValue float_eq(AdThread *t, AdValue *a, int n, AdTuple *k) {
    return float_compare(t, a, n, k, AD_CMP_EQ, "__eq__");
}
static AdValue float_ne(AdThread *t, AdValue *a, int n, AdTuple *k) {
    return float_compare(t, a, n, k, AD_CMP_NE, "__ne__");
}
static AdValue float_lt(AdThread *t, AdValue *a, int n, AdTuple *k) {
    return float_compare(t, a, n, k, AD_CMP_LT, "__lt__");
}
static AdValue float_le(AdThread *t, AdValue *a, int n, AdTuple *k) {
    return float_compare(t, a, n, k, AD_CMP_LE, "__le__");
}
static AdValue float_gt(AdThread *t, AdValue *a, int n, AdTuple *k) {
    return float_compare(t, a, n, k, AD_CMP_GT, "__gt__");
}
static AdValue float_ge(AdThread *t, AdValue *a, int n, AdTuple *k) {
    return float_compare(t, a, n, k, AD_CMP_GE, "__ge__");
}

static AdValue float_repr_m(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    UNARY_START("__repr__");
    return ad_float_repr(t, x);
}

static AdValue float_hash_m(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    UNARY_START("__hash__");
    return ad_small_int(ad_float_hash(x));
}

static AdValue float_bool(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    UNARY_START("__bool__");
    return ad_bool(x != 0.0);
}

static AdValue float_neg(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    UNARY_START("__neg__");
    return ad_float(-x);
}

static AdValue float_pos(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    UNARY_START("__pos__");
    return ad_float(x);
}

static AdValue float_abs(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    UNARY_START("__abs__");
    return ad_float(fabs(x));
}

static AdValue float_float(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    UNARY_START("__float__");
    return ad_float(x);
}

static AdValue float_int(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    UNARY_START("__int__");
    return ad_int_from_double(t, x);
}

static AdValue float_trunc(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    UNARY_START("__trunc__");
    return ad_int_from_double(t, x);
}

static AdValue float_floor(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    UNARY_START("__floor__");
    return ad_int_from_double(t, floor(x));
}

static AdValue float_ceil(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    UNARY_START("__ceil__");
    return ad_int_from_double(t, ceil(x));
}

/* round(x, ndigits) for ndigits < 0, exactly: x is a dyadic rational, so scale and round
 * half-even in GMP, then convert back with correct rounding. */
static AdValue round_negative(AdThread *t, double x, int64_t nd) {
    if (nd < -400) return ad_float(copysign(0.0, x));
    mpq_t q;
    mpz_t p, fl, twice;
    mpq_init(q);
    mpz_inits(p, fl, twice, NULL);
    mpq_set_d(q, x);
    mpz_ui_pow_ui(p, 10, (unsigned long)-nd);
    mpz_mul(mpq_denref(q), mpq_denref(q), p);
    mpq_canonicalize(q);
    mpz_fdiv_q(fl, mpq_numref(q), mpq_denref(q));
    /* remainder r = num - fl*den; compare 2r with den */
    mpz_mul(twice, fl, mpq_denref(q));
    mpz_sub(twice, mpq_numref(q), twice);
    mpz_mul_2exp(twice, twice, 1);
    int c = mpz_cmp(twice, mpq_denref(q));
    if (c > 0 || (c == 0 && mpz_odd_p(fl))) mpz_add_ui(fl, fl, 1);
    mpz_mul(fl, fl, p);
    AdValue iv = ad_int_from_mpz(t, fl);
    mpq_clear(q);
    mpz_clears(p, fl, twice, NULL);
    if (AD_IS_NULL(iv)) return AD_NULLV;
    bool ok;
    double r = ad_int_to_double(t, iv, &ok);
    if (!ok) {
        ad_err_clear(t);
        return ad_err_raise_v(t, t->vm->exc_OverflowError, "rounded value too large to represent");
    }
    return ad_float(r == 0.0 ? copysign(0.0, x) : r);
}

static AdValue float_round(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    double x = 0;
    if (!ad_args_check(t, "__round__", nargs - 1, kwnames, 0, 1) ||
        !self_double(t, args[0], "__round__", &x))
        return AD_NULLV;
    if (nargs < 2 || AD_IS_NONE(args[1])) {
        /* rint rounds half to even in the default rounding mode. */
        double r = rint(x);
        return ad_int_from_double(t, r);
    }
    int64_t nd;
    if (!ad_rt_index(t, args[1], &nd)) return AD_NULLV;
    if (!isfinite(x) || x == 0.0) return ad_float(x);
    /* Past this many digits every double is already exact (CPython's NDIGITS_MAX). */
    if (nd > 323) return ad_float(x);
    if (nd < 0) return round_negative(t, x, nd);
    /* A correctly rounded decimal string (glibc rounds the exact binary value, ties to
     * even), read back: CPython's double_round does the same through dtoa. */
    size_t cap = 330 + (size_t)nd;
    char *buf = malloc(cap);
    if (!buf) return ad_err_nomemory(t), AD_NULLV;
    snprintf(buf, cap, "%.*f", (int)nd, x);
    double r = strtod(buf, NULL);
    free(buf);
    if (isinf(r))
        return ad_err_raise_v(t, t->vm->exc_OverflowError, "rounded value too large to represent");
    return ad_float(r);
}

static AdValue float_format(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    double x = 0;
    if (!ad_args_check(t, "__format__", nargs - 1, kwnames, 1, 1) ||
        !self_double(t, args[0], "__format__", &x))
        return AD_NULLV;
    if (!ad_is_str(t, args[1]))
        return ad_err_raise_v(t, t->vm->exc_TypeError, "__format__() argument must be str, not %T",
                              args[1]);
    return ad_str_format_spec(t, args[0], AD_AS(AdStr, args[1]));
}

static AdValue float_getnewargs(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    UNARY_START("__getnewargs__");
    AdTuple *tup = ad_tuple_pack(t, 1, ad_float(x));
    return tup ? ad_obj(tup) : AD_NULLV;
}

static AdValue float_sizeof(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    UNARY_START("__sizeof__");
    (void)x;
    return ad_small_int(24);
}

static AdValue float_is_integer(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    UNARY_START("is_integer");
    return ad_bool(isfinite(x) && floor(x) == x);
}

static AdValue float_conjugate(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    UNARY_START("conjugate");
    return ad_float(x);
}

static AdValue float_get_real(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    (void)nargs;
    (void)kwnames;
    double x = 0;
    if (!self_double(t, args[0], "real", &x)) return AD_NULLV;
    return ad_float(x);
}

static AdValue float_get_imag(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    (void)t;
    (void)args;
    (void)nargs;
    (void)kwnames;
    return ad_float(0.0);
}

static AdValue float_as_integer_ratio(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    UNARY_START("as_integer_ratio");
    if (isinf(x))
        return ad_err_raise_v(t, t->vm->exc_OverflowError,
                              "cannot convert Infinity to integer ratio");
    if (isnan(x))
        return ad_err_raise_v(t, t->vm->exc_ValueError, "cannot convert NaN to integer ratio");
    mpq_t q;
    mpq_init(q);
    mpq_set_d(q, x); /* exact, and canonical (lowest terms, positive denominator) */
    AdValue num = ad_int_from_mpz(t, mpq_numref(q));
    AdValue den =
        AD_IS_NULL(num) ? AD_NULLV : (ad_gc_push_root(t, num), ad_int_from_mpz(t, mpq_denref(q)));
    mpq_clear(q);
    if (AD_IS_NULL(den)) return AD_NULLV;
    ad_gc_push_root(t, den);
    AdTuple *tup = ad_tuple_pack(t, 2, num, den);
    return tup ? ad_obj(tup) : AD_NULLV;
}

static AdValue float_hex(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    UNARY_START("hex");
    char buf[64];
    if (isnan(x) || isinf(x)) {
        size_t n = format_repr(x, buf);
        AdStr *s = ad_str_new(t, buf, n);
        return s ? ad_obj(s) : AD_NULLV;
    }
    if (x == 0.0) {
        const char *z = signbit(x) ? "-0x0.0p+0" : "0x0.0p+0";
        AdStr *s = ad_str_from_cstr(t, z);
        return s ? ad_obj(s) : AD_NULLV;
    }
    int e;
    double m = frexp(fabs(x), &e);
    int shift = 1 - (DBL_MIN_EXP - e > 0 ? DBL_MIN_EXP - e : 0);
    m = ldexp(m, shift);
    e -= shift;
    char *p = buf;
    if (x < 0) *p++ = '-';
    *p++ = '0';
    *p++ = 'x';
    static const char hexdigits[] = "0123456789abcdef";
    *p++ = hexdigits[(int)m];
    m -= (int)m;
    *p++ = '.';
    for (int i = 0; i < 13; i++) {
        m *= 16.0;
        *p++ = hexdigits[(int)m];
        m -= (int)m;
    }
    p += sprintf(p, "p%+d", e);
    AdStr *s = ad_str_new(t, buf, (size_t)(p - buf));
    return s ? ad_obj(s) : AD_NULLV;
}

static AdValue float_fromhex(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    if (!ad_args_check(t, "fromhex", nargs - 1, kwnames, 1, 1)) return AD_NULLV;
    if (!ad_is_str(t, args[1]))
        return ad_err_raise_v(t, t->vm->exc_TypeError, "fromhex() argument must be str, not %T",
                              args[1]);
    AdStr *s = AD_AS(AdStr, args[1]);
    const char *p = s->data, *end = s->data + s->len;
    while (p < end && (*p == ' ' || (*p >= '\t' && *p <= '\r'))) p++;
    while (end > p && (end[-1] == ' ' || (end[-1] >= '\t' && end[-1] <= '\r'))) end--;
    char buf[512];
    size_t n = 0;
    bool valid = end > p && (size_t)(end - p) < sizeof buf - 4;
    if (valid) {
        if (*p == '+' || *p == '-') buf[n++] = *p++;
        size_t rest = (size_t)(end - p);
        bool special =
            (rest == 3 && (strncasecmp(p, "inf", 3) == 0 || strncasecmp(p, "nan", 3) == 0)) ||
            (rest == 8 && strncasecmp(p, "infinity", 8) == 0);
        if (!special && !(rest >= 2 && p[0] == '0' && (p[1] | 32) == 'x')) {
            buf[n++] = '0';
            buf[n++] = 'x';
        }
        /* Only hex digits, one point, and a 'p' exponent may follow. */
        bool point = false, expo = false, digits = false;
        for (const char *q = p; !special && q < end; q++) {
            char c = *q;
            if (q == p + 1 && (c | 32) == 'x' && p[0] == '0') continue;
            if (expo) {
                if (!((c >= '0' && c <= '9') || ((c == '+' || c == '-') && (q[-1] | 32) == 'p')))
                    valid = false;
            } else if ((c | 32) == 'p') {
                expo = true;
            } else if (c == '.') {
                if (point) valid = false;
                point = true;
            } else if ((c >= '0' && c <= '9') || ((c | 32) >= 'a' && (c | 32) <= 'f')) {
                digits = true;
            } else {
                valid = false;
            }
        }
        if (!special && !digits) valid = false;
        memcpy(buf + n, p, (size_t)(end - p));
        n += (size_t)(end - p);
        buf[n] = '\0';
    }
    double d = 0;
    if (valid) {
        char *stop;
        errno = 0;
        d = strtod(buf, &stop);
        if (*stop) valid = false;
        if (valid && isinf(d) && !strpbrk(buf, "iI"))
            return ad_err_raise_v(t, t->vm->exc_OverflowError,
                                  "hexadecimal value too large to represent as a float");
    }
    if (!valid)
        return ad_err_raise_v(t, t->vm->exc_ValueError,
                              "invalid hexadecimal floating-point string");
    AdValue r = ad_float(d);
    if (ad_is(args[0], ad_obj(t->vm->type_float))) return r;
    return ad_rt_call1(t, args[0], r);
}

static const AdMethodDef float_methods[] = {
    {"__new__", float_new, AD_METH_STATIC, NULL, NULL},
    {"__repr__", float_repr_m, AD_METH_INSTANCE, NULL, NULL},
    {"__hash__", float_hash_m, AD_METH_INSTANCE, NULL, NULL},
    {"__bool__", float_bool, AD_METH_INSTANCE, NULL, NULL},
    {"__int__", float_int, AD_METH_INSTANCE, NULL, NULL},
    {"__float__", float_float, AD_METH_INSTANCE, NULL, NULL},
    {"__neg__", float_neg, AD_METH_INSTANCE, NULL, NULL},
    {"__pos__", float_pos, AD_METH_INSTANCE, NULL, NULL},
    {"__abs__", float_abs, AD_METH_INSTANCE, NULL, NULL},
    {"__trunc__", float_trunc, AD_METH_INSTANCE, NULL, NULL},
    {"__floor__", float_floor, AD_METH_INSTANCE, NULL, NULL},
    {"__ceil__", float_ceil, AD_METH_INSTANCE, NULL, NULL},
    {"__round__", float_round, AD_METH_INSTANCE, NULL, NULL},
    {"__format__", float_format, AD_METH_INSTANCE, NULL, NULL},
    {"__getnewargs__", float_getnewargs, AD_METH_INSTANCE, NULL, NULL},
    {"__sizeof__", float_sizeof, AD_METH_INSTANCE, NULL, NULL},
    {"__add__", float_add, AD_METH_INSTANCE, NULL, NULL},
    {"__radd__", float_radd, AD_METH_INSTANCE, NULL, NULL},
    {"__sub__", float_sub, AD_METH_INSTANCE, NULL, NULL},
    {"__rsub__", float_rsub, AD_METH_INSTANCE, NULL, NULL},
    {"__mul__", float_mul, AD_METH_INSTANCE, NULL, NULL},
    {"__rmul__", float_rmul, AD_METH_INSTANCE, NULL, NULL},
    {"__truediv__", float_truediv, AD_METH_INSTANCE, NULL, NULL},
    {"__rtruediv__", float_rtruediv, AD_METH_INSTANCE, NULL, NULL},
    {"__floordiv__", float_floordiv, AD_METH_INSTANCE, NULL, NULL},
    {"__rfloordiv__", float_rfloordiv, AD_METH_INSTANCE, NULL, NULL},
    {"__mod__", float_mod, AD_METH_INSTANCE, NULL, NULL},
    {"__rmod__", float_rmod, AD_METH_INSTANCE, NULL, NULL},
    {"__divmod__", float_divmod, AD_METH_INSTANCE, NULL, NULL},
    {"__rdivmod__", float_rdivmod, AD_METH_INSTANCE, NULL, NULL},
    {"__pow__", float_pow_m, AD_METH_INSTANCE, NULL, NULL},
    {"__rpow__", float_rpow, AD_METH_INSTANCE, NULL, NULL},
    {"__eq__", float_eq, AD_METH_INSTANCE, NULL, NULL},
    {"__ne__", float_ne, AD_METH_INSTANCE, NULL, NULL},
    {"__lt__", float_lt, AD_METH_INSTANCE, NULL, NULL},
    {"__le__", float_le, AD_METH_INSTANCE, NULL, NULL},
    {"__gt__", float_gt, AD_METH_INSTANCE, NULL, NULL},
    {"__ge__", float_ge, AD_METH_INSTANCE, NULL, NULL},
    {"is_integer", float_is_integer, AD_METH_INSTANCE, NULL, NULL},
    {"as_integer_ratio", float_as_integer_ratio, AD_METH_INSTANCE, NULL, NULL},
    {"hex", float_hex, AD_METH_INSTANCE, NULL, NULL},
    {"fromhex", float_fromhex, AD_METH_CLASS, NULL, NULL},
    {"conjugate", float_conjugate, AD_METH_INSTANCE, NULL, NULL},
    {"real", float_get_real, AD_METH_GETSET, NULL, NULL},
    {"imag", float_get_imag, AD_METH_GETSET, NULL, NULL},
    {NULL, NULL, 0, NULL, NULL},
};

bool ad_float_setup(AdThread *t) {
    AdVM *vm = t->vm;
    return ad_type_init_builtin(t, vm->type_float, "float", vm->type_object, sizeof(AdFloatObj),
                                NULL, NULL, float_methods, AD_TPFLAG_BASETYPE);
}
