/*
 * obj_int.c - the int and bool types: arbitrary-precision integers with CPython's semantics.
 *
 * An int that fits in int64 lives unboxed in its AdValue (AD_TAG_INT; bools are AD_TAG_BOOL
 * with 0/1); anything larger is an AdBigInt holding a GMP mpz_t. Invariant: an exact-int
 * AdBigInt is never in int64 range - every result goes through ad_int_from_mpz, which
 * normalises - so small-int equality and hashing need no GMP. Instances of subclasses of
 * int (class MyInt(int)) share the AdBigInt layout but may hold any value; every method
 * reads operands through int_view, which accepts all three kinds. Arithmetic on small ints
 * detects overflow and redoes the operation in GMP. GMP aborts if it cannot allocate;
 * huge shifts and powers are refused beforehand with CPython's errors.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "str_impl.h"

/* 2**61 - 1, the modulus of CPython's numeric hash. */
#define HASH_MODULUS ((uint64_t)0x1FFFFFFFFFFFFFFFULL)
/* Results above this many bits are refused (MemoryError) rather than letting GMP abort. */
#define MAX_RESULT_BITS ((uint64_t)1 << 36)

/* ---- reading operands ------------------------------------------------------------------ */

enum { KIND_NONE, KIND_SMALL, KIND_BIG };

/* Classifies an int operand: KIND_SMALL with *i set (including bools, and subclass
 * instances whose value fits), KIND_BIG with *z pointing into the object, or KIND_NONE
 * when v is not an int at all. Never raises. */
static int int_view(AdThread *t, AdValue v, int64_t *i, mpz_srcptr *z) {
    if (v.tag == AD_TAG_INT || v.tag == AD_TAG_BOOL) {
        *i = v.as.i;
        return KIND_SMALL;
    }
    if (v.tag != AD_TAG_OBJ) return KIND_NONE;
    AdType *type = v.as.o->type;
    if (type != t->vm->type_int && !ad_type_is_subtype(type, t->vm->type_int)) return KIND_NONE;
    mpz_srcptr zz = ((AdBigInt *)v.as.o)->z;
    if (type != t->vm->type_int && mpz_fits_slong_p(zz)) {
        *i = mpz_get_si(zz);
        return KIND_SMALL;
    }
    *z = zz;
    return KIND_BIG;
}

/* As int_view, but always yields an mpz: small values are copied into `tmp`, which the
 * caller clears afterwards if *used_tmp. */
static mpz_srcptr as_mpz(int kind, int64_t i, mpz_srcptr z, mpz_t tmp, bool *used_tmp) {
    if (kind == KIND_BIG) {
        *used_tmp = false;
        return z;
    }
    mpz_init_set_si(tmp, i);
    *used_tmp = true;
    return tmp;
}

bool ad_int_to_mpz(AdValue v, mpz_t out) {
    if (v.tag == AD_TAG_INT || v.tag == AD_TAG_BOOL) {
        mpz_set_si(out, v.as.i);
        return true;
    }
    if (v.tag != AD_TAG_OBJ) return false;
    /* Callers guarantee v is an int; the layout is shared by int and all its subclasses. */
    mpz_set(out, ((AdBigInt *)v.as.o)->z);
    return true;
}

/* ---- making ints ----------------------------------------------------------------------- */

static AdBigInt *alloc_big(AdThread *t, AdType *cls) {
    size_t size = cls == t->vm->type_int || cls->instance_size < sizeof(AdBigInt)
                      ? sizeof(AdBigInt)
                      : cls->instance_size;
    AdBigInt *b = ad_gc_alloc(t, cls, size);
    if (b) mpz_init(b->z);
    return b;
}

/* GMP's limbs are malloc'd behind the collector's back; counting them toward the next
 * collection keeps a loop that makes big temporaries from growing the heap unboundedly
 * (the sweep recounts live memory from scratch, so nothing needs subtracting). */
static void count_limbs(AdThread *t, AdBigInt *b) {
    t->vm->bytes_allocated += mpz_size(b->z) * sizeof(mp_limb_t);
}

AdValue ad_int_from_mpz(AdThread *t, const mpz_t z) {
    if (mpz_fits_slong_p(z)) return ad_small_int(mpz_get_si(z));
    AdBigInt *b = alloc_big(t, t->vm->type_int);
    if (!b) return AD_NULLV;
    mpz_set(b->z, z);
    count_limbs(t, b);
    return ad_obj(b);
}

/* As ad_int_from_mpz, but consumes z (cleared on return, success or not): big results
 * move their limbs instead of copying them. */
static AdValue int_take(AdThread *t, mpz_t z) {
    AdValue r;
    if (mpz_fits_slong_p(z)) {
        r = ad_small_int(mpz_get_si(z));
    } else {
        AdBigInt *b = alloc_big(t, t->vm->type_int);
        if (b) {
            mpz_swap(b->z, z);
            count_limbs(t, b);
            r = ad_obj(b);
        } else {
            r = AD_NULLV;
        }
    }
    mpz_clear(z);
    return r;
}

/* An instance of int subclass `cls` holding the int value v (rooted by the caller). */
static AdValue int_of_class(AdThread *t, AdType *cls, AdValue v) {
    if (cls == t->vm->type_int) return v;
    AdBigInt *b = alloc_big(t, cls);
    if (!b) return AD_NULLV;
    ad_int_to_mpz(v, b->z);
    count_limbs(t, b);
    return ad_obj(b);
}

/* The exact int with the value of int v (bools and subclass instances are converted). */
static AdValue exact_int(AdThread *t, AdValue v) {
    int64_t i;
    mpz_srcptr z = NULL;
    int kind = int_view(t, v, &i, &z);
    if (kind == KIND_SMALL) return ad_small_int(i);
    if (v.as.o->type == t->vm->type_int) return v;
    return ad_int_from_mpz(t, z);
}

AdValue ad_int_from_double(AdThread *t, double d) {
    if (isnan(d))
        return ad_err_raise_v(t, t->vm->exc_ValueError, "cannot convert float NaN to integer");
    if (isinf(d))
        return ad_err_raise_v(t, t->vm->exc_OverflowError,
                              "cannot convert float infinity to integer");
    d = trunc(d);
    if (d >= -9223372036854775808.0 && d < 9223372036854775808.0) return ad_small_int((int64_t)d);
    mpz_t z;
    mpz_init_set_d(z, d);
    return int_take(t, z);
}

bool ad_int_to_i64(AdThread *t, AdValue v, int64_t *out) {
    int64_t i;
    mpz_srcptr z = NULL;
    int kind = int_view(t, v, &i, &z);
    if (kind == KIND_SMALL) {
        *out = i;
        return true;
    }
    if (kind == KIND_NONE)
        return ad_err_raise(t, t->vm->exc_TypeError, "an integer is required (got type %T)", v);
    return ad_err_raise(t, t->vm->exc_OverflowError, "Python int too large to convert to C long");
}

/* |z| rounded half-to-even to a double; *overflow when it exceeds the double range. */
static double mpz_to_double(mpz_srcptr z, bool *overflow) {
    *overflow = false;
    size_t bits = mpz_sizeinbase(z, 2);
    if (mpz_sgn(z) == 0) return 0.0;
    if (bits <= 53) return mpz_get_d(z);
    if (bits > 1024) {
        *overflow = true;
        return 0.0;
    }
    /* Keep 55 bits: 53 for the mantissa, a round bit, and a sticky bit folding in the rest. */
    mpz_t q;
    mpz_init(q);
    mpz_abs(q, z);
    bool sticky = mpz_scan1(q, 0) < bits - 55;
    mpz_tdiv_q_2exp(q, q, bits - 55);
    uint64_t m = mpz_get_ui(q);
    mpz_clear(q);
    if (sticky) m |= 1;
    uint64_t low = m & 3;
    m >>= 2;
    if (low > 2 || (low == 2 && (m & 1))) m++;
    double d = ldexp((double)m, (int)(bits - 53));
    if (isinf(d)) {
        *overflow = true;
        return 0.0;
    }
    return mpz_sgn(z) < 0 ? -d : d;
}

