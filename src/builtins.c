/*
 * builtins.c - the builtins module: the builtin functions, the builtin types and exception
 * classes by name, and the constants (None, True, ..., __debug__).
 *
 * Every function here follows CPython 3.11's signature, behaviour and error messages, and
 * works through runtime.h so that script classes overriding dunders are honoured. The
 * namespace functions (globals, locals, vars, dir, eval, exec, compile, __build_class__,
 * __import__) are in builtins_exec.c; the file objects behind open/input/print are
 * obj_file.c's. memoryview, complex and breakpoint are not provided.
 */
#include <gmp.h>
#include <math.h>
#include <stddef.h>
#include <string.h>

#include "builtins.h"
#include "core.h"
#include "file.h"
#include "iter.h"
#include "setup.h"

/* ---- output: print, input --------------------------------------------------------------- */

static AdValue sys_attr(AdThread *t, const char *name) {
    AdModule *sys = t->vm->sys_module;
    return sys ? ad_dict_get_cstr(sys->dict, name) : AD_NULLV;
}

/* Writes `s` to `file`: directly for a native text file, else through file.write(). */
static bool write_to(AdThread *t, AdValue file, AdValue s) {
    AdStr *str = AD_AS(AdStr, s);
    if (AD_IS_NULL(file)) return ad_rt_print_str(t, str->data, str->len, false);
    if (ad_file_is_native(t, file) && AD_AS(AdFile, file)->kind == AD_FILE_TEXT)
        return ad_file_write_raw(t, AD_AS(AdFile, file), str->data, str->len);
    AdValue r = ad_rt_call_method(t, file, t->vm->name.write, &s, 1, NULL);
    return !AD_IS_NULL(r);
}

/* print()'s output: pieces for a native text file gather in `buf` and go out in one write
 * (one syscall per print() when unbuffered); anything else gets one write() per piece,
 * as CPython does. */
typedef struct PrintOut {
    AdValue file; /* AD_NULLV: the host writer (no sys yet) */
    bool gather;
    AdBuf buf;
} PrintOut;

static bool print_flush(AdThread *t, PrintOut *po) {
    if (!po->gather || po->buf.len == 0) return true;
    size_t n = po->buf.len;
    po->buf.len = 0;
    return ad_file_write_raw(t, AD_AS(AdFile, po->file), po->buf.data, n);
}

static bool print_piece(AdThread *t, PrintOut *po, AdValue s) {
    if (!po->gather) return write_to(t, po->file, s);
    AdStr *str = AD_AS(AdStr, s);
    return ad_buf_add(t, &po->buf, str->data, str->len);
}

/* Values whose str() runs no script code, so gathering around them keeps the order. */
static bool plain_str(AdThread *t, AdValue v) {
    return ad_is_type(v, t->vm->type_str) || AD_IS_INT(v) || AD_IS_FLOAT(v) || AD_IS_BOOL(v) ||
           AD_IS_NONE(v);
}

static AdValue print_pieces(AdThread *t, PrintOut *po, AdValue *args, int nargs, AdValue sep,
                            AdValue end) {
    AdVM *vm = t->vm;
    for (int i = 0; i < nargs; i++) {
        if (i > 0 && !print_piece(t, po, sep)) return AD_NULLV;
        if (!plain_str(t, args[i]) && !print_flush(t, po)) return AD_NULLV;
        AdValue s = ad_is_type(args[i], vm->type_str) ? args[i] : ad_rt_str(t, args[i]);
        if (AD_IS_NULL(s)) return AD_NULLV;
        ad_gc_push_root(t, s);
        bool ok = print_piece(t, po, s);
        t->nroots--;
        if (!ok) return AD_NULLV;
    }
    if (!print_piece(t, po, end) || !print_flush(t, po)) return AD_NULLV;
    return AD_NONE;
}

static AdValue bi_print(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    AdVM *vm = t->vm;
    AdValue sep = AD_NONE, end = AD_NONE, file = AD_NONE, flush = AD_FALSE;
    for (size_t k = 0; kwnames && k < kwnames->len; k++) {
        AdStr *kw = AD_AS(AdStr, kwnames->items[k]);
        AdValue v = args[nargs + (int)k];
        if (ad_str_eq_cstr(kw, "sep")) sep = v;
        else if (ad_str_eq_cstr(kw, "end")) end = v;
        else if (ad_str_eq_cstr(kw, "file")) file = v;
        else if (ad_str_eq_cstr(kw, "flush")) flush = v;
        else
            return ad_err_raise_v(t, vm->exc_TypeError, "'%s' is an invalid keyword argument for print()",
                                  kw->data);
    }
    if (!AD_IS_NONE(sep) && !ad_is_str(t, sep))
        return ad_err_raise_v(t, vm->exc_TypeError, "sep must be None or a string, not %T", sep);
    if (!AD_IS_NONE(end) && !ad_is_str(t, end))
        return ad_err_raise_v(t, vm->exc_TypeError, "end must be None or a string, not %T", end);
    if (AD_IS_NONE(file)) {
        if (vm->sys_module) {
            file = sys_attr(t, "stdout");
            if (AD_IS_NULL(file)) return ad_err_raise_v(t, vm->exc_RuntimeError, "lost sys.stdout");
            if (AD_IS_NONE(file)) return AD_NONE;
        } else {
            file = AD_NULLV; /* before sys exists: the host writer */
        }
    }
    int mark = ad_gc_root_mark(t);
    ad_gc_push_root(t, file);
    if (AD_IS_NONE(sep)) {
        AdStr *sp = ad_str_intern_cstr(t, " ");
        if (!sp) return AD_NULLV;
        sep = ad_obj(sp);
    }
    if (AD_IS_NONE(end)) {
        AdStr *nl = ad_str_intern_cstr(t, "\n");
        if (!nl) return AD_NULLV;
        end = ad_obj(nl);
    }
    PrintOut po = {file, ad_file_is_native(t, file) && AD_AS(AdFile, file)->kind == AD_FILE_TEXT,
                   {NULL, 0, 0}};
    ad_buf_init(&po.buf);
    AdValue r = print_pieces(t, &po, args, nargs, sep, end);
    if (AD_IS_NULL(r) && po.buf.len) {
        /* What was printed before the failure still goes out, as in CPython. */
        AdValue exc = ad_err_fetch(t);
        ad_gc_push_root(t, exc);
        if (!print_flush(t, &po)) ad_err_clear(t);
        t->exc = exc;
    }
    ad_buf_free(&po.buf);
    if (AD_IS_NULL(r)) return AD_NULLV;
    int truth = ad_rt_truthy(t, flush);
    if (truth < 0) return AD_NULLV;
    if (truth && !AD_IS_NULL(file)) {
        AdValue fr = ad_rt_call_method(t, file, vm->name.flush, NULL, 0, NULL);
        if (AD_IS_NULL(fr)) return AD_NULLV;
    }
    ad_gc_root_restore(t, mark);
    return AD_NONE;
}

