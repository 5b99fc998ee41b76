/*
 * obj_func.c - the callable object types: function (AdFunc), builtin_function_or_method
 * (AdNative), method (AdBoundMethod), cell and code.
 *
 * Invariant: these objects only describe what to call; calling them is call.c's job and
 * running code is vm.c's. A native's `owner` is the type whose dict holds it (NULL for
 * module functions), which is what makes `list.append(5, 1)` a clean TypeError instead of
 * a crash (call.c checks self against the owner). Attribute access on functions goes
 * through getset descriptors here plus the generic instance-dict path (dict_offset).
 */
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "core.h"
#include "setup.h"
#include "vm_internal.h"

/* ---- helpers ---------------------------------------------------------------------------- */

static AdValue str_value(AdThread *t, const char *s) {
    AdStr *r = ad_str_from_cstr(t, s);
    return r ? ad_obj(r) : AD_NULLV;
}

/* A tuple of the given names (NULL entries never occur). */
static AdValue names_tuple(AdThread *t, AdStr **names, uint32_t n) {
    AdTuple *tup = ad_tuple_new(t, n);
    if (!tup) return AD_NULLV;
    for (uint32_t i = 0; i < n; i++) tup->items[i] = ad_obj(names[i]);
    return ad_obj(tup);
}

static const char *type_name_of(AdThread *t, AdValue v) { return ad_type_name(ad_type_of(t, v)); }

/* ---- function --------------------------------------------------------------------------- */

static void func_trace(AdGC *gc, AdObj *o) {
    AdFunc *f = (AdFunc *)o;
    ad_gc_mark_obj(gc, f->code);
    ad_gc_mark_obj(gc, f->globals);
    ad_gc_mark_value(gc, f->builtins_unused);
    ad_gc_mark_obj(gc, f->defaults);
    ad_gc_mark_obj(gc, f->kwdefaults);
    ad_gc_mark_obj(gc, f->closure);
    ad_gc_mark_obj(gc, f->name);
    ad_gc_mark_obj(gc, f->qualname);
    ad_gc_mark_value(gc, f->doc);
    ad_gc_mark_value(gc, f->module);
    ad_gc_mark_obj(gc, f->dict);
    ad_gc_mark_obj(gc, f->annotations);
}

AdFunc *ad_func_new(AdThread *t, AdCode *code, AdDict *globals, AdStr *qualname) {
    int mark = ad_gc_root_mark(t);
    ad_gc_push_obj(t, code);
    ad_gc_push_obj(t, globals);
    ad_gc_push_obj(t, qualname);
    AdFunc *f = ad_gc_alloc(t, t->vm->type_function, sizeof(AdFunc));
    ad_gc_root_restore(t, mark);
    if (!f) return NULL;
    f->code = code;
    f->globals = globals;
    f->builtins_unused = AD_NONE;
    f->name = code->name;
    f->qualname = qualname ? qualname : code->qualname;
    f->doc = AD_IS_NULL(code->doc) ? AD_NONE : code->doc;
    AdValue mod = globals ? ad_dict_get_str(globals, t->vm->name.name) : AD_NULLV;
    f->module = AD_IS_NULL(mod) ? AD_NONE : mod;
    return f;
}

static AdFunc *as_func(AdValue v) { return AD_AS(AdFunc, v); }

static AdValue func_repr(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    (void)nargs;
    (void)kwnames;
    AdFunc *f = as_func(args[0]);
    return ad_vm_strf(t, "<function %s at %p>", f->qualname->data, (void *)f);
}

static AdValue func_get(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    if (!ad_args_check(t, "__get__", nargs - 1, kwnames, 1, 2)) return AD_NULLV;
    if (AD_IS_NONE(args[1])) return args[0];
    return ad_bound_method_new(t, args[0], args[1]);
}

static AdValue func_call(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    return ad_rt_call(t, args[0], args + 1, nargs - 1, kwnames);
}

