/*
 * descr.c - descriptor types and super: getset_descriptor (C attributes of builtin types),
 * member_descriptor (__slots__ entries), property, classmethod, staticmethod, and super.
 *
 * runtime.c recognises these types by pointer and calls ad_getset_get / ad_member_get /
 * ad_property_get directly instead of going through their __get__ dunders; the dunders
 * here exist so that scripts (and subclasses) see the same behaviour. super() without
 * arguments reads the calling frame: its first argument and its __class__ cell.
 */
#include <stddef.h>
#include <string.h>

#include "typeobj.h"

/* The class argument of a builtin's __new__, checked: it must be `base` or a subclass,
 * since the instance gets base's layout. NULL with TypeError otherwise. */
AdType *ad_new_class_arg(AdThread *t, AdValue *args, int nargs, AdType *base) {
    AdVM *vm = t->vm;
    if (nargs < 1)
        return ad_err_raise_p(t, vm->exc_TypeError, "%s.__new__(): not enough arguments",
                              ad_type_name(base));
    if (!ad_is_instance_of(t, args[0], vm->type_type))
        return ad_err_raise_p(t, vm->exc_TypeError, "%s.__new__(X): X is not a type object (%T)",
                              ad_type_name(base), args[0]);
    AdType *cls = AD_AS(AdType, args[0]);
    if (!ad_type_is_subtype(cls, base))
        return ad_err_raise_p(t, vm->exc_TypeError, "%s.__new__(%s): %s is not a subtype of %s",
                              ad_type_name(base), ad_type_name(cls), ad_type_name(cls),
                              ad_type_name(base));
    return cls;
}

/* ---- getset_descriptor ------------------------------------------------------------------- */

static void getset_trace(AdGC *gc, AdObj *o) {
    ad_gc_mark_obj(gc, ((AdGetSet *)o)->owner);
}

AdValue ad_getset_new(AdThread *t, AdType *owner, const char *name, AdCFunc get, AdCSetter set,
                      const char *doc) {
    AdGetSet *gs = ad_gc_alloc(t, t->vm->type_getset, sizeof(AdGetSet));
    if (!gs)
        return AD_NULLV;
    gs->name = name;
    gs->get = get;
    gs->set = set;
    gs->owner = owner;
    gs->doc = doc;
    return ad_obj(gs);
}

static bool check_owner(AdThread *t, const char *name, AdType *owner, AdValue obj) {
    if (!owner || ad_is_instance_of(t, obj, owner))
        return true;
    return ad_err_raise(t, t->vm->exc_TypeError,
                        "descriptor '%s' for '%s' objects doesn't apply to a '%T' object", name,
                        ad_type_name(owner), obj);
}

AdValue ad_getset_get(AdThread *t, AdGetSet *gs, AdValue obj) {
    if (!check_owner(t, gs->name, gs->owner, obj))
        return AD_NULLV;
    AdValue arg = obj;
    return gs->get(t, &arg, 1, NULL);
}

bool ad_getset_set(AdThread *t, AdGetSet *gs, AdValue obj, AdValue value) {
    if (!gs->set)
        return ad_err_raise(t, t->vm->exc_AttributeError,
                            "attribute '%s' of '%s' objects is not writable", gs->name,
                            ad_type_name(gs->owner));
    if (!check_owner(t, gs->name, gs->owner, obj))
        return false;
    return gs->set(t, obj, value);
}

static AdValue getset_dunder_get(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    if (!ad_args_check(t, "__get__", nargs - 1, kwnames, 1, 2))
        return AD_NULLV;
    if (AD_IS_NONE(args[1]))
        return args[0];
    return ad_getset_get(t, AD_AS(AdGetSet, args[0]), args[1]);
}

static AdValue getset_dunder_set(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    if (!ad_args_check(t, "__set__", nargs - 1, kwnames, 2, 2))
        return AD_NULLV;
    return ad_getset_set(t, AD_AS(AdGetSet, args[0]), args[1], args[2]) ? AD_NONE : AD_NULLV;
}

static AdValue getset_dunder_delete(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    if (!ad_args_check(t, "__delete__", nargs - 1, kwnames, 1, 1))
        return AD_NULLV;
    return ad_getset_set(t, AD_AS(AdGetSet, args[0]), args[1], AD_NULLV) ? AD_NONE : AD_NULLV;
}

static AdValue getset_repr(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    (void)nargs;
    (void)kwnames;
    AdGetSet *gs = AD_AS(AdGetSet, args[0]);
    AdStr *s =
        ad_str_printf(t, "<attribute '%s' of '%s' objects>", gs->name, ad_type_name(gs->owner));
    return s ? ad_obj(s) : AD_NULLV;
}

static AdValue getset_name(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    (void)nargs;
    (void)kwnames;
    AdStr *s = ad_str_from_cstr(t, AD_AS(AdGetSet, args[0])->name);
    return s ? ad_obj(s) : AD_NULLV;
}

