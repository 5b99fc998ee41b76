/*
 * operators.c - binary and unary operators, rich comparison, truth, hashing and __index__.
 *
 * The protocol is CPython's: `a op b` tries a.__op__(b), then b.__rop__(a), except that a
 * right operand whose type is a proper subclass of the left's and overrides __rop__ goes
 * first; in-place forms try __iop__ before both. NotImplemented means "try the other one".
 * Small ints, floats and strs take inline fast paths that call the same C routines their
 * dunders use (ad_int_binop, ad_float_binop, ad_str_concat), so both paths agree.
 */
#include <math.h>
#include <string.h>

#include "typeobj.h"

static const char *const binop_symbols[AD_BINOP_COUNT] = {
    "+", "&", "//", "<<", "@", "*", "%", "|", "**", ">>", "-", "/", "^",
};

static bool is_ni(AdThread *t, AdValue v) {
    return v.tag == AD_TAG_OBJ && v.as.o == t->vm->not_implemented.as.o;
}

/* A dunder found on a type, None counting as absent. */
static AdValue lookup(AdType *tp, AdStr *name) {
    AdValue f = ad_type_lookup(tp, name);
    return AD_IS_NONE(f) ? AD_NULLV : f;
}

/* ---- binary operators -------------------------------------------------------------------- */

/* a.__op__(b) / b.__rop__(a) with the subclass rule; NotImplemented when both decline. */
static AdValue binary_op1(AdThread *t, int op, AdValue a, AdValue b) {
    AdVM *vm = t->vm;
    AdType *ta = ad_type_of(t, a), *tb = ad_type_of(t, b);
    AdStr *name = vm->binop_names[op], *rname = vm->binop_names[AD_BINOP_COUNT + op];
    AdValue fa = lookup(ta, name);
    AdValue fb = tb != ta ? lookup(tb, rname) : AD_NULLV;
    AdValue r;
    if (!AD_IS_NULL(fb) && ad_type_is_subtype(tb, ta) && !ad_is(fb, lookup(ta, rname))) {
        r = ad_rt_call_found(t, fb, b, &a, 1);
        if (!is_ni(t, r))
            return r;
        fb = AD_NULLV;
    }
    if (!AD_IS_NULL(fa)) {
        r = ad_rt_call_found(t, fa, a, &b, 1);
        if (!is_ni(t, r))
            return r;
    }
    if (!AD_IS_NULL(fb)) {
        r = ad_rt_call_found(t, fb, b, &a, 1);
        if (!is_ni(t, r))
            return r;
    }
    return vm->not_implemented;
}

static bool is_sequence(AdThread *t, AdValue v) {
    AdVM *vm = t->vm;
    return ad_is_instance_of(t, v, vm->type_str) || ad_is_instance_of(t, v, vm->type_list) ||
           ad_is_instance_of(t, v, vm->type_tuple) || ad_is_instance_of(t, v, vm->type_bytes) ||
           ad_is_instance_of(t, v, vm->type_bytearray);
}

static bool has_index(AdThread *t, AdValue v) {
    return ad_is_int(t, v) || !AD_IS_NULL(lookup(ad_type_of(t, v), t->vm->name.index));
}

/* Both operands declined: CPython's sequence-specific wording where it has one. */
static AdValue binop_error(AdThread *t, int op, bool inplace, AdValue a, AdValue b) {
    AdVM *vm = t->vm;
    if (op == AD_BINOP_ADD) {
        const char *seq = ad_is_instance_of(t, a, vm->type_str)     ? "str"
                          : ad_is_instance_of(t, a, vm->type_list)  ? "list"
                          : ad_is_instance_of(t, a, vm->type_tuple) ? "tuple"
                                                                    : NULL;
        if (seq)
            return ad_err_raise_v(t, vm->exc_TypeError,
                                  "can only concatenate %s (not \"%T\") to %s", seq, b, seq);
        if (ad_is_instance_of(t, a, vm->type_bytes) || ad_is_instance_of(t, a, vm->type_bytearray))
            return ad_err_raise_v(t, vm->exc_TypeError, "can't concat %T to %T", b, a);
    }
    if (op == AD_BINOP_MUL) {
        if (is_sequence(t, a) && !has_index(t, b))
            return ad_err_raise_v(t, vm->exc_TypeError,
                                  "can't multiply sequence by non-int of type '%T'", b);
        if (is_sequence(t, b) && !has_index(t, a))
            return ad_err_raise_v(t, vm->exc_TypeError,
                                  "can't multiply sequence by non-int of type '%T'", a);
    }
    const char *sym = op == AD_BINOP_POW && !inplace ? "** or pow()" : binop_symbols[op];
    return ad_err_raise_v(t, vm->exc_TypeError,
                          "unsupported operand type(s) for %s%s: '%T' and '%T'", sym,
                          inplace ? "=" : "", a, b);
}