static AdValue func_get_name(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    (void)t, (void)nargs, (void)kwnames;
    return ad_obj(as_func(args[0])->name);
}
static bool func_set_name(AdThread *t, AdValue self, AdValue v) {
    if (AD_IS_NULL(v) || !ad_is_str(t, v))
        return ad_err_raise(t, t->vm->exc_TypeError, "__name__ must be set to a string object");
    as_func(self)->name = AD_AS(AdStr, v);
    return true;
}
static AdValue func_get_qualname(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    (void)t, (void)nargs, (void)kwnames;
    return ad_obj(as_func(args[0])->qualname);
}
static bool func_set_qualname(AdThread *t, AdValue self, AdValue v) {
    if (AD_IS_NULL(v) || !ad_is_str(t, v))
        return ad_err_raise(t, t->vm->exc_TypeError, "__qualname__ must be set to a string object");
    as_func(self)->qualname = AD_AS(AdStr, v);
    return true;
}
static AdValue func_get_doc(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    (void)t, (void)nargs, (void)kwnames;
    return as_func(args[0])->doc;
}
static bool func_set_doc(AdThread *t, AdValue self, AdValue v) {
    (void)t;
    as_func(self)->doc = AD_IS_NULL(v) ? AD_NONE : v;
    return true;
}
static AdValue func_get_module(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    (void)t, (void)nargs, (void)kwnames;
    return as_func(args[0])->module;
}
static bool func_set_module(AdThread *t, AdValue self, AdValue v) {
    (void)t;
    as_func(self)->module = AD_IS_NULL(v) ? AD_NONE : v;
    return true;
}
static AdValue func_get_defaults(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    (void)t, (void)nargs, (void)kwnames;
    AdFunc *f = as_func(args[0]);
    return f->defaults ? ad_obj(f->defaults) : AD_NONE;
}
static bool func_set_defaults(AdThread *t, AdValue self, AdValue v) {
    if (AD_IS_NULL(v) || AD_IS_NONE(v)) {
        as_func(self)->defaults = NULL;
        return true;
    }
    if (!ad_is_instance_of(t, v, t->vm->type_tuple))
        return ad_err_raise(t, t->vm->exc_TypeError, "__defaults__ must be set to a tuple object");
    AdTuple *d = AD_AS(AdTuple, v);
    as_func(self)->defaults = d->len ? d : NULL;
    return true;
}
static AdValue func_get_kwdefaults(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    (void)t, (void)nargs, (void)kwnames;
    AdFunc *f = as_func(args[0]);
    return f->kwdefaults ? ad_obj(f->kwdefaults) : AD_NONE;
}
static bool func_set_kwdefaults(AdThread *t, AdValue self, AdValue v) {
    if (AD_IS_NULL(v) || AD_IS_NONE(v)) {
        as_func(self)->kwdefaults = NULL;
        return true;
    }
    if (!ad_is_instance_of(t, v, t->vm->type_dict))
        return ad_err_raise(t, t->vm->exc_TypeError, "__kwdefaults__ must be set to a dict object");
    as_func(self)->kwdefaults = AD_AS(AdDict, v);
    return true;
}
static AdValue func_get_code(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    (void)t, (void)nargs, (void)kwnames;
    return ad_obj(as_func(args[0])->code);
}
static bool func_set_code(AdThread *t, AdValue self, AdValue v) {
    if (AD_IS_NULL(v) || !ad_is_type(v, t->vm->type_code))
        return ad_err_raise(t, t->vm->exc_TypeError, "__code__ must be set to a code object");
    AdFunc *f = as_func(self);
    AdCode *co = AD_AS(AdCode, v);
    uint32_t nclosure = f->closure ? (uint32_t)f->closure->len : 0;
    if (co->nfree != nclosure)
        return ad_err_raise(t, t->vm->exc_ValueError,
                            "%s() requires a code object with %d free vars, not %d",
                            f->name->data, (int)nclosure, (int)co->nfree);
    f->code = co;
    return true;
}
static AdValue func_get_closure(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    (void)t, (void)nargs, (void)kwnames;
    AdFunc *f = as_func(args[0]);
    return f->closure ? ad_obj(f->closure) : AD_NONE;
}
static AdValue func_get_globals(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    (void)t, (void)nargs, (void)kwnames;
    return ad_obj(as_func(args[0])->globals);
}
static AdValue func_get_builtins(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    (void)args, (void)nargs, (void)kwnames;
    return ad_obj(t->vm->builtins);
}
static AdValue func_get_annotations(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    (void)nargs, (void)kwnames;
    AdFunc *f = as_func(args[0]);
    if (!f->annotations) {
        AdDict *d = ad_dict_new(t);
        if (!d) return AD_NULLV;
        f->annotations = d;
    }
    return ad_obj(f->annotations);
}
static bool func_set_annotations(AdThread *t, AdValue self, AdValue v) {
    if (AD_IS_NULL(v) || AD_IS_NONE(v)) {
        as_func(self)->annotations = NULL;
        return true;
    }
    if (!ad_is_instance_of(t, v, t->vm->type_dict))
        return ad_err_raise(t, t->vm->exc_TypeError,
                            "__annotations__ must be set to a dict object");
    as_func(self)->annotations = AD_AS(AdDict, v);
    return true;
}
static AdValue func_get_dict(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    (void)nargs, (void)kwnames;
    AdFunc *f = as_func(args[0]);
    if (!f->dict) {
        AdDict *d = ad_dict_new(t);
        if (!d) return AD_NULLV;
        f->dict = d;
    }
    return ad_obj(f->dict);
}
static bool func_set_dict(AdThread *t, AdValue self, AdValue v) {
    if (AD_IS_NULL(v))
        return ad_err_raise(t, t->vm->exc_TypeError, "cannot delete __dict__");
    if (!ad_is_instance_of(t, v, t->vm->type_dict))
        return ad_err_raise(t, t->vm->exc_TypeError,
                            "__dict__ must be set to a dictionary, not a '%T'", v);
    as_func(self)->dict = AD_AS(AdDict, v);
    return true;
}

