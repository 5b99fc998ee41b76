/*
 * builtins_exec.c - the builtins that work on namespaces and code: globals, locals, vars,
 * dir, eval, exec, compile, __import__ and __build_class__.
 *
 * "The caller" is t->frame: natives run without a frame of their own, so the innermost
 * script frame is the one that called the builtin. A function frame keeps its variables in
 * slots, so locals() there is a snapshot dict refreshed on each call (writes to it do not
 * reach the function, as in CPython); module, class and exec frames hand out their real
 * namespace dict.
 */
#include <string.h>

#include "builtins.h"
#include "core.h"

/* ---- frames and namespaces ------------------------------------------------------------- */

AdDict *ad_frame_locals(AdThread *t, AdFrame *f) {
    AdCode *co = f->code;
    if (!(co->flags & AD_CODE_FUNCTION)) return f->locals ? f->locals : f->globals;
    /* A function frame keeps one snapshot dict in f->locals (its *_NAME ops never run, so
     * nothing else reads it), refreshed on every call as CPython 3.11's f_locals: names
     * exec() added to it stay visible to later locals() calls. */
    AdDict *d = f->locals;
    if (!d) {
        d = ad_dict_new(t);
        if (!d) return NULL;
        f->locals = d;
    }
    int mark = ad_gc_root_mark(t);
    ad_gc_push_obj(t, d);
    for (uint32_t i = 0; i < co->nlocals; i++) {
        AdValue v = f->slots[i];
        if (AD_IS_NULL(v)) {
            if (ad_dict_del_str(t, d, co->localnames[i]) < 0) return NULL;
        } else if (!ad_dict_set_str(t, d, co->localnames[i], v)) {
            return NULL;
        }
    }
    uint32_t ncells = co->ncells + co->nfree;
    for (uint32_t i = 0; i < ncells; i++) {
        AdValue c = f->slots[co->nlocals + i];
        AdStr *name = i < co->ncells ? co->cellnames[i] : co->freenames[i - co->ncells];
        if (!ad_is_type(c, t->vm->type_cell)) continue;
        AdValue v = AD_AS(AdCell, c)->value;
        if (AD_IS_NULL(v)) {
            if (ad_dict_del_str(t, d, name) < 0) return NULL;
        } else if (!ad_dict_set_str(t, d, name, v)) {
            return NULL;
        }
    }
    ad_gc_root_restore(t, mark);
    return d;
}

AdValue ad_bi_globals(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    (void)args;
    if (!ad_args_check(t, "globals", nargs, kwnames, 0, 0)) return AD_NULLV;
    if (t->frame) return ad_obj(t->frame->globals);
    AdDict *d = ad_dict_new(t);
    return d ? ad_obj(d) : AD_NULLV;
}

AdValue ad_bi_locals(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    (void)args;
    if (!ad_args_check(t, "locals", nargs, kwnames, 0, 0)) return AD_NULLV;
    AdDict *d = t->frame ? ad_frame_locals(t, t->frame) : ad_dict_new(t);
    return d ? ad_obj(d) : AD_NULLV;
}

AdValue ad_bi_vars(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    if (!ad_args_check(t, "vars", nargs, kwnames, 0, 1)) return AD_NULLV;
    if (nargs == 0) return ad_bi_locals(t, args, 0, NULL);
    AdValue d;
    int r = ad_rt_lookup_attr(t, args[0], t->vm->name.dict, &d);
    if (r < 0) return AD_NULLV;
    if (r == 0)
        return ad_err_raise_v(t, t->vm->exc_TypeError, "vars() argument must have __dict__ attribute");
    return d;
}

