/*
 * mod_math.c - the math module. Float functions follow CPython's mathmodule.c error rules:
 * a NaN result from a non-NaN argument is ValueError "math domain error", an infinite
 * result from finite arguments is OverflowError "math range error". Integer functions
 * (factorial, gcd, isqrt, comb, perm) use GMP so they are exact for any size.
 */
#include <errno.h>
#include <float.h>
#include <math.h>

#include "core.h"

static bool to_double(AdThread *t, AdValue v, double *out) {
    if (AD_IS_FLOAT(v)) {
        *out = v.as.f;
        return true;
    }
    if (ad_is_int(t, v)) {
        bool ok = true;
        *out = ad_int_to_double(t, v, &ok);
        return ok;
    }
    AdValue f = ad_rt_call_special(t, v, t->vm->name.float_, NULL, 0);
    if (AD_IS_NULL(f)) {
        if (!ad_err_occurred(t))
            ad_err_raise(t, t->vm->exc_TypeError, "must be real number, not %T", v);
        return false;
    }
    if (!AD_IS_FLOAT(f)) return ad_err_raise(t, t->vm->exc_TypeError, "must be real number, not %T", v);
    *out = f.as.f;
    return true;
}

/* Checks a libm result the way CPython's math_1 does. */
static AdValue float_result(AdThread *t, double x, double r, bool can_overflow) {
    if (isnan(r) && !isnan(x)) return ad_err_raise_v(t, t->vm->exc_ValueError, "math domain error");
    if (isinf(r) && isfinite(x)) {
        if (can_overflow) return ad_err_raise_v(t, t->vm->exc_OverflowError, "math range error");
        return ad_err_raise_v(t, t->vm->exc_ValueError, "math domain error");
    }
    return ad_float(r);
}