/* function(code, globals, name=None, argdefs=None, closure=None) */
static AdValue func_new(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    static const char *const names[] = {"cls", "code", "globals", "name", "argdefs", "closure"};
    AdValue a[6];
    AdVM *vm = t->vm;
    if (!ad_args_parse(t, "function", args, nargs, kwnames, names, 6, 6, 3, a)) return AD_NULLV;
    if (!ad_is_type(a[1], vm->type_code))
        return ad_err_raise_v(t, vm->exc_TypeError,
                              "function() argument 'code' must be code, not %T", a[1]);
    if (!ad_is_instance_of(t, a[2], vm->type_dict))
        return ad_err_raise_v(t, vm->exc_TypeError,
                              "function() argument 'globals' must be dict, not %T", a[2]);
    AdCode *co = AD_AS(AdCode, a[1]);
    AdFunc *f = ad_func_new(t, co, AD_AS(AdDict, a[2]), NULL);
    if (!f) return AD_NULLV;
    if (!AD_IS_NULL(a[3]) && !AD_IS_NONE(a[3])) {
        if (!ad_is_str(t, a[3]))
            return ad_err_raise_v(t, vm->exc_TypeError, "arg 3 (name) must be None or string");
        f->name = AD_AS(AdStr, a[3]);
    }
    if (!AD_IS_NULL(a[4]) && !AD_IS_NONE(a[4])) {
        if (!ad_is_instance_of(t, a[4], vm->type_tuple))
            return ad_err_raise_v(t, vm->exc_TypeError, "arg 4 (defaults) must be None or tuple");
        f->defaults = AD_AS(AdTuple, a[4]);
    }
    uint32_t nclosure = 0;
    if (!AD_IS_NULL(a[5]) && !AD_IS_NONE(a[5])) {
        if (!ad_is_instance_of(t, a[5], vm->type_tuple))
            return ad_err_raise_v(t, vm->exc_TypeError, "arg 5 (closure) must be tuple");
        f->closure = AD_AS(AdTuple, a[5]);
        nclosure = (uint32_t)f->closure->len;
        for (uint32_t i = 0; i < nclosure; i++)
            if (!ad_is_type(f->closure->items[i], vm->type_cell))
                return ad_err_raise_v(t, vm->exc_TypeError,
                                      "arg 5 (closure) expected cell, found %T",
                                      f->closure->items[i]);
    }
    if (co->nfree != nclosure)
        return ad_err_raise_v(t, vm->exc_ValueError,
                              "%s requires closure of length %d, not %d", co->name->data,
                              (int)co->nfree, (int)nclosure);
    return ad_obj(f);
}

static const AdMethodDef func_methods[] = {
    {"__new__", func_new, AD_METH_STATIC, NULL, NULL},
    {"__repr__", func_repr, AD_METH_INSTANCE, NULL, NULL},
    {"__get__", func_get, AD_METH_INSTANCE, NULL, NULL},
    {"__call__", func_call, AD_METH_INSTANCE, NULL, NULL},
    {"__name__", func_get_name, AD_METH_GETSET, func_set_name, NULL},
    {"__qualname__", func_get_qualname, AD_METH_GETSET, func_set_qualname, NULL},
    {"__doc__", func_get_doc, AD_METH_GETSET, func_set_doc, NULL},
    {"__module__", func_get_module, AD_METH_GETSET, func_set_module, NULL},
    {"__defaults__", func_get_defaults, AD_METH_GETSET, func_set_defaults, NULL},
    {"__kwdefaults__", func_get_kwdefaults, AD_METH_GETSET, func_set_kwdefaults, NULL},
    {"__code__", func_get_code, AD_METH_GETSET, func_set_code, NULL},
    {"__closure__", func_get_closure, AD_METH_GETSET, NULL, NULL},
    {"__globals__", func_get_globals, AD_METH_GETSET, NULL, NULL},
    {"__builtins__", func_get_builtins, AD_METH_GETSET, NULL, NULL},
    {"__annotations__", func_get_annotations, AD_METH_GETSET, func_set_annotations, NULL},
    {"__dict__", func_get_dict, AD_METH_GETSET, func_set_dict, NULL},
    {NULL, NULL, 0, NULL, NULL},
};

/* ---- builtin_function_or_method ---------------------------------------------------------- */

static void native_trace(AdGC *gc, AdObj *o) {
    AdNative *n = (AdNative *)o;
    ad_gc_mark_obj(gc, n->owner);
    ad_gc_mark_value(gc, n->module);
}

AdValue ad_native_new(AdThread *t, const char *name, AdCFunc fn, int kind, AdType *owner) {
    int mark = ad_gc_root_mark(t);
    ad_gc_push_obj(t, owner);
    AdNative *n = ad_gc_alloc(t, t->vm->type_builtin_function, sizeof(AdNative));
    ad_gc_root_restore(t, mark);
    if (!n) return AD_NULLV;
    n->name = name;
    n->fn = fn;
    n->kind = kind;
    n->owner = owner;
    n->module = AD_NONE;
    return ad_obj(n);
}

static AdNative *as_native(AdValue v) { return AD_AS(AdNative, v); }

