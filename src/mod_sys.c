/*
 * mod_sys.c - the sys module. It is made during VM setup (sys.modules is the import cache
 * and the std streams must exist before any script runs); argv and path are filled later
 * by ad_sys_configure, once the host has said what it is running.
 */
#include <float.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core.h"
#include "setup.h"
#include "vm_internal.h"

static AdValue sys_exit(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    if (!ad_args_check(t, "exit", nargs, kwnames, 0, 1)) return AD_NULLV;
    AdTuple *targs = nargs ? ad_tuple_from_array(t, args, 1) : t->vm->empty_tuple;
    if (!targs) return AD_NULLV;
    AdValue exc = ad_exc_new(t, t->vm->exc_SystemExit, targs);
    if (AD_IS_NULL(exc)) return AD_NULLV;
    ad_err_raise_obj(t, exc);
    return AD_NULLV;
}

static AdValue sys_getrecursionlimit(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    (void)args;
    if (!ad_args_check(t, "getrecursionlimit", nargs, kwnames, 0, 0)) return AD_NULLV;
    return ad_small_int(t->vm->recursion_limit);
}

static AdValue sys_setrecursionlimit(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    if (!ad_args_check(t, "setrecursionlimit", nargs, kwnames, 1, 1)) return AD_NULLV;
    if (!ad_is_int(t, args[0]))
        return ad_err_raise_v(t, t->vm->exc_TypeError,
                              "'%T' object cannot be interpreted as an integer", args[0]);
    int64_t n;
    if (!ad_int_to_i64(t, args[0], &n)) return AD_NULLV;
    if (n < 1)
        return ad_err_raise_v(t, t->vm->exc_ValueError, "recursion limit must be greater or equal than 1");
    /* Frames come from a fixed pool: past it, the limit could not be honoured. */
    t->vm->recursion_limit = n > AD_MAX_FRAMES - 100 ? AD_MAX_FRAMES - 100 : (int)n;
    return AD_NONE;
}

static AdValue sys_getswitchinterval(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    (void)args;
    if (!ad_args_check(t, "getswitchinterval", nargs, kwnames, 0, 0)) return AD_NULLV;
    return ad_float((double)t->vm->gil.switch_interval_us / 1e6);
}

static AdValue sys_setswitchinterval(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    if (!ad_args_check(t, "setswitchinterval", nargs, kwnames, 1, 1)) return AD_NULLV;
    double d;
    if (AD_IS_FLOAT(args[0])) {
        d = args[0].as.f;
    } else if (ad_is_int(t, args[0])) {
        bool ok = true;
        d = ad_int_to_double(t, args[0], &ok);
        if (!ok) return AD_NULLV;
    } else {
        return ad_err_raise_v(t, t->vm->exc_TypeError, "must be real number, not %T", args[0]);
    }
    if (d <= 0)
        return ad_err_raise_v(t, t->vm->exc_ValueError, "switch interval must be strictly positive");
    t->vm->gil.switch_interval_us = (unsigned long)(d * 1e6) ? (unsigned long)(d * 1e6) : 1;
    return AD_NONE;
}

static AdValue sys_intern(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    if (!ad_args_check(t, "intern", nargs, kwnames, 1, 1)) return AD_NULLV;
    if (!ad_is_type(args[0], t->vm->type_str))
        return ad_err_raise_v(t, t->vm->exc_TypeError, "intern() argument must be str, not %T",
                              args[0]);
    AdStr *s = ad_str_intern_str(t, AD_AS(AdStr, args[0]));
    return s ? ad_obj(s) : AD_NULLV;
}

static AdValue sys_exc_info(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    (void)args;
    if (!ad_args_check(t, "exc_info", nargs, kwnames, 0, 0)) return AD_NULLV;
    AdValue h = t->handled;
    if (AD_IS_NULL(h) || AD_IS_NONE(h)) {
        AdTuple *r = ad_tuple_pack(t, 3, AD_NONE, AD_NONE, AD_NONE);
        return r ? ad_obj(r) : AD_NULLV;
    }
    AdException *e = AD_AS(AdException, h);
    AdTuple *r = ad_tuple_pack(t, 3, ad_obj(h.as.o->type), h, e->traceback);
    return r ? ad_obj(r) : AD_NULLV;
}

static AdValue sys_exception(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    (void)args;
    if (!ad_args_check(t, "exception", nargs, kwnames, 0, 0)) return AD_NULLV;
    return AD_IS_NULL(t->handled) ? AD_NONE : t->handled;
}

static AdValue sys_getsizeof(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    if (!ad_args_check(t, "getsizeof", nargs, kwnames, 1, 2)) return AD_NULLV;
    AdValue r = ad_rt_call_special(t, args[0], t->vm->name.sizeof_, NULL, 0);
    if (!AD_IS_NULL(r) || ad_err_occurred(t)) return r;
    /* No __sizeof__: the object's own size is the honest answer. */
    if (AD_IS_OBJ(args[0])) return ad_small_int((int64_t)ad_type_of(t, args[0])->instance_size);
    return ad_small_int((int64_t)sizeof(AdValue));
}