static bool float_op(int op) {
    return op == AD_BINOP_ADD || op == AD_BINOP_SUB || op == AD_BINOP_MUL ||
           op == AD_BINOP_TRUEDIV || op == AD_BINOP_FLOORDIV || op == AD_BINOP_MOD ||
           op == AD_BINOP_POW;
}

AdValue ad_rt_binop(AdThread *t, int op, AdValue a, AdValue b) {
    AdVM *vm = t->vm;
    bool inplace = op >= AD_BINOP_INPLACE;
    int base = inplace ? op - AD_BINOP_INPLACE : op;
    if (a.tag == AD_TAG_INT && b.tag == AD_TAG_INT) {
        if (base != AD_BINOP_MATMUL)
            return ad_int_binop(t, base, a, b);
    } else if ((a.tag == AD_TAG_BOOL && (b.tag == AD_TAG_INT || b.tag == AD_TAG_BOOL)) ||
               (a.tag == AD_TAG_INT && b.tag == AD_TAG_BOOL)) {
        /* bool's &, | and ^ give bools: those go through bool's dunders. */
        if (base != AD_BINOP_MATMUL && base != AD_BINOP_AND && base != AD_BINOP_OR &&
            base != AD_BINOP_XOR)
            return ad_int_binop(t, base, a, b);
    } else if (a.tag == AD_TAG_FLOAT || b.tag == AD_TAG_FLOAT) {
        if (float_op(base) && (a.tag == AD_TAG_FLOAT || a.tag == AD_TAG_INT) &&
            (b.tag == AD_TAG_FLOAT || b.tag == AD_TAG_INT)) {
            double x = a.tag == AD_TAG_FLOAT ? a.as.f : (double)a.as.i;
            double y = b.tag == AD_TAG_FLOAT ? b.as.f : (double)b.as.i;
            return ad_float_binop(t, base, x, y);
        }
    } else if (a.tag == AD_TAG_OBJ && b.tag == AD_TAG_OBJ && base == AD_BINOP_ADD &&
               a.as.o->type == vm->type_str && b.as.o->type == vm->type_str) {
        AdStr *s = ad_str_concat(t, (AdStr *)a.as.o, (AdStr *)b.as.o);
        return s ? ad_obj(s) : AD_NULLV;
    }
    if (inplace) {
        AdValue f = lookup(ad_type_of(t, a), vm->binop_names[2 * AD_BINOP_COUNT + base]);
        if (!AD_IS_NULL(f)) {
            AdValue r = ad_rt_call_found(t, f, a, &b, 1);
            if (!is_ni(t, r))
                return r;
        }
    }
    AdValue r = binary_op1(t, base, a, b);
    if (!is_ni(t, r))
        return r;
    return binop_error(t, base, inplace, a, b);
}

/* ---- unary operators --------------------------------------------------------------------- */

AdValue ad_rt_unary(AdThread *t, int op, AdValue v) {
    AdVM *vm = t->vm;
    if (op == AD_UNARY_NOT) {
        int r = ad_rt_truthy(t, v);
        return r < 0 ? AD_NULLV : ad_bool(!r);
    }
    if (v.tag == AD_TAG_INT || v.tag == AD_TAG_BOOL) {
        int64_t i = v.as.i;
        switch (op) {
        case AD_UNARY_NEG:
            if (i == INT64_MIN)
                return ad_int_binop(t, AD_BINOP_SUB, ad_small_int(0), v);
            return ad_small_int(-i);
        case AD_UNARY_POS:
            return ad_small_int(i);
        case AD_UNARY_INVERT:
            return ad_small_int(~i);
        default:
            break;
        }
    } else if (v.tag == AD_TAG_FLOAT) {
        if (op == AD_UNARY_NEG)
            return ad_float(-v.as.f);
        if (op == AD_UNARY_POS)
            return v;
    }
    AdStr *name;
    const char *sym;
    switch (op) {
    case AD_UNARY_NEG:
        name = vm->name.neg, sym = "-";
        break;
    case AD_UNARY_POS:
        name = vm->name.pos, sym = "+";
        break;
    case AD_UNARY_INVERT:
        name = vm->name.invert, sym = "~";
        break;
    default:
        return ad_err_raise_v(t, vm->exc_SystemError, "bad unary operator %d", op);
    }
    AdValue f = lookup(ad_type_of(t, v), name);
    if (AD_IS_NULL(f))
        return ad_err_raise_v(t, vm->exc_TypeError, "bad operand type for unary %s: '%T'", sym, v);
    return ad_rt_call_found(t, f, v, NULL, 0);
}