static AdValue native_repr(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    (void)nargs, (void)kwnames;
    AdNative *n = as_native(args[0]);
    if (!n->owner) return ad_vm_strf(t, "<built-in function %s>", n->name);
    if (n->kind == AD_METH_STATIC)
        return ad_vm_strf(t, "<built-in method %s of type object at %p>", n->name,
                                    (void *)n->owner);
    return ad_vm_strf(t, "<method '%s' of '%s' objects>", n->name,
                                ad_type_name(n->owner));
}

/* __get__(obj, type=None): the binding rules of the three native kinds. */
static AdValue native_get(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    if (!ad_args_check(t, "__get__", nargs - 1, kwnames, 1, 2)) return AD_NULLV;
    AdNative *n = as_native(args[0]);
    AdValue obj = args[1];
    AdValue type = nargs > 2 ? args[2] : AD_NONE;
    switch (n->kind) {
    case AD_METH_STATIC: return args[0];
    case AD_METH_CLASS:
        if (AD_IS_NONE(type)) type = ad_obj(ad_type_of(t, obj));
        return ad_bound_method_new(t, args[0], type);
    default:
        if (AD_IS_NONE(obj)) return args[0];
        if (n->owner && !ad_is_instance_of(t, obj, n->owner))
            return ad_err_raise_v(t, t->vm->exc_TypeError,
                                  "descriptor '%s' for '%s' objects doesn't apply to a '%s' object",
                                  n->name, ad_type_name(n->owner), type_name_of(t, obj));
        return ad_bound_method_new(t, args[0], obj);
    }
}

static AdValue native_call(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    return ad_rt_call(t, args[0], args + 1, nargs - 1, kwnames);
}

static AdValue native_get_name(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    (void)nargs, (void)kwnames;
    return str_value(t, as_native(args[0])->name);
}
static AdValue native_get_qualname(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    (void)nargs, (void)kwnames;
    AdNative *n = as_native(args[0]);
    if (!n->owner) return str_value(t, n->name);
    return ad_vm_strf(t, "%s.%s", ad_type_name(n->owner), n->name);
}
static AdValue native_get_module(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    (void)t, (void)nargs, (void)kwnames;
    return as_native(args[0])->module;
}
static AdValue native_get_doc(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    (void)nargs, (void)kwnames;
    AdNative *n = as_native(args[0]);
    return n->doc ? str_value(t, n->doc) : AD_NONE;
}
static AdValue native_get_self(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    (void)nargs, (void)kwnames;
    AdNative *n = as_native(args[0]);
    if (n->owner) return ad_obj(n->owner);
    if (ad_is_str(t, n->module)) {
        AdValue m = ad_dict_get_str(t->vm->modules, AD_AS(AdStr, n->module));
        if (!AD_IS_NULL(m)) return m;
    }
    return AD_NONE;
}
static AdValue native_get_none(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    (void)t, (void)args, (void)nargs, (void)kwnames;
    return AD_NONE;
}

static const AdMethodDef native_methods[] = {
    {"__repr__", native_repr, AD_METH_INSTANCE, NULL, NULL},
    {"__get__", native_get, AD_METH_INSTANCE, NULL, NULL},
    {"__call__", native_call, AD_METH_INSTANCE, NULL, NULL},
    {"__name__", native_get_name, AD_METH_GETSET, NULL, NULL},
    {"__qualname__", native_get_qualname, AD_METH_GETSET, NULL, NULL},
    {"__module__", native_get_module, AD_METH_GETSET, NULL, NULL},
    {"__doc__", native_get_doc, AD_METH_GETSET, NULL, NULL},
    {"__self__", native_get_self, AD_METH_GETSET, NULL, NULL},
    {"__text_signature__", native_get_none, AD_METH_GETSET, NULL, NULL},
    {NULL, NULL, 0, NULL, NULL},
};

/* ---- method (bound method) ------------------------------------------------------------- */

static void method_trace(AdGC *gc, AdObj *o) {
    AdBoundMethod *m = (AdBoundMethod *)o;
    ad_gc_mark_value(gc, m->func);
    ad_gc_mark_value(gc, m->self);
}

AdValue ad_bound_method_new(AdThread *t, AdValue func, AdValue self) {
    int mark = ad_gc_root_mark(t);
    ad_gc_push_root(t, func);
    ad_gc_push_root(t, self);
    AdBoundMethod *m = ad_gc_alloc(t, t->vm->type_method, sizeof(AdBoundMethod));
    ad_gc_root_restore(t, mark);
    if (!m) return AD_NULLV;
    m->func = func;
    m->self = self;
    return ad_obj(m);
}

static AdBoundMethod *as_method(AdValue v) { return AD_AS(AdBoundMethod, v); }

/* method(function, instance) */
static AdValue method_new(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    if (!ad_args_check(t, "method", nargs - 1, kwnames, 2, 2)) return AD_NULLV;
    if (!ad_rt_callable(t, args[1]))
        return ad_err_raise_v(t, t->vm->exc_TypeError, "first argument must be callable");
    if (AD_IS_NONE(args[2]))
        return ad_err_raise_v(t, t->vm->exc_TypeError, "instance must not be None");
    return ad_bound_method_new(t, args[1], args[2]);
}

