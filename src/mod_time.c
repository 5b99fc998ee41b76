/*
 * mod_time.c - the time module: clocks, sleep and strftime. Clocks are read with
 * clock_gettime; perf_counter and monotonic share CLOCK_MONOTONIC as CPython does on Linux.
 */
#include <errno.h>
#include <time.h>

#include "core.h"
#include "gil.h"

static double clock_seconds(clockid_t id) {
    struct timespec ts;
    clock_gettime(id, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static AdValue clock_ns(AdThread *t, clockid_t id) {
    struct timespec ts;
    clock_gettime(id, &ts);
    (void)t;
    return ad_small_int((int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec);
}

#define CLOCK_FN(fname, id)                                                                 \
    static AdValue time_##fname(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {   \
        (void)args;                                                                         \
        if (!ad_args_check(t, #fname, nargs, kwnames, 0, 0)) return AD_NULLV;               \
        return ad_float(clock_seconds(id));                                                 \
    }                                                                                       \
    static AdValue time_##fname##_ns(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) { \
        (void)args;                                                                         \
        if (!ad_args_check(t, #fname "_ns", nargs, kwnames, 0, 0)) return AD_NULLV;         \
        return clock_ns(t, id);                                                             \
    }
CLOCK_FN(time, CLOCK_REALTIME)
CLOCK_FN(perf_counter, CLOCK_MONOTONIC)
CLOCK_FN(monotonic, CLOCK_MONOTONIC)
CLOCK_FN(process_time, CLOCK_PROCESS_CPUTIME_ID)
#undef CLOCK_FN

static bool to_seconds(AdThread *t, AdValue v, double *out) {
    if (AD_IS_FLOAT(v)) {
        *out = v.as.f;
        return true;
    }
    if (ad_is_int(t, v)) {
        bool ok = true;
        *out = ad_int_to_double(t, v, &ok);
        return ok;
    }
    return ad_err_raise(t, t->vm->exc_TypeError,
                        "'%T' object cannot be interpreted as an integer", v);
}

/* Other threads run while this one sleeps: the GIL is released around the wait (the
 * arguments stay rooted on this thread's stack, which the collector still scans). A signal
 * (Ctrl-C) wakes the main thread to run its handler (gil.c). */
static AdValue time_sleep(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    if (!ad_args_check(t, "sleep", nargs, kwnames, 1, 1)) return AD_NULLV;
    double secs;
    if (!to_seconds(t, args[0], &secs)) return AD_NULLV;
    if (secs != secs) return ad_err_raise_v(t, t->vm->exc_ValueError, "Invalid value NaN (not a number)");
    if (secs < 0) return ad_err_raise_v(t, t->vm->exc_ValueError, "sleep length must be non-negative");
    return ad_gil_sleep(t, secs) ? AD_NONE : AD_NULLV;
}

/* The broken-down time of `args[first]` (seconds since the epoch, default now). */
static bool broken_down(AdThread *t, AdValue *args, int nargs, int first, bool local, struct tm *tm) {
    time_t when = time(NULL);
    if (nargs > first && !AD_IS_NONE(args[first])) {
        double secs;
        if (!to_seconds(t, args[first], &secs)) return false;
        when = (time_t)secs;
    }
    if (local ? !localtime_r(&when, tm) : !gmtime_r(&when, tm))
        return ad_err_raise(t, t->vm->exc_OverflowError, "timestamp out of range for platform time_t");
    return true;
}

static AdValue time_strftime(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    if (!ad_args_check(t, "strftime", nargs, kwnames, 1, 2)) return AD_NULLV;
    if (!ad_is_str(t, args[0]))
        return ad_err_raise_v(t, t->vm->exc_TypeError, "strftime() argument 1 must be str, not %T",
                              args[0]);
    struct tm tm;
    if (nargs == 2 && ad_is_instance_of(t, args[1], t->vm->type_tuple)) {
        AdTuple *tup = AD_AS(AdTuple, args[1]);
        int64_t f[9] = {0};
        for (size_t i = 0; i < 9 && i < tup->len; i++)
            if (!ad_int_to_i64(t, tup->items[i], &f[i])) return AD_NULLV;
        tm = (struct tm){.tm_year = (int)f[0] - 1900, .tm_mon = (int)f[1] - 1, .tm_mday = (int)f[2],
                         .tm_hour = (int)f[3], .tm_min = (int)f[4], .tm_sec = (int)f[5],
                         .tm_wday = (int)(f[6] + 1) % 7, .tm_yday = (int)f[7] - 1,
                         .tm_isdst = (int)f[8]};
    } else if (!broken_down(t, args, 0, 0, true, &tm)) {
        return AD_NULLV;
    }
    char buf[1024];
    size_t n = strftime(buf, sizeof buf, AD_AS(AdStr, args[0])->data, &tm);
    AdStr *s = ad_str_new(t, buf, n);
    return s ? ad_obj(s) : AD_NULLV;
}

static AdValue time_ctime(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    if (!ad_args_check(t, "ctime", nargs, kwnames, 0, 1)) return AD_NULLV;
    struct tm tm;
    if (!broken_down(t, args, nargs, 0, true, &tm)) return AD_NULLV;
    char buf[64];
    /* CPython pads the day of the month with a space, like asctime. */
    size_t n = strftime(buf, sizeof buf, "%a %b %e %H:%M:%S %Y", &tm);
    AdStr *s = ad_str_new(t, buf, n);
    return s ? ad_obj(s) : AD_NULLV;
}

static const char *const struct_time_fields[] = {"tm_year", "tm_mon", "tm_mday", "tm_hour",
                                                 "tm_min", "tm_sec", "tm_wday", "tm_yday",
                                                 "tm_isdst"};

/* localtime()/gmtime() results: a time.struct_time. */
static AdValue make_tm_tuple(AdThread *t, const struct tm *tm) {
    AdValue items[9] = {ad_small_int(tm->tm_year + 1900), ad_small_int(tm->tm_mon + 1),
                        ad_small_int(tm->tm_mday), ad_small_int(tm->tm_hour),
                        ad_small_int(tm->tm_min), ad_small_int(tm->tm_sec),
                        ad_small_int((tm->tm_wday + 6) % 7), ad_small_int(tm->tm_yday + 1),
                        ad_small_int(tm->tm_isdst)};
    AdValue type = t->vm->module_state[AD_MODSTATE_STRUCT_TIME];
    return ad_structseq_new(t, AD_AS(AdType, type), items, 9);
}

static AdValue time_localtime(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    if (!ad_args_check(t, "localtime", nargs, kwnames, 0, 1)) return AD_NULLV;
    struct tm tm;
    if (!broken_down(t, args, nargs, 0, true, &tm)) return AD_NULLV;
    return make_tm_tuple(t, &tm);
}

static AdValue time_gmtime(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    if (!ad_args_check(t, "gmtime", nargs, kwnames, 0, 1)) return AD_NULLV;
    struct tm tm;
    if (!broken_down(t, args, nargs, 0, false, &tm)) return AD_NULLV;
    return make_tm_tuple(t, &tm);
}

static const AdMethodDef time_functions[] = {
    {"time", time_time, AD_METH_INSTANCE, NULL, NULL},
    {"time_ns", time_time_ns, AD_METH_INSTANCE, NULL, NULL},
    {"perf_counter", time_perf_counter, AD_METH_INSTANCE, NULL, NULL},
    {"perf_counter_ns", time_perf_counter_ns, AD_METH_INSTANCE, NULL, NULL},
    {"monotonic", time_monotonic, AD_METH_INSTANCE, NULL, NULL},
    {"monotonic_ns", time_monotonic_ns, AD_METH_INSTANCE, NULL, NULL},
    {"process_time", time_process_time, AD_METH_INSTANCE, NULL, NULL},
    {"process_time_ns", time_process_time_ns, AD_METH_INSTANCE, NULL, NULL},
    {"sleep", time_sleep, AD_METH_INSTANCE, NULL, NULL},
    {"strftime", time_strftime, AD_METH_INSTANCE, NULL, NULL},
    {"ctime", time_ctime, AD_METH_INSTANCE, NULL, NULL},
    {"localtime", time_localtime, AD_METH_INSTANCE, NULL, NULL},
    {"gmtime", time_gmtime, AD_METH_INSTANCE, NULL, NULL},
    {NULL, NULL, 0, NULL, NULL},
};

AD_FUNC AdModule *ad_mod_time_init(AdThread *t);
AdModule *ad_mod_time_init(AdThread *t) {
    AdModule *m = ad_module_new_native(t, "time", time_functions);
    if (!m) return NULL;
    ad_gc_push_obj(t, m);
    AdType *st = ad_structseq_type(t, "time.struct_time", struct_time_fields, 9);
    if (!st || !ad_dict_set_cstr(t, m->dict, "struct_time", ad_obj(st))) return NULL;
    t->vm->module_state[AD_MODSTATE_STRUCT_TIME] = ad_obj(st);
    t->nroots--;
    return m;
}
