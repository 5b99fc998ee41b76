/*
 * mod_random.c - _random.Random: the Mersenne Twister core that stdlib/random.py builds on.
 * Seeding, random() and getrandbits() reproduce CPython's _randommodule.c bit for bit, so a
 * seeded script draws the same numbers under Adder as under CPython.
 */
#include <errno.h>
#include <stdlib.h>
#include <sys/random.h>
#include <time.h>
#include <unistd.h>

#include "core.h"

#define MT_N 624
#define MT_M 397

typedef struct AdRandom {
    AdObj obj;
    uint32_t state[MT_N];
    int index;
} AdRandom;

static uint32_t genrand_uint32(AdRandom *r) {
    static const uint32_t mag01[2] = {0x0u, 0x9908b0dfu};
    uint32_t y;
    uint32_t *mt = r->state;
    if (r->index >= MT_N) {
        int kk;
        for (kk = 0; kk < MT_N - MT_M; kk++) {
            y = (mt[kk] & 0x80000000u) | (mt[kk + 1] & 0x7fffffffu);
            mt[kk] = mt[kk + MT_M] ^ (y >> 1) ^ mag01[y & 0x1u];
        }
        for (; kk < MT_N - 1; kk++) {
            y = (mt[kk] & 0x80000000u) | (mt[kk + 1] & 0x7fffffffu);
            mt[kk] = mt[kk + (MT_M - MT_N)] ^ (y >> 1) ^ mag01[y & 0x1u];
        }
        y = (mt[MT_N - 1] & 0x80000000u) | (mt[0] & 0x7fffffffu);
        mt[MT_N - 1] = mt[MT_M - 1] ^ (y >> 1) ^ mag01[y & 0x1u];
        r->index = 0;
    }
    y = mt[r->index++];
    y ^= (y >> 11);
    y ^= (y << 7) & 0x9d2c5680u;
    y ^= (y << 15) & 0xefc60000u;
    y ^= (y >> 18);
    return y;
}

static void init_genrand(AdRandom *r, uint32_t s) {
    uint32_t *mt = r->state;
    mt[0] = s;
    for (int i = 1; i < MT_N; i++) mt[i] = 1812433253u * (mt[i - 1] ^ (mt[i - 1] >> 30)) + (uint32_t)i;
    r->index = MT_N;
}

static void init_by_array(AdRandom *r, const uint32_t *key, size_t len) {
    uint32_t *mt = r->state;
    init_genrand(r, 19650218u);
    size_t i = 1, j = 0;
    for (size_t k = MT_N > len ? MT_N : len; k; k--) {
        mt[i] = (mt[i] ^ ((mt[i - 1] ^ (mt[i - 1] >> 30)) * 1664525u)) + key[j] + (uint32_t)j;
        i++;
        j++;
        if (i >= MT_N) {
            mt[0] = mt[MT_N - 1];
            i = 1;
        }
        if (j >= len) j = 0;
    }
    for (size_t k = MT_N - 1; k; k--) {
        mt[i] = (mt[i] ^ ((mt[i - 1] ^ (mt[i - 1] >> 30)) * 1566083941u)) - (uint32_t)i;
        i++;
        if (i >= MT_N) {
            mt[0] = mt[MT_N - 1];
            i = 1;
        }
    }
    mt[0] = 0x80000000u;
}

/* Seeds from an int the way CPython does: the 32-bit words of abs(n), least significant
 * first; anything else is seeded by its hash; None by the OS's entropy. */
static bool seed_from(AdThread *t, AdRandom *r, AdValue arg) {
    if (AD_IS_NULL(arg) || AD_IS_NONE(arg)) {
        uint32_t key[MT_N];
        if (getrandom(key, sizeof key, GRND_NONBLOCK) != (ssize_t)sizeof key) {
            struct timespec ts;
            clock_gettime(CLOCK_REALTIME, &ts);
            for (int i = 0; i < MT_N; i++) key[i] = (uint32_t)(ts.tv_nsec ^ (i * 2654435761u) ^ getpid());
        }
        init_by_array(r, key, MT_N);
        return true;
    }
    mpz_t z;
    mpz_init(z);
    if (ad_is_int(t, arg)) {
        ad_int_to_mpz(arg, z);
    } else {
        int64_t h;
        if (!ad_rt_hash(t, arg, &h)) {
            mpz_clear(z);
            return false;
        }
        mpz_set_si(z, h);
    }
    mpz_abs(z, z);
    size_t nwords = (mpz_sizeinbase(z, 2) + 31) / 32;
    if (nwords == 0) nwords = 1;
    uint32_t *key = calloc(nwords, sizeof *key);
    if (!key) {
        mpz_clear(z);
        return ad_err_nomemory(t);
    }
    size_t count = 0;
    mpz_export(key, &count, -1, sizeof *key, 0, 0, z);
    mpz_clear(z);
    init_by_array(r, key, nwords);
    free(key);
    return true;
}

static AdRandom *self_random(AdThread *t, AdValue v) {
    AdType *type = AD_AS(AdType, t->vm->module_state[AD_MODSTATE_RANDOM]);
    if (!ad_is_instance_of(t, v, type))
        return ad_err_raise_p(t, t->vm->exc_TypeError, "descriptor requires a '_random.Random' object");
    return AD_AS(AdRandom, v);
}