static AdValue bi_input(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    AdVM *vm = t->vm;
    if (!ad_args_check(t, "input", nargs, kwnames, 0, 1)) return AD_NULLV;
    AdValue in = sys_attr(t, "stdin"), out = sys_attr(t, "stdout"), err = sys_attr(t, "stderr");
    if (AD_IS_NULL(in) || AD_IS_NONE(in))
        return ad_err_raise_v(t, vm->exc_RuntimeError, "input(): lost sys.stdin");
    if (AD_IS_NULL(out) || AD_IS_NONE(out))
        return ad_err_raise_v(t, vm->exc_RuntimeError, "input(): lost sys.stdout");
    int mark = ad_gc_root_mark(t);
    ad_gc_push_root(t, in);
    ad_gc_push_root(t, out);
    if (!AD_IS_NULL(err) && !AD_IS_NONE(err)) {
        AdValue r = ad_rt_call_method(t, err, vm->name.flush, NULL, 0, NULL);
        if (AD_IS_NULL(r)) ad_err_clear(t);
    }
    if (nargs == 1 && !AD_IS_NONE(args[0])) {
        AdValue p = ad_rt_str(t, args[0]);
        if (AD_IS_NULL(p)) return AD_NULLV;
        ad_gc_push_root(t, p);
        if (!write_to(t, out, p)) return AD_NULLV;
    }
    AdValue r = ad_rt_call_method(t, out, vm->name.flush, NULL, 0, NULL);
    if (AD_IS_NULL(r)) return AD_NULLV;
    AdValue line;
    if (ad_file_is_native(t, in) && AD_AS(AdFile, in)->kind == AD_FILE_TEXT)
        line = ad_file_readline(t, AD_AS(AdFile, in), -1);
    else
        line = ad_rt_call_method(t, in, vm->name.readline, NULL, 0, NULL);
    if (AD_IS_NULL(line)) return AD_NULLV;
    if (!ad_is_str(t, line))
        return ad_err_raise_v(t, vm->exc_TypeError, "object.readline() returned non-string");
    AdStr *ls = AD_AS(AdStr, line);
    if (ls->len == 0) return ad_err_raise_v(t, vm->exc_EOFError, "EOF when reading a line");
    ad_gc_root_restore(t, mark);
    if (ls->data[ls->len - 1] == '\n') {
        AdStr *s = ad_str_new(t, ls->data, ls->len - 1);
        return s ? ad_obj(s) : AD_NULLV;
    }
    return line;
}

static AdValue bi_open(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    return ad_file_open(t, args, nargs, kwnames);
}

/* ---- iteration: iter, next, callable_iterator, sum, min, max, any, all, sorted ----------- */

typedef struct AdCallIter {
    AdObj obj;
    AdValue callable; /* AD_NULLV once exhausted */
    AdValue sentinel;
} AdCallIter;

static void calliter_trace(AdGC *gc, AdObj *o) {
    AdCallIter *it = (AdCallIter *)o;
    ad_gc_mark_value(gc, it->callable);
    ad_gc_mark_value(gc, it->sentinel);
}

static AdValue calliter_iter(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    if (!ad_args_check(t, "__iter__", nargs - 1, kwnames, 0, 0)) return AD_NULLV;
    return args[0];
}

static AdValue calliter_next(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    if (!ad_args_check(t, "__next__", nargs - 1, kwnames, 0, 0)) return AD_NULLV;
    AdCallIter *it = AD_AS(AdCallIter, args[0]);
    if (AD_IS_NULL(it->callable)) return ad_err_stop_iteration(t, AD_NONE), AD_NULLV;
    AdValue r = ad_rt_call0(t, it->callable);
    if (AD_IS_NULL(r)) {
        if (ad_err_matches(t, t->vm->exc_StopIteration)) {
            ad_err_clear(t);
            it->callable = AD_NULLV;
            ad_err_stop_iteration(t, AD_NONE);
        }
        return AD_NULLV;
    }
    ad_gc_push_root(t, r);
    int eq = ad_rt_eq(t, r, it->sentinel);
    if (eq < 0) return AD_NULLV;
    if (eq) {
        it->callable = AD_NULLV;
        return ad_err_stop_iteration(t, AD_NONE), AD_NULLV;
    }
    return r;
}

static const AdMethodDef calliter_methods[] = {
    {"__iter__", calliter_iter, AD_METH_INSTANCE, NULL, NULL},
    {"__next__", calliter_next, AD_METH_INSTANCE, NULL, NULL},
    {NULL, NULL, 0, NULL, NULL},
};

static AdValue bi_iter(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    if (!ad_args_check(t, "iter", nargs, kwnames, 1, 2)) return AD_NULLV;
    if (nargs == 1) return ad_rt_getiter(t, args[0]);
    if (!ad_rt_callable(t, args[0]))
        return ad_err_raise_v(t, t->vm->exc_TypeError, "iter(v, w): v must be callable");
    AdCallIter *it = ad_gc_alloc(t, t->vm->type_callable_iterator, sizeof(AdCallIter));
    if (!it) return AD_NULLV;
    it->callable = args[0];
    it->sentinel = args[1];
    return ad_obj(it);
}

static AdValue bi_next(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    AdVM *vm = t->vm;
    if (!ad_args_check(t, "next", nargs, kwnames, 1, 2)) return AD_NULLV;
    AdValue out;
    int r = ad_iter_fast_next(t, args[0], &out);
    if (r == 1) return out;
    if (r == 0) {
        if (nargs == 2) return args[1];
        return ad_err_stop_iteration(t, AD_NONE), AD_NULLV;
    }
    if (r == -1) return AD_NULLV;
    AdValue v = ad_rt_call_special(t, args[0], vm->name.next, NULL, 0);
    if (!AD_IS_NULL(v)) return v;
    if (!ad_err_occurred(t))
        return ad_err_raise_v(t, vm->exc_TypeError, "'%s' object is not an iterator",
                              ad_type_name(ad_type_of(t, args[0])));
    if (nargs == 2 && ad_err_matches(t, vm->exc_StopIteration)) {
        ad_err_clear(t);
        return args[1];
    }
    return AD_NULLV;
}

/* One step of sum() that needs no object and runs no script code: small ints (and bools)
 * while no overflow, floats as a plain double sum (CPython's fast paths). */