AdValue ad_bi_dir(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    if (!ad_args_check(t, "dir", nargs, kwnames, 0, 1)) return AD_NULLV;
    AdValue names;
    if (nargs == 0) {
        AdDict *d = t->frame ? ad_frame_locals(t, t->frame) : ad_dict_new(t);
        if (!d) return AD_NULLV;
        names = ad_obj(d);
    } else {
        AdStr *dir = ad_str_intern_cstr(t, "__dir__");
        if (!dir) return AD_NULLV;
        names = ad_rt_call_special(t, args[0], dir, NULL, 0);
        if (AD_IS_NULL(names)) {
            if (ad_err_occurred(t)) return AD_NULLV;
            return ad_err_raise_v(t, t->vm->exc_TypeError, "object does not provide __dir__");
        }
    }
    ad_gc_push_root(t, names);
    AdValue l = ad_sequence_to_list(t, names);
    if (AD_IS_NULL(l)) return AD_NULLV;
    ad_gc_push_root(t, l);
    if (!ad_list_sort(t, AD_AS(AdList, l), AD_NONE, false)) return AD_NULLV;
    return l;
}

/* ---- eval, exec, compile ------------------------------------------------------------- */

/* The namespaces eval/exec run in: the given ones, else the caller's; globals gain
 * __builtins__ when they lack it. */
static bool namespaces(AdThread *t, bool is_exec, AdValue g, AdValue l, AdDict **globals,
                       AdDict **locals) {
    AdVM *vm = t->vm;
    bool have_g = !AD_IS_NULL(g) && !AD_IS_NONE(g), have_l = !AD_IS_NULL(l) && !AD_IS_NONE(l);
    if (have_g && !ad_is_instance_of(t, g, vm->type_dict)) {
        if (is_exec)
            return ad_err_raise(t, vm->exc_TypeError, "exec() globals must be a dict, not %T", g);
        return ad_err_raise(t, vm->exc_TypeError, "globals must be a dict");
    }
    if (have_l && !ad_is_instance_of(t, l, vm->type_dict)) {
        /* CPython takes any mapping; Adder's name lookups need a real dict. */
        if (is_exec)
            return ad_err_raise(t, vm->exc_TypeError, "locals must be a mapping or None, not %T", l);
        return ad_err_raise(t, vm->exc_TypeError, "locals must be a mapping");
    }
    if (have_g) {
        *globals = AD_AS(AdDict, g);
        *locals = have_l ? AD_AS(AdDict, l) : *globals;
    } else if (t->frame) {
        *globals = t->frame->globals;
        if (have_l) {
            *locals = AD_AS(AdDict, l);
        } else {
            *locals = ad_frame_locals(t, t->frame);
            if (!*locals) return false;
        }
    } else {
        *globals = ad_dict_new(t);
        if (!*globals) return false;
        *locals = have_l ? AD_AS(AdDict, l) : *globals;
    }
    ad_gc_push_obj(t, *globals);
    ad_gc_push_obj(t, *locals);
    if (AD_IS_NULL(ad_dict_get_str(*globals, vm->name.builtins)) &&
        !ad_dict_set_str(t, *globals, vm->name.builtins, ad_obj(vm->builtins_module)))
        return false;
    return true;
}

/* The text of a str / bytes / bytearray source, or NULL (nothing raised) for other types. */
static const char *source_text(AdThread *t, AdValue v, size_t *len) {
    AdVM *vm = t->vm;
    if (ad_is_str(t, v)) {
        *len = AD_AS(AdStr, v)->len;
        return AD_AS(AdStr, v)->data;
    }
    if (ad_is_instance_of(t, v, vm->type_bytes)) {
        *len = AD_AS(AdBytes, v)->len;
        return (const char *)AD_AS(AdBytes, v)->data;
    }
    if (ad_is_instance_of(t, v, vm->type_bytearray)) {
        *len = AD_AS(AdByteArray, v)->len;
        return AD_AS(AdByteArray, v)->data ? (const char *)AD_AS(AdByteArray, v)->data : "";
    }
    return NULL;
}

static AdCode *compile_text(AdThread *t, const char *src, size_t len, const char *filename,
                            int mode) {
    if (memchr(src, '\0', len))
        return ad_err_raise_p(t, t->vm->exc_SyntaxError, "source code string cannot contain null bytes");
    return ad_compile(t, src, len, filename, mode);
}