static AdValue getset_qualname(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    (void)nargs;
    (void)kwnames;
    AdGetSet *gs = AD_AS(AdGetSet, args[0]);
    AdStr *s = ad_str_printf(t, "%s.%s", ad_type_name(gs->owner), gs->name);
    return s ? ad_obj(s) : AD_NULLV;
}

static AdValue getset_objclass(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    (void)t;
    (void)nargs;
    (void)kwnames;
    AdGetSet *gs = AD_AS(AdGetSet, args[0]);
    return gs->owner ? ad_obj(gs->owner) : AD_NONE;
}

static AdValue getset_doc(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    (void)nargs;
    (void)kwnames;
    AdGetSet *gs = AD_AS(AdGetSet, args[0]);
    if (!gs->doc)
        return AD_NONE;
    AdStr *s = ad_str_from_cstr(t, gs->doc);
    return s ? ad_obj(s) : AD_NULLV;
}

static const AdMethodDef getset_methods[] = {
    {"__get__", getset_dunder_get, AD_METH_INSTANCE, NULL, NULL},
    {"__set__", getset_dunder_set, AD_METH_INSTANCE, NULL, NULL},
    {"__delete__", getset_dunder_delete, AD_METH_INSTANCE, NULL, NULL},
    {"__repr__", getset_repr, AD_METH_INSTANCE, NULL, NULL},
    {"__name__", getset_name, AD_METH_GETSET, NULL, NULL},
    {"__qualname__", getset_qualname, AD_METH_GETSET, NULL, NULL},
    {"__objclass__", getset_objclass, AD_METH_GETSET, NULL, NULL},
    {"__doc__", getset_doc, AD_METH_GETSET, NULL, NULL},
    {NULL, NULL, 0, NULL, NULL},
};

/* ---- member_descriptor ------------------------------------------------------------------- */

static void member_trace(AdGC *gc, AdObj *o) {
    ad_gc_mark_obj(gc, ((AdMember *)o)->name);
    ad_gc_mark_obj(gc, ((AdMember *)o)->owner);
}

AdValue ad_member_new(AdThread *t, AdType *owner, AdStr *name, size_t offset) {
    AdMember *m = ad_gc_alloc(t, t->vm->type_member_descriptor, sizeof(AdMember));
    if (!m)
        return AD_NULLV;
    m->name = name;
    m->owner = owner;
    m->offset = offset;
    return ad_obj(m);
}

AdValue ad_member_get(AdThread *t, AdMember *m, AdValue obj) {
    if (!AD_IS_OBJ(obj) || !ad_is_instance_of(t, obj, m->owner)) {
        check_owner(t, m->name->data, m->owner, AD_IS_OBJ(obj) ? obj : AD_NONE);
        return AD_NULLV;
    }
    AdValue v = *(AdValue *)((char *)obj.as.o + m->offset);
    if (AD_IS_NULL(v))
        return ad_err_raise_v(t, t->vm->exc_AttributeError, "'%T' object has no attribute '%s'",
                              obj, m->name->data);
    return v;
}

bool ad_member_set(AdThread *t, AdMember *m, AdValue obj, AdValue value) {
    if (!AD_IS_OBJ(obj) || !ad_is_instance_of(t, obj, m->owner))
        return check_owner(t, m->name->data, m->owner, AD_IS_OBJ(obj) ? obj : AD_NONE) && false;
    AdValue *slot = (AdValue *)((char *)obj.as.o + m->offset);
    if (AD_IS_NULL(value) && AD_IS_NULL(*slot))
        return ad_err_raise(t, t->vm->exc_AttributeError, "%s", m->name->data);
    *slot = value;
    return true;
}

static AdValue member_dunder_get(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    if (!ad_args_check(t, "__get__", nargs - 1, kwnames, 1, 2))
        return AD_NULLV;
    if (AD_IS_NONE(args[1]))
        return args[0];
    return ad_member_get(t, AD_AS(AdMember, args[0]), args[1]);
}

static AdValue member_dunder_set(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    if (!ad_args_check(t, "__set__", nargs - 1, kwnames, 2, 2))
        return AD_NULLV;
    return ad_member_set(t, AD_AS(AdMember, args[0]), args[1], args[2]) ? AD_NONE : AD_NULLV;
}

static AdValue member_dunder_delete(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    if (!ad_args_check(t, "__delete__", nargs - 1, kwnames, 1, 1))
        return AD_NULLV;
    return ad_member_set(t, AD_AS(AdMember, args[0]), args[1], AD_NULLV) ? AD_NONE : AD_NULLV;
}

static AdValue member_repr(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    (void)nargs;
    (void)kwnames;
    AdMember *m = AD_AS(AdMember, args[0]);
    AdStr *s =
        ad_str_printf(t, "<member '%s' of '%s' objects>", m->name->data, ad_type_name(m->owner));
    return s ? ad_obj(s) : AD_NULLV;
}