static AdValue method_repr(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    (void)nargs, (void)kwnames;
    AdBoundMethod *m = as_method(args[0]);
    AdVM *vm = t->vm;
    char addr[32];
    if (ad_is_type(m->func, vm->type_builtin_function)) {
        AdNative *n = as_native(m->func);
        snprintf(addr, sizeof addr, "%p",
                 AD_IS_OBJ(m->self) ? (void *)AD_AS_OBJ(m->self) : (void *)m);
        return ad_vm_strf(t, "<built-in method %s of %s object at %s>", n->name,
                                    type_name_of(t, m->self), addr);
    }
    AdValue name;
    int r = ad_rt_lookup_attr(t, m->func, vm->name.qualname, &name);
    if (r < 0) return AD_NULLV;
    if (r == 0 || !ad_is_str(t, name)) {
        r = ad_rt_lookup_attr(t, m->func, vm->name.name, &name);
        if (r < 0) return AD_NULLV;
        if (r == 0 || !ad_is_str(t, name)) name = str_value(t, "?");
        if (AD_IS_NULL(name)) return AD_NULLV;
    }
    ad_gc_push_root(t, name);
    AdValue self_repr = ad_rt_repr(t, m->self);
    if (AD_IS_NULL(self_repr)) return AD_NULLV;
    return ad_vm_strf(t, "<bound method %s of %s>", AD_AS(AdStr, name)->data,
                                AD_AS(AdStr, self_repr)->data);
}

static AdValue method_call(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    return ad_rt_call(t, args[0], args + 1, nargs - 1, kwnames);
}

static AdValue method_get(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    if (!ad_args_check(t, "__get__", nargs - 1, kwnames, 1, 2)) return AD_NULLV;
    return args[0];
}

static AdValue method_get_func(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    (void)t, (void)nargs, (void)kwnames;
    return as_method(args[0])->func;
}
static AdValue method_get_self(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    (void)t, (void)nargs, (void)kwnames;
    return as_method(args[0])->self;
}
static AdValue method_get_doc(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    (void)nargs, (void)kwnames;
    return ad_rt_getattr(t, as_method(args[0])->func, t->vm->name.doc);
}

/* Attributes a method lacks come from its function (m.__name__, m.__wrapped__...). */
static AdValue method_getattr(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    if (!ad_args_check(t, "__getattr__", nargs - 1, kwnames, 1, 1)) return AD_NULLV;
    if (!ad_is_str(t, args[1]))
        return ad_err_raise_v(t, t->vm->exc_TypeError,
                              "attribute name must be string, not '%T'", args[1]);
    return ad_rt_getattr(t, as_method(args[0])->func, AD_AS(AdStr, args[1]));
}

static AdValue method_eq(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    (void)nargs, (void)kwnames;
    if (!ad_is_type(args[1], t->vm->type_method)) return t->vm->not_implemented;
    AdBoundMethod *a = as_method(args[0]), *b = as_method(args[1]);
    if (!ad_is(a->self, b->self)) return AD_FALSE;
    int r = ad_rt_eq(t, a->func, b->func);
    return r < 0 ? AD_NULLV : ad_bool(r);
}

static AdValue method_ne(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    AdValue r = method_eq(t, args, nargs, kwnames);
    if (AD_IS_BOOL(r)) return ad_bool(!r.as.i);
    return r;
}

static AdValue method_hash(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    (void)nargs, (void)kwnames;
    AdBoundMethod *m = as_method(args[0]);
    int64_t h;
    if (!ad_rt_hash(t, m->func, &h)) return AD_NULLV;
    int64_t s = AD_IS_OBJ(m->self) ? (int64_t)((uintptr_t)AD_AS_OBJ(m->self) >> 4) : m->self.as.i;
    h ^= s;
    if (h == -1) h = -2;
    return ad_small_int(h);
}

static const AdMethodDef method_methods[] = {
    {"__new__", method_new, AD_METH_STATIC, NULL, NULL},
    {"__repr__", method_repr, AD_METH_INSTANCE, NULL, NULL},
    {"__call__", method_call, AD_METH_INSTANCE, NULL, NULL},
    {"__get__", method_get, AD_METH_INSTANCE, NULL, NULL},
    {"__getattr__", method_getattr, AD_METH_INSTANCE, NULL, NULL},
    {"__eq__", method_eq, AD_METH_INSTANCE, NULL, NULL},
    {"__ne__", method_ne, AD_METH_INSTANCE, NULL, NULL},
    {"__hash__", method_hash, AD_METH_INSTANCE, NULL, NULL},
    {"__func__", method_get_func, AD_METH_GETSET, NULL, NULL},
    {"__self__", method_get_self, AD_METH_GETSET, NULL, NULL},
    {"__doc__", method_get_doc, AD_METH_GETSET, NULL, NULL},
    {NULL, NULL, 0, NULL, NULL},
};

/* ---- cell -------------------------------------------------------------------------------- */

static void cell_trace(AdGC *gc, AdObj *o) { ad_gc_mark_value(gc, ((AdCell *)o)->value); }

