/*
 * obj_exc.c - the exception classes of AD_EXCEPTIONS (vm->exc_*) and the traceback type.
 *
 * Every builtin exception is an AdException. BaseException.__new__ stores the positional
 * arguments in `args` (so a subclass whose __init__ never calls super() still has them), and
 * the __init__ of each family root (OSError, ImportError, SyntaxError, ...) parses them into
 * the per-family fields: `value` and `extra[]` as listed below, or the larger
 * AdSyntaxErrorObj layout for SyntaxError and its subclasses. Raising, chaining and the
 * traceback text live in error.c; this file only builds and describes exception objects.
 *
 * Field use:  StopIteration  value = value
 *             SystemExit     value = code
 *             OSError        value = errno, extra = strerror, filename, filename2
 *             ImportError    extra = msg, name, path
 *             AttributeError extra = name, obj        NameError  extra[0] = name
 */
#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "core.h"
#include "setup.h"

typedef struct AdSyntaxErrorObj {
    AdException base;
    AdValue msg, filename, lineno, offset, text, end_lineno, end_offset, print_file_and_line;
} AdSyntaxErrorObj;

#define EXC(v) AD_AS(AdException, v)
#define NONE_IF_NULL(v) (AD_IS_NULL(v) ? AD_NONE : (v))

/* ---- GC -------------------------------------------------------------------------------- */

static void exc_trace(AdGC *gc, AdObj *o) {
    AdException *e = (AdException *)o;
    ad_gc_mark_obj(gc, e->dict);
    ad_gc_mark_obj(gc, e->args);
    ad_gc_mark_value(gc, e->traceback);
    ad_gc_mark_value(gc, e->cause);
    ad_gc_mark_value(gc, e->context);
    ad_gc_mark_value(gc, e->value);
    ad_gc_mark_values(gc, e->extra, 3);
}

static void syntax_trace(AdGC *gc, AdObj *o) {
    exc_trace(gc, o);
    AdSyntaxErrorObj *s = (AdSyntaxErrorObj *)o;
    ad_gc_mark_value(gc, s->msg);
    ad_gc_mark_value(gc, s->filename);
    ad_gc_mark_value(gc, s->lineno);
    ad_gc_mark_value(gc, s->offset);
    ad_gc_mark_value(gc, s->text);
    ad_gc_mark_value(gc, s->end_lineno);
    ad_gc_mark_value(gc, s->end_offset);
    ad_gc_mark_value(gc, s->print_file_and_line);
}

static void tb_trace(AdGC *gc, AdObj *o) {
    AdTraceback *tb = (AdTraceback *)o;
    ad_gc_mark_obj(gc, tb->next);
    ad_gc_mark_obj(gc, tb->code);
}

/* ---- helpers --------------------------------------------------------------------------- */

static bool is_syntax_family(AdThread *t, AdType *type) {
    return type == t->vm->exc_SyntaxError || ad_type_is_subtype(type, t->vm->exc_SyntaxError);
}

static bool is_exc_type(AdThread *t, AdValue v) {
    if (!AD_IS_OBJ(v) || !ad_is_instance_of(t, v, t->vm->type_type)) return false;
    AdType *type = AD_AS(AdType, v);
    return type == t->vm->exc_BaseException || ad_type_is_subtype(type, t->vm->exc_BaseException);
}

static bool is_exc_instance(AdThread *t, AdValue v) {
    return AD_IS_OBJ(v) && ad_is_instance_of(t, v, t->vm->exc_BaseException);
}

/* Allocates an instance of `cls` (a BaseException subtype) with args = argv[0..n). */
static AdException *exc_alloc(AdThread *t, AdType *cls, const AdValue *argv, int n) {
    AdTuple *args = n > 0 ? ad_tuple_from_array(t, argv, (size_t)n) : t->vm->empty_tuple;
    if (!args) return NULL;
    ad_gc_push_obj(t, args);
    size_t size = cls->instance_size;
    if (size < sizeof(AdException)) size = sizeof(AdException);
    AdException *e = ad_gc_alloc(t, cls, size);
    t->nroots--;
    if (!e) return NULL;
    e->args = args;
    e->traceback = e->cause = e->context = e->value = AD_NONE;
    for (int i = 0; i < 3; i++) e->extra[i] = AD_NONE;
    if (is_syntax_family(t, cls)) {
        AdSyntaxErrorObj *s = (AdSyntaxErrorObj *)e;
        s->msg = s->filename = s->lineno = s->offset = s->text = AD_NONE;
        s->end_lineno = s->end_offset = s->print_file_and_line = AD_NONE;
    }
    return e;
}

static bool set_args(AdThread *t, AdException *e, const AdValue *argv, int n) {
    if (e->args && (size_t)n == e->args->len) {
        bool same = true;
        for (int i = 0; i < n && same; i++) same = ad_is(argv[i], e->args->items[i]);
        if (same) return true;
    }
    AdTuple *args = n > 0 ? ad_tuple_from_array(t, argv, (size_t)n) : t->vm->empty_tuple;
    if (!args) return false;
    e->args = args;
    return true;
}

static bool no_keywords(AdThread *t, AdException *e, AdTuple *kwnames) {
    if (kwnames && kwnames->len > 0)
        return ad_err_raise(t, t->vm->exc_TypeError, "%s() takes no keyword arguments",
                            ad_type_name(e->obj.type));
    return true;
}

/* Keyword-only arguments of ImportError / AttributeError / NameError: each kwname must be
 * one of `names`; out[i] receives its value. */
static bool parse_kwonly(AdThread *t, const char *fname, const AdValue *kwvals, AdTuple *kwnames,
                         const char *const *names, int n, AdValue *out) {
    for (int i = 0; i < n; i++) out[i] = AD_NULLV;
    if (!kwnames) return true;
    for (size_t k = 0; k < kwnames->len; k++) {
        AdStr *kw = AD_AS(AdStr, kwnames->items[k]);
        int found = -1;
        for (int i = 0; i < n; i++)
            if (ad_str_eq_cstr(kw, names[i])) found = i;
        if (found < 0)
            return ad_err_raise(t, t->vm->exc_TypeError, "'%s' is an invalid keyword argument for %s()",
                                kw->data, fname);
        out[found] = kwvals[k];
    }
    return true;
}