static AdValue member_name(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    (void)t;
    (void)nargs;
    (void)kwnames;
    return ad_obj(AD_AS(AdMember, args[0])->name);
}

static AdValue member_qualname(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    (void)nargs;
    (void)kwnames;
    AdMember *m = AD_AS(AdMember, args[0]);
    AdStr *s = ad_str_printf(t, "%s.%s", m->owner->qualname->data, m->name->data);
    return s ? ad_obj(s) : AD_NULLV;
}

static AdValue member_objclass(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    (void)t;
    (void)nargs;
    (void)kwnames;
    return ad_obj(AD_AS(AdMember, args[0])->owner);
}

static const AdMethodDef member_methods[] = {
    {"__get__", member_dunder_get, AD_METH_INSTANCE, NULL, NULL},
    {"__set__", member_dunder_set, AD_METH_INSTANCE, NULL, NULL},
    {"__delete__", member_dunder_delete, AD_METH_INSTANCE, NULL, NULL},
    {"__repr__", member_repr, AD_METH_INSTANCE, NULL, NULL},
    {"__name__", member_name, AD_METH_GETSET, NULL, NULL},
    {"__qualname__", member_qualname, AD_METH_GETSET, NULL, NULL},
    {"__objclass__", member_objclass, AD_METH_GETSET, NULL, NULL},
    {NULL, NULL, 0, NULL, NULL},
};

/* ---- property ---------------------------------------------------------------------------- */

enum { PROP_GETTER_DOC = 1 }; /* obj.flags: the doc was taken from fget */

static void property_trace(AdGC *gc, AdObj *o) {
    AdProperty *p = (AdProperty *)o;
    ad_gc_mark_value(gc, p->fget);
    ad_gc_mark_value(gc, p->fset);
    ad_gc_mark_value(gc, p->fdel);
    ad_gc_mark_value(gc, p->doc);
    ad_gc_mark_value(gc, p->name);
}

static bool property_error(AdThread *t, AdProperty *p, AdValue obj, const char *what) {
    AdType *tp = ad_type_of(t, obj);
    const char *qn = tp->qualname ? tp->qualname->data : ad_type_name(tp);
    if (ad_is_str(t, p->name))
        return ad_err_raise(t, t->vm->exc_AttributeError, "property %R of '%s' object has no %s",
                            p->name, qn, what);
    return ad_err_raise(t, t->vm->exc_AttributeError, "property of '%s' object has no %s", qn,
                        what);
}

AdValue ad_property_get(AdThread *t, AdProperty *p, AdValue obj) {
    if (AD_IS_NONE(p->fget) || AD_IS_NULL(p->fget)) {
        property_error(t, p, obj, "getter");
        return AD_NULLV;
    }
    return ad_rt_call1(t, p->fget, obj);
}

bool ad_property_set(AdThread *t, AdProperty *p, AdValue obj, AdValue value) {
    AdValue r;
    if (AD_IS_NULL(value)) {
        if (AD_IS_NONE(p->fdel) || AD_IS_NULL(p->fdel))
            return property_error(t, p, obj, "deleter");
        r = ad_rt_call1(t, p->fdel, obj);
    } else {
        if (AD_IS_NONE(p->fset) || AD_IS_NULL(p->fset))
            return property_error(t, p, obj, "setter");
        r = ad_rt_call2(t, p->fset, obj, value);
    }
    return !AD_IS_NULL(r);
}

static AdValue property_new(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    (void)kwnames;
    AdType *cls = ad_new_class_arg(t, args, nargs, t->vm->type_property);
    if (!cls)
        return AD_NULLV;
    AdProperty *p = ad_gc_alloc(t, cls, cls->instance_size);
    if (!p)
        return AD_NULLV;
    p->fget = p->fset = p->fdel = p->doc = p->name = AD_NONE;
    return ad_obj(p);
}

static AdValue property_init(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    static const char *const names[] = {"fget", "fset", "fdel", "doc"};
    AdValue a[4];
    if (!ad_args_parse(t, "property", args + 1, nargs - 1, kwnames, names, 4, 4, 0, a))
        return AD_NULLV;
    AdProperty *p = AD_AS(AdProperty, args[0]);
    for (int i = 0; i < 4; i++)
        if (AD_IS_NULL(a[i]))
            a[i] = AD_NONE;
    p->fget = a[0];
    p->fset = a[1];
    p->fdel = a[2];
    p->doc = a[3];
    p->obj.flags &= (uint16_t)~PROP_GETTER_DOC;
    if (AD_IS_NONE(p->doc) && !AD_IS_NONE(p->fget)) {
        AdValue d;
        int r = ad_rt_lookup_attr(t, p->fget, t->vm->name.doc, &d);
        if (r < 0)
            return AD_NULLV;
        if (r > 0 && !AD_IS_NONE(d)) {
            p->doc = d;
            p->obj.flags |= PROP_GETTER_DOC;
        }
    }
    return AD_NONE;
}