static inline bool sum_step_fast(AdValue *result, AdValue item) {
    if (AD_IS_INT(*result) && (AD_IS_INT(item) || AD_IS_BOOL(item))) {
        int64_t s;
        if (__builtin_add_overflow(result->as.i, item.as.i, &s)) return false;
        *result = ad_small_int(s);
        return true;
    }
    if (AD_IS_FLOAT(*result)) {
        if (AD_IS_FLOAT(item)) {
            *result = ad_float(result->as.f + item.as.f);
            return true;
        }
        if (AD_IS_INT(item) || AD_IS_BOOL(item)) {
            *result = ad_float(result->as.f + (double)item.as.i);
            return true;
        }
    }
    return false;
}

/* sum() of an exact tuple, list or dict_values whose items all take sum_step_fast, without
 * an iterator. Nothing runs that could mutate the container, so false (some item needs the
 * general path) leaves nothing to undo: the caller starts over. */
static bool sum_fast(AdThread *t, AdValue iterable, AdValue start, AdValue *out) {
    AdVM *vm = t->vm;
    if (iterable.tag != AD_TAG_OBJ || !(AD_IS_INT(start) || AD_IS_FLOAT(start))) return false;
    AdType *tp = iterable.as.o->type;
    AdValue result = start;
    if (tp == vm->type_tuple || tp == vm->type_list) {
        const AdValue *items;
        size_t n;
        if (tp == vm->type_tuple) {
            items = AD_AS(AdTuple, iterable)->items;
            n = AD_AS(AdTuple, iterable)->len;
        } else {
            items = AD_AS(AdList, iterable)->items;
            n = AD_AS(AdList, iterable)->len;
        }
        for (size_t i = 0; i < n; i++)
            if (!sum_step_fast(&result, items[i])) return false;
    } else if (tp == vm->type_dict_values) {
        AdDict *d = AD_AS(AdDictView, iterable)->dict;
        size_t pos = 0;
        AdValue v;
        while (ad_dict_next(d, &pos, NULL, &v))
            if (!sum_step_fast(&result, v)) return false;
    } else {
        return false;
    }
    *out = result;
    return true;
}

static AdValue bi_sum(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    static const char *const names[] = {"iterable", "start"};
    AdVM *vm = t->vm;
    AdValue a[2];
    if (nargs == 1 && !kwnames) {
        AdValue r;
        if (sum_fast(t, args[0], ad_small_int(0), &r)) return r;
        a[0] = args[0];
        a[1] = AD_NULLV;
    } else if (nargs < 1) {
        return ad_err_raise_v(t, vm->exc_TypeError,
                              "sum() takes at least 1 positional argument (0 given)");
    } else if (!ad_args_parse(t, "sum", args, nargs, kwnames, names, 2, 2, 1, a)) {
        return AD_NULLV;
    }
    AdValue result = AD_IS_NULL(a[1]) ? ad_small_int(0) : a[1];
    if (sum_fast(t, a[0], result, &result)) return result;
    if (ad_is_str(t, result))
        return ad_err_raise_v(t, vm->exc_TypeError, "sum() can't sum strings [use ''.join(seq) instead]");
    if (ad_is_instance_of(t, result, vm->type_bytes))
        return ad_err_raise_v(t, vm->exc_TypeError, "sum() can't sum bytes [use b''.join(seq) instead]");
    if (ad_is_instance_of(t, result, vm->type_bytearray))
        return ad_err_raise_v(t, vm->exc_TypeError,
                              "sum() can't sum bytearray [use b''.join(seq) instead]");
    AdValue it = ad_rt_getiter(t, a[0]);
    if (AD_IS_NULL(it)) return AD_NULLV;
    int mark = ad_gc_root_mark(t);
    ad_gc_push_root(t, it);
    int slot = t->nroots;
    ad_gc_push_root(t, result);
    for (;;) {
        AdValue item;
        int r = ad_rt_next(t, it, &item);
        if (r < 0) return AD_NULLV;
        if (r == 0) break;
        if (sum_step_fast(&result, item)) {
            t->roots[slot] = result;
            continue;
        }
        ad_gc_push_root(t, item);
        AdValue s = ad_rt_binop(t, AD_BINOP_ADD, result, item);
        t->nroots--;
        if (AD_IS_NULL(s)) return AD_NULLV;
        result = s;
        t->roots[slot] = result;
    }
    ad_gc_root_restore(t, mark);
    return result;
}

/* min() and max(): `op` is AD_CMP_LT or AD_CMP_GT, the test a new best must pass. */
static AdValue minmax(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames, int op,
                      const char *name) {
    AdVM *vm = t->vm;
    AdValue key = AD_NULLV, dflt = AD_NULLV;
    for (size_t k = 0; kwnames && k < kwnames->len; k++) {
        AdStr *kw = AD_AS(AdStr, kwnames->items[k]);
        if (ad_str_eq_cstr(kw, "key")) key = args[nargs + (int)k];
        else if (ad_str_eq_cstr(kw, "default")) dflt = args[nargs + (int)k];
        else
            return ad_err_raise_v(t, vm->exc_TypeError, "'%s' is an invalid keyword argument for %s()",
                                  kw->data, name);
    }
    if (nargs == 0)
        return ad_err_raise_v(t, vm->exc_TypeError, "%s expected at least 1 argument, got 0", name);
    if (nargs > 1 && !AD_IS_NULL(dflt))
        return ad_err_raise_v(t, vm->exc_TypeError,
                              "Cannot specify a default for %s() with multiple positional arguments",
                              name);
    if (AD_IS_NONE(key)) key = AD_NULLV;
    int mark = ad_gc_root_mark(t);
    AdValue it = AD_NULLV;
    if (nargs == 1) {
        it = ad_rt_getiter(t, args[0]);
        if (AD_IS_NULL(it)) return AD_NULLV;
    }
    ad_gc_push_root(t, it);
    int slot = t->nroots;
    ad_gc_push_root(t, AD_NULLV); /* best item */
    ad_gc_push_root(t, AD_NULLV); /* its key */
    for (int i = 0;; i++) {
        AdValue item;
        if (nargs == 1) {
            int r = ad_rt_next(t, it, &item);
            if (r < 0) return AD_NULLV;
            if (r == 0) break;
        } else {
            if (i >= nargs) break;
            item = args[i];
        }
        ad_gc_push_root(t, item);
        AdValue k = item;
        if (!AD_IS_NULL(key)) {
            k = ad_rt_call1(t, key, item);
            if (AD_IS_NULL(k)) return AD_NULLV;
        }
        ad_gc_push_root(t, k);
        if (AD_IS_NULL(t->roots[slot])) {
            t->roots[slot] = item;
            t->roots[slot + 1] = k;
        } else {
            int better = ad_rt_compare_bool(t, op, k, t->roots[slot + 1]);
            if (better < 0) return AD_NULLV;
            if (better) {
                t->roots[slot] = item;
                t->roots[slot + 1] = k;
            }
        }
        t->nroots -= 2;
    }
    AdValue best = t->roots[slot];
    ad_gc_root_restore(t, mark);
    if (!AD_IS_NULL(best)) return best;
    if (!AD_IS_NULL(dflt)) return dflt;
    return ad_err_raise_v(t, vm->exc_ValueError, "%s() arg is an empty sequence", name);
}