/* ---- per-family __init__ ---------------------------------------------------------------- */
/* Each takes the arguments without self: n positionals, then one value per kwname. */

typedef bool (*ExcInit)(AdThread *t, AdException *e, const AdValue *argv, int n, AdTuple *kwnames);

static bool base_init(AdThread *t, AdException *e, const AdValue *argv, int n, AdTuple *kwnames) {
    return no_keywords(t, e, kwnames) && set_args(t, e, argv, n);
}

static bool stopiter_init(AdThread *t, AdException *e, const AdValue *argv, int n,
                          AdTuple *kwnames) {
    if (!base_init(t, e, argv, n, kwnames)) return false;
    e->value = n > 0 ? argv[0] : AD_NONE;
    return true;
}

static bool sysexit_init(AdThread *t, AdException *e, const AdValue *argv, int n,
                         AdTuple *kwnames) {
    if (!base_init(t, e, argv, n, kwnames)) return false;
    if (n == 0) e->value = AD_NONE;
    else if (n == 1) e->value = argv[0];
    else e->value = ad_obj(e->args);
    return true;
}

static bool import_init(AdThread *t, AdException *e, const AdValue *argv, int n,
                        AdTuple *kwnames) {
    static const char *const names[] = {"name", "path"};
    AdValue kw[2];
    if (!parse_kwonly(t, "ImportError", argv + n, kwnames, names, 2, kw)) return false;
    if (!set_args(t, e, argv, n)) return false;
    e->extra[0] = n == 1 ? argv[0] : AD_NONE;
    e->extra[1] = NONE_IF_NULL(kw[0]);
    e->extra[2] = NONE_IF_NULL(kw[1]);
    return true;
}

static bool attr_init(AdThread *t, AdException *e, const AdValue *argv, int n, AdTuple *kwnames) {
    static const char *const names[] = {"name", "obj"};
    AdValue kw[2];
    if (!parse_kwonly(t, "AttributeError", argv + n, kwnames, names, 2, kw)) return false;
    if (!set_args(t, e, argv, n)) return false;
    e->extra[0] = NONE_IF_NULL(kw[0]);
    e->extra[1] = NONE_IF_NULL(kw[1]);
    return true;
}

static bool name_init(AdThread *t, AdException *e, const AdValue *argv, int n, AdTuple *kwnames) {
    static const char *const names[] = {"name"};
    AdValue kw[1];
    if (!parse_kwonly(t, "NameError", argv + n, kwnames, names, 1, kw)) return false;
    if (!set_args(t, e, argv, n)) return false;
    e->extra[0] = NONE_IF_NULL(kw[0]);
    return true;
}

/* OSError(errno, strerror[, filename[, winerror[, filename2]]]): with a filename, args
 * keeps only (errno, strerror), as CPython. */
static bool os_parse(AdThread *t, AdException *e, const AdValue *argv, int n) {
    e->value = e->extra[0] = e->extra[1] = e->extra[2] = AD_NONE;
    if (n >= 2 && n <= 5) {
        e->value = argv[0];
        e->extra[0] = argv[1];
        if (n >= 3 && !AD_IS_NONE(argv[2])) {
            e->extra[1] = argv[2];
            if (n == 5 && !AD_IS_NONE(argv[4])) e->extra[2] = argv[4];
            return set_args(t, e, argv, 2);
        }
    }
    return set_args(t, e, argv, n);
}

static bool os_init(AdThread *t, AdException *e, const AdValue *argv, int n, AdTuple *kwnames) {
    return no_keywords(t, e, kwnames) && os_parse(t, e, argv, n);
}

static bool syntax_init(AdThread *t, AdException *e, const AdValue *argv, int n,
                        AdTuple *kwnames) {
    if (!base_init(t, e, argv, n, kwnames)) return false;
    AdSyntaxErrorObj *s = (AdSyntaxErrorObj *)e;
    if (n >= 1) s->msg = argv[0];
    if (n == 2) {
        AdValue info = ad_sequence_to_tuple(t, argv[1]);
        if (AD_IS_NULL(info)) return false;
        AdTuple *it = AD_AS(AdTuple, info);
        if (it->len < 4)
            return ad_err_raise(t, t->vm->exc_TypeError,
                                "function takes at least 4 arguments (%zu given)", it->len);
        if (it->len > 6)
            return ad_err_raise(t, t->vm->exc_TypeError,
                                "function takes at most 6 arguments (%zu given)", it->len);
        s->filename = it->items[0];
        s->lineno = it->items[1];
        s->offset = it->items[2];
        s->text = it->items[3];
        s->end_lineno = it->len > 4 ? it->items[4] : AD_NONE;
        s->end_offset = it->len > 5 ? it->items[5] : AD_NONE;
    }
    return true;
}

/* The __init__ a builtin class inherits from its family root. */
static ExcInit family_init(AdThread *t, AdType *type) {
    AdVM *vm = t->vm;
    if (ad_type_is_subtype(type, vm->exc_OSError) || type == vm->exc_OSError) return os_init;
    if (ad_type_is_subtype(type, vm->exc_SyntaxError) || type == vm->exc_SyntaxError)
        return syntax_init;
    if (ad_type_is_subtype(type, vm->exc_ImportError) || type == vm->exc_ImportError)
        return import_init;
    if (type == vm->exc_AttributeError || ad_type_is_subtype(type, vm->exc_AttributeError))
        return attr_init;
    if (type == vm->exc_NameError || ad_type_is_subtype(type, vm->exc_NameError)) return name_init;
    if (type == vm->exc_StopIteration || ad_type_is_subtype(type, vm->exc_StopIteration))
        return stopiter_init;
    if (type == vm->exc_SystemExit || ad_type_is_subtype(type, vm->exc_SystemExit))
        return sysexit_init;
    return base_init;
}