static AdValue property_dunder_get(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    if (!ad_args_check(t, "__get__", nargs - 1, kwnames, 1, 2))
        return AD_NULLV;
    if (AD_IS_NONE(args[1]))
        return args[0];
    return ad_property_get(t, AD_AS(AdProperty, args[0]), args[1]);
}

static AdValue property_dunder_set(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    if (!ad_args_check(t, "__set__", nargs - 1, kwnames, 2, 2))
        return AD_NULLV;
    return ad_property_set(t, AD_AS(AdProperty, args[0]), args[1], args[2]) ? AD_NONE : AD_NULLV;
}

static AdValue property_dunder_delete(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    if (!ad_args_check(t, "__delete__", nargs - 1, kwnames, 1, 1))
        return AD_NULLV;
    return ad_property_set(t, AD_AS(AdProperty, args[0]), args[1], AD_NULLV) ? AD_NONE : AD_NULLV;
}

/* getter/setter/deleter: a copy of the property (of the same class) with one function
 * replaced; `which` 0..2 = fget/fset/fdel. */
static AdValue property_copy(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames, int which,
                             const char *fname) {
    if (!ad_args_check(t, fname, nargs - 1, kwnames, 1, 1))
        return AD_NULLV;
    AdProperty *p = AD_AS(AdProperty, args[0]);
    AdValue argv[4] = {p->fget, p->fset, p->fdel, p->doc};
    argv[which] = args[1];
    if (which == 0 && (p->obj.flags & PROP_GETTER_DOC))
        argv[3] = AD_NONE;
    AdValue r = ad_rt_call(t, ad_obj(p->obj.type), argv, 4, NULL);
    if (AD_IS_NULL(r))
        return r;
    if (ad_is_instance_of(t, r, t->vm->type_property))
        AD_AS(AdProperty, r)->name = p->name;
    return r;
}

static AdValue property_getter(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    return property_copy(t, args, nargs, kwnames, 0, "getter");
}

static AdValue property_setter(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    return property_copy(t, args, nargs, kwnames, 1, "setter");
}

static AdValue property_deleter(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    return property_copy(t, args, nargs, kwnames, 2, "deleter");
}

static AdValue property_set_name(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    if (!ad_args_check(t, "__set_name__", nargs - 1, kwnames, 2, 2))
        return AD_NULLV;
    AD_AS(AdProperty, args[0])->name = args[2];
    return AD_NONE;
}

static AdValue property_fget(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    (void)t, (void)nargs, (void)kwnames;
    return AD_AS(AdProperty, args[0])->fget;
}

static AdValue property_fset(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    (void)t, (void)nargs, (void)kwnames;
    return AD_AS(AdProperty, args[0])->fset;
}

static AdValue property_fdel(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    (void)t, (void)nargs, (void)kwnames;
    return AD_AS(AdProperty, args[0])->fdel;
}

static AdValue property_get_doc(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    (void)t, (void)nargs, (void)kwnames;
    return AD_AS(AdProperty, args[0])->doc;
}

static bool property_set_doc(AdThread *t, AdValue self, AdValue v) {
    (void)t;
    AD_AS(AdProperty, self)->doc = AD_IS_NULL(v) ? AD_NONE : v;
    return true;
}

/* Any of a function's __isabstractmethod__ being true. */
static int is_abstract(AdThread *t, AdValue f) {
    if (AD_IS_NONE(f) || AD_IS_NULL(f))
        return 0;
    AdValue v;
    int r = ad_rt_lookup_attr(t, f, ad_str_intern_cstr(t, "__isabstractmethod__"), &v);
    if (r <= 0)
        return r;
    return ad_rt_truthy(t, v);
}

static AdValue property_isabstract(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    (void)nargs, (void)kwnames;
    AdProperty *p = AD_AS(AdProperty, args[0]);
    AdValue fs[3] = {p->fget, p->fset, p->fdel};
    for (int i = 0; i < 3; i++) {
        int r = is_abstract(t, fs[i]);
        if (r < 0)
            return AD_NULLV;
        if (r)
            return AD_TRUE;
    }
    return AD_FALSE;
}

static const AdMethodDef property_methods[] = {
    {"__new__", property_new, AD_METH_STATIC, NULL, NULL},
    {"__init__", property_init, AD_METH_INSTANCE, NULL, NULL},
    {"__get__", property_dunder_get, AD_METH_INSTANCE, NULL, NULL},
    {"__set__", property_dunder_set, AD_METH_INSTANCE, NULL, NULL},
    {"__delete__", property_dunder_delete, AD_METH_INSTANCE, NULL, NULL},
    {"getter", property_getter, AD_METH_INSTANCE, NULL, NULL},
    {"setter", property_setter, AD_METH_INSTANCE, NULL, NULL},
    {"deleter", property_deleter, AD_METH_INSTANCE, NULL, NULL},
    {"__set_name__", property_set_name, AD_METH_INSTANCE, NULL, NULL},
    {"fget", property_fget, AD_METH_GETSET, NULL, NULL},
    {"fset", property_fset, AD_METH_GETSET, NULL, NULL},
    {"fdel", property_fdel, AD_METH_GETSET, NULL, NULL},
    {"__doc__", property_get_doc, AD_METH_GETSET, property_set_doc, NULL},
    {"__isabstractmethod__", property_isabstract, AD_METH_GETSET, NULL, NULL},
    {NULL, NULL, 0, NULL, NULL},
};