AdCell *ad_cell_new(AdThread *t, AdValue v) {
    int mark = ad_gc_root_mark(t);
    ad_gc_push_root(t, v);
    AdCell *c = ad_gc_alloc(t, t->vm->type_cell, sizeof(AdCell));
    ad_gc_root_restore(t, mark);
    if (!c) return NULL;
    c->value = v;
    return c;
}

static AdValue cell_new(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    if (!ad_args_check(t, "cell", nargs - 1, kwnames, 0, 1)) return AD_NULLV;
    AdCell *c = ad_cell_new(t, nargs > 1 ? args[1] : AD_NULLV);
    return c ? ad_obj(c) : AD_NULLV;
}

static AdValue cell_repr(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    (void)nargs, (void)kwnames;
    AdCell *c = AD_AS(AdCell, args[0]);
    if (AD_IS_NULL(c->value)) return ad_vm_strf(t, "<cell at %p: empty>", (void *)c);
    char addr[32];
    snprintf(addr, sizeof addr, "%p",
             AD_IS_OBJ(c->value) ? (void *)AD_AS_OBJ(c->value) : (void *)&c->value);
    return ad_vm_strf(t, "<cell at %p: %s object at %s>", (void *)c,
                                type_name_of(t, c->value), addr);
}

static AdValue cell_get_contents(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    (void)nargs, (void)kwnames;
    AdCell *c = AD_AS(AdCell, args[0]);
    if (AD_IS_NULL(c->value)) return ad_err_raise_v(t, t->vm->exc_ValueError, "Cell is empty");
    return c->value;
}
static bool cell_set_contents(AdThread *t, AdValue self, AdValue v) {
    (void)t;
    AD_AS(AdCell, self)->value = v;
    return true;
}

static const AdMethodDef cell_methods[] = {
    {"__new__", cell_new, AD_METH_STATIC, NULL, NULL},
    {"__repr__", cell_repr, AD_METH_INSTANCE, NULL, NULL},
    {"cell_contents", cell_get_contents, AD_METH_GETSET, cell_set_contents, NULL},
    {NULL, NULL, 0, NULL, NULL},
};

/* ---- code -------------------------------------------------------------------------------- */

static void code_trace(AdGC *gc, AdObj *o) {
    AdCode *co = (AdCode *)o;
    if (co->consts) ad_gc_mark_values(gc, co->consts, co->nconsts);
    if (co->names)
        for (uint32_t i = 0; i < co->nnames; i++) ad_gc_mark_obj(gc, co->names[i]);
    if (co->localnames)
        for (uint32_t i = 0; i < co->nlocals; i++) ad_gc_mark_obj(gc, co->localnames[i]);
    if (co->cellnames)
        for (uint32_t i = 0; i < co->ncells; i++) ad_gc_mark_obj(gc, co->cellnames[i]);
    if (co->freenames)
        for (uint32_t i = 0; i < co->nfree; i++) ad_gc_mark_obj(gc, co->freenames[i]);
    ad_gc_mark_obj(gc, co->name);
    ad_gc_mark_obj(gc, co->qualname);
    ad_gc_mark_obj(gc, co->filename);
    ad_gc_mark_value(gc, co->doc);
}

static void code_finalize(AdVM *vm, AdObj *o) {
    AdCode *co = (AdCode *)o;
    if (co->code) ad_mem_free(vm, co->code, co->ncode * sizeof(uint32_t));
    if (co->lines) ad_mem_free(vm, co->lines, co->ncode * sizeof(uint32_t));
    if (co->consts) ad_mem_free(vm, co->consts, co->nconsts * sizeof(AdValue));
    if (co->names) ad_mem_free(vm, co->names, co->nnames * sizeof(AdStr *));
    if (co->localnames) ad_mem_free(vm, co->localnames, co->nlocals * sizeof(AdStr *));
    if (co->cellnames) ad_mem_free(vm, co->cellnames, co->ncells * sizeof(AdStr *));
    if (co->freenames) ad_mem_free(vm, co->freenames, co->nfree * sizeof(AdStr *));
    if (co->cell_param) ad_mem_free(vm, co->cell_param, co->ncells * sizeof(int32_t));
    co->code = NULL;
    co->lines = NULL;
    co->consts = NULL;
    co->names = co->localnames = co->cellnames = co->freenames = NULL;
    co->cell_param = NULL;
}

static AdCode *as_code(AdValue v) { return AD_AS(AdCode, v); }

static AdValue code_repr(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    (void)nargs, (void)kwnames;
    AdCode *co = as_code(args[0]);
    return ad_vm_strf(t, "<code object %s at %p, file \"%s\", line %d>",
                                co->name ? co->name->data : "?", (void *)co,
                                co->filename ? co->filename->data : "???", co->firstlineno);
}

/* CPython's co_flags bits, for inspect and friends. */
static int64_t code_cpython_flags(const AdCode *co) {
    int64_t fl = 0;
    if (co->flags & AD_CODE_FUNCTION) fl |= 0x1 | 0x2;
    if (co->flags & AD_CODE_VARARGS) fl |= 0x4;
    if (co->flags & AD_CODE_VARKEYWORDS) fl |= 0x8;
    if (co->nfree) fl |= 0x10;
    if (co->flags & AD_CODE_GENERATOR) fl |= 0x20;
    if (co->flags & AD_CODE_COROUTINE) fl |= 0x80;
    if (co->flags & AD_CODE_ITERABLE_COROUTINE) fl |= 0x100;
    if (co->flags & AD_CODE_ASYNC_GENERATOR) fl |= 0x200;
    return fl;
}