/* The class OSError(errno, ...) really makes: FileNotFoundError for ENOENT, etc. */
static AdType *errno_subclass(AdThread *t, int err) {
    AdVM *vm = t->vm;
    switch (err) {
    case EAGAIN:
#if EWOULDBLOCK != EAGAIN
    case EWOULDBLOCK:
#endif
    case EALREADY:
    case EINPROGRESS: return vm->exc_BlockingIOError;
    case ECHILD: return vm->exc_ChildProcessError;
    case EPIPE:
    case ESHUTDOWN: return vm->exc_BrokenPipeError;
    case ECONNABORTED: return vm->exc_ConnectionAbortedError;
    case ECONNREFUSED: return vm->exc_ConnectionRefusedError;
    case ECONNRESET: return vm->exc_ConnectionResetError;
    case EEXIST: return vm->exc_FileExistsError;
    case ENOENT: return vm->exc_FileNotFoundError;
    case EISDIR: return vm->exc_IsADirectoryError;
    case ENOTDIR: return vm->exc_NotADirectoryError;
    case EINTR: return vm->exc_InterruptedError;
    case EACCES:
    case EPERM: return vm->exc_PermissionError;
    case ESRCH: return vm->exc_ProcessLookupError;
    case ETIMEDOUT: return vm->exc_TimeoutError;
    default: return vm->exc_OSError;
    }
}

/* BaseException.__new__ proper (and OSError's subclass mapping). */
static AdException *exc_new_impl(AdThread *t, AdType *cls, const AdValue *argv, int n) {
    AdVM *vm = t->vm;
    if (cls == vm->exc_OSError && n >= 2 && AD_IS_INT(argv[0]))
        cls = errno_subclass(t, (int)argv[0].as.i);
    AdException *e = exc_alloc(t, cls, argv, n);
    if (!e) return NULL;
    if (cls == vm->exc_OSError || ad_type_is_subtype(cls, vm->exc_OSError)) {
        ad_gc_push_obj(t, e);
        bool ok = os_parse(t, e, argv, n);
        t->nroots--;
        if (!ok) return NULL;
    }
    return e;
}

/* ---- public constructors ---------------------------------------------------------------- */

AdValue ad_exc_new(AdThread *t, AdType *type, AdTuple *args) {
    const AdValue *argv = args ? args->items : NULL;
    int n = args ? (int)args->len : 0;
    if (type->flags & AD_TPFLAG_HEAP) return ad_rt_call(t, ad_obj(type), argv, n, NULL);
    int mark = ad_gc_root_mark(t);
    ad_gc_push_obj(t, args);
    AdException *e = exc_new_impl(t, type, argv, n);
    if (!e) return AD_NULLV;
    ad_gc_push_obj(t, e);
    bool ok = family_init(t, e->obj.type)(t, e, argv, n, NULL);
    ad_gc_root_restore(t, mark);
    return ok ? ad_obj(e) : AD_NULLV;
}

AdValue ad_exc_new_msg(AdThread *t, AdType *type, const char *msg) {
    AdStr *s = ad_str_from_cstr(t, msg);
    if (!s) return AD_NULLV;
    ad_gc_push_obj(t, s);
    AdTuple *args = ad_tuple_from_array(t, (AdValue[]){ad_obj(s)}, 1);
    t->nroots--;
    if (!args) return AD_NULLV;
    return ad_exc_new(t, type, args);
}

bool ad_exc_add_traceback(AdThread *t, AdValue exc, AdCode *code, int lineno) {
    if (!is_exc_instance(t, exc)) return true;
    ad_gc_push_root(t, exc);
    AdTraceback *tb = ad_gc_alloc(t, t->vm->type_traceback, sizeof(AdTraceback));
    t->nroots--;
    if (!tb) return false;
    AdException *e = EXC(exc);
    tb->next = ad_is_type(e->traceback, t->vm->type_traceback) ? AD_AS(AdTraceback, e->traceback)
                                                               : NULL;
    tb->code = code;
    tb->lineno = lineno;
    e->traceback = ad_obj(tb);
    return true;
}

bool ad_err_stop_iteration(AdThread *t, AdValue value) {
    AdTuple *args = t->vm->empty_tuple;
    if (!AD_IS_NONE(value) && !AD_IS_NULL(value)) {
        args = ad_tuple_from_array(t, &value, 1);
        if (!args) return false;
    }
    AdValue exc = ad_exc_new(t, t->vm->exc_StopIteration, args);
    if (AD_IS_NULL(exc)) return false;
    return ad_err_raise_obj(t, exc);
}

bool ad_err_from_errno(AdThread *t, int err, const char *filename) {
    char buf[256];
    const char *msg = strerror_r(err, buf, sizeof buf);
    int mark = ad_gc_root_mark(t);
    AdValue items[3] = {ad_small_int(err), AD_NONE, AD_NONE};
    AdStr *smsg = ad_str_from_cstr(t, msg);
    if (!smsg) return false;
    ad_gc_push_obj(t, smsg);
    items[1] = ad_obj(smsg);
    if (filename) {
        AdStr *fn = ad_str_from_cstr(t, filename);
        if (!fn) return false;
        ad_gc_push_obj(t, fn);
        items[2] = ad_obj(fn);
    }
    AdTuple *args = ad_tuple_from_array(t, items, filename ? 3 : 2);
    if (!args) return false;
    ad_gc_push_obj(t, args);
    AdValue exc = ad_exc_new(t, t->vm->exc_OSError, args);
    if (AD_IS_NULL(exc)) return false;
    ad_gc_root_restore(t, mark);
    return ad_err_raise_obj(t, exc);
}