/* ---- classmethod, staticmethod ----------------------------------------------------------- */

static void cm_trace(AdGC *gc, AdObj *o) {
    ad_gc_mark_value(gc, ((AdClassMethod *)o)->func);
    ad_gc_mark_obj(gc, ((AdClassMethod *)o)->dict);
}

AdValue ad_classmethod_new(AdThread *t, AdType *type, AdValue func) {
    AdClassMethod *cm = ad_gc_alloc(t, type, type->instance_size);
    if (!cm)
        return AD_NULLV;
    cm->func = func;
    return ad_obj(cm);
}

static bool is_static(AdThread *t, AdValue self) {
    return ad_is_instance_of(t, self, t->vm->type_staticmethod);
}

static AdValue cm_new(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    (void)kwnames;
    AdType *cls = ad_new_class_arg(t, args, nargs, t->vm->type_classmethod);
    return cls ? ad_classmethod_new(t, cls, AD_NONE) : AD_NULLV;
}

static AdValue sm_new(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    (void)kwnames;
    AdType *cls = ad_new_class_arg(t, args, nargs, t->vm->type_staticmethod);
    return cls ? ad_classmethod_new(t, cls, AD_NONE) : AD_NULLV;
}

static AdValue cm_init(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    const char *name = is_static(t, args[0]) ? "staticmethod" : "classmethod";
    if (kwnames && kwnames->len)
        return ad_err_raise_v(t, t->vm->exc_TypeError, "%s() takes no keyword arguments", name);
    if (nargs != 2)
        return ad_err_raise_v(t, t->vm->exc_TypeError, "%s expected 1 argument, got %d", name,
                              nargs - 1);
    AD_AS(AdClassMethod, args[0])->func = args[1];
    return AD_NONE;
}

static AdValue cm_get(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    if (!ad_args_check(t, "__get__", nargs - 1, kwnames, 1, 2))
        return AD_NULLV;
    AdClassMethod *cm = AD_AS(AdClassMethod, args[0]);
    if (is_static(t, args[0]))
        return cm->func;
    AdValue type = nargs > 2 && !AD_IS_NONE(args[2]) ? args[2] : ad_obj(ad_type_of(t, args[1]));
    return ad_bound_method_new(t, cm->func, type);
}

static AdValue sm_call(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    return ad_rt_call(t, AD_AS(AdClassMethod, args[0])->func, args + 1, nargs - 1, kwnames);
}

static AdValue cm_func(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    (void)t, (void)nargs, (void)kwnames;
    return AD_AS(AdClassMethod, args[0])->func;
}

static AdValue cm_isabstract(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    (void)nargs, (void)kwnames;
    int r = is_abstract(t, AD_AS(AdClassMethod, args[0])->func);
    return r < 0 ? AD_NULLV : ad_bool(r);
}

static AdValue cm_repr(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    (void)nargs, (void)kwnames;
    AdClassMethod *cm = AD_AS(AdClassMethod, args[0]);
    AdValue fr = ad_rt_repr(t, cm->func);
    if (AD_IS_NULL(fr))
        return fr;
    AdStr *s = ad_str_printf(t, "<%s(%s)>", ad_type_name(cm->obj.type), AD_AS(AdStr, fr)->data);
    return s ? ad_obj(s) : AD_NULLV;
}

/* __name__, __qualname__, __doc__, __module__ read through to the wrapped function (as
 * CPython's copies made by functools.wraps), unless set on the wrapper itself. */
static AdValue cm_delegate(AdThread *t, AdValue self, const char *attr) {
    AdClassMethod *cm = AD_AS(AdClassMethod, self);
    AdStr *name = ad_str_intern_cstr(t, attr);
    if (!name)
        return AD_NULLV;
    if (cm->dict) {
        AdValue v = ad_dict_get_str(cm->dict, name);
        if (!AD_IS_NULL(v))
            return v;
    }
    return ad_rt_getattr(t, cm->func, name);
}

static bool cm_store(AdThread *t, AdValue self, const char *attr, AdValue v) {
    AdClassMethod *cm = AD_AS(AdClassMethod, self);
    AdStr *name = ad_str_intern_cstr(t, attr);
    if (!name)
        return false;
    if (!cm->dict && !(cm->dict = ad_dict_new(t)))
        return false;
    if (AD_IS_NULL(v))
        return ad_dict_del_str(t, cm->dict, name) >= 0;
    return ad_dict_set_str(t, cm->dict, name, v);
}