static AdValue sys_getdefaultencoding(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    (void)args;
    if (!ad_args_check(t, "getdefaultencoding", nargs, kwnames, 0, 0)) return AD_NULLV;
    return ad_obj(ad_str_from_cstr(t, "utf-8"));
}

static AdValue sys_displayhook(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    if (!ad_args_check(t, "displayhook", nargs, kwnames, 1, 1)) return AD_NULLV;
    return ad_vm_display(t, args[0]) ? AD_NONE : AD_NULLV;
}

static const AdMethodDef sys_functions[] = {
    {"displayhook", sys_displayhook, AD_METH_INSTANCE, NULL, NULL},
    {"exit", sys_exit, AD_METH_INSTANCE, NULL, NULL},
    {"getrecursionlimit", sys_getrecursionlimit, AD_METH_INSTANCE, NULL, NULL},
    {"setrecursionlimit", sys_setrecursionlimit, AD_METH_INSTANCE, NULL, NULL},
    {"getswitchinterval", sys_getswitchinterval, AD_METH_INSTANCE, NULL, NULL},
    {"setswitchinterval", sys_setswitchinterval, AD_METH_INSTANCE, NULL, NULL},
    {"intern", sys_intern, AD_METH_INSTANCE, NULL, NULL},
    {"exc_info", sys_exc_info, AD_METH_INSTANCE, NULL, NULL},
    {"exception", sys_exception, AD_METH_INSTANCE, NULL, NULL},
    {"getsizeof", sys_getsizeof, AD_METH_INSTANCE, NULL, NULL},
    {"getdefaultencoding", sys_getdefaultencoding, AD_METH_INSTANCE, NULL, NULL},
    {NULL, NULL, 0, NULL, NULL},
};

static bool set_str(AdThread *t, AdDict *d, const char *key, const char *value) {
    AdStr *s = ad_str_from_cstr(t, value);
    return s && ad_dict_set_cstr(t, d, key, ad_obj(s));
}

static bool set_value(AdThread *t, AdDict *d, const char *key, AdValue v) {
    if (AD_IS_NULL(v)) return false;
    return ad_dict_set_cstr(t, d, key, v);
}

static bool sys_setup(AdThread *t) {
    AdVM *vm = t->vm;
    AdModule *sys = ad_module_new_native(t, "sys", sys_functions);
    if (!sys) return false;
    vm->sys_module = sys;
    AdDict *d = sys->dict;
    if (!(vm->modules = ad_dict_new(t))) return false;
    if (!(vm->path = ad_list_new(t, 4))) return false;
    vm->native_modules = ad_native_module_table();
    AdList *argv = ad_list_new(t, 1);
    if (!argv || !ad_dict_set_cstr(t, d, "argv", ad_obj(argv))) return false;
    static const char *const vi_fields[] = {"major", "minor", "micro", "releaselevel", "serial"};
    AdType *vi_type = ad_structseq_type(t, "sys.version_info", vi_fields, 5);
    AdStr *final = ad_str_from_cstr(t, "final");
    if (!vi_type || !final) return false;
    AdValue vi_items[5] = {ad_small_int(3), ad_small_int(11), ad_small_int(0), ad_obj(final),
                           ad_small_int(0)};
    AdValue version_info = ad_structseq_new(t, vi_type, vi_items, 5);
    if (AD_IS_NULL(version_info)) return false;
    ad_gc_push_root(t, version_info);
    static const char *const impl_fields[] = {"name", "cache_tag", "version"};
    AdType *impl_type = ad_structseq_type(t, "sys.implementation", impl_fields, 3);
    AdStr *impl_name = ad_str_from_cstr(t, "adder");
    if (!impl_type || !impl_name) return false;
    AdValue impl_items[3] = {ad_obj(impl_name), AD_NONE, version_info};
    AdValue implementation = ad_structseq_new(t, impl_type, impl_items, 3);
    if (AD_IS_NULL(implementation)) return false;
    ad_gc_push_root(t, implementation);
    static const char *const fi_fields[] = {"max", "max_exp", "max_10_exp", "min", "min_exp",
                                            "min_10_exp", "dig", "mant_dig", "epsilon", "radix",
                                            "rounds"};
    AdValue fi_items[11] = {ad_float(DBL_MAX), ad_small_int(DBL_MAX_EXP), ad_small_int(DBL_MAX_10_EXP),
                            ad_float(DBL_MIN), ad_small_int(DBL_MIN_EXP), ad_small_int(DBL_MIN_10_EXP),
                            ad_small_int(DBL_DIG), ad_small_int(DBL_MANT_DIG), ad_float(DBL_EPSILON),
                            ad_small_int(FLT_RADIX), ad_small_int(1)};
    AdType *fi_type = ad_structseq_type(t, "sys.float_info", fi_fields, 11);
    if (!fi_type) return false;
    AdValue float_info = ad_structseq_new(t, fi_type, fi_items, 11);
    if (AD_IS_NULL(float_info)) return false;

    AdValue out, err, in;
    if (!ad_io_make_std_streams(t, &out, &err, &in)) return false;
    if (!set_value(t, d, "stdout", out) || !set_value(t, d, "stderr", err) ||
        !set_value(t, d, "stdin", in) || !set_value(t, d, "__stdout__", out) ||
        !set_value(t, d, "__stderr__", err) || !set_value(t, d, "__stdin__", in))
        return false;
    if (!set_value(t, d, "__displayhook__", ad_dict_get_cstr(d, "displayhook"))) return false;

    AdStr *bname = ad_str_from_cstr(t, "builtins");
    if (!bname) return false;
    ad_gc_push_obj(t, bname);
    AdTuple *names = ad_tuple_pack(t, 2, ad_obj(bname), ad_obj(sys->name));
    if (!names) return false;
    t->nroots--;

    return set_value(t, d, "modules", ad_obj(vm->modules)) &&
           set_value(t, d, "path", ad_obj(vm->path)) &&
           set_value(t, d, "version_info", version_info) &&
           set_value(t, d, "implementation", implementation) &&
           set_value(t, d, "float_info", float_info) &&
           set_str(t, d, "version", ADDER_PY_VERSION " (adder " ADDER_VERSION ")") &&
           set_str(t, d, "platform", "linux") && set_str(t, d, "byteorder", "little") &&
           set_str(t, d, "executable", "") && set_str(t, d, "prefix", "") &&
           set_value(t, d, "maxsize", ad_small_int(INT64_MAX)) &&
           set_value(t, d, "maxunicode", ad_small_int(0x10FFFF)) &&
           set_value(t, d, "builtin_module_names", ad_obj(names)) &&
           set_value(t, d, "dont_write_bytecode", AD_TRUE) &&
           ad_dict_set(t, vm->modules, ad_obj(sys->name), ad_obj(sys)) &&
           ad_dict_set(t, vm->modules, ad_obj(bname), ad_obj(vm->builtins_module));
}