bool ad_err_raise_syntax(AdThread *t, AdType *type, const char *msg, const char *filename,
                         int lineno, int offset, const char *text, int end_lineno,
                         int end_offset) {
    int mark = ad_gc_root_mark(t);
    AdValue info[6] = {AD_NONE, ad_small_int(lineno), ad_small_int(offset), AD_NONE,
                       ad_small_int(end_lineno), ad_small_int(end_offset)};
    if (lineno <= 0) info[1] = AD_NONE;
    if (offset <= 0) info[2] = AD_NONE;
    if (end_lineno <= 0) info[4] = AD_NONE;
    if (end_offset <= 0) info[5] = AD_NONE;
    if (filename) {
        AdStr *s = ad_str_from_cstr(t, filename);
        if (!s) return false;
        ad_gc_push_obj(t, s);
        info[0] = ad_obj(s);
    }
    if (text) {
        AdStr *s = ad_str_from_cstr(t, text);
        if (!s) return false;
        ad_gc_push_obj(t, s);
        info[3] = ad_obj(s);
    }
    AdTuple *it = ad_tuple_from_array(t, info, 6);
    if (!it) return false;
    ad_gc_push_obj(t, it);
    AdStr *smsg = ad_str_from_cstr(t, msg);
    if (!smsg) return false;
    ad_gc_push_obj(t, smsg);
    AdTuple *args = ad_tuple_pack(t, 2, ad_obj(smsg), ad_obj(it));
    if (!args) return false;
    ad_gc_push_obj(t, args);
    AdValue exc = ad_exc_new(t, type ? type : t->vm->exc_SyntaxError, args);
    if (AD_IS_NULL(exc)) return false;
    ad_gc_root_restore(t, mark);
    return ad_err_raise_obj(t, exc);
}

/* ---- BaseException methods -------------------------------------------------------------- */

static AdValue exc_new(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    (void)kwnames;
    AdVM *vm = t->vm;
    if (nargs < 1)
        return ad_err_raise_v(t, vm->exc_TypeError, "BaseException.__new__(): not enough arguments");
    if (!AD_IS_OBJ(args[0]) || !ad_is_instance_of(t, args[0], vm->type_type))
        return ad_err_raise_v(t, vm->exc_TypeError,
                              "BaseException.__new__(X): X is not a type object (%T)", args[0]);
    if (!is_exc_type(t, args[0])) {
        const char *n = ad_type_name(AD_AS(AdType, args[0]));
        return ad_err_raise_v(t, vm->exc_TypeError,
                              "BaseException.__new__(%s): %s is not a subtype of BaseException", n, n);
    }
    AdException *e = exc_new_impl(t, AD_AS(AdType, args[0]), args + 1, nargs - 1);
    return e ? ad_obj(e) : AD_NULLV;
}

static AdValue exc_init(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    if (nargs < 1 || !is_exc_instance(t, args[0]))
        return ad_err_raise_v(t, t->vm->exc_TypeError, "descriptor '__init__' requires a 'BaseException' object");
    /* The family's own parsing, so BaseException.__init__(self, ...) on an OSError works. */
    AdException *e = EXC(args[0]);
    ExcInit init = family_init(t, e->obj.type);
    if (!init(t, e, args + 1, nargs - 1, kwnames)) return AD_NULLV;
    return AD_NONE;
}

/* str(exc) for BaseException: '' / str(arg) / str(args). */
static AdValue base_str(AdThread *t, AdException *e) {
    if (!e->args || e->args->len == 0) return ad_obj(t->vm->name.empty);
    if (e->args->len == 1) return ad_rt_str(t, e->args->items[0]);
    return ad_rt_str(t, ad_obj(e->args));
}

static AdValue exc_str(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    if (!ad_args_check(t, "__str__", nargs - 1, kwnames, 0, 0)) return AD_NULLV;
    return base_str(t, EXC(args[0]));
}

static AdValue exc_repr(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    if (!ad_args_check(t, "__repr__", nargs - 1, kwnames, 0, 0)) return AD_NULLV;
    AdException *e = EXC(args[0]);
    const char *name = ad_type_name(e->obj.type);
    AdValue r;
    if (e->args && e->args->len == 1) r = ad_rt_repr(t, e->args->items[0]);
    else r = ad_rt_repr(t, e->args ? ad_obj(e->args) : ad_obj(t->vm->empty_tuple));
    if (AD_IS_NULL(r)) return AD_NULLV;
    ad_gc_push_root(t, r);
    AdStr *s = AD_AS(AdStr, r);
    AdStr *res = e->args && e->args->len == 1 ? ad_str_printf(t, "%s(%s)", name, s->data)
                                               : ad_str_printf(t, "%s%s", name, s->data);
    return res ? ad_obj(res) : AD_NULLV;
}

static AdValue exc_with_traceback(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    if (!ad_args_check(t, "with_traceback", nargs - 1, kwnames, 1, 1)) return AD_NULLV;
    AdValue tb = args[1];
    if (!AD_IS_NONE(tb) && !ad_is_type(tb, t->vm->type_traceback))
        return ad_err_raise_v(t, t->vm->exc_TypeError, "__traceback__ must be a traceback or None");
    EXC(args[0])->traceback = tb;
    return args[0];
}

static AdDict **exc_dict_slot(AdValue self) {
    AdType *type = AD_AS_OBJ(self)->type;
    if (type->dict_offset) return (AdDict **)((char *)AD_AS_OBJ(self) + type->dict_offset);
    return &EXC(self)->dict;
}

static AdValue exc_add_note(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    if (!ad_args_check(t, "add_note", nargs - 1, kwnames, 1, 1)) return AD_NULLV;
    if (!ad_is_str(t, args[1]))
        return ad_err_raise_v(t, t->vm->exc_TypeError, "note must be a str, not '%s'",
                              ad_type_name(ad_type_of(t, args[1])));
    AdDict **slot = exc_dict_slot(args[0]);
    if (!*slot) {
        AdDict *d = ad_dict_new(t);
        if (!d) return AD_NULLV;
        *slot = d;
    }
    AdValue notes = ad_dict_get_cstr(*slot, "__notes__");
    if (AD_IS_NULL(notes)) {
        AdList *l = ad_list_new(t, 1);
        if (!l) return AD_NULLV;
        notes = ad_obj(l);
        ad_gc_push_root(t, notes);
        if (!ad_dict_set_cstr(t, *slot, "__notes__", notes)) return AD_NULLV;
    }
    if (!ad_is_type(notes, t->vm->type_list))
        return ad_err_raise_v(t, t->vm->exc_TypeError, "Cannot add note: __notes__ is not a list");
    if (!ad_list_append(t, AD_AS(AdList, notes), args[1])) return AD_NULLV;
    return AD_NONE;
}