/* eval() and exec() share everything but the mode and the result. */
static AdValue run_source(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames, bool is_exec) {
    static const char *const names[] = {"source", "globals", "locals", "closure"};
    const char *fname = is_exec ? "exec" : "eval";
    AdVM *vm = t->vm;
    AdValue a[4];
    if (!is_exec) {
        if (!ad_args_check(t, "eval", nargs, kwnames, 1, 3)) return AD_NULLV;
        for (int i = 0; i < 3; i++) a[i] = i < nargs ? args[i] : AD_NULLV;
    } else {
        if (nargs < 1)
            return ad_err_raise_v(t, vm->exc_TypeError,
                                  "exec() takes at least 1 positional argument (0 given)");
        if (!ad_args_parse(t, "exec", args, nargs, kwnames, names, 4, 3, 1, a)) return AD_NULLV;
        if (!AD_IS_NULL(a[3]) && !AD_IS_NONE(a[3]))
            return ad_err_raise_v(t, vm->exc_TypeError, "exec() closure is not supported");
    }
    int mark = ad_gc_root_mark(t);
    AdDict *globals = NULL, *locals = NULL;
    if (!namespaces(t, is_exec, a[1], a[2], &globals, &locals)) return AD_NULLV;
    AdCode *code;
    if (ad_is_type(a[0], vm->type_code)) {
        code = AD_AS(AdCode, a[0]);
        if (code->nfree > 0)
            return ad_err_raise_v(t, vm->exc_TypeError,
                                  "code object passed to %s() may not contain free variables", fname);
    } else {
        size_t len;
        const char *src = source_text(t, a[0], &len);
        if (!src)
            return ad_err_raise_v(t, vm->exc_TypeError,
                                  "%s() arg 1 must be a string, bytes or code object", fname);
        if (!is_exec) {
            while (len > 0 && (*src == ' ' || *src == '\t')) {
                src++;
                len--;
            }
        }
        code = compile_text(t, src, len, "<string>", is_exec ? AD_MODE_EXEC : AD_MODE_EVAL);
        if (!code) return AD_NULLV;
    }
    ad_gc_push_obj(t, code);
    AdValue r = ad_vm_run_code(t, code, globals, locals);
    ad_gc_root_restore(t, mark);
    if (AD_IS_NULL(r)) return AD_NULLV;
    return is_exec ? AD_NONE : r;
}

AdValue ad_bi_eval(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    return run_source(t, args, nargs, kwnames, false);
}

AdValue ad_bi_exec(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    return run_source(t, args, nargs, kwnames, true);
}

AdValue ad_bi_compile(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    static const char *const names[] = {"source", "filename", "mode", "flags",
                                        "dont_inherit", "optimize", "_feature_version"};
    AdVM *vm = t->vm;
    AdValue a[7];
    if (!ad_args_parse(t, "compile", args, nargs, kwnames, names, 7, 6, 3, a)) return AD_NULLV;
    size_t len;
    const char *src = source_text(t, a[0], &len);
    if (!src)
        return ad_err_raise_v(t, vm->exc_TypeError,
                              "compile() arg 1 must be a string, bytes or AST object");
    AdValue fn = a[1];
    if (!ad_is_str(t, fn) && !ad_is_instance_of(t, fn, vm->type_bytes)) {
        AdStr *fspath = ad_str_intern_cstr(t, "__fspath__");
        if (!fspath) return AD_NULLV;
        fn = ad_rt_call_special(t, a[1], fspath, NULL, 0);
        if (AD_IS_NULL(fn)) {
            if (ad_err_occurred(t)) return AD_NULLV;
            return ad_err_raise_v(t, vm->exc_TypeError,
                                  "expected str, bytes or os.PathLike object, not %T", a[1]);
        }
        ad_gc_push_root(t, fn);
    }
    const char *filename = ad_is_str(t, fn) ? AD_AS(AdStr, fn)->data
                           : ad_is_instance_of(t, fn, vm->type_bytes)
                               ? (const char *)AD_AS(AdBytes, fn)->data
                               : "<unknown>";
    if (!ad_is_str(t, a[2]))
        return ad_err_raise_v(t, vm->exc_TypeError, "compile() argument 'mode' must be str, not %T",
                              a[2]);
    const char *mode = AD_AS(AdStr, a[2])->data;
    int m;
    if (strcmp(mode, "exec") == 0) m = AD_MODE_EXEC;
    else if (strcmp(mode, "eval") == 0) m = AD_MODE_EVAL;
    else if (strcmp(mode, "single") == 0) m = AD_MODE_SINGLE;
    else
        return ad_err_raise_v(t, vm->exc_ValueError,
                              "compile() mode must be 'exec', 'eval' or 'single'");
    if (!AD_IS_NULL(a[3])) {
        int64_t flags;
        if (!ad_rt_index(t, a[3], &flags)) return AD_NULLV;
        if (flags & 0x400) /* PyCF_ONLY_AST */
            return ad_err_raise_v(t, vm->exc_ValueError, "compile(): ast objects are not supported");
    }
    AdCode *code = compile_text(t, src, len, filename, m);
    return code ? ad_obj(code) : AD_NULLV;
}