static AdValue random_new(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    (void)kwnames;
    AdType *cls = AD_AS(AdType, args[0]);
    AdRandom *r = ad_gc_alloc(t, cls, cls->instance_size);
    if (!r) return AD_NULLV;
    ad_gc_push_obj(t, r);
    if (!seed_from(t, r, nargs > 1 ? args[1] : AD_NULLV)) return AD_NULLV;
    return ad_obj(r);
}

static AdValue random_seed(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    if (!ad_args_check(t, "seed", nargs, kwnames, 1, 2)) return AD_NULLV;
    AdRandom *r = self_random(t, args[0]);
    if (!r || !seed_from(t, r, nargs > 1 ? args[1] : AD_NULLV)) return AD_NULLV;
    return AD_NONE;
}

static AdValue random_random(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    if (!ad_args_check(t, "random", nargs, kwnames, 1, 1)) return AD_NULLV;
    AdRandom *r = self_random(t, args[0]);
    if (!r) return AD_NULLV;
    uint32_t a = genrand_uint32(r) >> 5, b = genrand_uint32(r) >> 6;
    return ad_float((a * 67108864.0 + b) * (1.0 / 9007199254740992.0));
}

static AdValue random_getrandbits(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    if (!ad_args_check(t, "getrandbits", nargs, kwnames, 2, 2)) return AD_NULLV;
    AdRandom *r = self_random(t, args[0]);
    int64_t k;
    if (!r || !ad_int_to_i64(t, args[1], &k)) return AD_NULLV;
    if (k < 0) return ad_err_raise_v(t, t->vm->exc_ValueError, "number of bits must be non-negative");
    if (k == 0) return ad_small_int(0);
    if (k <= 32) return ad_small_int(genrand_uint32(r) >> (32 - k));
    size_t words = (size_t)((k - 1) / 32 + 1);
    uint32_t *w = malloc(words * sizeof *w);
    if (!w) return ad_err_nomemory(t), AD_NULLV;
    for (size_t i = 0; i < words; i++, k -= 32) {
        uint32_t x = genrand_uint32(r);
        if (k < 32) x >>= (32 - k);
        w[i] = x;
    }
    mpz_t z;
    mpz_init(z);
    mpz_import(z, words, -1, sizeof *w, 0, 0, w);
    free(w);
    AdValue v = ad_int_from_mpz(t, z);
    mpz_clear(z);
    return v;
}

static AdValue random_getstate(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    if (!ad_args_check(t, "getstate", nargs, kwnames, 1, 1)) return AD_NULLV;
    AdRandom *r = self_random(t, args[0]);
    if (!r) return AD_NULLV;
    AdTuple *st = ad_tuple_new(t, MT_N + 1);
    if (!st) return AD_NULLV;
    for (int i = 0; i < MT_N; i++) st->items[i] = ad_small_int(r->state[i]);
    st->items[MT_N] = ad_small_int(r->index);
    return ad_obj(st);
}

static AdValue random_setstate(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    if (!ad_args_check(t, "setstate", nargs, kwnames, 2, 2)) return AD_NULLV;
    AdRandom *r = self_random(t, args[0]);
    if (!r) return AD_NULLV;
    if (!ad_is_type(args[1], t->vm->type_tuple) || AD_AS(AdTuple, args[1])->len != MT_N + 1)
        return ad_err_raise_v(t, t->vm->exc_ValueError, "state vector is the wrong size");
    AdTuple *st = AD_AS(AdTuple, args[1]);
    for (int i = 0; i <= MT_N; i++) {
        int64_t v;
        if (!ad_int_to_i64(t, st->items[i], &v)) return AD_NULLV;
        if (i < MT_N) r->state[i] = (uint32_t)v;
        else if (v < 0 || v > MT_N) return ad_err_raise_v(t, t->vm->exc_ValueError, "invalid state");
        else r->index = (int)v;
    }
    return AD_NONE;
}

static const AdMethodDef random_methods[] = {
    {"__new__", random_new, AD_METH_STATIC, NULL, NULL},
    {"seed", random_seed, AD_METH_INSTANCE, NULL, NULL},
    {"random", random_random, AD_METH_INSTANCE, NULL, NULL},
    {"getrandbits", random_getrandbits, AD_METH_INSTANCE, NULL, NULL},
    {"getstate", random_getstate, AD_METH_INSTANCE, NULL, NULL},
    {"setstate", random_setstate, AD_METH_INSTANCE, NULL, NULL},
    {NULL, NULL, 0, NULL, NULL},
};

AD_FUNC AdModule *ad_mod_random_init(AdThread *t);
AdModule *ad_mod_random_init(AdThread *t) {
    AdVM *vm = t->vm;
    AdModule *m = ad_module_new_native(t, "_random", NULL);
    if (!m) return NULL;
    ad_gc_push_obj(t, m);
    AdType *type = ad_type_new_builtin(t, "Random", vm->type_object, sizeof(AdRandom), NULL, NULL,
                                       random_methods, AD_TPFLAG_BASETYPE);
    if (!type) return NULL;
    type->module = ad_str_from_cstr(t, "_random");
    vm->module_state[AD_MODSTATE_RANDOM] = ad_obj(type);
    if (!type->module || !ad_dict_set_cstr(t, m->dict, "Random", ad_obj(type))) return NULL;
    t->nroots--;
    return m;
}