static bool dup_array(AdThread *t, void **to, const void *from, size_t size) {
    if (!from) return true;
    void *p = ad_mem_alloc(t, size ? size : 1);
    if (!p) return false;
    memcpy(p, from, size);
    *to = p;
    return true;
}

/* code.replace(co_flags=, co_name=, co_qualname=, co_filename=, co_firstlineno=): a copy.
 * Of the flags only CO_ITERABLE_COROUTINE (0x100) may change: it is what types.coroutine
 * sets to make a generator awaitable; the others describe how the bytecode was built. */
static AdValue code_replace(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    static const char *const names[] = {"self",        "co_flags",    "co_name",
                                        "co_qualname", "co_filename", "co_firstlineno"};
    AdValue a[6];
    AdVM *vm = t->vm;
    if (!ad_args_parse(t, "replace", args, nargs, kwnames, names, 6, 1, 1, a)) return AD_NULLV;
    for (int i = 2; i <= 4; i++)
        if (!AD_IS_NULL(a[i]) && !ad_is_str(t, a[i]))
            return ad_err_raise_v(t, vm->exc_TypeError, "%s must be a str, not %T", names[i], a[i]);
    for (int i = 1; i <= 5; i += 4)
        if (!AD_IS_NULL(a[i]) && !AD_IS_INT(a[i]))
            return ad_err_raise_v(t, vm->exc_TypeError, "%s must be an int, not %T", names[i],
                                  a[i]);
    AdCode *src = as_code(args[0]);
    AdCode *co = ad_gc_alloc(t, vm->type_code, sizeof(AdCode));
    if (!co) return AD_NULLV;
    AdObj header = co->obj; /* the collector's links stay this object's own */
    *co = *src;
    co->obj = header;
    co->code = NULL;
    co->lines = NULL;
    co->consts = NULL;
    co->names = co->localnames = co->cellnames = co->freenames = NULL;
    co->cell_param = NULL;
    ad_gc_push_obj(t, co);
    if (!dup_array(t, (void **)&co->code, src->code, src->ncode * sizeof(uint32_t)) ||
        !dup_array(t, (void **)&co->lines, src->lines, src->ncode * sizeof(uint32_t)) ||
        !dup_array(t, (void **)&co->consts, src->consts, src->nconsts * sizeof(AdValue)) ||
        !dup_array(t, (void **)&co->names, src->names, src->nnames * sizeof(AdStr *)) ||
        !dup_array(t, (void **)&co->localnames, src->localnames, src->nlocals * sizeof(AdStr *)) ||
        !dup_array(t, (void **)&co->cellnames, src->cellnames, src->ncells * sizeof(AdStr *)) ||
        !dup_array(t, (void **)&co->freenames, src->freenames, src->nfree * sizeof(AdStr *)) ||
        !dup_array(t, (void **)&co->cell_param, src->cell_param, src->ncells * sizeof(int32_t)))
        return AD_NULLV;
    if (!AD_IS_NULL(a[1])) {
        if (a[1].as.i & 0x100)
            co->flags |= AD_CODE_ITERABLE_COROUTINE;
        else
            co->flags &= ~(uint32_t)AD_CODE_ITERABLE_COROUTINE;
    }
    if (!AD_IS_NULL(a[2])) co->name = AD_AS(AdStr, a[2]);
    if (!AD_IS_NULL(a[3])) co->qualname = AD_AS(AdStr, a[3]);
    if (!AD_IS_NULL(a[4])) co->filename = AD_AS(AdStr, a[4]);
    if (!AD_IS_NULL(a[5])) co->firstlineno = (int)a[5].as.i;
    return ad_obj(co);
}

enum {
    CO_NAME, CO_QUALNAME, CO_FILENAME, CO_FIRSTLINENO, CO_ARGCOUNT, CO_POSONLY, CO_KWONLY,
    CO_NLOCALS, CO_VARNAMES, CO_CELLVARS, CO_FREEVARS, CO_NAMES, CO_CONSTS, CO_FLAGS,
    CO_STACKSIZE, CO_CODE,
};