/* ---- __import__ ------------------------------------------------------------------------- */

AdValue ad_bi_import(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    static const char *const names[] = {"name", "globals", "locals", "fromlist", "level"};
    AdVM *vm = t->vm;
    AdValue a[5];
    if (!ad_args_parse(t, "__import__", args, nargs, kwnames, names, 5, 5, 1, a)) return AD_NULLV;
    if (!ad_is_str(t, a[0])) return ad_err_raise_v(t, vm->exc_TypeError, "module name must be a string");
    AdDict *globals = ad_is_instance_of(t, a[1], vm->type_dict) ? AD_AS(AdDict, a[1]) : NULL;
    int64_t level = 0;
    if (!AD_IS_NULL(a[4]) && !ad_rt_index(t, a[4], &level)) return AD_NULLV;
    if (level < 0) return ad_err_raise_v(t, vm->exc_ValueError, "level must be >= 0");
    AdValue fromlist = AD_IS_NULL(a[3]) ? AD_NONE : a[3];
    return ad_import_name(t, AD_AS(AdStr, a[0]), globals, fromlist, (int)level);
}

/* ---- __build_class__ -------------------------------------------------------------------- */

static bool is_subtype(AdType *a, AdType *b) { return a == b || ad_type_is_subtype(a, b); }

static bool is_type_obj(AdThread *t, AdValue v) {
    return AD_IS_OBJ(v) && is_subtype(v.as.o->type, t->vm->type_type);
}

/* PEP 560: bases that are not classes may stand for others through __mro_entries__. */
static AdTuple *update_bases(AdThread *t, AdTuple *orig) {
    AdStr *mro_entries = t->vm->name.mro_entries;
    AdList *out = NULL;
    int mark = ad_gc_root_mark(t);
    for (size_t i = 0; i < orig->len; i++) {
        AdValue base = orig->items[i];
        AdValue meth = AD_NULLV;
        if (!is_type_obj(t, base)) {
            int r = ad_rt_lookup_attr(t, base, mro_entries, &meth);
            if (r < 0) return NULL;
        }
        if (AD_IS_NULL(meth)) {
            if (out && !ad_list_append(t, out, base)) return NULL;
            continue;
        }
        ad_gc_push_root(t, meth);
        AdValue entries = ad_rt_call1(t, meth, ad_obj(orig));
        if (AD_IS_NULL(entries)) return NULL;
        if (!ad_is_instance_of(t, entries, t->vm->type_tuple))
            return ad_err_raise_p(t, t->vm->exc_TypeError, "__mro_entries__ must return a tuple");
        ad_gc_push_root(t, entries);
        if (!out) {
            out = ad_list_from_array(t, orig->items, i);
            if (!out) return NULL;
            ad_gc_push_obj(t, out);
        }
        AdTuple *e = AD_AS(AdTuple, entries);
        for (size_t j = 0; j < e->len; j++)
            if (!ad_list_append(t, out, e->items[j])) return NULL;
    }
    AdTuple *res = out ? ad_tuple_from_array(t, out->items, out->len) : orig;
    ad_gc_root_restore(t, mark);
    return res;
}