static AdValue bi_min(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    return minmax(t, args, nargs, kwnames, AD_CMP_LT, "min");
}

static AdValue bi_max(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    return minmax(t, args, nargs, kwnames, AD_CMP_GT, "max");
}

/* any() / all(): stop at the first item whose truth is `stop_on`. */
static AdValue any_all(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames, bool stop_on,
                       const char *name) {
    if (!ad_args_check(t, name, nargs, kwnames, 1, 1)) return AD_NULLV;
    AdValue it = ad_rt_getiter(t, args[0]);
    if (AD_IS_NULL(it)) return AD_NULLV;
    ad_gc_push_root(t, it);
    for (;;) {
        AdValue item;
        int r = ad_rt_next(t, it, &item);
        if (r < 0) return AD_NULLV;
        if (r == 0) break;
        ad_gc_push_root(t, item);
        int truth = ad_rt_truthy(t, item);
        t->nroots--;
        if (truth < 0) return AD_NULLV;
        if ((bool)truth == stop_on) return ad_bool(stop_on);
    }
    return ad_bool(!stop_on);
}

static AdValue bi_any(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    return any_all(t, args, nargs, kwnames, true, "any");
}

static AdValue bi_all(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    return any_all(t, args, nargs, kwnames, false, "all");
}

static AdValue bi_sorted(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    AdVM *vm = t->vm;
    if (nargs != 1)
        return ad_err_raise_v(t, vm->exc_TypeError, "sorted expected 1 argument, got %d", nargs);
    AdValue key = AD_NONE, reverse = AD_FALSE;
    int nkw = kwnames ? (int)kwnames->len : 0;
    if (nkw > 2)
        return ad_err_raise_v(t, vm->exc_TypeError, "sort() takes at most 2 keyword arguments (%d given)",
                              nkw);
    for (int k = 0; k < nkw; k++) {
        AdStr *kw = AD_AS(AdStr, kwnames->items[k]);
        if (ad_str_eq_cstr(kw, "key")) key = args[1 + k];
        else if (ad_str_eq_cstr(kw, "reverse")) reverse = args[1 + k];
        else
            return ad_err_raise_v(t, vm->exc_TypeError, "'%s' is an invalid keyword argument for sort()",
                                  kw->data);
    }
    int64_t rev = 0;
    if (!AD_IS_BOOL(reverse)) {
        if (AD_IS_FLOAT(reverse))
            return ad_err_raise_v(t, vm->exc_TypeError, "'float' object cannot be interpreted as an integer");
        if (!ad_rt_index(t, reverse, &rev)) return AD_NULLV;
    } else {
        rev = reverse.as.i;
    }
    AdValue l = ad_sequence_to_list(t, args[0]);
    if (AD_IS_NULL(l)) return AD_NULLV;
    ad_gc_push_root(t, l);
    if (!ad_list_sort(t, AD_AS(AdList, l), key, rev != 0)) return AD_NULLV;
    return l;
}

/* ---- numbers: abs, round, divmod, pow, bin/oct/hex, chr, ord, hash, id ----------------- */

static AdValue bi_abs(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    if (!ad_args_check(t, "abs", nargs, kwnames, 1, 1)) return AD_NULLV;
    AdValue v = args[0];
    if (AD_IS_INT(v) || AD_IS_BOOL(v)) {
        if (v.as.i >= 0) return ad_small_int(v.as.i);
        return ad_rt_unary(t, AD_UNARY_NEG, ad_small_int(v.as.i));
    }
    if (AD_IS_FLOAT(v)) return ad_float(fabs(v.as.f));
    AdValue r = ad_rt_call_special(t, v, t->vm->name.abs, NULL, 0);
    if (AD_IS_NULL(r) && !ad_err_occurred(t))
        return ad_err_raise_v(t, t->vm->exc_TypeError, "bad operand type for abs(): '%s'",
                              ad_type_name(ad_type_of(t, v)));
    return r;
}

static AdValue bi_round(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    static const char *const names[] = {"number", "ndigits"};
    AdValue a[2];
    if (!ad_args_parse(t, "round", args, nargs, kwnames, names, 2, 2, 1, a)) return AD_NULLV;
    bool with_digits = !AD_IS_NULL(a[1]) && !AD_IS_NONE(a[1]);
    AdValue r = ad_rt_call_special(t, a[0], t->vm->name.round, with_digits ? &a[1] : NULL,
                                   with_digits ? 1 : 0);
    if (AD_IS_NULL(r) && !ad_err_occurred(t))
        return ad_err_raise_v(t, t->vm->exc_TypeError, "type %s doesn't define __round__ method",
                              ad_type_name(ad_type_of(t, a[0])));
    return r;
}

static bool is_number(AdThread *t, AdValue v) {
    return AD_IS_INT(v) || AD_IS_BOOL(v) || AD_IS_FLOAT(v) || ad_is_int(t, v);
}

/* CPython's float_divmod. */
static AdValue float_divmod(AdThread *t, double vx, double wx) {
    if (wx == 0.0) return ad_err_raise_v(t, t->vm->exc_ZeroDivisionError, "float divmod()");
    double mod = fmod(vx, wx);
    double div = (vx - mod) / wx;
    if (mod) {
        if ((wx < 0) != (mod < 0)) {
            mod += wx;
            div -= 1.0;
        }
    } else {
        mod = copysign(0.0, wx);
    }
    double floordiv;
    if (div) {
        floordiv = floor(div);
        if (div - floordiv > 0.5) floordiv += 1.0;
    } else {
        floordiv = copysign(0.0, vx / wx);
    }
    AdTuple *r = ad_tuple_pack(t, 2, ad_float(floordiv), ad_float(mod));
    return r ? ad_obj(r) : AD_NULLV;
}

/* a.op(b), else b.rop(a) (first when b's type is a proper subclass of a's), skipping
 * NotImplemented; AD_NULLV with nothing raised when neither applies. */