/* ---- comparison -------------------------------------------------------------------------- */

static const int swapped_op[6] = {AD_CMP_GT, AD_CMP_GE, AD_CMP_EQ, AD_CMP_NE, AD_CMP_LT, AD_CMP_LE};
static const char *const cmp_symbols[6] = {"<", "<=", "==", "!=", ">", ">="};

static AdStr *cmp_name(AdVM *vm, int op) {
    switch (op) {
    case AD_CMP_LT:
        return vm->name.lt;
    case AD_CMP_LE:
        return vm->name.le;
    case AD_CMP_EQ:
        return vm->name.eq;
    case AD_CMP_NE:
        return vm->name.ne;
    case AD_CMP_GT:
        return vm->name.gt;
    default:
        return vm->name.ge;
    }
}

static bool cmp_result(int op, int c) {
    switch (op) {
    case AD_CMP_LT:
        return c < 0;
    case AD_CMP_LE:
        return c <= 0;
    case AD_CMP_EQ:
        return c == 0;
    case AD_CMP_NE:
        return c != 0;
    case AD_CMP_GT:
        return c > 0;
    default:
        return c >= 0;
    }
}

/* int64 against double without the rounding of (double)i: -1/0/1, or 2 when d is NaN. */
static int cmp_int_double(int64_t i, double d) {
    if (isnan(d))
        return 2;
    if (i > -(INT64_C(1) << 53) && i < (INT64_C(1) << 53)) {
        double x = (double)i;
        return x < d ? -1 : x > d;
    }
    if (d >= 9223372036854775808.0)
        return -1;
    if (d < -9223372036854775808.0)
        return 1;
    /* |d| >= 2**53 here, so d is integral and fits in int64. */
    int64_t j = (int64_t)d;
    return i < j ? -1 : i > j;
}

/* Fast comparison of builtin scalars: 1/0 result, or -2 when not applicable. */
static int fast_compare(AdThread *t, int op, AdValue a, AdValue b) {
    if (a.tag == AD_TAG_INT && b.tag == AD_TAG_INT) {
        int c = a.as.i < b.as.i ? -1 : a.as.i > b.as.i;
        return cmp_result(op, c);
    }
    if (a.tag == AD_TAG_FLOAT && b.tag == AD_TAG_FLOAT) {
        double x = a.as.f, y = b.as.f;
        switch (op) {
        case AD_CMP_LT:
            return x < y;
        case AD_CMP_LE:
            return x <= y;
        case AD_CMP_EQ:
            return x == y;
        case AD_CMP_NE:
            return x != y;
        case AD_CMP_GT:
            return x > y;
        default:
            return x >= y;
        }
    }
    if ((a.tag == AD_TAG_INT || a.tag == AD_TAG_BOOL) && b.tag == AD_TAG_FLOAT) {
        int c = cmp_int_double(a.as.i, b.as.f);
        return c == 2 ? op == AD_CMP_NE : cmp_result(op, c);
    }
    if (a.tag == AD_TAG_FLOAT && (b.tag == AD_TAG_INT || b.tag == AD_TAG_BOOL)) {
        int c = cmp_int_double(b.as.i, a.as.f);
        return c == 2 ? op == AD_CMP_NE : cmp_result(op, -c);
    }
    if (a.tag == AD_TAG_OBJ && b.tag == AD_TAG_OBJ && a.as.o->type == t->vm->type_str &&
        b.as.o->type == t->vm->type_str) {
        AdStr *x = (AdStr *)a.as.o, *y = (AdStr *)b.as.o;
        if (op == AD_CMP_EQ || op == AD_CMP_NE) {
            bool eq = x == y || (x->len == y->len && memcmp(x->data, y->data, x->len) == 0);
            return op == AD_CMP_EQ ? eq : !eq;
        }
        /* UTF-8 byte order is code point order. */
        size_t n = x->len < y->len ? x->len : y->len;
        int c = memcmp(x->data, y->data, n);
        if (c == 0)
            c = x->len < y->len ? -1 : x->len > y->len;
        return cmp_result(op, c < 0 ? -1 : c > 0);
    }
    if ((a.tag == AD_TAG_BOOL || a.tag == AD_TAG_INT) &&
        (b.tag == AD_TAG_BOOL || b.tag == AD_TAG_INT)) {
        int c = a.as.i < b.as.i ? -1 : a.as.i > b.as.i;
        return cmp_result(op, c);
    }
    if ((a.tag == AD_TAG_NONE && b.tag == AD_TAG_NONE) && (op == AD_CMP_EQ || op == AD_CMP_NE))
        return op == AD_CMP_EQ;
    return -2;
}