/* The most derived of meta and the metaclasses of the bases, or TypeError. */
static AdType *calculate_metaclass(AdThread *t, AdType *meta, AdTuple *bases) {
    AdType *winner = meta;
    for (size_t i = 0; i < bases->len; i++) {
        AdType *tmp = ad_type_of(t, bases->items[i]);
        if (is_subtype(winner, tmp)) continue;
        if (is_subtype(tmp, winner)) {
            winner = tmp;
            continue;
        }
        return ad_err_raise_p(t, t->vm->exc_TypeError,
                              "metaclass conflict: the metaclass of a derived class must be a "
                              "(non-strict) subclass of the metaclasses of all its bases");
    }
    return winner;
}

/* Calls f(first..., *kwvals) with kwnames naming kwvals. */
static AdValue call_with_kw(AdThread *t, AdValue f, const AdValue *first, int nfirst,
                            const AdValue *kwvals, AdTuple *kwn) {
    int nkw = kwn ? (int)kwn->len : 0;
    AdValue buf[8];
    AdValue *argv = buf;
    AdList *holder = NULL;
    if (nfirst + nkw > 8) {
        holder = ad_list_new(t, (size_t)(nfirst + nkw));
        if (!holder) return AD_NULLV;
        for (int i = 0; i < nfirst; i++)
            if (!ad_list_append(t, holder, first[i])) return AD_NULLV;
        for (int i = 0; i < nkw; i++)
            if (!ad_list_append(t, holder, kwvals[i])) return AD_NULLV;
        argv = holder->items;
        ad_gc_push_obj(t, holder);
    } else {
        memcpy(argv, first, (size_t)nfirst * sizeof *argv);
        if (nkw) memcpy(argv + nfirst, kwvals, (size_t)nkw * sizeof *argv);
    }
    AdValue r = ad_rt_call(t, f, argv, nfirst, kwn);
    if (holder) t->nroots--;
    return r;
}