#define CM_ATTR(fn, attr)                                                                          \
    static AdValue fn##_get(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {             \
        (void)nargs, (void)kwnames;                                                                \
        return cm_delegate(t, args[0], attr);                                                      \
    }                                                                                              \
    static bool fn##_set(AdThread *t, AdValue self, AdValue v) {                                   \
        return cm_store(t, self, attr, v);                                                         \
    }
CM_ATTR(cm_name, "__name__")
CM_ATTR(cm_qualname, "__qualname__")
CM_ATTR(cm_doc, "__doc__")
CM_ATTR(cm_module, "__module__")

static const AdMethodDef classmethod_methods[] = {
    {"__new__", cm_new, AD_METH_STATIC, NULL, NULL},
    {"__init__", cm_init, AD_METH_INSTANCE, NULL, NULL},
    {"__get__", cm_get, AD_METH_INSTANCE, NULL, NULL},
    {"__repr__", cm_repr, AD_METH_INSTANCE, NULL, NULL},
    {"__func__", cm_func, AD_METH_GETSET, NULL, NULL},
    {"__wrapped__", cm_func, AD_METH_GETSET, NULL, NULL},
    {"__isabstractmethod__", cm_isabstract, AD_METH_GETSET, NULL, NULL},
    {"__name__", cm_name_get, AD_METH_GETSET, cm_name_set, NULL},
    {"__qualname__", cm_qualname_get, AD_METH_GETSET, cm_qualname_set, NULL},
    {"__doc__", cm_doc_get, AD_METH_GETSET, cm_doc_set, NULL},
    {"__module__", cm_module_get, AD_METH_GETSET, cm_module_set, NULL},
    {"__dict__", ad_object_dict_get, AD_METH_GETSET, ad_object_dict_set, NULL},
    {NULL, NULL, 0, NULL, NULL},
};

static const AdMethodDef staticmethod_methods[] = {
    {"__new__", sm_new, AD_METH_STATIC, NULL, NULL},
    {"__init__", cm_init, AD_METH_INSTANCE, NULL, NULL},
    {"__get__", cm_get, AD_METH_INSTANCE, NULL, NULL},
    {"__call__", sm_call, AD_METH_INSTANCE, NULL, NULL},
    {"__repr__", cm_repr, AD_METH_INSTANCE, NULL, NULL},
    {"__func__", cm_func, AD_METH_GETSET, NULL, NULL},
    {"__wrapped__", cm_func, AD_METH_GETSET, NULL, NULL},
    {"__isabstractmethod__", cm_isabstract, AD_METH_GETSET, NULL, NULL},
    {"__name__", cm_name_get, AD_METH_GETSET, cm_name_set, NULL},
    {"__qualname__", cm_qualname_get, AD_METH_GETSET, cm_qualname_set, NULL},
    {"__doc__", cm_doc_get, AD_METH_GETSET, cm_doc_set, NULL},
    {"__module__", cm_module_get, AD_METH_GETSET, cm_module_set, NULL},
    {"__dict__", ad_object_dict_get, AD_METH_GETSET, ad_object_dict_set, NULL},
    {NULL, NULL, 0, NULL, NULL},
};

/* ---- super ------------------------------------------------------------------------------- */

static void super_trace(AdGC *gc, AdObj *o) {
    AdSuper *su = (AdSuper *)o;
    ad_gc_mark_obj(gc, su->type);
    ad_gc_mark_value(gc, su->obj_);
    ad_gc_mark_obj(gc, su->objtype);
}

/* The class super() looks past: obj's type, or obj itself when it is a subclass. */
static AdType *supercheck(AdThread *t, AdType *type, AdValue obj) {
    AdVM *vm = t->vm;
    if (ad_is_instance_of(t, obj, vm->type_type) && ad_type_is_subtype(AD_AS(AdType, obj), type))
        return AD_AS(AdType, obj);
    AdType *ot = ad_type_of(t, obj);
    if (ad_type_is_subtype(ot, type))
        return ot;
    return ad_err_raise_p(t, vm->exc_TypeError,
                          "super(type, obj): obj must be an instance or subtype of type");
}