/* getset accessors */

static AdValue get_args(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    (void)nargs, (void)kwnames;
    AdException *e = EXC(args[0]);
    return ad_obj(e->args ? e->args : t->vm->empty_tuple);
}

static bool set_args_attr(AdThread *t, AdValue self, AdValue v) {
    if (AD_IS_NULL(v)) return ad_err_raise(t, t->vm->exc_TypeError, "args may not be deleted");
    AdValue tup = ad_sequence_to_tuple(t, v);
    if (AD_IS_NULL(tup)) return false;
    EXC(self)->args = AD_AS(AdTuple, tup);
    return true;
}

static AdValue get_traceback(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    (void)t, (void)nargs, (void)kwnames;
    return NONE_IF_NULL(EXC(args[0])->traceback);
}

static bool set_traceback(AdThread *t, AdValue self, AdValue v) {
    if (AD_IS_NULL(v)) return ad_err_raise(t, t->vm->exc_TypeError, "__traceback__ may not be deleted");
    if (!AD_IS_NONE(v) && !ad_is_type(v, t->vm->type_traceback))
        return ad_err_raise(t, t->vm->exc_TypeError, "__traceback__ must be a traceback or None");
    EXC(self)->traceback = v;
    return true;
}

static AdValue get_cause(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    (void)t, (void)nargs, (void)kwnames;
    return NONE_IF_NULL(EXC(args[0])->cause);
}

static bool set_cause(AdThread *t, AdValue self, AdValue v) {
    if (AD_IS_NULL(v)) return ad_err_raise(t, t->vm->exc_TypeError, "__cause__ may not be deleted");
    if (!AD_IS_NONE(v) && !is_exc_instance(t, v))
        return ad_err_raise(t, t->vm->exc_TypeError,
                            "exception cause must be None or derive from BaseException");
    EXC(self)->cause = v;
    EXC(self)->suppress_context = true;
    return true;
}

static AdValue get_context(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    (void)t, (void)nargs, (void)kwnames;
    return NONE_IF_NULL(EXC(args[0])->context);
}

static bool set_context(AdThread *t, AdValue self, AdValue v) {
    if (AD_IS_NULL(v)) return ad_err_raise(t, t->vm->exc_TypeError, "__context__ may not be deleted");
    if (!AD_IS_NONE(v) && !is_exc_instance(t, v))
        return ad_err_raise(t, t->vm->exc_TypeError,
                            "exception context must be None or derive from BaseException");
    EXC(self)->context = v;
    return true;
}

static AdValue get_suppress(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    (void)t, (void)nargs, (void)kwnames;
    return ad_bool(EXC(args[0])->suppress_context);
}

static bool set_suppress(AdThread *t, AdValue self, AdValue v) {
    if (AD_IS_NULL(v)) return ad_err_raise(t, t->vm->exc_TypeError, "can't delete attribute");
    int truth = ad_rt_truthy(t, v);
    if (truth < 0) return false;
    EXC(self)->suppress_context = truth;
    return true;
}

/* Plain fields: reading an unset one gives None; `del` resets it to None. */
#define FIELD_ACCESSORS(id, field)                                                          \
    static AdValue get_##id(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {       \
        (void)t, (void)nargs, (void)kwnames;                                                 \
        return NONE_IF_NULL(field(args[0]));                                                  \
    }                                                                                        \
    static bool set_##id(AdThread *t, AdValue self, AdValue v) {                            \
        (void)t;                                                                             \
        field(self) = NONE_IF_NULL(v);                                                       \
        return true;                                                                         \
    }
#define F_VALUE(s) (EXC(s)->value)
#define F_EXTRA0(s) (EXC(s)->extra[0])
#define F_EXTRA1(s) (EXC(s)->extra[1])
#define F_EXTRA2(s) (EXC(s)->extra[2])
#define SYN(s) ((AdSyntaxErrorObj *)AD_AS_OBJ(s))
#define F_SMSG(s) (SYN(s)->msg)
#define F_SFILENAME(s) (SYN(s)->filename)
#define F_SLINENO(s) (SYN(s)->lineno)
#define F_SOFFSET(s) (SYN(s)->offset)
#define F_STEXT(s) (SYN(s)->text)
#define F_SEND_LINENO(s) (SYN(s)->end_lineno)
#define F_SEND_OFFSET(s) (SYN(s)->end_offset)
#define F_SPFL(s) (SYN(s)->print_file_and_line)
FIELD_ACCESSORS(value, F_VALUE)
FIELD_ACCESSORS(extra0, F_EXTRA0)
FIELD_ACCESSORS(extra1, F_EXTRA1)
FIELD_ACCESSORS(extra2, F_EXTRA2)
FIELD_ACCESSORS(smsg, F_SMSG)
FIELD_ACCESSORS(sfilename, F_SFILENAME)
FIELD_ACCESSORS(slineno, F_SLINENO)
FIELD_ACCESSORS(soffset, F_SOFFSET)
FIELD_ACCESSORS(stext, F_STEXT)
FIELD_ACCESSORS(send_lineno, F_SEND_LINENO)
FIELD_ACCESSORS(send_offset, F_SEND_OFFSET)
FIELD_ACCESSORS(spfl, F_SPFL)