static AdValue binary_dunder(AdThread *t, AdValue a, AdValue b, const char *op, const char *rop) {
    AdStr *sop = ad_str_intern_cstr(t, op), *srop = ad_str_intern_cstr(t, rop);
    if (!sop || !srop) return AD_NULLV;
    AdType *ta = ad_type_of(t, a), *tb = ad_type_of(t, b);
    bool reflected_first = ta != tb && ad_type_is_subtype(tb, ta);
    bool tried_reflected = false;
    if (reflected_first) {
        AdValue r = ad_rt_call_special(t, b, srop, &a, 1);
        if (AD_IS_NULL(r) && ad_err_occurred(t)) return AD_NULLV;
        if (!AD_IS_NULL(r) && !ad_is(r, t->vm->not_implemented)) return r;
        tried_reflected = true;
    }
    AdValue r = ad_rt_call_special(t, a, sop, &b, 1);
    if (AD_IS_NULL(r) && ad_err_occurred(t)) return AD_NULLV;
    if (!AD_IS_NULL(r) && !ad_is(r, t->vm->not_implemented)) return r;
    if (ta != tb && !tried_reflected) {
        r = ad_rt_call_special(t, b, srop, &a, 1);
        if (AD_IS_NULL(r) && ad_err_occurred(t)) return AD_NULLV;
        if (!AD_IS_NULL(r) && !ad_is(r, t->vm->not_implemented)) return r;
    }
    return AD_NULLV;
}

static AdValue bi_divmod(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    if (!ad_args_check(t, "divmod", nargs, kwnames, 2, 2)) return AD_NULLV;
    AdValue a = args[0], b = args[1];
    if ((AD_IS_INT(a) || AD_IS_BOOL(a)) && (AD_IS_INT(b) || AD_IS_BOOL(b)) && b.as.i != 0 &&
        !(a.as.i == INT64_MIN && b.as.i == -1)) {
        int64_t q = a.as.i / b.as.i, m = a.as.i % b.as.i;
        if (m != 0 && ((m < 0) != (b.as.i < 0))) {
            m += b.as.i;
            q -= 1;
        }
        AdTuple *r = ad_tuple_pack(t, 2, ad_small_int(q), ad_small_int(m));
        return r ? ad_obj(r) : AD_NULLV;
    }
    if ((AD_IS_FLOAT(a) && (AD_IS_FLOAT(b) || AD_IS_INT(b) || AD_IS_BOOL(b))) ||
        (AD_IS_FLOAT(b) && (AD_IS_INT(a) || AD_IS_BOOL(a))))
        return float_divmod(t, AD_IS_FLOAT(a) ? a.as.f : (double)a.as.i,
                            AD_IS_FLOAT(b) ? b.as.f : (double)b.as.i);
    AdValue r = binary_dunder(t, a, b, "__divmod__", "__rdivmod__");
    if (AD_IS_NULL(r) && !ad_err_occurred(t))
        return ad_err_raise_v(t, t->vm->exc_TypeError,
                              "unsupported operand type(s) for divmod(): '%s' and '%s'",
                              ad_type_name(ad_type_of(t, a)), ad_type_name(ad_type_of(t, b)));
    return r;
}

/* pow(base, exp, mod) for ints: modular exponentiation, negative exponents through the
 * modular inverse, the result taking the sign of mod (as CPython). */
static AdValue int_powmod(AdThread *t, AdValue base, AdValue exp, AdValue mod) {
    mpz_t b, e, m, r;
    mpz_inits(b, e, m, r, NULL);
    ad_int_to_mpz(base, b);
    ad_int_to_mpz(exp, e);
    ad_int_to_mpz(mod, m);
    AdValue res = AD_NULLV;
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
    mpz_powm(r, b, e, m);
    if (negmod && mpz_sgn(r) != 0) mpz_sub(r, r, m);
    res = ad_int_from_mpz(t, r);
done:
    mpz_clears(b, e, m, r, NULL);
    return res;
}

static AdValue bi_pow(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    static const char *const names[] = {"base", "exp", "mod"};
    AdVM *vm = t->vm;
    AdValue a[3];
    if (!ad_args_parse(t, "pow", args, nargs, kwnames, names, 3, 3, 2, a)) return AD_NULLV;
    if (AD_IS_NULL(a[2]) || AD_IS_NONE(a[2])) return ad_rt_binop(t, AD_BINOP_POW, a[0], a[1]);
    if (ad_is_int(t, a[0]) && ad_is_int(t, a[1]) && ad_is_int(t, a[2]))
        return int_powmod(t, a[0], a[1], a[2]);
    if (is_number(t, a[0]) && is_number(t, a[1]) && is_number(t, a[2]))
        return ad_err_raise_v(t, vm->exc_TypeError,
                              "pow() 3rd argument not allowed unless all arguments are integers");
    AdStr *pow_name = vm->binop_names[AD_BINOP_POW];
    AdValue r = ad_rt_call_special(t, a[0], pow_name, &a[1], 2);
    if (AD_IS_NULL(r) && ad_err_occurred(t)) return AD_NULLV;
    if (!AD_IS_NULL(r) && !ad_is(r, vm->not_implemented)) return r;
    return ad_err_raise_v(t, vm->exc_TypeError,
                          "unsupported operand type(s) for ** or pow(): '%s', '%s', '%s'",
                          ad_type_name(ad_type_of(t, a[0])), ad_type_name(ad_type_of(t, a[1])),
                          ad_type_name(ad_type_of(t, a[2])));
}

/* bin/oct/hex: the __index__ of v in `base` with `prefix` after any minus sign. */
static AdValue int_to_base(AdThread *t, AdValue v, int base, const char *prefix) {
    AdValue iv = ad_rt_index_value(t, v);
    if (AD_IS_NULL(iv)) return AD_NULLV;
    if (AD_IS_INT(iv) || AD_IS_BOOL(iv)) {
        int64_t i = iv.as.i;
        uint64_t mag = i < 0 ? (uint64_t)0 - (uint64_t)i : (uint64_t)i;
        char buf[80];
        char *p = buf + sizeof buf;
        *--p = '\0';
        do {
            *--p = "0123456789abcdef"[mag % (uint64_t)base];
            mag /= (uint64_t)base;
        } while (mag);
        AdStr *s = ad_str_printf(t, "%s%s%s", i < 0 ? "-" : "", prefix, p);
        return s ? ad_obj(s) : AD_NULLV;
    }
    mpz_t z;
    mpz_init(z);
    ad_int_to_mpz(iv, z);
    bool neg = mpz_sgn(z) < 0;
    mpz_abs(z, z);
    char *digits = mpz_get_str(NULL, base, z);
    mpz_clear(z);
    AdBuf b;
    ad_buf_init(&b);
    bool ok = (!neg || ad_buf_addc(t, &b, '-')) && ad_buf_adds(t, &b, prefix) &&
              ad_buf_adds(t, &b, digits);
    void (*freefn)(void *, size_t);
    mp_get_memory_functions(NULL, NULL, &freefn);
    freefn(digits, strlen(digits) + 1);
    if (!ok) {
        ad_buf_free(&b);
        return AD_NULLV;
    }
    AdStr *s = ad_buf_finish(t, &b);
    return s ? ad_obj(s) : AD_NULLV;
}