AdValue ad_bi_build_class(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    AdVM *vm = t->vm;
    if (nargs < 2) return ad_err_raise_v(t, vm->exc_TypeError, "__build_class__: not enough arguments");
    if (!ad_is_type(args[0], vm->type_function))
        return ad_err_raise_v(t, vm->exc_TypeError, "__build_class__: func must be a function");
    if (!ad_is_str(t, args[1]))
        return ad_err_raise_v(t, vm->exc_TypeError, "__build_class__: name is not a string");
    AdFunc *func = AD_AS(AdFunc, args[0]);
    AdValue name = args[1];
    int mark = ad_gc_root_mark(t);

    AdTuple *orig_bases = ad_tuple_from_array(t, args + 2, (size_t)(nargs - 2));
    if (!orig_bases) return AD_NULLV;
    ad_gc_push_obj(t, orig_bases);
    AdTuple *bases = update_bases(t, orig_bases);
    if (!bases) return AD_NULLV;
    ad_gc_push_obj(t, bases);

    /* Keywords: metaclass= is ours, the rest go to __prepare__ and the metaclass. */
    AdValue meta = AD_NULLV;
    int nkw = kwnames ? (int)kwnames->len : 0;
    AdValue *kwvals = args + nargs;
    AdTuple *kwn = NULL;
    AdValue kwbuf[16];
    AdValue *kv = kwvals;
    for (int k = 0; k < nkw; k++) {
        if (ad_str_eq_cstr(AD_AS(AdStr, kwnames->items[k]), "metaclass")) {
            meta = kwvals[k];
            AdList *names = ad_list_new(t, (size_t)nkw);
            if (!names) return AD_NULLV;
            ad_gc_push_obj(t, names);
            AdList *vals = ad_list_new(t, (size_t)nkw);
            if (!vals) return AD_NULLV;
            ad_gc_push_obj(t, vals);
            for (int j = 0; j < nkw; j++) {
                if (j == k) continue;
                if (!ad_list_append(t, names, kwnames->items[j]) ||
                    !ad_list_append(t, vals, kwvals[j]))
                    return AD_NULLV;
            }
            if (names->len) {
                kwn = ad_tuple_from_array(t, names->items, names->len);
                if (!kwn) return AD_NULLV;
                ad_gc_push_obj(t, kwn);
                if (vals->len <= 16) {
                    memcpy(kwbuf, vals->items, vals->len * sizeof *kwbuf);
                    kv = kwbuf;
                } else {
                    kv = vals->items; /* rooted by `vals` above, and never grows again */
                }
            }
            break;
        }
    }
    if (AD_IS_NULL(meta)) kwn = nkw ? kwnames : NULL;

    bool is_class;
    if (AD_IS_NULL(meta)) {
        meta = bases->len == 0 ? ad_obj(vm->type_type) : ad_obj(ad_type_of(t, bases->items[0]));
        is_class = true;
    } else {
        is_class = is_type_obj(t, meta);
    }
    if (is_class) {
        AdType *winner = calculate_metaclass(t, AD_AS(AdType, meta), bases);
        if (!winner) return AD_NULLV;
        meta = ad_obj(winner);
    }
    ad_gc_push_root(t, meta);

    AdStr *prepare = vm->name.prepare;
    AdValue prep;
    int found = ad_rt_lookup_attr(t, meta, prepare, &prep);
    if (found < 0) return AD_NULLV;
    AdValue ns;
    if (found == 0) {
        AdDict *d = ad_dict_new(t);
        if (!d) return AD_NULLV;
        ns = ad_obj(d);
    } else {
        ad_gc_push_root(t, prep);
        ns = call_with_kw(t, prep, (AdValue[]){name, ad_obj(bases)}, 2, kv, kwn);
        if (AD_IS_NULL(ns)) return AD_NULLV;
    }
    ad_gc_push_root(t, ns);
    if (!ad_is_instance_of(t, ns, vm->type_dict))
        return ad_err_raise_v(t, vm->exc_TypeError, "%s.__prepare__() must return a mapping, not %T",
                              is_class ? ad_type_name(AD_AS(AdType, meta)) : "<metaclass>", ns);
    AdDict *nsd = AD_AS(AdDict, ns);

    AdValue cell = ad_vm_call_with_locals(t, func, nsd);
    if (AD_IS_NULL(cell)) return AD_NULLV;
    ad_gc_push_root(t, cell);
    if (!ad_is_type(cell, vm->type_cell)) {
        cell = ad_dict_get_str(nsd, vm->name.classcell);
        ad_gc_push_root(t, cell);
    }
    if (bases != orig_bases && !ad_dict_set_cstr(t, nsd, "__orig_bases__", ad_obj(orig_bases)))
        return AD_NULLV;
    AdValue cls = call_with_kw(t, meta, (AdValue[]){name, ad_obj(bases), ns}, 3, kv, kwn);
    if (AD_IS_NULL(cls)) return AD_NULLV;
    if (is_type_obj(t, cls) && ad_is_type(cell, vm->type_cell)) {
        AdCell *c = AD_AS(AdCell, cell);
        /* type.__new__ fills the cell; a metaclass that builds the class some other way
         * still gets a working zero-argument super(). */
        if (AD_IS_NULL(c->value)) {
            c->value = cls;
        } else if (!ad_is(c->value, cls)) {
            ad_gc_push_root(t, cls);
            return ad_err_raise_v(t, vm->exc_TypeError, "__class__ set to %R defining %R as %R",
                                  c->value, name, cls);
        }
    }
    ad_gc_root_restore(t, mark);
    return cls;
}