static const AdMethodDef base_methods[] = {
    {"__new__", exc_new, AD_METH_STATIC, NULL, NULL},
    {"__init__", exc_init, AD_METH_INSTANCE, NULL, NULL},
    {"__str__", exc_str, AD_METH_INSTANCE, NULL, NULL},
    {"__repr__", exc_repr, AD_METH_INSTANCE, NULL, NULL},
    {"with_traceback", exc_with_traceback, AD_METH_INSTANCE, NULL,
     "Exception.with_traceback(tb) --\n    set self.__traceback__ to tb and return self."},
    {"add_note", exc_add_note, AD_METH_INSTANCE, NULL,
     "Exception.add_note(note) --\n    add a note to the exception"},
    {"args", get_args, AD_METH_GETSET, set_args_attr, NULL},
    {"__traceback__", get_traceback, AD_METH_GETSET, set_traceback, NULL},
    {"__cause__", get_cause, AD_METH_GETSET, set_cause, "exception cause"},
    {"__context__", get_context, AD_METH_GETSET, set_context, "exception context"},
    {"__suppress_context__", get_suppress, AD_METH_GETSET, set_suppress, NULL},
    {NULL, NULL, 0, NULL, NULL},
};

static const AdMethodDef stopiter_methods[] = {
    {"value", get_value, AD_METH_GETSET, set_value, "generator return value"},
    {NULL, NULL, 0, NULL, NULL},
};

static const AdMethodDef sysexit_methods[] = {
    {"code", get_value, AD_METH_GETSET, set_value, "exception code"},
    {NULL, NULL, 0, NULL, NULL},
};

/* KeyError shows the repr of a lone key, so KeyError('') does not print as blank. */
static AdValue keyerror_str(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    if (!ad_args_check(t, "__str__", nargs - 1, kwnames, 0, 0)) return AD_NULLV;
    AdException *e = EXC(args[0]);
    if (e->args && e->args->len == 1) return ad_rt_repr(t, e->args->items[0]);
    return base_str(t, e);
}

static const AdMethodDef keyerror_methods[] = {
    {"__str__", keyerror_str, AD_METH_INSTANCE, NULL, NULL},
    {NULL, NULL, 0, NULL, NULL},
};

static AdValue oserror_str(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    if (!ad_args_check(t, "__str__", nargs - 1, kwnames, 0, 0)) return AD_NULLV;
    AdException *e = EXC(args[0]);
    AdStr *s = NULL;
    if (!AD_IS_NONE(e->extra[1])) {
        if (!AD_IS_NONE(e->extra[2]))
            s = ad_err_strformat(t, "[Errno %S] %S: %R -> %R", e->value, e->extra[0], e->extra[1],
                              e->extra[2]);
        else
            s = ad_err_strformat(t, "[Errno %S] %S: %R", e->value, e->extra[0], e->extra[1]);
        return s ? ad_obj(s) : AD_NULLV;
    }
    if (!AD_IS_NONE(e->value) && !AD_IS_NONE(e->extra[0])) {
        s = ad_err_strformat(t, "[Errno %S] %S", e->value, e->extra[0]);
        return s ? ad_obj(s) : AD_NULLV;
    }
    return base_str(t, e);
}

static AdValue oserror_new(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    return exc_new(t, args, nargs, kwnames);
}

static const AdMethodDef oserror_methods[] = {
    {"__new__", oserror_new, AD_METH_STATIC, NULL, NULL},
    {"__str__", oserror_str, AD_METH_INSTANCE, NULL, NULL},
    {"errno", get_value, AD_METH_GETSET, set_value, "POSIX exception code"},
    {"strerror", get_extra0, AD_METH_GETSET, set_extra0, "exception strerror"},
    {"filename", get_extra1, AD_METH_GETSET, set_extra1, "exception filename"},
    {"filename2", get_extra2, AD_METH_GETSET, set_extra2, "second exception filename"},
    {NULL, NULL, 0, NULL, NULL},
};

static AdValue importerror_str(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    if (!ad_args_check(t, "__str__", nargs - 1, kwnames, 0, 0)) return AD_NULLV;
    AdException *e = EXC(args[0]);
    if (ad_is_type(e->extra[0], t->vm->type_str)) return e->extra[0];
    return base_str(t, e);
}

static const AdMethodDef importerror_methods[] = {
    {"__str__", importerror_str, AD_METH_INSTANCE, NULL, NULL},
    {"msg", get_extra0, AD_METH_GETSET, set_extra0, "exception message"},
    {"name", get_extra1, AD_METH_GETSET, set_extra1, "module name"},
    {"path", get_extra2, AD_METH_GETSET, set_extra2, "module path"},
    {NULL, NULL, 0, NULL, NULL},
};

static const AdMethodDef attrerror_methods[] = {
    {"name", get_extra0, AD_METH_GETSET, set_extra0, "attribute name"},
    {"obj", get_extra1, AD_METH_GETSET, set_extra1, "object"},
    {NULL, NULL, 0, NULL, NULL},
};

static const AdMethodDef nameerror_methods[] = {
    {"name", get_extra0, AD_METH_GETSET, set_extra0, "name"},
    {NULL, NULL, 0, NULL, NULL},
};