static AdValue bi_bin(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    if (!ad_args_check(t, "bin", nargs, kwnames, 1, 1)) return AD_NULLV;
    return int_to_base(t, args[0], 2, "0b");
}

static AdValue bi_oct(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    if (!ad_args_check(t, "oct", nargs, kwnames, 1, 1)) return AD_NULLV;
    return int_to_base(t, args[0], 8, "0o");
}

static AdValue bi_hex(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    if (!ad_args_check(t, "hex", nargs, kwnames, 1, 1)) return AD_NULLV;
    return int_to_base(t, args[0], 16, "0x");
}

static AdValue bi_chr(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    if (!ad_args_check(t, "chr", nargs, kwnames, 1, 1)) return AD_NULLV;
    if (AD_IS_FLOAT(args[0]) || (AD_IS_OBJ(args[0]) && !ad_is_int(t, args[0]))) {
        AdValue iv = ad_rt_index_value(t, args[0]);
        if (AD_IS_NULL(iv)) return AD_NULLV;
        args[0] = iv;
    }
    int64_t cp;
    if (!ad_int_to_i64(t, args[0], &cp)) {
        if (ad_err_matches(t, t->vm->exc_OverflowError)) {
            ad_err_clear(t);
            return ad_err_raise_v(t, t->vm->exc_OverflowError, "Python int too large to convert to C int");
        }
        return AD_NULLV;
    }
    if (cp < 0 || cp > 0x10FFFF) {
        if (cp > INT32_MAX || cp < INT32_MIN)
            return ad_err_raise_v(t, t->vm->exc_OverflowError, "Python int too large to convert to C int");
        return ad_err_raise_v(t, t->vm->exc_ValueError, "chr() arg not in range(0x110000)");
    }
    char buf[4];
    size_t n;
    uint32_t c = (uint32_t)cp;
    if (c < 0x80) {
        buf[0] = (char)c;
        n = 1;
    } else if (c < 0x800) {
        buf[0] = (char)(0xC0 | (c >> 6));
        buf[1] = (char)(0x80 | (c & 0x3F));
        n = 2;
    } else if (c < 0x10000) {
        buf[0] = (char)(0xE0 | (c >> 12));
        buf[1] = (char)(0x80 | ((c >> 6) & 0x3F));
        buf[2] = (char)(0x80 | (c & 0x3F));
        n = 3;
    } else {
        buf[0] = (char)(0xF0 | (c >> 18));
        buf[1] = (char)(0x80 | ((c >> 12) & 0x3F));
        buf[2] = (char)(0x80 | ((c >> 6) & 0x3F));
        buf[3] = (char)(0x80 | (c & 0x3F));
        n = 4;
    }
    AdStr *s = ad_str_new(t, buf, n);
    return s ? ad_obj(s) : AD_NULLV;
}

static AdValue bi_ord(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    if (!ad_args_check(t, "ord", nargs, kwnames, 1, 1)) return AD_NULLV;
    AdValue v = args[0];
    AdVM *vm = t->vm;
    if (ad_is_str(t, v)) {
        AdStr *s = AD_AS(AdStr, v);
        if (s->nchars != 1)
            return ad_err_raise_v(t, vm->exc_TypeError,
                                  "ord() expected a character, but string of length %zu found",
                                  s->nchars);
        const unsigned char *p = (const unsigned char *)s->data;
        uint32_t c = p[0];
        if (c >= 0xF0) c = ((c & 7u) << 18) | ((p[1] & 63u) << 12) | ((p[2] & 63u) << 6) | (p[3] & 63u);
        else if (c >= 0xE0) c = ((c & 15u) << 12) | ((p[1] & 63u) << 6) | (p[2] & 63u);
        else if (c >= 0xC0) c = ((c & 31u) << 6) | (p[1] & 63u);
        return ad_small_int(c);
    }
    const uint8_t *data = NULL;
    size_t len = 0;
    if (ad_is_instance_of(t, v, vm->type_bytes)) {
        data = AD_AS(AdBytes, v)->data;
        len = AD_AS(AdBytes, v)->len;
    } else if (ad_is_instance_of(t, v, vm->type_bytearray)) {
        data = AD_AS(AdByteArray, v)->data;
        len = AD_AS(AdByteArray, v)->len;
    } else {
        return ad_err_raise_v(t, vm->exc_TypeError,
                              "ord() expected string of length 1, but %s found",
                              ad_type_name(ad_type_of(t, v)));
    }
    if (len != 1)
        return ad_err_raise_v(t, vm->exc_TypeError,
                              "ord() expected a character, but string of length %zu found", len);
    return ad_small_int(data[0]);
}

static AdValue bi_hash(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    if (!ad_args_check(t, "hash", nargs, kwnames, 1, 1)) return AD_NULLV;
    int64_t h;
    if (!ad_rt_hash(t, args[0], &h)) return AD_NULLV;
    return ad_small_int(h);
}

/* id(): the address of a heap object; an unboxed value gets a number above every address
 * (tag << 64 | bits) so that id(a) == id(b) exactly when `a is b`. */
static AdValue bi_id(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    if (!ad_args_check(t, "id", nargs, kwnames, 1, 1)) return AD_NULLV;
    AdValue v = args[0];
    if (AD_IS_OBJ(v)) return ad_small_int((int64_t)(uintptr_t)v.as.o);
    uint64_t bits = 0;
    if (AD_IS_FLOAT(v)) {
        double d = v.as.f;
        if (d != d) d = NAN;
        memcpy(&bits, &d, sizeof bits);
    } else if (AD_IS_INT(v) || AD_IS_BOOL(v)) {
        bits = (uint64_t)v.as.i;
    }
    mpz_t z;
    mpz_init_set_ui(z, v.tag);
    mpz_mul_2exp(z, z, 64);
    mpz_t lo;
    mpz_init(lo);
    mpz_import(lo, 1, 1, sizeof bits, 0, 0, &bits);
    mpz_add(z, z, lo);
    AdValue r = ad_int_from_mpz(t, z);
    mpz_clears(z, lo, NULL);
    return r;
}

/* ---- objects: repr, ascii, format, callable, isinstance, attributes ---------------------- */

static AdValue bi_repr(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    if (!ad_args_check(t, "repr", nargs, kwnames, 1, 1)) return AD_NULLV;
    return ad_rt_repr(t, args[0]);
}

static AdValue bi_ascii(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    if (!ad_args_check(t, "ascii", nargs, kwnames, 1, 1)) return AD_NULLV;
    return ad_rt_ascii(t, args[0]);
}