/* super() with no arguments: the calling function's first argument and __class__ cell. */
static bool super_from_frame(AdThread *t, AdType **type, AdValue *obj) {
    AdVM *vm = t->vm;
    AdFrame *f = t->frame;
    if (!f || !f->code || !(f->code->flags & AD_CODE_FUNCTION))
        return ad_err_raise(t, vm->exc_RuntimeError, "super(): no arguments");
    AdCode *co = f->code;
    if (co->argcount == 0 && !(co->flags & AD_CODE_VARARGS))
        return ad_err_raise(t, vm->exc_RuntimeError, "super(): no arguments");
    AdValue first = co->nlocals ? f->slots[0] : AD_NULLV;
    for (uint32_t i = 0; i < co->ncells; i++) {
        if (co->cell_param && co->cell_param[i] == 0) {
            AdValue c = f->slots[co->nlocals + i];
            if (ad_is_type(c, vm->type_cell))
                first = AD_AS(AdCell, c)->value;
        }
    }
    if (ad_is_type(first, vm->type_cell) && co->ncells && co->cell_param && co->cell_param[0] == 0)
        first = AD_AS(AdCell, first)->value;
    if (AD_IS_NULL(first))
        return ad_err_raise(t, vm->exc_RuntimeError, "super(): arg[0] deleted");
    AdValue cell = AD_NULLV;
    for (uint32_t i = 0; i < co->nfree && AD_IS_NULL(cell); i++)
        if (co->freenames[i] == vm->name.class_ || ad_str_eq(co->freenames[i], vm->name.class_))
            cell = f->slots[co->nlocals + co->ncells + i];
    for (uint32_t i = 0; i < co->ncells && AD_IS_NULL(cell); i++)
        if (ad_str_eq(co->cellnames[i], vm->name.class_))
            cell = f->slots[co->nlocals + i];
    if (AD_IS_NULL(cell) || !ad_is_type(cell, vm->type_cell))
        return ad_err_raise(t, vm->exc_RuntimeError, "super(): __class__ cell not found");
    AdValue cls = AD_AS(AdCell, cell)->value;
    if (AD_IS_NULL(cls))
        return ad_err_raise(t, vm->exc_RuntimeError, "super(): empty __class__ cell");
    if (!ad_is_instance_of(t, cls, vm->type_type))
        return ad_err_raise(t, vm->exc_RuntimeError, "super(): __class__ is not a type (%T)", cls);
    *type = AD_AS(AdType, cls);
    *obj = first;
    return true;
}

static AdValue super_new(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    (void)kwnames;
    AdType *cls = ad_new_class_arg(t, args, nargs, t->vm->type_super);
    if (!cls)
        return AD_NULLV;
    AdSuper *su = ad_gc_alloc(t, cls, cls->instance_size);
    if (!su)
        return AD_NULLV;
    su->obj_ = AD_NULLV;
    return ad_obj(su);
}

static AdValue super_init(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    AdVM *vm = t->vm;
    if (kwnames && kwnames->len)
        return ad_err_raise_v(t, vm->exc_TypeError, "super() takes no keyword arguments");
    if (nargs > 3)
        return ad_err_raise_v(t, vm->exc_TypeError, "super() takes at most 2 arguments (%d given)",
                              nargs - 1);
    AdSuper *su = AD_AS(AdSuper, args[0]);
    AdType *type = NULL;
    AdValue obj = AD_NULLV;
    if (nargs == 1) {
        if (!super_from_frame(t, &type, &obj))
            return AD_NULLV;
    } else {
        if (!ad_is_instance_of(t, args[1], vm->type_type))
            return ad_err_raise_v(t, vm->exc_TypeError, "super() argument 1 must be a type, not %T",
                                  args[1]);
        type = AD_AS(AdType, args[1]);
        if (nargs == 3 && !AD_IS_NONE(args[2]))
            obj = args[2];
    }
    AdType *objtype = NULL;
    if (!AD_IS_NULL(obj) && !(objtype = supercheck(t, type, obj)))
        return AD_NULLV;
    su->type = type;
    su->obj_ = obj;
    su->objtype = objtype;
    return AD_NONE;
}

int ad_super_getattro(AdThread *t, AdSuper *su, AdStr *name, AdValue *out) {
    AdType *start = su->objtype;
    if (start && start->mro && name != t->vm->name.class_) {
        AdTuple *mro = start->mro;
        size_t i = 0;
        while (i < mro->len && mro->items[i].as.o != (AdObj *)su->type)
            i++;
        for (i++; i < mro->len; i++) {
            AdType *b = AD_AS(AdType, mro->items[i]);
            AdValue res = ad_dict_get_str(b->dict, name);
            if (AD_IS_NULL(res))
                continue;
            AdValue obj =
                su->obj_.tag == AD_TAG_OBJ && su->obj_.as.o == (AdObj *)start ? AD_NULLV : su->obj_;
            *out = ad_rt_descr_get(t, res, obj, start);
            return AD_IS_NULL(*out) ? -1 : 1;
        }
    }
    return ad_rt_generic_getattr(t, ad_obj(su), name, out);
}

int ad_super_load_method(AdThread *t, AdSuper *su, AdStr *name, AdValue *meth) {
    AdType *start = su->objtype;
    /* super(C, obj).m with a plain function m: m unbound, to be called with obj. */
    if (start && start->mro && name != t->vm->name.class_ && su->obj_.tag == AD_TAG_OBJ &&
        su->obj_.as.o != (AdObj *)start) {
        AdTuple *mro = start->mro;
        size_t i = 0;
        while (i < mro->len && mro->items[i].as.o != (AdObj *)su->type)
            i++;
        for (i++; i < mro->len; i++) {
            AdValue res = ad_dict_get_str(AD_AS(AdType, mro->items[i])->dict, name);
            if (AD_IS_NULL(res))
                continue;
            if (ad_is_type(res, t->vm->type_function)) {
                *meth = res;
                return 1;
            }
            break;
        }
    }
    int r = ad_super_getattro(t, su, name, meth);
    if (r == 0)
        ad_rt_attr_error(t, ad_obj(su), name);
    return r > 0 ? 0 : -1;
}