double ad_int_to_double(AdThread *t, AdValue v, bool *ok) {
    int64_t i;
    mpz_srcptr z = NULL;
    int kind = int_view(t, v, &i, &z);
    *ok = true;
    if (kind == KIND_SMALL) return (double)i;
    if (kind == KIND_NONE) {
        *ok = false;
        ad_err_raise(t, t->vm->exc_TypeError, "must be real number, not %T", v);
        return -1.0;
    }
    bool overflow;
    double d = mpz_to_double(z, &overflow);
    if (overflow) {
        *ok = false;
        ad_err_raise(t, t->vm->exc_OverflowError, "int too large to convert to float");
        return -1.0;
    }
    return d;
}

/* ---- parsing --------------------------------------------------------------------------- */

static int digit_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'z') return c - 'a' + 10;
    if (c >= 'A' && c <= 'Z') return c - 'A' + 10;
    return 99;
}

static bool is_ascii_space(char c) {
    return c == ' ' || (c >= '\t' && c <= '\r') || (c >= 0x1C && c <= 0x1F);
}

/* Parses ASCII text s[0..len) as int() does. 1 success (*out set), 0 invalid literal
 * (nothing raised), -1 error raised (memory). */
static int parse_int(AdThread *t, const char *s, size_t len, int base, AdValue *out) {
    size_t i = 0, end = len;
    while (i < end && is_ascii_space(s[i])) i++;
    while (end > i && is_ascii_space(s[end - 1])) end--;
    bool neg = false;
    if (i < end && (s[i] == '+' || s[i] == '-')) neg = s[i++] == '-';
    /* Base prefixes: required to pick the base when base is 0, allowed when they match. */
    if (end - i >= 2 && s[i] == '0') {
        char p = (char)(s[i + 1] | 32);
        int pb = p == 'x' ? 16 : p == 'o' ? 8 : p == 'b' ? 2 : 0;
        if (pb && (base == 0 || base == pb)) {
            base = pb;
            i += 2;
            /* An underscore may follow the prefix directly: 0x_1f. */
            if (i < end && s[i] == '_') i++;
            if (i >= end) return 0;
        }
    }
    bool base0_decimal = base == 0;
    if (base == 0) base = 10;
    if (i >= end) return 0;
    /* Validate: digits of the base, single underscores between digits. */
    char small[80];
    char *digits = end - i < sizeof small ? small : malloc(end - i + 1);
    if (!digits) {
        ad_err_nomemory(t);
        return -1;
    }
    size_t nd = 0;
    bool prev_digit = false;
    for (size_t k = i; k < end; k++) {
        char c = s[k];
        if (c == '_') {
            if (!prev_digit) goto invalid;
            prev_digit = false;
            continue;
        }
        if (digit_value(c) >= base) goto invalid;
        digits[nd++] = c;
        prev_digit = true;
    }
    if (!prev_digit) goto invalid;
    digits[nd] = '\0';
    if (base0_decimal && nd > 1 && digits[0] == '0') {
        /* Base 0 refuses leading zeros on a nonzero decimal ("010"): ambiguous with octal. */
        for (size_t k = 0; k < nd; k++)
            if (digits[k] != '0') goto invalid;
    }
    /* Small fast path: accumulate in 64 bits while it cannot overflow. */
    if (nd <= 18 && base <= 10) {
        int64_t v = 0;
        for (size_t k = 0; k < nd; k++) v = v * base + (digits[k] - '0');
        *out = ad_small_int(neg ? -v : v);
    } else {
        mpz_t z;
        mpz_init(z);
        mpz_set_str(z, digits, base);
        if (neg) mpz_neg(z, z);
        *out = int_take(t, z);
    }
    if (digits != small) free(digits);
    return AD_IS_NULL(*out) ? -1 : 1;
invalid:
    if (digits != small) free(digits);
    return 0;
}

/* int(text, base) where `orig` is the argument (str, bytes or bytearray) for the message. */
static AdValue int_from_text(AdThread *t, const char *s, size_t len, int base, AdValue orig) {
    AdValue out;
    int r = parse_int(t, s, len, base, &out);
    if (r > 0) return out;
    if (r < 0) return AD_NULLV;
    AdValue rep = ad_rt_repr(t, orig);
    if (AD_IS_NULL(rep)) return AD_NULLV;
    return ad_err_raise_v(t, t->vm->exc_ValueError, "invalid literal for int() with base %d: %S",
                          base, rep);
}

AdValue ad_int_from_str(AdThread *t, const char *s, size_t len, int base) {
    bool ascii;
    ad_utf8_count(s, len, &ascii);
    if (ascii) {
        AdValue out;
        int r = parse_int(t, s, len, base, &out);
        if (r > 0) return out;
        if (r < 0) return AD_NULLV;
    }
    int mark = ad_gc_root_mark(t);
    AdStr *orig = ad_str_new(t, s, len);
    if (!orig) return AD_NULLV;
    ad_gc_push_obj(t, orig);
    AdValue r = AD_NULLV;
    if (ascii) {
        AdValue rep = ad_str_repr(t, orig);
        if (!AD_IS_NULL(rep))
            ad_err_raise(t, t->vm->exc_ValueError, "invalid literal for int() with base %d: %S",
                         base, rep);
    } else {
        AdBuf b;
        if (ad_str_numeric_ascii(t, s, len, &b)) {
            r = int_from_text(t, b.data, b.len, base, ad_obj(orig));
            ad_buf_free(&b);
        }
    }
    ad_gc_root_restore(t, mark);
    return r;
}

/* ---- repr and hash --------------------------------------------------------------------- */

AdValue ad_int_repr(AdThread *t, AdValue v) {
    if (v.tag == AD_TAG_BOOL) return ad_obj(ad_str_intern_cstr(t, v.as.i ? "True" : "False"));
    int64_t i;
    mpz_srcptr z = NULL;
    int kind = int_view(t, v, &i, &z);
    if (kind == KIND_SMALL) {
        char buf[24];
        int n = snprintf(buf, sizeof buf, "%lld", (long long)i);
        AdStr *s = ad_str_new_known(t, buf, (size_t)n, (size_t)n, true);
        return s ? ad_obj(s) : AD_NULLV;
    }
    if (kind == KIND_NONE) return ad_err_raise_v(t, t->vm->exc_TypeError, "expected an int");
    size_t n = mpz_sizeinbase(z, 10) + 2;
    char *buf = malloc(n);
    if (!buf) return ad_err_nomemory(t), AD_NULLV;
    mpz_get_str(buf, 10, z);
    size_t len = strlen(buf);
    AdStr *s = ad_str_new_known(t, buf, len, len, true);
    free(buf);
    return s ? ad_obj(s) : AD_NULLV;
}

static int64_t hash_u64(uint64_t mag, bool neg) {
    int64_t h = (int64_t)(mag % HASH_MODULUS);
    if (neg) h = -h;
    return h == -1 ? -2 : h;
}

int64_t ad_int_hash(AdValue v) {
    if (v.tag == AD_TAG_INT || v.tag == AD_TAG_BOOL) {
        int64_t i = v.as.i;
        return hash_u64(i < 0 ? 0 - (uint64_t)i : (uint64_t)i, i < 0);
    }
    mpz_srcptr z = ((AdBigInt *)v.as.o)->z;
    /* mpz_fdiv_ui works on the magnitude here because the divisor is positive and we
     * apply the sign afterwards, as CPython's long_hash does. */
    mpz_t a;
    mpz_init(a);
    mpz_abs(a, z);
    uint64_t r = mpz_fdiv_ui(a, HASH_MODULUS);
    mpz_clear(a);
    return hash_u64(r, mpz_sgn(z) < 0);
}

int ad_int_compare(AdValue a, AdValue b) {
    if ((a.tag == AD_TAG_INT || a.tag == AD_TAG_BOOL) &&
        (b.tag == AD_TAG_INT || b.tag == AD_TAG_BOOL))
        return a.as.i < b.as.i ? -1 : a.as.i > b.as.i;
    int c;
    if (a.tag != AD_TAG_OBJ) {
        c = -mpz_cmp_si(((AdBigInt *)b.as.o)->z, a.as.i);
    } else if (b.tag != AD_TAG_OBJ) {
        c = mpz_cmp_si(((AdBigInt *)a.as.o)->z, b.as.i);
    } else {
        c = mpz_cmp(((AdBigInt *)a.as.o)->z, ((AdBigInt *)b.as.o)->z);
    }
    return c < 0 ? -1 : c > 0;
}

/* ---- arithmetic ------------------------------------------------------------------------ */

static AdValue zero_div(AdThread *t, int op) {
    return ad_err_raise_v(t, t->vm->exc_ZeroDivisionError,
                          op == AD_BINOP_MOD ? "integer modulo by zero"
                                             : "integer division or modulo by zero");
}