static AdValue bi_format(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    static const char *const names[] = {"value", "format_spec"};
    AdValue a[2];
    if (!ad_args_parse(t, "format", args, nargs, kwnames, names, 2, 2, 1, a)) return AD_NULLV;
    AdValue spec = AD_IS_NULL(a[1]) ? ad_obj(t->vm->name.empty) : a[1];
    if (!ad_is_str(t, spec))
        return ad_err_raise_v(t, t->vm->exc_TypeError, "format() argument 2 must be str, not %T", spec);
    return ad_rt_format(t, a[0], spec);
}

static AdValue bi_callable(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    if (!ad_args_check(t, "callable", nargs, kwnames, 1, 1)) return AD_NULLV;
    return ad_bool(ad_rt_callable(t, args[0]));
}

static AdValue bi_isinstance(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    if (!ad_args_check(t, "isinstance", nargs, kwnames, 2, 2)) return AD_NULLV;
    int r = ad_rt_isinstance(t, args[0], args[1]);
    return r < 0 ? AD_NULLV : ad_bool(r);
}

static AdValue bi_issubclass(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    if (!ad_args_check(t, "issubclass", nargs, kwnames, 2, 2)) return AD_NULLV;
    int r = ad_rt_issubclass(t, args[0], args[1]);
    return r < 0 ? AD_NULLV : ad_bool(r);
}

static bool check_attr_name(AdThread *t, AdValue name) {
    if (ad_is_str(t, name)) return true;
    return ad_err_raise(t, t->vm->exc_TypeError, "attribute name must be string, not '%s'",
                        ad_type_name(ad_type_of(t, name)));
}

/* Attribute names are interned so that lookups hit the identity fast paths. */
static AdStr *attr_name(AdThread *t, AdValue name) {
    AdStr *s = AD_AS(AdStr, name);
    if (s->obj.type != t->vm->type_str) return ad_str_intern(t, s->data, s->len);
    return ad_str_intern_str(t, s);
}

static AdValue bi_getattr(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    if (!ad_args_check(t, "getattr", nargs, kwnames, 2, 3)) return AD_NULLV;
    if (!check_attr_name(t, args[1])) return AD_NULLV;
    AdStr *name = attr_name(t, args[1]);
    if (!name) return AD_NULLV;
    if (nargs == 2) return ad_rt_getattr(t, args[0], name);
    AdValue out;
    int r = ad_rt_lookup_attr(t, args[0], name, &out);
    if (r < 0) return AD_NULLV;
    return r ? out : args[2];
}

static AdValue bi_hasattr(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    if (!ad_args_check(t, "hasattr", nargs, kwnames, 2, 2)) return AD_NULLV;
    if (!check_attr_name(t, args[1])) return AD_NULLV;
    AdStr *name = attr_name(t, args[1]);
    if (!name) return AD_NULLV;
    AdValue out;
    int r = ad_rt_lookup_attr(t, args[0], name, &out);
    return r < 0 ? AD_NULLV : ad_bool(r);
}

static AdValue bi_setattr(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    if (!ad_args_check(t, "setattr", nargs, kwnames, 3, 3)) return AD_NULLV;
    if (!check_attr_name(t, args[1])) return AD_NULLV;
    AdStr *name = attr_name(t, args[1]);
    if (!name) return AD_NULLV;
    return ad_rt_setattr(t, args[0], name, args[2]) ? AD_NONE : AD_NULLV;
}

static AdValue bi_delattr(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    if (!ad_args_check(t, "delattr", nargs, kwnames, 2, 2)) return AD_NULLV;
    if (!check_attr_name(t, args[1])) return AD_NULLV;
    AdStr *name = attr_name(t, args[1]);
    if (!name) return AD_NULLV;
    return ad_rt_delattr(t, args[0], name) ? AD_NONE : AD_NULLV;
}

static AdValue bi_len(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    if (!ad_args_check(t, "len", nargs, kwnames, 1, 1)) return AD_NULLV;
    int64_t n = ad_rt_len(t, args[0]);
    return n < 0 ? AD_NULLV : ad_small_int(n);
}

/* exit() / quit(): SystemExit(code), as site.Quitter does. */
static AdValue bi_exit(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    static const char *const names[] = {"code"};
    AdValue a[1];
    if (!ad_args_parse(t, "exit", args, nargs, kwnames, names, 1, 1, 0, a)) return AD_NULLV;
    AdTuple *targs = t->vm->empty_tuple;
    if (!AD_IS_NULL(a[0])) {
        targs = ad_tuple_from_array(t, a, 1);
        if (!targs) return AD_NULLV;
    }
    AdValue exc = ad_exc_new(t, t->vm->exc_SystemExit, targs);
    if (AD_IS_NULL(exc)) return AD_NULLV;
    ad_err_raise_obj(t, exc);
    return AD_NULLV;
}

static AdValue bi_aiter(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    if (!ad_args_check(t, "aiter", nargs, kwnames, 1, 1)) return AD_NULLV;
    AdValue r = ad_rt_call_special(t, args[0], t->vm->name.aiter, NULL, 0);
    if (AD_IS_NULL(r) && !ad_err_occurred(t))
        return ad_err_raise_v(t, t->vm->exc_TypeError, "'%s' object is not an async iterable",
                              ad_type_name(ad_type_of(t, args[0])));
    return r;
}

static AdValue bi_anext(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    if (!ad_args_check(t, "anext", nargs, kwnames, 1, 1)) return AD_NULLV;
    AdValue r = ad_rt_call_special(t, args[0], t->vm->name.anext, NULL, 0);
    if (AD_IS_NULL(r) && !ad_err_occurred(t))
        return ad_err_raise_v(t, t->vm->exc_TypeError, "'%s' object is not an async iterator",
                              ad_type_name(ad_type_of(t, args[0])));
    return r;
}

/* ---- the module --------------------------------------------------------------------- */