AdValue ad_super_getattribute_native(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    if (!ad_args_check(t, "__getattribute__", nargs - 1, kwnames, 1, 1))
        return AD_NULLV;
    if (!ad_is_str(t, args[1]))
        return ad_err_raise_v(t, t->vm->exc_TypeError, "attribute name must be string, not '%T'",
                              args[1]);
    AdValue out;
    int r = ad_super_getattro(t, AD_AS(AdSuper, args[0]), AD_AS(AdStr, args[1]), &out);
    if (r < 0)
        return AD_NULLV;
    if (r == 0) {
        ad_rt_attr_error(t, args[0], AD_AS(AdStr, args[1]));
        return AD_NULLV;
    }
    return out;
}

static AdValue super_get(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    if (!ad_args_check(t, "__get__", nargs - 1, kwnames, 1, 2))
        return AD_NULLV;
    AdSuper *su = AD_AS(AdSuper, args[0]);
    if (AD_IS_NONE(args[1]) || !AD_IS_NULL(su->obj_))
        return args[0];
    AdValue argv[2] = {ad_obj(su->type), args[1]};
    return ad_rt_call(t, ad_obj(su->obj.type), argv, 2, NULL);
}

static AdValue super_repr(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    (void)nargs, (void)kwnames;
    AdSuper *su = AD_AS(AdSuper, args[0]);
    const char *tn = su->type ? ad_type_name(su->type) : "NULL";
    AdStr *s = su->objtype ? ad_str_printf(t, "<super: <class '%s'>, <%s object>>", tn,
                                           ad_type_name(su->objtype))
                           : ad_str_printf(t, "<super: <class '%s'>, NULL>", tn);
    return s ? ad_obj(s) : AD_NULLV;
}

static AdValue super_thisclass(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    (void)t, (void)nargs, (void)kwnames;
    AdSuper *su = AD_AS(AdSuper, args[0]);
    return su->type ? ad_obj(su->type) : AD_NONE;
}

static AdValue super_self(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    (void)t, (void)nargs, (void)kwnames;
    AdSuper *su = AD_AS(AdSuper, args[0]);
    return AD_IS_NULL(su->obj_) ? AD_NONE : su->obj_;
}

static AdValue super_self_class(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    (void)t, (void)nargs, (void)kwnames;
    AdSuper *su = AD_AS(AdSuper, args[0]);
    return su->objtype ? ad_obj(su->objtype) : AD_NONE;
}

static const AdMethodDef super_methods[] = {
    {"__new__", super_new, AD_METH_STATIC, NULL, NULL},
    {"__init__", super_init, AD_METH_INSTANCE, NULL, NULL},
    {"__getattribute__", ad_super_getattribute_native, AD_METH_INSTANCE, NULL, NULL},
    {"__get__", super_get, AD_METH_INSTANCE, NULL, NULL},
    {"__repr__", super_repr, AD_METH_INSTANCE, NULL, NULL},
    {"__thisclass__", super_thisclass, AD_METH_GETSET, NULL, NULL},
    {"__self__", super_self, AD_METH_GETSET, NULL, NULL},
    {"__self_class__", super_self_class, AD_METH_GETSET, NULL, NULL},
    {NULL, NULL, 0, NULL, NULL},
};

bool ad_descr_setup(AdThread *t) {
    AdVM *vm = t->vm;
    return ad_type_init_builtin(t, vm->type_getset, "getset_descriptor", vm->type_object,
                                sizeof(AdGetSet), getset_trace, NULL, getset_methods, 0) &&
           ad_type_init_builtin(t, vm->type_member_descriptor, "member_descriptor", vm->type_object,
                                sizeof(AdMember), member_trace, NULL, member_methods, 0) &&
           ad_type_init_builtin(t, vm->type_property, "property", vm->type_object,
                                sizeof(AdProperty), property_trace, NULL, property_methods,
                                AD_TPFLAG_BASETYPE) &&
           ad_type_init_builtin(t, vm->type_classmethod, "classmethod", vm->type_object,
                                sizeof(AdClassMethod), cm_trace, NULL, classmethod_methods,
                                AD_TPFLAG_BASETYPE) &&
           ad_type_init_builtin(t, vm->type_staticmethod, "staticmethod", vm->type_object,
                                sizeof(AdClassMethod), cm_trace, NULL, staticmethod_methods,
                                AD_TPFLAG_BASETYPE) &&
           ad_type_init_builtin(t, vm->type_super, "super", vm->type_object, sizeof(AdSuper),
                                super_trace, NULL, super_methods, AD_TPFLAG_BASETYPE);
}