/* Correctly rounded a / b for ints, as CPython's long_true_divide. */
static AdValue true_divide(AdThread *t, mpz_srcptr a, mpz_srcptr b) {
    if (mpz_sgn(b) == 0) return ad_err_raise_v(t, t->vm->exc_ZeroDivisionError, "division by zero");
    bool neg = (mpz_sgn(a) < 0) != (mpz_sgn(b) < 0);
    if (mpz_sgn(a) == 0) return ad_float(neg ? -0.0 : 0.0);
    size_t na = mpz_sizeinbase(a, 2), nb = mpz_sizeinbase(b, 2);
    if (na <= 53 && nb <= 53) return ad_float(mpz_get_d(a) / mpz_get_d(b));
    /* Scale so the integer quotient has 55+ bits, fold the remainder into a sticky bit,
     * round that to 53 bits, then scale back. */
    long shift = (long)nb - (long)na + 55;
    mpz_t x, y, q, r;
    mpz_inits(x, y, q, r, NULL);
    mpz_abs(x, a);
    mpz_abs(y, b);
    if (shift > 0)
        mpz_mul_2exp(x, x, (mp_bitcnt_t)shift);
    else if (shift < 0)
        mpz_mul_2exp(y, y, (mp_bitcnt_t)-shift);
    mpz_tdiv_qr(q, r, x, y);
    if (mpz_sgn(r)) mpz_setbit(q, 0);
    bool overflow;
    double d = mpz_to_double(q, &overflow);
    mpz_clears(x, y, q, r, NULL);
    if (!overflow) {
        int e;
        frexp(d, &e);
        if ((long)e - shift > 1024)
            overflow = true;
        else
            d = ldexp(d, (int)-shift);
    }
    if (overflow || isinf(d))
        return ad_err_raise_v(t, t->vm->exc_OverflowError,
                              "integer division result too large for a float");
    return ad_float(neg ? -d : d);
}

/* base ** exp for exp >= 0. */
static AdValue int_pow(AdThread *t, mpz_srcptr base, mpz_srcptr exp) {
    mpz_t r;
    if (mpz_cmp_si(base, 1) == 0 || mpz_sgn(exp) == 0) return ad_small_int(1);
    if (mpz_sgn(base) == 0) return ad_small_int(0);
    if (mpz_cmp_si(base, -1) == 0) return ad_small_int(mpz_odd_p(exp) ? -1 : 1);
    if (!mpz_fits_ulong_p(exp) ||
        (uint64_t)mpz_get_ui(exp) > MAX_RESULT_BITS / mpz_sizeinbase(base, 2))
        return ad_err_nomemory(t), AD_NULLV;
    mpz_init(r);
    mpz_pow_ui(r, base, mpz_get_ui(exp));
    return int_take(t, r);
}

/* pow(base, exp, mod) for ints, as CPython 3.8+ (negative exp uses the modular inverse). */
static AdValue int_powmod(AdThread *t, AdValue vb, AdValue ve, AdValue vm) {
    mpz_t b, e, m, r;
    mpz_inits(b, e, m, r, NULL);
    ad_int_to_mpz(vb, b);
    ad_int_to_mpz(ve, e);
    ad_int_to_mpz(vm, m);
    AdValue result = AD_NULLV;
    if (mpz_sgn(m) == 0) {
        ad_err_raise(t, t->vm->exc_ValueError, "pow() 3rd argument cannot be 0");
        goto done;
    }
    bool negmod = mpz_sgn(m) < 0;
    mpz_abs(m, m);
    if (mpz_sgn(e) < 0) {
        if (!mpz_invert(b, b, m)) {
            ad_err_raise(t, t->vm->exc_ValueError, "base is not invertible for the given modulus");
            goto done;
        }
        mpz_neg(e, e);
    }
    if (mpz_cmp_ui(m, 1) == 0)
        mpz_set_ui(r, 0);
    else
        mpz_powm(r, b, e, m);
    if (negmod && mpz_sgn(r)) mpz_sub(r, r, m);
    result = ad_int_from_mpz(t, r);
done:
    mpz_clears(b, e, m, r, NULL);
    return result;
}

/* Python floor division and modulo on int64 (b != 0, and not INT64_MIN / -1). */
static inline int64_t floordiv64(int64_t a, int64_t b) {
    int64_t q = a / b;
    if ((a % b != 0) && ((a < 0) != (b < 0))) q--;
    return q;
}
static inline int64_t mod64(int64_t a, int64_t b) {
    int64_t r = a % b;
    if (r != 0 && ((r < 0) != (b < 0))) r += b;
    return r;
}

/* Small-int fast path: true with *out set (*err tells whether *out is an error sentinel
 * with an exception pending), or false when the result needs GMP. */
static bool small_binop(AdThread *t, int op, int64_t x, int64_t y, AdValue *out, bool *err) {
    int64_t r;
    *err = false;
    switch (op) {
    case AD_BINOP_ADD:
        if (__builtin_add_overflow(x, y, &r)) return false;
        break;
    case AD_BINOP_SUB:
        if (__builtin_sub_overflow(x, y, &r)) return false;
        break;
    case AD_BINOP_MUL:
        if (__builtin_mul_overflow(x, y, &r)) return false;
        break;
    case AD_BINOP_FLOORDIV:
    case AD_BINOP_MOD:
        if (y == 0) {
            *err = true;
            *out = zero_div(t, op);
            return true;
        }
        if (y == -1) {
            if (op == AD_BINOP_MOD) {
                r = 0;
                break;
            }
            if (x == INT64_MIN) return false;
            r = -x;
            break;
        }
        r = op == AD_BINOP_FLOORDIV ? floordiv64(x, y) : mod64(x, y);
        break;
    case AD_BINOP_TRUEDIV: {
        if (y == 0) {
            *err = true;
            *out = ad_err_raise_v(t, t->vm->exc_ZeroDivisionError, "division by zero");
            return true;
        }
        const int64_t lim = (int64_t)1 << 53;
        if (x > lim || x < -lim || y > lim || y < -lim) return false;
        *out = ad_float((double)x / (double)y);
        return true;
    }
    case AD_BINOP_AND: r = x & y; break;
    case AD_BINOP_OR: r = x | y; break;
    case AD_BINOP_XOR: r = x ^ y; break;
    case AD_BINOP_LSHIFT:
        if (y < 0) {
            *err = true;
            *out = ad_err_raise_v(t, t->vm->exc_ValueError, "negative shift count");
            return true;
        }
        if (x == 0) {
            r = 0;
            break;
        }
        if (y >= 63) return false;
        {
            __int128 w = (__int128)x * ((__int128)1 << y);
            if (w > INT64_MAX || w < INT64_MIN) return false;
            r = (int64_t)w;
        }
        break;
    case AD_BINOP_RSHIFT:
        if (y < 0) {
            *err = true;
            *out = ad_err_raise_v(t, t->vm->exc_ValueError, "negative shift count");
            return true;
        }
        r = y >= 64 ? (x < 0 ? -1 : 0) : (x >> y); /* gcc shifts signed values arithmetically */
        break;
    case AD_BINOP_POW: {
        if (y < 0) {
            *out = ad_float_binop(t, AD_BINOP_POW, (double)x, (double)y);
            *err = AD_IS_NULL(*out);
            return true;
        }
        int64_t base = x, acc = 1;
        uint64_t e = (uint64_t)y;
        if (x == 0 || x == 1) {
            r = y == 0 ? 1 : x;
            break;
        }
        if (x == -1) {
            r = (y & 1) ? -1 : 1;
            break;
        }
        if (e > 64) return false;
        while (e) {
            if ((e & 1) && __builtin_mul_overflow(acc, base, &acc)) return false;
            e >>= 1;
            if (e && __builtin_mul_overflow(base, base, &base)) return false;
        }
        r = acc;
        break;
    }
    default: return false;
    }
    *out = ad_small_int(r);
    return true;
}

/* One big and one small operand, for the operations GMP has word-sized forms of (no
 * temporary mpz for the small side). `small_left` says the small one is the left operand.
 * False when the operation is not one of those. */