static const AdMethodDef builtin_functions[] = {
    {"print", bi_print, AD_METH_INSTANCE, NULL,
     "print(value, ..., sep=' ', end='\\n', file=sys.stdout, flush=False)\n\n"
     "Prints the values to a stream, or to sys.stdout by default."},
    {"input", bi_input, AD_METH_INSTANCE, NULL, "Read a string from standard input."},
    {"open", bi_open, AD_METH_INSTANCE, NULL, "Open file and return a stream."},
    {"len", bi_len, AD_METH_INSTANCE, NULL, "Return the number of items in a container."},
    {"iter", bi_iter, AD_METH_INSTANCE, NULL, NULL},
    {"next", bi_next, AD_METH_INSTANCE, NULL, NULL},
    {"sum", bi_sum, AD_METH_INSTANCE, NULL, NULL},
    {"min", bi_min, AD_METH_INSTANCE, NULL, NULL},
    {"max", bi_max, AD_METH_INSTANCE, NULL, NULL},
    {"any", bi_any, AD_METH_INSTANCE, NULL, NULL},
    {"all", bi_all, AD_METH_INSTANCE, NULL, NULL},
    {"sorted", bi_sorted, AD_METH_INSTANCE, NULL, NULL},
    {"abs", bi_abs, AD_METH_INSTANCE, NULL, NULL},
    {"round", bi_round, AD_METH_INSTANCE, NULL, NULL},
    {"divmod", bi_divmod, AD_METH_INSTANCE, NULL, NULL},
    {"pow", bi_pow, AD_METH_INSTANCE, NULL, NULL},
    {"bin", bi_bin, AD_METH_INSTANCE, NULL, NULL},
    {"oct", bi_oct, AD_METH_INSTANCE, NULL, NULL},
    {"hex", bi_hex, AD_METH_INSTANCE, NULL, NULL},
    {"chr", bi_chr, AD_METH_INSTANCE, NULL, NULL},
    {"ord", bi_ord, AD_METH_INSTANCE, NULL, NULL},
    {"hash", bi_hash, AD_METH_INSTANCE, NULL, NULL},
    {"id", bi_id, AD_METH_INSTANCE, NULL, NULL},
    {"repr", bi_repr, AD_METH_INSTANCE, NULL, NULL},
    {"ascii", bi_ascii, AD_METH_INSTANCE, NULL, NULL},
    {"format", bi_format, AD_METH_INSTANCE, NULL, NULL},
    {"callable", bi_callable, AD_METH_INSTANCE, NULL, NULL},
    {"isinstance", bi_isinstance, AD_METH_INSTANCE, NULL, NULL},
    {"issubclass", bi_issubclass, AD_METH_INSTANCE, NULL, NULL},
    {"getattr", bi_getattr, AD_METH_INSTANCE, NULL, NULL},
    {"hasattr", bi_hasattr, AD_METH_INSTANCE, NULL, NULL},
    {"setattr", bi_setattr, AD_METH_INSTANCE, NULL, NULL},
    {"delattr", bi_delattr, AD_METH_INSTANCE, NULL, NULL},
    {"exit", bi_exit, AD_METH_INSTANCE, NULL, NULL},
    {"quit", bi_exit, AD_METH_INSTANCE, NULL, NULL},
    {"aiter", bi_aiter, AD_METH_INSTANCE, NULL, NULL},
    {"anext", bi_anext, AD_METH_INSTANCE, NULL, NULL},
    {"globals", ad_bi_globals, AD_METH_INSTANCE, NULL, NULL},
    {"locals", ad_bi_locals, AD_METH_INSTANCE, NULL, NULL},
    {"vars", ad_bi_vars, AD_METH_INSTANCE, NULL, NULL},
    {"dir", ad_bi_dir, AD_METH_INSTANCE, NULL, NULL},
    {"eval", ad_bi_eval, AD_METH_INSTANCE, NULL, NULL},
    {"exec", ad_bi_exec, AD_METH_INSTANCE, NULL, NULL},
    {"compile", ad_bi_compile, AD_METH_INSTANCE, NULL, NULL},
    {"__import__", ad_bi_import, AD_METH_INSTANCE, NULL, NULL},
    {"__build_class__", ad_bi_build_class, AD_METH_INSTANCE, NULL, NULL},
    {NULL, NULL, 0, NULL, NULL},
};

/* The builtin types scripts see by name (others, like list_iterator, stay nameless), as
 * fields of AdVM in AD_BUILTIN_TYPES order. */
static const size_t public_types[] = {
    offsetof(AdVM, type_type),         offsetof(AdVM, type_object),
    offsetof(AdVM, type_bool),         offsetof(AdVM, type_int),
    offsetof(AdVM, type_float),        offsetof(AdVM, type_str),
    offsetof(AdVM, type_bytes),        offsetof(AdVM, type_bytearray),
    offsetof(AdVM, type_tuple),        offsetof(AdVM, type_list),
    offsetof(AdVM, type_dict),         offsetof(AdVM, type_set),
    offsetof(AdVM, type_frozenset),    offsetof(AdVM, type_range),
    offsetof(AdVM, type_slice),        offsetof(AdVM, type_property),
    offsetof(AdVM, type_classmethod),  offsetof(AdVM, type_staticmethod),
    offsetof(AdVM, type_super),        offsetof(AdVM, type_complex_unused),
    offsetof(AdVM, type_enumerate),    offsetof(AdVM, type_zip),
    offsetof(AdVM, type_map),          offsetof(AdVM, type_filter),
    offsetof(AdVM, type_reversed),
};

bool ad_builtins_setup(AdThread *t) {
    AdVM *vm = t->vm;
    if (!ad_type_init_builtin(t, vm->type_callable_iterator, "callable_iterator", vm->type_object,
                              sizeof(AdCallIter), calliter_trace, NULL, calliter_methods, 0))
        return false;
    if (!ad_file_setup(t) || !ad_io_types_setup(t)) return false;
    AdModule *m = ad_module_new_native(t, "builtins", builtin_functions);
    if (!m) return false;
    vm->builtins_module = m;
    vm->builtins = m->dict;
    AdDict *d = m->dict;
    /* A type is installed only once its file has set it up (its name is set), so a type
     * listed here but not implemented (complex) is simply absent. */
    for (size_t i = 0; i < sizeof public_types / sizeof public_types[0]; i++) {
        AdType *type = *(AdType **)((char *)vm + public_types[i]);
        if (type && type->name && !ad_dict_set_str(t, d, type->name, ad_obj(type)))
            return false;
    }
#define X(id, base)                                                                         \
    if (!ad_dict_set_str(t, d, vm->exc_##id->name, ad_obj(vm->exc_##id))) return false;
    AD_EXCEPTIONS(X)
#undef X
    if (!ad_dict_set_cstr(t, d, "EnvironmentError", ad_obj(vm->exc_OSError)) ||
        !ad_dict_set_cstr(t, d, "IOError", ad_obj(vm->exc_OSError)) ||
        !ad_dict_set_cstr(t, d, "None", AD_NONE) || !ad_dict_set_cstr(t, d, "True", AD_TRUE) ||
        !ad_dict_set_cstr(t, d, "False", AD_FALSE) ||
        !ad_dict_set_cstr(t, d, "Ellipsis", vm->ellipsis) ||
        !ad_dict_set_cstr(t, d, "NotImplemented", vm->not_implemented) ||
        !ad_dict_set_cstr(t, d, "__debug__", AD_TRUE))
        return false;
    AdStr *doc = ad_str_from_cstr(t, "Built-in functions, exceptions, and other objects.");
    if (!doc || !ad_dict_set_str(t, d, vm->name.doc, ad_obj(doc))) return false;
    return true;
}