bool ad_sys_setup(AdThread *t) {
    int mark = ad_gc_root_mark(t);
    bool ok = sys_setup(t);
    ad_gc_root_restore(t, mark);
    return ok;
}

/* Fills sys.argv and sys.path from the host's configuration (vm->argc/argv/stdlib_dir):
 * path is the script's directory ('' for -c, -m and stdin), then ADDERPATH entries, then
 * the stdlib directory. */
bool ad_sys_configure(AdThread *t) {
    AdVM *vm = t->vm;
    AdList *argv = ad_list_new(t, (size_t)vm->argc);
    if (!argv) return false;
    ad_gc_push_obj(t, argv);
    for (int i = 0; i < vm->argc; i++) {
        AdStr *s = ad_str_from_cstr(t, vm->argv[i]);
        if (!s || !ad_list_append(t, argv, ad_obj(s))) return false;
    }
    if (vm->argc == 0) {
        AdStr *s = ad_str_from_cstr(t, "");
        if (!s || !ad_list_append(t, argv, ad_obj(s))) return false;
    }
    if (!ad_dict_set_cstr(t, vm->sys_module->dict, "argv", ad_obj(argv))) return false;

    vm->path->len = 0;
    const char *script = vm->argc > 0 ? vm->argv[0] : "";
    char dir[4096] = "";
    if (*script && strcmp(script, "-c") != 0 && strcmp(script, "-m") != 0 &&
        strcmp(script, "-") != 0) {
        char *real = realpath(script, NULL);
        if (real) {
            snprintf(dir, sizeof dir, "%s", dirname(real));
            free(real);
        }
    }
    AdStr *first = ad_str_from_cstr(t, dir);
    if (!first || !ad_list_append(t, vm->path, ad_obj(first))) return false;
    const char *extra = getenv("ADDERPATH");
    while (extra && *extra) {
        const char *colon = strchr(extra, ':');
        size_t n = colon ? (size_t)(colon - extra) : strlen(extra);
        if (n) {
            AdStr *s = ad_str_new(t, extra, n);
            if (!s || !ad_list_append(t, vm->path, ad_obj(s))) return false;
        }
        extra = colon ? colon + 1 : NULL;
    }
    if (vm->stdlib_dir) {
        AdStr *s = ad_str_from_cstr(t, vm->stdlib_dir);
        if (!s || !ad_list_append(t, vm->path, ad_obj(s))) return false;
    }
    t->nroots--;
    return true;
}