AdValue ad_rt_compare(AdThread *t, int op, AdValue a, AdValue b) {
    AdVM *vm = t->vm;
    int fast = fast_compare(t, op, a, b);
    if (fast >= 0)
        return ad_bool(fast);
    AdType *ta = ad_type_of(t, a), *tb = ad_type_of(t, b);
    if (op == AD_CMP_EQ || op == AD_CMP_NE) {
        /* Both sides use object's identity equality: skip the four dunder calls. */
        AdStr *eq = vm->name.eq, *ne = vm->name.ne;
        if (ad_is_native_fn(t, ad_type_lookup(ta, eq), ad_object_eq_native) &&
            ad_is_native_fn(t, ad_type_lookup(tb, eq), ad_object_eq_native) &&
            (op == AD_CMP_EQ || (ad_is_native_fn(t, ad_type_lookup(ta, ne), ad_object_ne_native) &&
                                 ad_is_native_fn(t, ad_type_lookup(tb, ne), ad_object_ne_native))))
            return ad_bool(ad_is(a, b) == (op == AD_CMP_EQ));
    }
    int rop = swapped_op[op];
    bool checked_reverse = false;
    AdValue r;
    if (ta != tb && ad_type_is_subtype(tb, ta)) {
        AdValue f = lookup(tb, cmp_name(vm, rop));
        if (!AD_IS_NULL(f)) {
            checked_reverse = true;
            r = ad_rt_call_found(t, f, b, &a, 1);
            if (!is_ni(t, r))
                return r;
        }
    }
    AdValue f = lookup(ta, cmp_name(vm, op));
    if (!AD_IS_NULL(f)) {
        r = ad_rt_call_found(t, f, a, &b, 1);
        if (!is_ni(t, r))
            return r;
    }
    if (!checked_reverse) {
        f = lookup(tb, cmp_name(vm, rop));
        if (!AD_IS_NULL(f)) {
            r = ad_rt_call_found(t, f, b, &a, 1);
            if (!is_ni(t, r))
                return r;
        }
    }
    if (op == AD_CMP_EQ)
        return ad_bool(ad_is(a, b));
    if (op == AD_CMP_NE)
        return ad_bool(!ad_is(a, b));
    return ad_err_raise_v(t, vm->exc_TypeError,
                          "'%s' not supported between instances of '%T' and '%T'", cmp_symbols[op],
                          a, b);
}

int ad_rt_compare_bool(AdThread *t, int op, AdValue a, AdValue b) {
    int fast = fast_compare(t, op, a, b);
    if (fast >= 0)
        return fast;
    AdValue r = ad_rt_compare(t, op, a, b);
    if (AD_IS_NULL(r))
        return -1;
    if (AD_IS_BOOL(r))
        return (int)r.as.i;
    int mark = ad_gc_root_mark(t);
    ad_gc_push_root(t, r);
    int truth = ad_rt_truthy(t, r);
    ad_gc_root_restore(t, mark);
    return truth;
}

int ad_rt_eq(AdThread *t, AdValue a, AdValue b) {
    if (ad_is(a, b))
        return 1;
    return ad_rt_compare_bool(t, AD_CMP_EQ, a, b);
}

/* ---- truth ------------------------------------------------------------------------------- */

int ad_rt_truthy(AdThread *t, AdValue v) {
    AdVM *vm = t->vm;
    switch (v.tag) {
    case AD_TAG_NONE:
        return 0;
    case AD_TAG_BOOL:
    case AD_TAG_INT:
        return v.as.i != 0;
    case AD_TAG_FLOAT:
        return v.as.f != 0.0;
    case AD_TAG_OBJ:
        break;
    default:
        return 0;
    }
    AdType *tp = v.as.o->type;
    if (tp == vm->type_str)
        return ((AdStr *)v.as.o)->len != 0;
    if (tp == vm->type_list)
        return ((AdList *)v.as.o)->len != 0;
    if (tp == vm->type_tuple)
        return ((AdTuple *)v.as.o)->len != 0;
    if (tp == vm->type_dict)
        return ((AdDict *)v.as.o)->len != 0;
    if (tp == vm->type_int)
        return 1; /* a big int is never zero */
    if (tp == vm->type_set || tp == vm->type_frozenset)
        return ((AdSet *)v.as.o)->used != 0;
    AdValue f = lookup(tp, vm->name.bool_);
    if (!AD_IS_NULL(f)) {
        AdValue r = ad_rt_call_found(t, f, v, NULL, 0);
        if (AD_IS_NULL(r))
            return -1;
        if (!AD_IS_BOOL(r)) {
            ad_err_raise(t, vm->exc_TypeError, "__bool__ should return bool, returned %T", r);
            return -1;
        }
        return (int)r.as.i;
    }
    if (!AD_IS_NULL(lookup(tp, vm->name.len))) {
        int64_t n = ad_rt_len(t, v);
        return n < 0 ? -1 : n > 0;
    }
    return 1;
}