/* The last path component, as CPython's my_basename. */
static const char *basename_of(const char *path) {
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

static AdValue syntaxerror_str(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    if (!ad_args_check(t, "__str__", nargs - 1, kwnames, 0, 0)) return AD_NULLV;
    AdSyntaxErrorObj *s = SYN(args[0]);
    bool have_file = ad_is_str(t, s->filename);
    bool have_line = AD_IS_INT(s->lineno);
    AdValue msg = ad_rt_str(t, s->msg);
    if (AD_IS_NULL(msg)) return AD_NULLV;
    ad_gc_push_root(t, msg);
    const char *m = AD_AS(AdStr, msg)->data;
    AdStr *r;
    if (have_file && have_line)
        r = ad_str_printf(t, "%s (%s, line %lld)", m, basename_of(AD_AS(AdStr, s->filename)->data),
                          (long long)s->lineno.as.i);
    else if (have_file)
        r = ad_str_printf(t, "%s (%s)", m, basename_of(AD_AS(AdStr, s->filename)->data));
    else if (have_line)
        r = ad_str_printf(t, "%s (line %lld)", m, (long long)s->lineno.as.i);
    else
        return msg;
    return r ? ad_obj(r) : AD_NULLV;
}

static const AdMethodDef syntaxerror_methods[] = {
    {"__str__", syntaxerror_str, AD_METH_INSTANCE, NULL, NULL},
    {"msg", get_smsg, AD_METH_GETSET, set_smsg, "exception msg"},
    {"filename", get_sfilename, AD_METH_GETSET, set_sfilename, "exception filename"},
    {"lineno", get_slineno, AD_METH_GETSET, set_slineno, "exception lineno"},
    {"offset", get_soffset, AD_METH_GETSET, set_soffset, "exception offset"},
    {"text", get_stext, AD_METH_GETSET, set_stext, "exception text"},
    {"end_lineno", get_send_lineno, AD_METH_GETSET, set_send_lineno, "exception end lineno"},
    {"end_offset", get_send_offset, AD_METH_GETSET, set_send_offset, "exception end offset"},
    {"print_file_and_line", get_spfl, AD_METH_GETSET, set_spfl, "exception print_file_and_line"},
    {NULL, NULL, 0, NULL, NULL},
};

/* UnicodeDecodeError / UnicodeEncodeError(encoding, object, start, end, reason): the
 * attributes read straight from args. */
static AdValue unicode_arg(AdThread *t, AdValue self, size_t i) {
    (void)t;
    AdException *e = EXC(self);
    return e->args && e->args->len == 5 ? e->args->items[i] : AD_NONE;
}
static AdValue get_u_encoding(AdThread *t, AdValue *a, int n, AdTuple *k) {
    (void)n, (void)k;
    return unicode_arg(t, a[0], 0);
}
static AdValue get_u_object(AdThread *t, AdValue *a, int n, AdTuple *k) {
    (void)n, (void)k;
    return unicode_arg(t, a[0], 1);
}
static AdValue get_u_start(AdThread *t, AdValue *a, int n, AdTuple *k) {
    (void)n, (void)k;
    return unicode_arg(t, a[0], 2);
}
static AdValue get_u_end(AdThread *t, AdValue *a, int n, AdTuple *k) {
    (void)n, (void)k;
    return unicode_arg(t, a[0], 3);
}
static AdValue get_u_reason(AdThread *t, AdValue *a, int n, AdTuple *k) {
    (void)n, (void)k;
    return unicode_arg(t, a[0], 4);
}

static AdValue unicode_str(AdThread *t, AdValue self, bool decode) {
    AdException *e = EXC(self);
    if (!e->args || e->args->len != 5 || !AD_IS_INT(e->args->items[2]) ||
        !AD_IS_INT(e->args->items[3]) || !ad_is_str(t, e->args->items[0]) ||
        !ad_is_str(t, e->args->items[4]))
        return base_str(t, e);
    const char *enc = AD_AS(AdStr, e->args->items[0])->data;
    const char *reason = AD_AS(AdStr, e->args->items[4])->data;
    int64_t start = e->args->items[2].as.i, end = e->args->items[3].as.i;
    AdValue obj = e->args->items[1];
    AdStr *r = NULL;
    if (decode) {
        bool isbytes = ad_is_type(obj, t->vm->type_bytes);
        if (end == start + 1 && isbytes && start >= 0 && (size_t)start < AD_AS(AdBytes, obj)->len)
            r = ad_str_printf(t, "'%s' codec can't decode byte 0x%02x in position %lld: %s", enc,
                              AD_AS(AdBytes, obj)->data[start], (long long)start, reason);
        else
            r = ad_str_printf(t, "'%s' codec can't decode bytes in position %lld-%lld: %s", enc,
                              (long long)start, (long long)(end - 1), reason);
    } else {
        if (end == start + 1 && ad_is_str(t, obj)) {
            AdValue ch = ad_str_getitem(t, AD_AS(AdStr, obj), ad_small_int(start));
            if (AD_IS_NULL(ch)) return AD_NULLV;
            const unsigned char *p = (const unsigned char *)AD_AS(AdStr, ch)->data;
            uint32_t cp = p[0];
            if (cp >= 0xF0) cp = ((cp & 7u) << 18) | ((p[1] & 63u) << 12) | ((p[2] & 63u) << 6) | (p[3] & 63u);
            else if (cp >= 0xE0) cp = ((cp & 15u) << 12) | ((p[1] & 63u) << 6) | (p[2] & 63u);
            else if (cp >= 0xC0) cp = ((cp & 31u) << 6) | (p[1] & 63u);
            char esc[16];
            if (cp <= 0xff) snprintf(esc, sizeof esc, "\\x%02x", cp);
            else if (cp <= 0xffff) snprintf(esc, sizeof esc, "\\u%04x", cp);
            else snprintf(esc, sizeof esc, "\\U%08x", cp);
            r = ad_str_printf(t, "'%s' codec can't encode character '%s' in position %lld: %s", enc,
                              esc, (long long)start, reason);
        } else {
            r = ad_str_printf(t, "'%s' codec can't encode characters in position %lld-%lld: %s",
                              enc, (long long)start, (long long)(end - 1), reason);
        }
    }
    return r ? ad_obj(r) : AD_NULLV;
}

static AdValue unicode_decode_str(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    if (!ad_args_check(t, "__str__", nargs - 1, kwnames, 0, 0)) return AD_NULLV;
    return unicode_str(t, args[0], true);
}

static AdValue unicode_encode_str(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    if (!ad_args_check(t, "__str__", nargs - 1, kwnames, 0, 0)) return AD_NULLV;
    return unicode_str(t, args[0], false);
}

#define UNICODE_ATTRS                                                                       \
    {"encoding", get_u_encoding, AD_METH_GETSET, NULL, "exception encoding"},               \
        {"object", get_u_object, AD_METH_GETSET, NULL, "exception object"},                 \
        {"start", get_u_start, AD_METH_GETSET, NULL, "exception start"},                    \
        {"end", get_u_end, AD_METH_GETSET, NULL, "exception end"},                          \
        {"reason", get_u_reason, AD_METH_GETSET, NULL, "exception reason"},

static const AdMethodDef unicode_decode_methods[] = {
    {"__str__", unicode_decode_str, AD_METH_INSTANCE, NULL, NULL},
    UNICODE_ATTRS{NULL, NULL, 0, NULL, NULL},
};

static const AdMethodDef unicode_encode_methods[] = {
    {"__str__", unicode_encode_str, AD_METH_INSTANCE, NULL, NULL},
    UNICODE_ATTRS{NULL, NULL, 0, NULL, NULL},
};

/* ---- traceback ------------------------------------------------------------------------ */

static AdValue tb_get_next(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    (void)t, (void)nargs, (void)kwnames;
    AdTraceback *tb = AD_AS(AdTraceback, args[0]);
    return tb->next ? ad_obj(tb->next) : AD_NONE;
}

static bool tb_set_next(AdThread *t, AdValue self, AdValue v) {
    if (AD_IS_NULL(v)) return ad_err_raise(t, t->vm->exc_TypeError, "can't delete tb_next attribute");
    if (!AD_IS_NONE(v) && !ad_is_type(v, t->vm->type_traceback))
        return ad_err_raise(t, t->vm->exc_TypeError, "expected traceback object or None, got '%s'",
                            ad_type_name(ad_type_of(t, v)));
    AdTraceback *tb = AD_AS(AdTraceback, self);
    AdTraceback *next = AD_IS_NONE(v) ? NULL : AD_AS(AdTraceback, v);
    for (AdTraceback *c = next; c; c = c->next)
        if (c == tb) return ad_err_raise(t, t->vm->exc_ValueError, "traceback loop detected");
    tb->next = next;
    return true;
}

static AdValue tb_get_lineno(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    (void)t, (void)nargs, (void)kwnames;
    return ad_small_int(AD_AS(AdTraceback, args[0])->lineno);
}

static AdValue tb_get_lasti(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    (void)t, (void)args, (void)nargs, (void)kwnames;
    return ad_small_int(-1);
}

/* Adder keeps no frame objects; tb_frame is None. tb_code is an Adder extension giving the
 * code object, so a pure-Python traceback module can show names and files. */
static AdValue tb_get_frame(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    (void)t, (void)args, (void)nargs, (void)kwnames;
    return AD_NONE;
}

static AdValue tb_get_code(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    (void)t, (void)nargs, (void)kwnames;
    AdTraceback *tb = AD_AS(AdTraceback, args[0]);
    return tb->code ? ad_obj(tb->code) : AD_NONE;
}

static const AdMethodDef tb_methods[] = {
    {"tb_next", tb_get_next, AD_METH_GETSET, tb_set_next, NULL},
    {"tb_lineno", tb_get_lineno, AD_METH_GETSET, NULL, NULL},
    {"tb_lasti", tb_get_lasti, AD_METH_GETSET, NULL, NULL},
    {"tb_frame", tb_get_frame, AD_METH_GETSET, NULL, NULL},
    {"tb_code", tb_get_code, AD_METH_GETSET, NULL, NULL},
    {NULL, NULL, 0, NULL, NULL},
};

/* ---- setup ------------------------------------------------------------------------------ */

typedef struct ExcSpec {
    const char *name;
    const AdMethodDef *methods;
} ExcSpec;

static const ExcSpec exc_specs[] = {
    {"BaseException", base_methods},
    {"StopIteration", stopiter_methods},
    {"SystemExit", sysexit_methods},
    {"KeyError", keyerror_methods},
    {"OSError", oserror_methods},
    {"ImportError", importerror_methods},
    {"AttributeError", attrerror_methods},
    {"NameError", nameerror_methods},
    {"SyntaxError", syntaxerror_methods},
    {"UnicodeDecodeError", unicode_decode_methods},
    {"UnicodeEncodeError", unicode_encode_methods},
    {NULL, NULL},
};

static const AdMethodDef no_methods[] = {{NULL, NULL, 0, NULL, NULL}};

static const AdMethodDef *methods_for(const char *name) {
    for (const ExcSpec *s = exc_specs; s->name; s++)
        if (strcmp(s->name, name) == 0) return s->methods;
    return no_methods;
}

static bool make_exc(AdThread *t, AdType **slot, const char *name, AdType *base) {
    AdVM *vm = t->vm;
    bool syntax = slot == &vm->exc_SyntaxError || (base && is_syntax_family(t, base));
    size_t size = syntax ? sizeof(AdSyntaxErrorObj) : sizeof(AdException);
    AdTraceFn trace = syntax ? syntax_trace : exc_trace;
    uint32_t flags = AD_TPFLAG_BASETYPE | AD_TPFLAG_EXCEPTION;
    const AdMethodDef *methods = methods_for(name);
    AdType *type;
    if (*slot) {
        type = *slot;
        if (!ad_type_init_builtin(t, type, name, base ? base : vm->type_object, size, trace, NULL,
                                  methods, flags))
            return false;
    } else {
        type = ad_type_new_builtin(t, name, base ? base : vm->type_object, size, trace, NULL,
                                   methods, flags);
        if (!type) return false;
        *slot = type;
    }
    type->flags |= flags;
    type->instance_size = size;
    type->dict_offset = offsetof(AdException, dict);
    return true;
}

/* The class AD_EXCEPTIONS names `name` ("NULL" gives NULL); for setup only. */
/* AD_EXCEPTIONS names each class's base by its field; BaseException's "base" NULL reads the
 * field of BaseException itself, which is still NULL when that class is made. */
#define exc_NULL exc_BaseException

bool ad_exc_setup(AdThread *t) {
    AdVM *vm = t->vm;
    if (!ad_type_init_builtin(t, vm->type_traceback, "traceback", vm->type_object,
                              sizeof(AdTraceback), tb_trace, NULL, tb_methods, 0))
        return false;
#define X(id, base) if (!make_exc(t, &vm->exc_##id, #id, vm->exc_##base)) return false;
    AD_EXCEPTIONS(X)
#undef X
#undef exc_NULL
    AdException *me = exc_alloc(t, vm->exc_MemoryError, NULL, 0);
    if (!me) return false;
    vm->memory_error = ad_obj(me);
    return true;
}