#define UNARY(name, expr, overflow)                                                         \
    static AdValue math_##name(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {    \
        double x;                                                                           \
        if (!ad_args_check(t, #name, nargs, kwnames, 1, 1) || !to_double(t, args[0], &x))     \
            return AD_NULLV;                                                                \
        return float_result(t, x, expr, overflow);                                          \
    }
UNARY(sqrt, x < 0 ? NAN : sqrt(x), false)
UNARY(exp, exp(x), true)
UNARY(exp2, exp2(x), true)
UNARY(expm1, expm1(x), true)
UNARY(log2, x <= 0 ? NAN : log2(x), false)
UNARY(log10, x <= 0 ? NAN : log10(x), false)
UNARY(log1p, x <= -1 ? NAN : log1p(x), false)
UNARY(sin, isinf(x) ? NAN : sin(x), false)
UNARY(cos, isinf(x) ? NAN : cos(x), false)
UNARY(tan, isinf(x) ? NAN : tan(x), false)
UNARY(asin, asin(x), false)
UNARY(acos, acos(x), false)
UNARY(atan, atan(x), false)
UNARY(sinh, sinh(x), true)
UNARY(cosh, cosh(x), true)
UNARY(tanh, tanh(x), false)
UNARY(asinh, asinh(x), false)
UNARY(acosh, acosh(x), false)
UNARY(atanh, fabs(x) >= 1 ? NAN : atanh(x), false)
UNARY(fabs, fabs(x), false)
UNARY(erf, erf(x), false)
UNARY(erfc, erfc(x), false)
UNARY(gamma, (x <= 0 && x == floor(x)) ? NAN : tgamma(x), true)
UNARY(lgamma, (x <= 0 && x == floor(x)) ? INFINITY : lgamma(x), true)
UNARY(cbrt, cbrt(x), false)
UNARY(degrees, x * (180.0 / M_PI), false)
UNARY(radians, x * (M_PI / 180.0), false)
#undef UNARY

#define BINARY(name, expr, overflow)                                                        \
    static AdValue math_##name(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {    \
        double x, y;                                                                        \
        if (!ad_args_check(t, #name, nargs, kwnames, 2, 2) || !to_double(t, args[0], &x) ||   \
            !to_double(t, args[1], &y))                                                     \
            return AD_NULLV;                                                                \
        double r = expr;                                                                    \
        if (isnan(r) && !isnan(x) && !isnan(y))                                             \
            return ad_err_raise_v(t, t->vm->exc_ValueError, "math domain error");           \
        if (isinf(r) && isfinite(x) && isfinite(y))                                         \
            return ad_err_raise_v(t, overflow ? t->vm->exc_OverflowError : t->vm->exc_ValueError, \
                                  overflow ? "math range error" : "math domain error");     \
        return ad_float(r);                                                                 \
    }
BINARY(atan2, atan2(x, y), false)
BINARY(fmod, isinf(x) ? NAN : (y == 0 ? NAN : fmod(x, y)), false)
BINARY(copysign, copysign(x, y), false)
BINARY(pow, (x == 0 && y < 0) ? NAN : pow(x, y), true)
BINARY(remainder, remainder(x, y), false)
#undef BINARY

static AdValue math_log(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    if (!ad_args_check(t, "log", nargs, kwnames, 1, 2)) return AD_NULLV;
    double num;
    if (ad_is_int(t, args[0]) && !AD_IS_INT(args[0]) && !AD_IS_BOOL(args[0])) {
        /* A big int may not fit a double: log of mantissa plus exponent, as CPython. */
        mpz_t z;
        mpz_init(z);
        ad_int_to_mpz(args[0], z);
        if (mpz_sgn(z) <= 0) {
            mpz_clear(z);
            return ad_err_raise_v(t, t->vm->exc_ValueError, "math domain error");
        }
        long exp;
        double m = mpz_get_d_2exp(&exp, z);
        mpz_clear(z);
        num = log(m) + (double)exp * M_LN2;
    } else {
        double x;
        if (!to_double(t, args[0], &x)) return AD_NULLV;
        if (x <= 0 || isnan(x)) {
            if (isnan(x)) return ad_float(x);
            return ad_err_raise_v(t, t->vm->exc_ValueError, "math domain error");
        }
        num = log(x);
    }
    if (nargs == 1) return ad_float(num);
    double b;
    if (!to_double(t, args[1], &b)) return AD_NULLV;
    if (b <= 0) return ad_err_raise_v(t, t->vm->exc_ValueError, "math domain error");
    double den = log(b);
    if (den == 0) return ad_err_raise_v(t, t->vm->exc_ZeroDivisionError, "float division by zero");
    return ad_float(num / den);
}

/* floor/ceil/trunc: ints pass through, floats round to an int, others use the dunder. */
static AdValue rounding(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames, const char *name,
                        AdStr *dunder, double (*fn)(double)) {
    if (!ad_args_check(t, name, nargs, kwnames, 1, 1)) return AD_NULLV;
    AdValue v = args[0];
    if (AD_IS_FLOAT(v)) return ad_int_from_double(t, fn(v.as.f));
    if (AD_IS_BOOL(v)) return ad_small_int(v.as.i);
    if (ad_is_int(t, v)) return v;
    AdValue r = ad_rt_call_special(t, v, dunder, NULL, 0);
    if (!AD_IS_NULL(r) || ad_err_occurred(t)) return r;
    double x;
    if (!to_double(t, v, &x)) return AD_NULLV;
    return ad_int_from_double(t, fn(x));
}

static AdValue math_floor(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    return rounding(t, args, nargs, kwnames, "floor", t->vm->name.floor, floor);
}
static AdValue math_ceil(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    return rounding(t, args, nargs, kwnames, "ceil", t->vm->name.ceil, ceil);
}
static AdValue math_trunc(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    return rounding(t, args, nargs, kwnames, "trunc", t->vm->name.trunc, trunc);
}

static AdValue math_isfinite(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    double x;
    if (!ad_args_check(t, "isfinite", nargs, kwnames, 1, 1) || !to_double(t, args[0], &x)) return AD_NULLV;
    return ad_bool(isfinite(x));
}
static AdValue math_isinf(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    double x;
    if (!ad_args_check(t, "isinf", nargs, kwnames, 1, 1) || !to_double(t, args[0], &x)) return AD_NULLV;
    return ad_bool(isinf(x));
}
static AdValue math_isnan(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    double x;
    if (!ad_args_check(t, "isnan", nargs, kwnames, 1, 1) || !to_double(t, args[0], &x)) return AD_NULLV;
    return ad_bool(isnan(x));
}

static AdValue math_isclose(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    static const char *const names[] = {"a", "b", "rel_tol", "abs_tol"};
    AdValue a[4];
    if (!ad_args_parse(t, "isclose", args, nargs, kwnames, names, 4, 2, 2, a)) return AD_NULLV;
    double x, y, rel = 1e-9, abs_tol = 0;
    if (!to_double(t, a[0], &x) || !to_double(t, a[1], &y)) return AD_NULLV;
    if (!AD_IS_NULL(a[2]) && !to_double(t, a[2], &rel)) return AD_NULLV;
    if (!AD_IS_NULL(a[3]) && !to_double(t, a[3], &abs_tol)) return AD_NULLV;
    if (rel < 0 || abs_tol < 0)
        return ad_err_raise_v(t, t->vm->exc_ValueError, "tolerances must be non-negative");
    if (x == y) return AD_TRUE;
    if (isinf(x) || isinf(y)) return AD_FALSE;
    double diff = fabs(y - x);
    return ad_bool(diff <= fabs(rel * y) || diff <= fabs(rel * x) || diff <= abs_tol);
}

static AdValue math_hypot(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    if (!ad_args_check(t, "hypot", nargs, kwnames, 0, 1 << 20)) return AD_NULLV;
    double r = 0;
    for (int i = 0; i < nargs; i++) {
        double x;
        if (!to_double(t, args[i], &x)) return AD_NULLV;
        r = hypot(r, x);
    }
    return ad_float(r);
}

static AdValue math_modf(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    double x, ip;
    if (!ad_args_check(t, "modf", nargs, kwnames, 1, 1) || !to_double(t, args[0], &x)) return AD_NULLV;
    double fp = modf(x, &ip);
    AdTuple *r = ad_tuple_pack(t, 2, ad_float(fp), ad_float(ip));
    return r ? ad_obj(r) : AD_NULLV;
}

static AdValue math_frexp(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    double x;
    if (!ad_args_check(t, "frexp", nargs, kwnames, 1, 1) || !to_double(t, args[0], &x)) return AD_NULLV;
    int e = 0;
    double m = frexp(x, &e);
    AdTuple *r = ad_tuple_pack(t, 2, ad_float(m), ad_small_int(e));
    return r ? ad_obj(r) : AD_NULLV;
}

static AdValue math_ldexp(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    double x;
    int64_t e;
    if (!ad_args_check(t, "ldexp", nargs, kwnames, 2, 2) || !to_double(t, args[0], &x) ||
        !ad_int_to_i64(t, args[1], &e))
        return AD_NULLV;
    double r = ldexp(x, e > INT32_MAX ? INT32_MAX : e < INT32_MIN ? INT32_MIN : (int)e);
    if (isinf(r) && isfinite(x)) return ad_err_raise_v(t, t->vm->exc_OverflowError, "math range error");
    return ad_float(r);
}

/* fsum: Shewchuk's exactly-rounded sum of partials, as CPython's math_fsum. */
static AdValue math_fsum(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    if (!ad_args_check(t, "fsum", nargs, kwnames, 1, 1)) return AD_NULLV;
    AdValue it = ad_rt_getiter(t, args[0]);
    if (AD_IS_NULL(it)) return AD_NULLV;
    ad_gc_push_root(t, it);
    double partials[64];
    int n = 0;
    double special = 0;
    AdValue item;
    int r;
    while ((r = ad_rt_next(t, it, &item)) == 1) {
        double x;
        if (!to_double(t, item, &x)) return AD_NULLV;
        if (!isfinite(x)) {
            special += x;
            continue;
        }
        int i = 0;
        for (int j = 0; j < n; j++) {
            double y = partials[j];
            if (fabs(x) < fabs(y)) { double tmp = x; x = y; y = tmp; }
            double hi = x + y, lo = y - (hi - x);
            if (lo != 0.0) partials[i++] = lo;
            x = hi;
        }
        if (i >= 64) return ad_err_raise_v(t, t->vm->exc_MemoryError, "math.fsum partials");
        n = i;
        partials[n++] = x;
    }
    if (r < 0) return AD_NULLV;
    if (special != 0 || isnan(special)) return ad_float(special);
    double hi = 0;
    if (n > 0) {
        hi = partials[--n];
        double lo = 0;
        while (n > 0) {
            double x = hi, y = partials[--n];
            hi = x + y;
            lo = y - (hi - x);
            if (lo != 0.0) break;
        }
        if (n > 0 && ((lo < 0.0 && partials[n - 1] < 0.0) || (lo > 0.0 && partials[n - 1] > 0.0))) {
            double y = lo * 2.0, x = hi + y;
            if (y == x - hi) hi = x;
        }
    }
    return ad_float(hi);
}

/* ---- integer functions (GMP) ---- */

static bool int_arg(AdThread *t, AdValue v, mpz_t z) {
    if (!ad_is_int(t, v)) {
        if (AD_IS_FLOAT(v))
            return ad_err_raise(t, t->vm->exc_TypeError, "'float' object cannot be interpreted as an integer");
        AdValue idx = ad_rt_index_value(t, v);
        if (AD_IS_NULL(idx)) return false;
        v = idx;
    }
    ad_int_to_mpz(v, z);
    return true;
}

static AdValue math_factorial(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    if (!ad_args_check(t, "factorial", nargs, kwnames, 1, 1)) return AD_NULLV;
    mpz_t z;
    mpz_init(z);
    if (!int_arg(t, args[0], z)) { mpz_clear(z); return AD_NULLV; }
    if (mpz_sgn(z) < 0) {
        mpz_clear(z);
        return ad_err_raise_v(t, t->vm->exc_ValueError, "factorial() not defined for negative values");
    }
    if (!mpz_fits_ulong_p(z) || mpz_get_ui(z) > 1000000) {
        mpz_clear(z);
        return ad_err_raise_v(t, t->vm->exc_OverflowError, "factorial() argument should not exceed %ld", (long)LONG_MAX);
    }
    unsigned long n = mpz_get_ui(z);
    mpz_fac_ui(z, n);
    AdValue r = ad_int_from_mpz(t, z);
    mpz_clear(z);
    return r;
}

static AdValue gcd_lcm(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames, bool lcm) {
    if (!ad_args_check(t, lcm ? "lcm" : "gcd", nargs, kwnames, 0, 1 << 20)) return AD_NULLV;
    mpz_t acc, z;
    mpz_init_set_ui(acc, lcm ? 1 : 0);
    mpz_init(z);
    for (int i = 0; i < nargs; i++) {
        if (!int_arg(t, args[i], z)) { mpz_clear(acc); mpz_clear(z); return AD_NULLV; }
        if (lcm) mpz_lcm(acc, acc, z);
        else mpz_gcd(acc, acc, z);
    }
    AdValue r = ad_int_from_mpz(t, acc);
    mpz_clear(acc);
    mpz_clear(z);
    return r;
}
static AdValue math_gcd(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    return gcd_lcm(t, args, nargs, kwnames, false);
}
static AdValue math_lcm(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    return gcd_lcm(t, args, nargs, kwnames, true);
}

static AdValue math_isqrt(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    if (!ad_args_check(t, "isqrt", nargs, kwnames, 1, 1)) return AD_NULLV;
    mpz_t z;
    mpz_init(z);
    if (!int_arg(t, args[0], z)) { mpz_clear(z); return AD_NULLV; }
    if (mpz_sgn(z) < 0) {
        mpz_clear(z);
        return ad_err_raise_v(t, t->vm->exc_ValueError, "isqrt() argument must be nonnegative");
    }
    mpz_sqrt(z, z);
    AdValue r = ad_int_from_mpz(t, z);
    mpz_clear(z);
    return r;
}

/* comb(n, k) and perm(n, k=None). */
static AdValue comb_perm(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames, bool perm) {
    if (!ad_args_check(t, perm ? "perm" : "comb", nargs, kwnames, perm ? 1 : 2, 2)) return AD_NULLV;
    mpz_t n, k;
    mpz_init(n);
    mpz_init(k);
    AdValue r = AD_NULLV;
    if (!int_arg(t, args[0], n)) goto done;
    if (nargs == 1 || AD_IS_NONE(args[1])) mpz_set(k, n);
    else if (!int_arg(t, args[1], k)) goto done;
    if (mpz_sgn(n) < 0) {
        ad_err_raise(t, t->vm->exc_ValueError, "n must be a non-negative integer");
        goto done;
    }
    if (mpz_sgn(k) < 0) {
        ad_err_raise(t, t->vm->exc_ValueError, "k must be a non-negative integer");
        goto done;
    }
    if (mpz_cmp(k, n) > 0) {
        r = ad_small_int(0);
        goto done;
    }
    if (!mpz_fits_ulong_p(k)) {
        ad_err_raise(t, t->vm->exc_OverflowError, "k must not exceed %ld", (long)LONG_MAX);
        goto done;
    }
    unsigned long kk = mpz_get_ui(k);
    if (perm) {
        mpz_t acc;
        mpz_init_set_ui(acc, 1);
        for (unsigned long i = 0; i < kk; i++) {
            mpz_mul(acc, acc, n);
            mpz_sub_ui(n, n, 1);
        }
        r = ad_int_from_mpz(t, acc);
        mpz_clear(acc);
    } else {
        mpz_bin_ui(n, n, kk);
        r = ad_int_from_mpz(t, n);
    }
done:
    mpz_clear(n);
    mpz_clear(k);
    return r;
}
static AdValue math_comb(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    return comb_perm(t, args, nargs, kwnames, false);
}
static AdValue math_perm(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    return comb_perm(t, args, nargs, kwnames, true);
}

static AdValue math_prod(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    static const char *const names[] = {"iterable", "start"};
    AdValue a[2];
    if (!ad_args_parse(t, "prod", args, nargs, kwnames, names, 2, 1, 1, a)) return AD_NULLV;
    AdValue acc = AD_IS_NULL(a[1]) ? ad_small_int(1) : a[1];
    AdValue it = ad_rt_getiter(t, a[0]);
    if (AD_IS_NULL(it)) return AD_NULLV;
    ad_gc_push_root(t, it);
    int mark = ad_gc_root_mark(t);
    AdValue item;
    int r;
    while ((r = ad_rt_next(t, it, &item)) == 1) {
        ad_gc_push_root(t, item);
        acc = ad_rt_binop(t, AD_BINOP_MUL, acc, item);
        if (AD_IS_NULL(acc)) return AD_NULLV;
        ad_gc_root_restore(t, mark);
        ad_gc_push_root(t, acc);
    }
    return r < 0 ? AD_NULLV : acc;
}

static AdValue math_dist(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    if (!ad_args_check(t, "dist", nargs, kwnames, 2, 2)) return AD_NULLV;
    int64_t n = ad_rt_len(t, args[0]), m = ad_rt_len(t, args[1]);
    if (n < 0 || m < 0) return AD_NULLV;
    if (n != m)
        return ad_err_raise_v(t, t->vm->exc_ValueError, "both points must have the same number of dimensions");
    double r = 0;
    for (int64_t i = 0; i < n; i++) {
        AdValue x = ad_rt_getitem(t, args[0], ad_small_int(i));
        if (AD_IS_NULL(x)) return AD_NULLV;
        AdValue y = ad_rt_getitem(t, args[1], ad_small_int(i));
        double dx, dy;
        if (AD_IS_NULL(y) || !to_double(t, x, &dx) || !to_double(t, y, &dy)) return AD_NULLV;
        r = hypot(r, dx - dy);
    }
    return ad_float(r);
}

static const AdMethodDef math_functions[] = {
#define F(name) {#name, math_##name, AD_METH_INSTANCE, NULL, NULL},
    F(sqrt) F(exp) F(exp2) F(expm1) F(log) F(log2) F(log10) F(log1p) F(sin) F(cos) F(tan)
    F(asin) F(acos) F(atan) F(atan2) F(sinh) F(cosh) F(tanh) F(asinh) F(acosh) F(atanh)
    F(fabs) F(erf) F(erfc) F(gamma) F(lgamma) F(cbrt) F(degrees) F(radians) F(fmod)
    F(copysign) F(pow) F(remainder) F(floor) F(ceil) F(trunc) F(isfinite) F(isinf) F(isnan)
    F(isclose) F(hypot) F(modf) F(frexp) F(ldexp) F(fsum) F(factorial) F(gcd) F(lcm)
    F(isqrt) F(comb) F(perm) F(prod) F(dist)
#undef F
    {NULL, NULL, 0, NULL, NULL},
};

AD_FUNC AdModule *ad_mod_math_init(AdThread *t);
AdModule *ad_mod_math_init(AdThread *t) {
    AdModule *m = ad_module_new_native(t, "math", math_functions);
    if (!m) return NULL;
    ad_gc_push_obj(t, m);
    AdDict *d = m->dict;
    if (!ad_dict_set_cstr(t, d, "pi", ad_float(M_PI)) || !ad_dict_set_cstr(t, d, "e", ad_float(M_E)) ||
        !ad_dict_set_cstr(t, d, "tau", ad_float(2 * M_PI)) ||
        !ad_dict_set_cstr(t, d, "inf", ad_float(INFINITY)) ||
        !ad_dict_set_cstr(t, d, "nan", ad_float(NAN)))
        return NULL;
    t->nroots--;
    return m;
}