/* ---- hashing ----------------------------------------------------------------------------- */

bool ad_rt_hash(AdThread *t, AdValue v, int64_t *out) {
    AdVM *vm = t->vm;
    switch (v.tag) {
    case AD_TAG_INT:
    case AD_TAG_BOOL:
        *out = ad_int_hash(v);
        return true;
    case AD_TAG_FLOAT:
        *out = ad_float_hash(v.as.f);
        return true;
    case AD_TAG_NONE:
        *out = 0xFCA86420;
        return true;
    case AD_TAG_OBJ:
        break;
    default:
        return ad_err_raise(t, vm->exc_SystemError, "hash of a missing value");
    }
    AdType *tp = v.as.o->type;
    if (tp == vm->type_str) {
        *out = ad_str_hash((AdStr *)v.as.o);
        return true;
    }
    if (tp == vm->type_int) {
        *out = ad_int_hash(v);
        return true;
    }
    AdValue f = lookup(tp, vm->name.hash);
    if (AD_IS_NULL(f))
        return ad_err_raise(t, vm->exc_TypeError, "unhashable type: '%s'", ad_type_name(tp));
    if (ad_is_native_fn(t, f, ad_object_hash_native)) {
        *out = ad_object_hash_ptr(v.as.o);
        return true;
    }
    AdValue r = ad_rt_call_found(t, f, v, NULL, 0);
    if (AD_IS_NULL(r))
        return false;
    int64_t h;
    if (r.tag == AD_TAG_INT || r.tag == AD_TAG_BOOL) {
        h = r.as.i; /* any value that fits a Py_ssize_t is kept as is, as CPython does */
    } else if (ad_is_int(t, r)) {
        h = ad_int_hash(r);
    } else {
        return ad_err_raise(t, vm->exc_TypeError, "__hash__ method should return an integer");
    }
    *out = h == -1 ? -2 : h;
    return true;
}

/* ---- __index__ --------------------------------------------------------------------------- */

AdValue ad_rt_index_value(AdThread *t, AdValue v) {
    AdVM *vm = t->vm;
    if (v.tag == AD_TAG_INT)
        return v;
    if (v.tag == AD_TAG_BOOL)
        return ad_small_int(v.as.i);
    if (ad_is_type(v, vm->type_int))
        return v;
    AdType *tp = ad_type_of(t, v);
    if (ad_type_is_subtype(tp, vm->type_int)) {
        mpz_t z;
        mpz_init(z);
        ad_int_to_mpz(v, z);
        AdValue r = ad_int_from_mpz(t, z);
        mpz_clear(z);
        return r;
    }
    AdValue f = lookup(tp, vm->name.index);
    if (AD_IS_NULL(f))
        return ad_err_raise_v(t, vm->exc_TypeError,
                              "'%s' object cannot be interpreted as an integer", ad_type_name(tp));
    AdValue r = ad_rt_call_found(t, f, v, NULL, 0);
    if (AD_IS_NULL(r))
        return r;
    if (!ad_is_int(t, r))
        return ad_err_raise_v(t, vm->exc_TypeError, "__index__ returned non-int (type %T)", r);
    if (r.tag == AD_TAG_BOOL)
        return ad_small_int(r.as.i);
    return r;
}

bool ad_rt_index(AdThread *t, AdValue v, int64_t *out) {
    if (v.tag == AD_TAG_INT || v.tag == AD_TAG_BOOL) {
        *out = v.as.i;
        return true;
    }
    AdValue r = ad_rt_index_value(t, v);
    if (AD_IS_NULL(r))
        return false;
    if (r.tag == AD_TAG_INT) {
        *out = r.as.i;
        return true;
    }
    mpz_t z;
    mpz_init(z);
    ad_int_to_mpz(r, z);
    bool fits = mpz_fits_slong_p(z);
    if (fits)
        *out = mpz_get_si(z);
    mpz_clear(z);
    if (!fits)
        return ad_err_raise(t, t->vm->exc_OverflowError,
                            "cannot fit 'int' into an index-sized integer");
    return true;
}