static AdValue code_attr(AdThread *t, AdCode *co, int which) {
    switch (which) {
    case CO_NAME: return ad_obj(co->name);
    case CO_QUALNAME: return ad_obj(co->qualname);
    case CO_FILENAME: return ad_obj(co->filename);
    case CO_FIRSTLINENO: return ad_small_int(co->firstlineno);
    case CO_ARGCOUNT: return ad_small_int(co->argcount);
    case CO_POSONLY: return ad_small_int(co->posonlyargcount);
    case CO_KWONLY: return ad_small_int(co->kwonlyargcount);
    case CO_NLOCALS: return ad_small_int(co->nlocals);
    case CO_VARNAMES: return names_tuple(t, co->localnames, co->nlocals);
    case CO_CELLVARS: return names_tuple(t, co->cellnames, co->ncells);
    case CO_FREEVARS: return names_tuple(t, co->freenames, co->nfree);
    case CO_NAMES: return names_tuple(t, co->names, co->nnames);
    case CO_CONSTS: {
        AdTuple *tup = ad_tuple_from_array(t, co->consts, co->nconsts);
        return tup ? ad_obj(tup) : AD_NULLV;
    }
    case CO_FLAGS: return ad_small_int(code_cpython_flags(co));
    case CO_STACKSIZE: return ad_small_int(co->stacksize);
    default: {
        AdBytes *b = ad_bytes_new(t, co->code, co->ncode * sizeof(uint32_t));
        return b ? ad_obj(b) : AD_NULLV;
    }
    }
}

#define CODE_GETTER(fname, which)                                                            \
    static AdValue fname(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {          \
        (void)nargs, (void)kwnames;                                                          \
        return code_attr(t, as_code(args[0]), which);                                        \
    }
CODE_GETTER(code_co_name, CO_NAME)
CODE_GETTER(code_co_qualname, CO_QUALNAME)
CODE_GETTER(code_co_filename, CO_FILENAME)
CODE_GETTER(code_co_firstlineno, CO_FIRSTLINENO)
CODE_GETTER(code_co_argcount, CO_ARGCOUNT)
CODE_GETTER(code_co_posonlyargcount, CO_POSONLY)
CODE_GETTER(code_co_kwonlyargcount, CO_KWONLY)
CODE_GETTER(code_co_nlocals, CO_NLOCALS)
CODE_GETTER(code_co_varnames, CO_VARNAMES)
CODE_GETTER(code_co_cellvars, CO_CELLVARS)
CODE_GETTER(code_co_freevars, CO_FREEVARS)
CODE_GETTER(code_co_names, CO_NAMES)
CODE_GETTER(code_co_consts, CO_CONSTS)
CODE_GETTER(code_co_flags, CO_FLAGS)
CODE_GETTER(code_co_stacksize, CO_STACKSIZE)
CODE_GETTER(code_co_code, CO_CODE)
#undef CODE_GETTER

static const AdMethodDef code_methods[] = {
    {"__repr__", code_repr, AD_METH_INSTANCE, NULL, NULL},
    {"replace", code_replace, AD_METH_INSTANCE, NULL, NULL},
    {"co_name", code_co_name, AD_METH_GETSET, NULL, NULL},
    {"co_qualname", code_co_qualname, AD_METH_GETSET, NULL, NULL},
    {"co_filename", code_co_filename, AD_METH_GETSET, NULL, NULL},
    {"co_firstlineno", code_co_firstlineno, AD_METH_GETSET, NULL, NULL},
    {"co_argcount", code_co_argcount, AD_METH_GETSET, NULL, NULL},
    {"co_posonlyargcount", code_co_posonlyargcount, AD_METH_GETSET, NULL, NULL},
    {"co_kwonlyargcount", code_co_kwonlyargcount, AD_METH_GETSET, NULL, NULL},
    {"co_nlocals", code_co_nlocals, AD_METH_GETSET, NULL, NULL},
    {"co_varnames", code_co_varnames, AD_METH_GETSET, NULL, NULL},
    {"co_cellvars", code_co_cellvars, AD_METH_GETSET, NULL, NULL},
    {"co_freevars", code_co_freevars, AD_METH_GETSET, NULL, NULL},
    {"co_names", code_co_names, AD_METH_GETSET, NULL, NULL},
    {"co_consts", code_co_consts, AD_METH_GETSET, NULL, NULL},
    {"co_flags", code_co_flags, AD_METH_GETSET, NULL, NULL},
    {"co_stacksize", code_co_stacksize, AD_METH_GETSET, NULL, NULL},
    {"co_code", code_co_code, AD_METH_GETSET, NULL, NULL},
    {NULL, NULL, 0, NULL, NULL},
};

/* ---- setup ------------------------------------------------------------------------------- */

bool ad_func_setup(AdThread *t) {
    AdVM *vm = t->vm;
    AdType *object = vm->type_object;
    if (!ad_type_init_builtin(t, vm->type_function, "function", object, sizeof(AdFunc),
                              func_trace, NULL, func_methods, 0))
        return false;
    vm->type_function->dict_offset = offsetof(AdFunc, dict);
    if (!ad_type_init_builtin(t, vm->type_builtin_function, "builtin_function_or_method", object,
                              sizeof(AdNative), native_trace, NULL, native_methods, 0))
        return false;
    if (!ad_type_init_builtin(t, vm->type_method, "method", object, sizeof(AdBoundMethod),
                              method_trace, NULL, method_methods, 0))
        return false;
    if (!ad_type_init_builtin(t, vm->type_cell, "cell", object, sizeof(AdCell), cell_trace, NULL,
                              cell_methods, 0))
        return false;
    return ad_type_init_builtin(t, vm->type_code, "code", object, sizeof(AdCode), code_trace,
                                code_finalize, code_methods, 0);
}