static bool mixed_binop(AdThread *t, int op, mpz_srcptr big, int64_t small, bool small_left,
                        AdValue *out) {
    uint64_t mag = small < 0 ? 0 - (uint64_t)small : (uint64_t)small;
    mpz_t r;
    switch (op) {
    case AD_BINOP_ADD:
        mpz_init(r);
        if (small >= 0)
            mpz_add_ui(r, big, mag);
        else
            mpz_sub_ui(r, big, mag);
        break;
    case AD_BINOP_SUB:
        mpz_init(r);
        /* big - small, or small - big = -(big - small) */
        if (small >= 0)
            mpz_sub_ui(r, big, mag);
        else
            mpz_add_ui(r, big, mag);
        if (small_left) mpz_neg(r, r);
        break;
    case AD_BINOP_MUL:
        mpz_init(r);
        mpz_mul_si(r, big, small);
        break;
    case AD_BINOP_FLOORDIV:
    case AD_BINOP_MOD:
        if (small_left || small <= 0) return false;
        mpz_init(r);
        if (op == AD_BINOP_FLOORDIV)
            mpz_fdiv_q_ui(r, big, mag);
        else
            mpz_fdiv_r_ui(r, big, mag);
        break;
    default: return false;
    }
    *out = int_take(t, r);
    return true;
}

static const char *const binop_symbols[AD_BINOP_COUNT] = {
    "+", "&", "//", "<<", "@", "*", "%", "|", "**", ">>", "-", "/", "^",
};

/* The general binary operation on two ints; `keep_bool` makes & | ^ of two bools a bool. */
static AdValue int_binop(AdThread *t, int op, AdValue a, AdValue b, bool keep_bool) {
    if (op >= AD_BINOP_INPLACE) op -= AD_BINOP_INPLACE;
    if (keep_bool && a.tag == AD_TAG_BOOL && b.tag == AD_TAG_BOOL) {
        if (op == AD_BINOP_AND) return ad_bool(a.as.i & b.as.i);
        if (op == AD_BINOP_OR) return ad_bool(a.as.i | b.as.i);
        if (op == AD_BINOP_XOR) return ad_bool(a.as.i ^ b.as.i);
    }
    int64_t x = 0, y = 0;
    mpz_srcptr za = NULL, zb = NULL;
    int ka = int_view(t, a, &x, &za), kb = int_view(t, b, &y, &zb);
    if (ka == KIND_NONE || kb == KIND_NONE || op == AD_BINOP_MATMUL)
        return ad_err_raise_v(t, t->vm->exc_TypeError,
                              "unsupported operand type(s) for %s: '%T' and '%T'",
                              op < AD_BINOP_COUNT ? binop_symbols[op] : "?", a, b);
    if (ka == KIND_SMALL && kb == KIND_SMALL) {
        AdValue out;
        bool err;
        if (small_binop(t, op, x, y, &out, &err)) return out;
    }
    if (ka != kb) {
        AdValue out;
        if (mixed_binop(t, op, ka == KIND_BIG ? za : zb, ka == KIND_BIG ? y : x, ka == KIND_SMALL,
                        &out))
            return out;
    }
    mpz_t ta, tb, r;
    bool ua, ub;
    mpz_srcptr A = as_mpz(ka, x, za, ta, &ua), B = as_mpz(kb, y, zb, tb, &ub);
    AdValue result = AD_NULLV;
    bool have_r = true;
    mpz_init(r);
    switch (op) {
    case AD_BINOP_ADD: mpz_add(r, A, B); break;
    case AD_BINOP_SUB: mpz_sub(r, A, B); break;
    case AD_BINOP_MUL: mpz_mul(r, A, B); break;
    case AD_BINOP_FLOORDIV:
    case AD_BINOP_MOD:
        if (mpz_sgn(B) == 0) {
            zero_div(t, op);
            have_r = false;
        } else if (op == AD_BINOP_FLOORDIV) {
            mpz_fdiv_q(r, A, B);
        } else {
            mpz_fdiv_r(r, A, B);
        }
        break;
    case AD_BINOP_TRUEDIV:
        result = true_divide(t, A, B);
        have_r = false;
        break;
    case AD_BINOP_AND: mpz_and(r, A, B); break;
    case AD_BINOP_OR: mpz_ior(r, A, B); break;
    case AD_BINOP_XOR: mpz_xor(r, A, B); break;
    case AD_BINOP_LSHIFT:
    case AD_BINOP_RSHIFT:
        have_r = false;
        if (mpz_sgn(B) < 0) {
            ad_err_raise(t, t->vm->exc_ValueError, "negative shift count");
        } else if (mpz_sgn(A) == 0) {
            result = ad_small_int(0);
        } else if (op == AD_BINOP_RSHIFT) {
            if (!mpz_fits_ulong_p(B) || mpz_get_ui(B) >= mpz_sizeinbase(A, 2) + 1) {
                result = ad_small_int(mpz_sgn(A) < 0 ? -1 : 0);
            } else {
                mpz_fdiv_q_2exp(r, A, mpz_get_ui(B));
                have_r = true;
            }
        } else if (!mpz_fits_ulong_p(B) || mpz_get_ui(B) > MAX_RESULT_BITS) {
            ad_err_raise(t, t->vm->exc_OverflowError, "too many digits in integer");
        } else {
            mpz_mul_2exp(r, A, mpz_get_ui(B));
            have_r = true;
        }
        break;
    case AD_BINOP_POW:
        have_r = false;
        if (mpz_sgn(B) < 0) {
            bool ok1, ok2;
            double fx = ad_int_to_double(t, a, &ok1);
            double fy = ok1 ? ad_int_to_double(t, b, &ok2) : 0.0;
            if (ok1 && ok2) result = ad_float_binop(t, AD_BINOP_POW, fx, fy);
        } else {
            result = int_pow(t, A, B);
        }
        break;
    default: have_r = false; break;
    }
    if (ua) mpz_clear(ta);
    if (ub) mpz_clear(tb);
    if (have_r) return int_take(t, r);
    mpz_clear(r);
    return result;
}

AdValue ad_int_binop(AdThread *t, int op, AdValue a, AdValue b) {
    return int_binop(t, op, a, b, true);
}

/* divmod(a, b) for ints: a tuple (a // b, a % b). */
static AdValue int_divmod(AdThread *t, AdValue a, AdValue b) {
    int64_t x = 0, y = 0;
    mpz_srcptr za = NULL, zb = NULL;
    int ka = int_view(t, a, &x, &za), kb = int_view(t, b, &y, &zb);
    AdValue q, r;
    if (ka == KIND_SMALL && kb == KIND_SMALL && y != 0 && !(x == INT64_MIN && y == -1)) {
        q = ad_small_int(floordiv64(x, y));
        r = ad_small_int(mod64(x, y));
    } else {
        mpz_t ta, tb, mq, mr;
        bool ua, ub;
        mpz_srcptr A = as_mpz(ka, x, za, ta, &ua), B = as_mpz(kb, y, zb, tb, &ub);
        if (mpz_sgn(B) == 0) {
            if (ua) mpz_clear(ta);
            if (ub) mpz_clear(tb);
            return zero_div(t, AD_BINOP_FLOORDIV);
        }
        mpz_inits(mq, mr, NULL);
        mpz_fdiv_qr(mq, mr, A, B);
        if (ua) mpz_clear(ta);
        if (ub) mpz_clear(tb);
        q = int_take(t, mq);
        if (AD_IS_NULL(q)) {
            mpz_clear(mr);
            return AD_NULLV;
        }
        ad_gc_push_root(t, q);
        r = int_take(t, mr);
        if (AD_IS_NULL(r)) return AD_NULLV;
        ad_gc_push_root(t, r);
    }
    AdTuple *tup = ad_tuple_pack(t, 2, q, r);
    return tup ? ad_obj(tup) : AD_NULLV;
}

/* ---- dunders --------------------------------------------------------------------------- */

/* The int value of self for a method of int (descriptor error for a foreign self). */
static bool check_self(AdThread *t, AdValue v, const char *name) {
    if (ad_is_int(t, v)) return true;
    return ad_err_raise(t, t->vm->exc_TypeError,
                        "descriptor '%s' for 'int' objects doesn't apply to a '%T' object", name,
                        v);
}

/* Checks a method's argument count (nparams besides self) and its self. */
static bool method_start(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames, const char *name,
                         int nparams) {
    return ad_args_check(t, name, nargs - 1, kwnames, nparams, nparams) &&
           check_self(t, args[0], name);
}

#define UNARY_START(name)                                                                          \
    if (!method_start(t, args, nargs, kwnames, name, 0)) return AD_NULLV

/* Binary dunders give NotImplemented for operands that are not ints. */
#define BINARY_START(name)                                                                         \
    if (!method_start(t, args, nargs, kwnames, name, 1)) return AD_NULLV;                          \
    if (!ad_is_int(t, args[1])) return t->vm->not_implemented

#define INT_BINOP(fname, rname, pyname, rpyname, op)                                               \
    static AdValue fname(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {                \
        BINARY_START(pyname);                                                                      \
        return int_binop(t, op, args[0], args[1], false);                                          \
    }                                                                                              \
    static AdValue rname(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {                \
        BINARY_START(rpyname);                                                                     \
        return int_binop(t, op, args[1], args[0], false);                                          \
    }

INT_BINOP(int_add, int_radd, "__add__", "__radd__", AD_BINOP_ADD)
INT_BINOP(int_sub, int_rsub, "__sub__", "__rsub__", AD_BINOP_SUB)
INT_BINOP(int_mul, int_rmul, "__mul__", "__rmul__", AD_BINOP_MUL)
INT_BINOP(int_truediv, int_rtruediv, "__truediv__", "__rtruediv__", AD_BINOP_TRUEDIV)
INT_BINOP(int_floordiv, int_rfloordiv, "__floordiv__", "__rfloordiv__", AD_BINOP_FLOORDIV)
INT_BINOP(int_mod, int_rmod, "__mod__", "__rmod__", AD_BINOP_MOD)
INT_BINOP(int_lshift, int_rlshift, "__lshift__", "__rlshift__", AD_BINOP_LSHIFT)
INT_BINOP(int_rshift, int_rrshift, "__rshift__", "__rrshift__", AD_BINOP_RSHIFT)
INT_BINOP(int_and, int_rand, "__and__", "__rand__", AD_BINOP_AND)
INT_BINOP(int_or, int_ror, "__or__", "__ror__", AD_BINOP_OR)
INT_BINOP(int_xor, int_rxor, "__xor__", "__rxor__", AD_BINOP_XOR)

static AdValue int_divmod_m(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    BINARY_START("__divmod__");
    return int_divmod(t, args[0], args[1]);
}

static AdValue int_rdivmod(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    BINARY_START("__rdivmod__");
    return int_divmod(t, args[1], args[0]);
}

/* __pow__(self, other, mod=None) and the reflected form. */
static AdValue pow_common(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames, const char *name,
                          bool reflected) {
    if (!ad_args_check(t, name, nargs - 1, kwnames, 1, 2) || !check_self(t, args[0], name))
        return AD_NULLV;
    if (!ad_is_int(t, args[1])) return t->vm->not_implemented;
    AdValue base = reflected ? args[1] : args[0], exp = reflected ? args[0] : args[1];
    if (nargs > 2 && !AD_IS_NONE(args[2])) {
        if (!ad_is_int(t, args[2])) return t->vm->not_implemented;
        return int_powmod(t, base, exp, args[2]);
    }
    return int_binop(t, AD_BINOP_POW, base, exp, false);
}

static AdValue int_pow_m(AdThread *t, AdValue *a, int n, AdTuple *k) {
    return pow_common(t, a, n, k, "__pow__", false);
}
static AdValue int_rpow(AdThread *t, AdValue *a, int n, AdTuple *k) {
    return pow_common(t, a, n, k, "__rpow__", true);
}

static AdValue int_compare_m(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames, int op,
                             const char *name) {
    BINARY_START(name);
    AdValue a = args[0], b = args[1];
    int64_t x = 0, y = 0;
    mpz_srcptr za = NULL, zb = NULL;
    int ka = int_view(t, a, &x, &za), kb = int_view(t, b, &y, &zb);
    int c;
    if (ka == KIND_SMALL && kb == KIND_SMALL)
        c = x < y ? -1 : x > y;
    else if (ka == KIND_SMALL)
        c = -mpz_cmp_si(zb, x);
    else if (kb == KIND_SMALL)
        c = mpz_cmp_si(za, y);
    else
        c = mpz_cmp(za, zb);
    c = c < 0 ? -1 : c > 0;
    switch (op) {
    case AD_CMP_LT: return ad_bool(c < 0);
    case AD_CMP_LE: return ad_bool(c <= 0);
    case AD_CMP_EQ: return ad_bool(c == 0);
    case AD_CMP_NE: return ad_bool(c != 0);
    case AD_CMP_GT: return ad_bool(c > 0);
    default: return ad_bool(c >= 0);
    }
}

static AdValue int_eq(AdThread *t, AdValue *a, int n, AdTuple *k) {
    return int_compare_m(t, a, n, k, AD_CMP_EQ, "__eq__");
}
static AdValue int_ne(AdThread *t, AdValue *a, int n, AdTuple *k) {
    return int_compare_m(t, a, n, k, AD_CMP_NE, "__ne__");
}
static AdValue int_lt(AdThread *t, AdValue *a, int n, AdTuple *k) {
    return int_compare_m(t, a, n, k, AD_CMP_LT, "__lt__");
}
static AdValue int_le(AdThread *t, AdValue *a, int n, AdTuple *k) {
    return int_compare_m(t, a, n, k, AD_CMP_LE, "__le__");
}
static AdValue int_gt(AdThread *t, AdValue *a, int n, AdTuple *k) {
    return int_compare_m(t, a, n, k, AD_CMP_GT, "__gt__");
}
static AdValue int_ge(AdThread *t, AdValue *a, int n, AdTuple *k) {
    return int_compare_m(t, a, n, k, AD_CMP_GE, "__ge__");
}

static AdValue int_neg(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    UNARY_START("__neg__");
    int64_t x;
    mpz_srcptr z = NULL;
    if (int_view(t, args[0], &x, &z) == KIND_SMALL && x != INT64_MIN) return ad_small_int(-x);
    mpz_t r;
    mpz_init(r);
    ad_int_to_mpz(args[0], r);
    mpz_neg(r, r);
    return int_take(t, r);
}

static AdValue int_abs(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    UNARY_START("__abs__");
    int64_t x;
    mpz_srcptr z = NULL;
    if (int_view(t, args[0], &x, &z) == KIND_SMALL && x != INT64_MIN)
        return ad_small_int(x < 0 ? -x : x);
    mpz_t r;
    mpz_init(r);
    ad_int_to_mpz(args[0], r);
    mpz_abs(r, r);
    return int_take(t, r);
}

static AdValue int_invert(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    UNARY_START("__invert__");
    int64_t x;
    mpz_srcptr z = NULL;
    if (int_view(t, args[0], &x, &z) == KIND_SMALL) return ad_small_int(~x);
    mpz_t r;
    mpz_init(r);
    mpz_com(r, z);
    return int_take(t, r);
}

/* __pos__, __int__, __index__, __trunc__, __floor__, __ceil__, conjugate: the exact int. */
#define INT_IDENTITY(fname, pyname)                                                                \
    static AdValue fname(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {                \
        UNARY_START(pyname);                                                                       \
        return exact_int(t, args[0]);                                                              \
    }
INT_IDENTITY(int_pos, "__pos__")
INT_IDENTITY(int_int, "__int__")
INT_IDENTITY(int_index, "__index__")
INT_IDENTITY(int_trunc, "__trunc__")
INT_IDENTITY(int_floor, "__floor__")
INT_IDENTITY(int_ceil, "__ceil__")
INT_IDENTITY(int_conjugate, "conjugate")

static AdValue int_bool(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    UNARY_START("__bool__");
    int64_t x;
    mpz_srcptr z = NULL;
    if (int_view(t, args[0], &x, &z) == KIND_SMALL) return ad_bool(x != 0);
    return ad_bool(mpz_sgn(z) != 0);
}

static AdValue int_hash_m(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    UNARY_START("__hash__");
    int64_t x;
    mpz_srcptr z = NULL;
    if (int_view(t, args[0], &x, &z) == KIND_SMALL)
        return ad_small_int(ad_int_hash(ad_small_int(x)));
    return ad_small_int(ad_int_hash(args[0]));
}

static AdValue int_repr_m(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    UNARY_START("__repr__");
    int64_t x;
    mpz_srcptr z = NULL;
    if (int_view(t, args[0], &x, &z) == KIND_SMALL) return ad_int_repr(t, ad_small_int(x));
    return ad_int_repr(t, args[0]);
}

static AdValue int_float(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    UNARY_START("__float__");
    bool ok;
    double d = ad_int_to_double(t, args[0], &ok);
    return ok ? ad_float(d) : AD_NULLV;
}

static AdValue int_round(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    if (!ad_args_check(t, "__round__", nargs - 1, kwnames, 0, 1) ||
        !check_self(t, args[0], "__round__"))
        return AD_NULLV;
    /* round(x, None) calls __round__() without arguments; an explicit None is an error. */
    if (nargs < 2) return exact_int(t, args[0]);
    int64_t nd;
    if (!ad_rt_index(t, args[1], &nd)) return AD_NULLV;
    if (nd >= 0) return exact_int(t, args[0]);
    /* Round to a multiple of 10**-nd, ties to even. */
    mpz_t x, p, q, r;
    mpz_inits(x, p, q, r, NULL);
    ad_int_to_mpz(args[0], x);
    if (nd < -100000 && (int64_t)mpz_sizeinbase(x, 10) < -nd) {
        mpz_clears(x, p, q, r, NULL);
        return ad_small_int(0);
    }
    mpz_ui_pow_ui(p, 10, (unsigned long)-nd);
    mpz_fdiv_qr(q, r, x, p);
    mpz_mul_2exp(r, r, 1);
    int c = mpz_cmp(r, p);
    if (c > 0 || (c == 0 && mpz_odd_p(q))) mpz_add_ui(q, q, 1);
    mpz_mul(x, q, p);
    mpz_clears(p, q, r, NULL);
    return int_take(t, x);
}

static AdValue int_format(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    if (!ad_args_check(t, "__format__", nargs - 1, kwnames, 1, 1) ||
        !check_self(t, args[0], "__format__"))
        return AD_NULLV;
    if (!ad_is_str(t, args[1]))
        return ad_err_raise_v(t, t->vm->exc_TypeError, "__format__() argument must be str, not %T",
                              args[1]);
    return ad_str_format_spec(t, args[0], AD_AS(AdStr, args[1]));
}

static AdValue int_getnewargs(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    UNARY_START("__getnewargs__");
    AdValue v = exact_int(t, args[0]);
    if (AD_IS_NULL(v)) return AD_NULLV;
    ad_gc_push_root(t, v);
    AdTuple *tup = ad_tuple_pack(t, 1, v);
    return tup ? ad_obj(tup) : AD_NULLV;
}

static size_t bit_length_of(AdThread *t, AdValue v) {
    int64_t x;
    mpz_srcptr z = NULL;
    if (int_view(t, v, &x, &z) == KIND_SMALL) {
        uint64_t m = x < 0 ? 0 - (uint64_t)x : (uint64_t)x;
        return m ? 64 - (size_t)__builtin_clzll(m) : 0;
    }
    return mpz_sizeinbase(z, 2);
}

static AdValue int_sizeof(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    UNARY_START("__sizeof__");
    size_t digits = (bit_length_of(t, args[0]) + 29) / 30;
    return ad_small_int((int64_t)(24 + 4 * (digits ? digits : 1)));
}

static AdValue int_bit_length(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    UNARY_START("bit_length");
    return ad_small_int((int64_t)bit_length_of(t, args[0]));
}

static AdValue int_bit_count(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    UNARY_START("bit_count");
    int64_t x;
    mpz_srcptr z = NULL;
    if (int_view(t, args[0], &x, &z) == KIND_SMALL) {
        uint64_t m = x < 0 ? 0 - (uint64_t)x : (uint64_t)x;
        return ad_small_int(__builtin_popcountll(m));
    }
    mpz_t a;
    mpz_init(a);
    mpz_abs(a, z);
    int64_t n = (int64_t)mpz_popcount(a);
    mpz_clear(a);
    return ad_small_int(n);
}

static AdValue int_as_integer_ratio(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    UNARY_START("as_integer_ratio");
    AdValue v = exact_int(t, args[0]);
    if (AD_IS_NULL(v)) return AD_NULLV;
    ad_gc_push_root(t, v);
    AdTuple *tup = ad_tuple_pack(t, 2, v, ad_small_int(1));
    return tup ? ad_obj(tup) : AD_NULLV;
}

/* 1 for "big", 0 for "little", -1 with ValueError. */
static int byteorder_arg(AdThread *t, AdValue v) {
    if (AD_IS_NULL(v)) return 1;
    if (!ad_is_str(t, v))
        return ad_err_raise(t, t->vm->exc_TypeError,
                            "to_bytes() argument 'byteorder' must be str, not %T", v) -
               1;
    if (ad_str_eq_cstr(AD_AS(AdStr, v), "big")) return 1;
    if (ad_str_eq_cstr(AD_AS(AdStr, v), "little")) return 0;
    ad_err_raise(t, t->vm->exc_ValueError, "byteorder must be either 'little' or 'big'");
    return -1;
}

static AdValue int_to_bytes(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    static const char *const names[] = {"length", "byteorder", "signed"};
    AdValue a[3];
    if (!check_self(t, args[0], "to_bytes")) return AD_NULLV;
    if (!ad_args_parse(t, "to_bytes", args + 1, nargs - 1, kwnames, names, 3, 2, 0, a))
        return AD_NULLV;
    int64_t length = 1;
    if (!AD_IS_NULL(a[0]) && !ad_rt_index(t, a[0], &length)) return AD_NULLV;
    if (length < 0)
        return ad_err_raise_v(t, t->vm->exc_ValueError, "length argument must be non-negative");
    int big = byteorder_arg(t, a[1]);
    if (big < 0) return AD_NULLV;
    bool is_signed = false;
    if (!AD_IS_NULL(a[2])) {
        int r = ad_rt_truthy(t, a[2]);
        if (r < 0) return AD_NULLV;
        is_signed = r;
    }
    mpz_t v, lim;
    mpz_inits(v, lim, NULL);
    ad_int_to_mpz(args[0], v);
    const char *err = NULL;
    if (mpz_sgn(v) < 0 && !is_signed) {
        err = "can't convert negative int to unsigned";
    } else {
        /* Fits in `length` bytes: v < 2**(8*length) (unsigned) or -2**(8L-1) <= v < 2**(8L-1). */
        uint64_t bits = (uint64_t)length * 8;
        if (bits > MAX_RESULT_BITS) {
            mpz_clears(v, lim, NULL);
            return ad_err_nomemory(t), AD_NULLV;
        }
        mpz_setbit(lim, is_signed ? (bits ? bits - 1 : 0) : bits);
        if (is_signed && bits == 0) {
            if (mpz_sgn(v)) err = "int too big to convert";
        } else if (mpz_cmp(v, lim) >= 0) {
            err = "int too big to convert";
        } else if (is_signed) {
            mpz_neg(lim, lim);
            if (mpz_cmp(v, lim) < 0) err = "int too big to convert";
        }
        if (!err && mpz_sgn(v) < 0) {
            mpz_set_ui(lim, 0);
            mpz_setbit(lim, bits);
            mpz_add(v, v, lim);
        }
    }
    if (err) {
        mpz_clears(v, lim, NULL);
        return ad_err_raise_v(t, t->vm->exc_OverflowError, "%s", err);
    }
    uint8_t *buf = calloc((size_t)length ? (size_t)length : 1, 1);
    if (!buf) {
        mpz_clears(v, lim, NULL);
        return ad_err_nomemory(t), AD_NULLV;
    }
    size_t count = 0;
    if (mpz_sgn(v)) {
        size_t need = (mpz_sizeinbase(v, 2) + 7) / 8;
        mpz_export(buf + ((size_t)length - need), &count, 1, 1, 1, 0, v);
    }
    mpz_clears(v, lim, NULL);
    if (!big) {
        for (size_t i = 0, j = (size_t)length ? (size_t)length - 1 : 0; i < j; i++, j--) {
            uint8_t tmp = buf[i];
            buf[i] = buf[j];
            buf[j] = tmp;
        }
    }
    AdBytes *by = ad_bytes_new(t, buf, (size_t)length);
    free(buf);
    return by ? ad_obj(by) : AD_NULLV;
}

static AdValue int_from_bytes(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    static const char *const names[] = {"bytes", "byteorder", "signed"};
    AdValue a[3];
    AdValue cls = args[0];
    if (!ad_args_parse(t, "from_bytes", args + 1, nargs - 1, kwnames, names, 3, 2, 1, a))
        return AD_NULLV;
    int big = byteorder_arg(t, a[1]);
    if (big < 0) return AD_NULLV;
    bool is_signed = false;
    if (!AD_IS_NULL(a[2])) {
        int r = ad_rt_truthy(t, a[2]);
        if (r < 0) return AD_NULLV;
        is_signed = r;
    }
    const uint8_t *data;
    size_t len;
    AdValue src = a[0];
    if (ad_is_instance_of(t, src, t->vm->type_bytes)) {
        data = AD_AS(AdBytes, src)->data;
        len = AD_AS(AdBytes, src)->len;
    } else if (ad_is_instance_of(t, src, t->vm->type_bytearray)) {
        data = AD_AS(AdByteArray, src)->data;
        len = AD_AS(AdByteArray, src)->len;
    } else {
        /* Any iterable of ints in range(256): bytes(x) does the checking. */
        src = ad_rt_call1(t, ad_obj(t->vm->type_bytes), src);
        if (AD_IS_NULL(src)) return AD_NULLV;
        ad_gc_push_root(t, src);
        data = AD_AS(AdBytes, src)->data;
        len = AD_AS(AdBytes, src)->len;
    }
    mpz_t v;
    mpz_init(v);
    if (len) mpz_import(v, len, big ? 1 : -1, 1, 1, 0, data);
    if (is_signed && len) {
        uint8_t top = big ? data[0] : data[len - 1];
        if (top & 0x80) {
            mpz_t lim;
            mpz_init(lim);
            mpz_setbit(lim, len * 8);
            mpz_sub(v, v, lim);
            mpz_clear(lim);
        }
    }
    AdValue r = int_take(t, v);
    if (AD_IS_NULL(r) || ad_is(cls, ad_obj(t->vm->type_int))) return r;
    ad_gc_push_root(t, r);
    return ad_rt_call1(t, cls, r);
}

static AdValue int_get_self(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    (void)nargs;
    (void)kwnames;
    if (!check_self(t, args[0], "real")) return AD_NULLV;
    return exact_int(t, args[0]);
}

static AdValue int_get_zero(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    (void)t;
    (void)args;
    (void)nargs;
    (void)kwnames;
    return ad_small_int(0);
}

static AdValue int_get_one(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    (void)t;
    (void)args;
    (void)nargs;
    (void)kwnames;
    return ad_small_int(1);
}

/* int(x=0) / int(x, base=10), as PyNumber_Long and long_new. */
static AdValue int_convert(AdThread *t, AdValue x) {
    AdVM *vm = t->vm;
    if (ad_is_int(t, x)) return exact_int(t, x);
    if (x.tag == AD_TAG_FLOAT) return ad_int_from_double(t, x.as.f);
    if (ad_is_str(t, x)) {
        AdStr *s = AD_AS(AdStr, x);
        if (ad_str_is_ascii(s)) return int_from_text(t, s->data, s->len, 10, x);
        AdBuf b;
        if (!ad_str_numeric_ascii(t, s->data, s->len, &b)) return AD_NULLV;
        AdValue r = int_from_text(t, b.data, b.len, 10, x);
        ad_buf_free(&b);
        return r;
    }
    if (ad_is_instance_of(t, x, vm->type_bytes))
        return int_from_text(t, (const char *)AD_AS(AdBytes, x)->data, AD_AS(AdBytes, x)->len, 10,
                             x);
    if (ad_is_instance_of(t, x, vm->type_bytearray))
        return int_from_text(t, (const char *)AD_AS(AdByteArray, x)->data,
                             AD_AS(AdByteArray, x)->len, 10, x);
    /* __int__, then __index__, then __trunc__ (deprecated but honoured in 3.11). */
    for (int k = 0; k < 3; k++) {
        AdStr *name = k == 0 ? vm->name.int_ : k == 1 ? vm->name.index : vm->name.trunc;
        if (AD_IS_NULL(ad_type_lookup(ad_type_of(t, x), name))) continue;
        AdValue r = ad_rt_call_special(t, x, name, NULL, 0);
        if (AD_IS_NULL(r)) return AD_NULLV;
        if (k == 2) {
            if (ad_is_int(t, r)) return exact_int(t, r);
            ad_gc_push_root(t, r);
            if (AD_IS_NULL(ad_type_lookup(ad_type_of(t, r), vm->name.index)))
                return ad_err_raise_v(t, vm->exc_TypeError,
                                      "__trunc__ returned non-Integral (type %T)", r);
            return ad_rt_index_value(t, r);
        }
        if (!ad_is_int(t, r))
            return ad_err_raise_v(t, vm->exc_TypeError, "%s returned non-int (type %T)",
                                  k == 0 ? "__int__" : "__index__", r);
        return exact_int(t, r);
    }
    if (ad_is_instance_of(t, x, vm->type_float)) return ad_int_from_double(t, ad_float_of(x));
    return ad_err_raise_v(t, vm->exc_TypeError,
                          "int() argument must be a string, a bytes-like object or a real number, "
                          "not '%T'",
                          x);
}

static AdValue int_new(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    static const char *const names[] = {"", "base"};
    AdVM *vm = t->vm;
    if (nargs < 1 || !ad_is_instance_of(t, args[0], vm->type_type))
        return ad_err_raise_v(t, vm->exc_TypeError, "int.__new__(X): X is not a type object");
    AdType *cls = AD_AS(AdType, args[0]);
    if (cls == vm->type_bool)
        return ad_err_raise_v(t, vm->exc_TypeError,
                              "int.__new__(bool) is not safe, use bool.__new__()");
    if (cls != vm->type_int && !ad_type_is_subtype(cls, vm->type_int))
        return ad_err_raise_v(t, vm->exc_TypeError, "int.__new__(%s): %s is not a subtype of int",
                              ad_type_name(cls), ad_type_name(cls));
    /* x is positional-only: a keyword named x is unknown. */
    if (kwnames) {
        for (size_t i = 0; i < kwnames->len; i++) {
            AdStr *k = AD_AS(AdStr, kwnames->items[i]);
            if (!ad_str_eq_cstr(k, "base"))
                return ad_err_raise_v(t, vm->exc_TypeError,
                                      "'%s' is an invalid keyword argument for int()", k->data);
        }
    }
    AdValue a[2];
    if (!ad_args_parse(t, "int", args + 1, nargs - 1, kwnames, names, 2, 2, 0, a)) return AD_NULLV;
    AdValue result;
    if (AD_IS_NULL(a[1])) {
        result = AD_IS_NULL(a[0]) ? ad_small_int(0) : int_convert(t, a[0]);
    } else {
        if (AD_IS_NULL(a[0]))
            return ad_err_raise_v(t, vm->exc_TypeError, "int() missing string argument");
        int64_t base;
        if (!ad_rt_index(t, a[1], &base)) return AD_NULLV;
        if (base != 0 && (base < 2 || base > 36))
            return ad_err_raise_v(t, vm->exc_ValueError, "int() base must be >= 2 and <= 36, or 0");
        AdValue x = a[0];
        if (ad_is_str(t, x)) {
            AdStr *s = AD_AS(AdStr, x);
            if (ad_str_is_ascii(s)) {
                result = int_from_text(t, s->data, s->len, (int)base, x);
            } else {
                AdBuf b;
                if (!ad_str_numeric_ascii(t, s->data, s->len, &b)) return AD_NULLV;
                result = int_from_text(t, b.data, b.len, (int)base, x);
                ad_buf_free(&b);
            }
        } else if (ad_is_instance_of(t, x, vm->type_bytes)) {
            result = int_from_text(t, (const char *)AD_AS(AdBytes, x)->data, AD_AS(AdBytes, x)->len,
                                   (int)base, x);
        } else if (ad_is_instance_of(t, x, vm->type_bytearray)) {
            result = int_from_text(t, (const char *)AD_AS(AdByteArray, x)->data,
                                   AD_AS(AdByteArray, x)->len, (int)base, x);
        } else {
            return ad_err_raise_v(t, vm->exc_TypeError,
                                  "int() can't convert non-string with explicit base");
        }
    }
    if (AD_IS_NULL(result) || cls == vm->type_int) return result;
    ad_gc_push_root(t, result);
    return int_of_class(t, cls, result);
}

static void bigint_finalize(AdVM *vm, AdObj *o) {
    (void)vm;
    mpz_clear(((AdBigInt *)o)->z);
}

static const AdMethodDef int_methods[] = {
    {"__new__", int_new, AD_METH_STATIC, NULL, NULL},
    {"__repr__", int_repr_m, AD_METH_INSTANCE, NULL, NULL},
    {"__hash__", int_hash_m, AD_METH_INSTANCE, NULL, NULL},
    {"__bool__", int_bool, AD_METH_INSTANCE, NULL, NULL},
    {"__index__", int_index, AD_METH_INSTANCE, NULL, NULL},
    {"__int__", int_int, AD_METH_INSTANCE, NULL, NULL},
    {"__float__", int_float, AD_METH_INSTANCE, NULL, NULL},
    {"__neg__", int_neg, AD_METH_INSTANCE, NULL, NULL},
    {"__pos__", int_pos, AD_METH_INSTANCE, NULL, NULL},
    {"__abs__", int_abs, AD_METH_INSTANCE, NULL, NULL},
    {"__invert__", int_invert, AD_METH_INSTANCE, NULL, NULL},
    {"__trunc__", int_trunc, AD_METH_INSTANCE, NULL, NULL},
    {"__floor__", int_floor, AD_METH_INSTANCE, NULL, NULL},
    {"__ceil__", int_ceil, AD_METH_INSTANCE, NULL, NULL},
    {"__round__", int_round, AD_METH_INSTANCE, NULL, NULL},
    {"__format__", int_format, AD_METH_INSTANCE, NULL, NULL},
    {"__getnewargs__", int_getnewargs, AD_METH_INSTANCE, NULL, NULL},
    {"__sizeof__", int_sizeof, AD_METH_INSTANCE, NULL, NULL},
    {"__add__", int_add, AD_METH_INSTANCE, NULL, NULL},
    {"__radd__", int_radd, AD_METH_INSTANCE, NULL, NULL},
    {"__sub__", int_sub, AD_METH_INSTANCE, NULL, NULL},
    {"__rsub__", int_rsub, AD_METH_INSTANCE, NULL, NULL},
    {"__mul__", int_mul, AD_METH_INSTANCE, NULL, NULL},
    {"__rmul__", int_rmul, AD_METH_INSTANCE, NULL, NULL},
    {"__truediv__", int_truediv, AD_METH_INSTANCE, NULL, NULL},
    {"__rtruediv__", int_rtruediv, AD_METH_INSTANCE, NULL, NULL},
    {"__floordiv__", int_floordiv, AD_METH_INSTANCE, NULL, NULL},
    {"__rfloordiv__", int_rfloordiv, AD_METH_INSTANCE, NULL, NULL},
    {"__mod__", int_mod, AD_METH_INSTANCE, NULL, NULL},
    {"__rmod__", int_rmod, AD_METH_INSTANCE, NULL, NULL},
    {"__divmod__", int_divmod_m, AD_METH_INSTANCE, NULL, NULL},
    {"__rdivmod__", int_rdivmod, AD_METH_INSTANCE, NULL, NULL},
    {"__pow__", int_pow_m, AD_METH_INSTANCE, NULL, NULL},
    {"__rpow__", int_rpow, AD_METH_INSTANCE, NULL, NULL},
    {"__lshift__", int_lshift, AD_METH_INSTANCE, NULL, NULL},
    {"__rlshift__", int_rlshift, AD_METH_INSTANCE, NULL, NULL},
    {"__rshift__", int_rshift, AD_METH_INSTANCE, NULL, NULL},
    {"__rrshift__", int_rrshift, AD_METH_INSTANCE, NULL, NULL},
    {"__and__", int_and, AD_METH_INSTANCE, NULL, NULL},
    {"__rand__", int_rand, AD_METH_INSTANCE, NULL, NULL},
    {"__or__", int_or, AD_METH_INSTANCE, NULL, NULL},
    {"__ror__", int_ror, AD_METH_INSTANCE, NULL, NULL},
    {"__xor__", int_xor, AD_METH_INSTANCE, NULL, NULL},
    {"__rxor__", int_rxor, AD_METH_INSTANCE, NULL, NULL},
    {"__eq__", int_eq, AD_METH_INSTANCE, NULL, NULL},
    {"__ne__", int_ne, AD_METH_INSTANCE, NULL, NULL},
    {"__lt__", int_lt, AD_METH_INSTANCE, NULL, NULL},
    {"__le__", int_le, AD_METH_INSTANCE, NULL, NULL},
    {"__gt__", int_gt, AD_METH_INSTANCE, NULL, NULL},
    {"__ge__", int_ge, AD_METH_INSTANCE, NULL, NULL},
    {"bit_length", int_bit_length, AD_METH_INSTANCE, NULL, NULL},
    {"bit_count", int_bit_count, AD_METH_INSTANCE, NULL, NULL},
    {"to_bytes", int_to_bytes, AD_METH_INSTANCE, NULL, NULL},
    {"from_bytes", int_from_bytes, AD_METH_CLASS, NULL, NULL},
    {"as_integer_ratio", int_as_integer_ratio, AD_METH_INSTANCE, NULL, NULL},
    {"conjugate", int_conjugate, AD_METH_INSTANCE, NULL, NULL},
    {"real", int_get_self, AD_METH_GETSET, NULL, NULL},
    {"imag", int_get_zero, AD_METH_GETSET, NULL, NULL},
    {"numerator", int_get_self, AD_METH_GETSET, NULL, NULL},
    {"denominator", int_get_one, AD_METH_GETSET, NULL, NULL},
    {NULL, NULL, 0, NULL, NULL},
};

/* ---- bool ------------------------------------------------------------------------------ */

static AdValue bool_new(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    if (!ad_args_check(t, "bool", nargs - 1, kwnames, 0, 1)) return AD_NULLV;
    if (nargs < 2) return AD_FALSE;
    int r = ad_rt_truthy(t, args[1]);
    return r < 0 ? AD_NULLV : ad_bool(r);
}

static AdValue bool_repr(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    if (!ad_args_check(t, "__repr__", nargs - 1, kwnames, 0, 0)) return AD_NULLV;
    if (!AD_IS_BOOL(args[0]))
        return ad_err_raise_v(t, t->vm->exc_TypeError,
                              "descriptor '__repr__' for 'bool' objects doesn't apply to a '%T' "
                              "object",
                              args[0]);
    return ad_int_repr(t, args[0]);
}

/* & | ^ keep bools when both sides are bools; otherwise they are int operations. */
#define BOOL_BINOP(fname, pyname, op, reflected)                                                   \
    static AdValue fname(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {                \
        BINARY_START(pyname);                                                                      \
        return reflected ? int_binop(t, op, args[1], args[0], true)                                \
                         : int_binop(t, op, args[0], args[1], true);                               \
    }
BOOL_BINOP(bool_and, "__and__", AD_BINOP_AND, false)
BOOL_BINOP(bool_rand, "__rand__", AD_BINOP_AND, true)
BOOL_BINOP(bool_or, "__or__", AD_BINOP_OR, false)
BOOL_BINOP(bool_ror, "__ror__", AD_BINOP_OR, true)
BOOL_BINOP(bool_xor, "__xor__", AD_BINOP_XOR, false)
BOOL_BINOP(bool_rxor, "__rxor__", AD_BINOP_XOR, true)

static const AdMethodDef bool_methods[] = {
    {"__new__", bool_new, AD_METH_STATIC, NULL, NULL},
    {"__repr__", bool_repr, AD_METH_INSTANCE, NULL, NULL},
    {"__and__", bool_and, AD_METH_INSTANCE, NULL, NULL},
    {"__rand__", bool_rand, AD_METH_INSTANCE, NULL, NULL},
    {"__or__", bool_or, AD_METH_INSTANCE, NULL, NULL},
    {"__ror__", bool_ror, AD_METH_INSTANCE, NULL, NULL},
    {"__xor__", bool_xor, AD_METH_INSTANCE, NULL, NULL},
    {"__rxor__", bool_rxor, AD_METH_INSTANCE, NULL, NULL},
    {NULL, NULL, 0, NULL, NULL},
};

bool ad_int_setup(AdThread *t) {
    AdVM *vm = t->vm;
    if (!ad_type_init_builtin(t, vm->type_int, "int", vm->type_object, sizeof(AdBigInt), NULL,
                              bigint_finalize, int_methods, AD_TPFLAG_BASETYPE))
        return false;
    /* Bools are unboxed, so the instance size only matters to the type machinery. */
    return ad_type_init_builtin(t, vm->type_bool, "bool", vm->type_int, sizeof(AdBigInt), NULL,
                                NULL, bool_methods, 0);
}
