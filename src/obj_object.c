/*
 * obj_object.c - `object`, the root of every class, and the three singleton types:
 * NoneType (None is an unboxed value, not a heap object), NotImplementedType and ellipsis.
 *
 * object's methods are the defaults every class falls back on: identity equality and
 * hashing, the generic attribute protocol (implemented in runtime.c), the default repr,
 * and the "C() takes no arguments" rules shared by object.__new__ and object.__init__,
 * which only complain when neither is overridden (CPython's excess_args logic).
 */
#include <stddef.h>
#include <string.h>

#include "typeobj.h"

int64_t ad_object_hash_ptr(const void *p) {
    /* CPython's _Py_HashPointer: the low bits of an aligned pointer carry no information. */
    uintptr_t y = (uintptr_t)p;
    y = (y >> 4) | (y << (8 * sizeof(uintptr_t) - 4));
    int64_t h = (int64_t)y;
    return h == -1 ? -2 : h;
}

/* ---- construction ------------------------------------------------------------------------ */

bool ad_object_check_excess(AdThread *t, AdType *type, bool in_new) {
    AdVM *vm = t->vm;
    bool new_is_object =
        ad_is_native_fn(t, ad_type_lookup(type, vm->name.new), ad_object_new_native);
    bool init_is_object =
        ad_is_native_fn(t, ad_type_lookup(type, vm->name.init), ad_object_init_native);
    if (in_new) {
        if (!new_is_object)
            return ad_err_raise(t, vm->exc_TypeError,
                                "object.__new__() takes exactly one argument (the type to "
                                "instantiate)");
        if (init_is_object)
            return ad_err_raise(t, vm->exc_TypeError, "%s() takes no arguments",
                                ad_type_name(type));
    } else {
        if (!init_is_object)
            return ad_err_raise(t, vm->exc_TypeError,
                                "object.__init__() takes exactly one argument (the instance to "
                                "initialize)");
        if (new_is_object)
            return ad_err_raise(t, vm->exc_TypeError, "%s() takes no arguments",
                                ad_type_name(type));
    }
    return true;
}

AdValue ad_object_new_native(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    AdVM *vm = t->vm;
    if (nargs < 1)
        return ad_err_raise_v(t, vm->exc_TypeError, "object.__new__(): not enough arguments");
    if (!ad_is_instance_of(t, args[0], vm->type_type))
        return ad_err_raise_v(t, vm->exc_TypeError,
                              "object.__new__(X): X is not a type object (%T)", args[0]);
    AdType *type = AD_AS(AdType, args[0]);
    if ((nargs > 1 || (kwnames && kwnames->len)) && !ad_object_check_excess(t, type, true))
        return AD_NULLV;
    AdType *solid = type;
    while (solid && (solid->flags & AD_TPFLAG_HEAP))
        solid = solid->base;
    if (solid != vm->type_object)
        return ad_err_raise_v(t, vm->exc_TypeError,
                              "object.__new__(%s) is not safe, use %s.__new__()",
                              ad_type_name(type), ad_type_name(solid));
    return ad_instance_new(t, type);
}

AdValue ad_object_init_native(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    if ((nargs > 1 || (kwnames && kwnames->len)) &&
        !ad_object_check_excess(t, ad_type_of(t, args[0]), false))
        return AD_NULLV;
    return AD_NONE;
}

/* ---- representation and comparison ------------------------------------------------------- */

static AdValue object_repr(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    (void)nargs;
    (void)kwnames;
    AdType *tp = ad_type_of(t, args[0]);
    AdStr *qn = ad_type_qualified_name(t, tp);
    if (!qn)
        return AD_NULLV;
    const void *addr =
        AD_IS_OBJ(args[0]) ? (const void *)args[0].as.o : (const void *)(uintptr_t)args[0].as.i;
    AdStr *s = ad_str_printf(t, "<%s object at %p>", qn->data, addr);
    return s ? ad_obj(s) : AD_NULLV;
}

static AdValue object_str(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    (void)nargs;
    (void)kwnames;
    return ad_rt_repr(t, args[0]);
}

AdValue ad_object_eq_native(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    if (!ad_args_check(t, "__eq__", nargs - 1, kwnames, 1, 1))
        return AD_NULLV;
    return ad_is(args[0], args[1]) ? AD_TRUE : t->vm->not_implemented;
}

/* __ne__ inverts whatever the object's own __eq__ says, unless it declines. */
AdValue ad_object_ne_native(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    AdVM *vm = t->vm;
    if (!ad_args_check(t, "__ne__", nargs - 1, kwnames, 1, 1))
        return AD_NULLV;
    AdValue eq = ad_type_lookup(ad_type_of(t, args[0]), vm->name.eq);
    AdValue r;
    if (AD_IS_NULL(eq) || ad_is_native_fn(t, eq, ad_object_eq_native)) {
        r = ad_is(args[0], args[1]) ? AD_TRUE : vm->not_implemented;
    } else {
        AdValue bound = ad_rt_descr_get(t, eq, args[0], ad_type_of(t, args[0]));
        if (AD_IS_NULL(bound))
            return bound;
        ad_gc_push_root(t, bound);
        r = ad_rt_call1(t, bound, args[1]);
    }
    if (AD_IS_NULL(r) || ad_is(r, vm->not_implemented))
        return r;
    int truth = ad_rt_truthy(t, r);
    return truth < 0 ? AD_NULLV : ad_bool(!truth);
}

static AdValue object_richcmp_ni(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    (void)args;
    if (!ad_args_check(t, "comparison", nargs - 1, kwnames, 1, 1))
        return AD_NULLV;
    return t->vm->not_implemented;
}

AdValue ad_object_hash_native(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    if (!ad_args_check(t, "__hash__", nargs - 1, kwnames, 0, 0))
        return AD_NULLV;
    AdValue v = args[0];
    if (AD_IS_OBJ(v))
        return ad_small_int(ad_object_hash_ptr(v.as.o));
    int64_t h;
    if (!ad_rt_hash(t, v, &h))
        return AD_NULLV;
    return ad_small_int(h);
}

static AdValue object_format(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    AdVM *vm = t->vm;
    if (!ad_args_check(t, "__format__", nargs - 1, kwnames, 1, 1))
        return AD_NULLV;
    if (!ad_is_str(t, args[1]))
        return ad_err_raise_v(t, vm->exc_TypeError, "__format__() argument must be str, not %T",
                              args[1]);
    if (AD_AS(AdStr, args[1])->len > 0)
        return ad_err_raise_v(t, vm->exc_TypeError,
                              "unsupported format string passed to %s.__format__",
                              ad_type_name(ad_type_of(t, args[0])));
    return ad_rt_str(t, args[0]);
}

/* ---- attributes -------------------------------------------------------------------------- */

static bool check_name(AdThread *t, AdValue name) {
    if (ad_is_str(t, name))
        return true;
    return ad_err_raise(t, t->vm->exc_TypeError, "attribute name must be string, not '%T'", name);
}

AdValue ad_object_getattribute_native(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    if (!ad_args_check(t, "__getattribute__", nargs - 1, kwnames, 1, 1) || !check_name(t, args[1]))
        return AD_NULLV;
    AdValue out;
    int r = ad_rt_generic_getattr(t, args[0], AD_AS(AdStr, args[1]), &out);
    if (r < 0)
        return AD_NULLV;
    if (r == 0) {
        ad_rt_attr_error(t, args[0], AD_AS(AdStr, args[1]));
        return AD_NULLV;
    }
    return out;
}

AdValue ad_object_setattr_native(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    if (!ad_args_check(t, "__setattr__", nargs - 1, kwnames, 2, 2) || !check_name(t, args[1]))
        return AD_NULLV;
    AdStr *name = AD_AS(AdStr, args[1]);
    bool ok = ad_is_instance_of(t, args[0], t->vm->type_type)
                  ? ad_type_setattro(t, AD_AS(AdType, args[0]), name, args[2])
                  : ad_rt_generic_setattr(t, args[0], name, args[2]);
    return ok ? AD_NONE : AD_NULLV;
}

AdValue ad_object_delattr_native(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    if (!ad_args_check(t, "__delattr__", nargs - 1, kwnames, 1, 1) || !check_name(t, args[1]))
        return AD_NULLV;
    AdStr *name = AD_AS(AdStr, args[1]);
    bool ok = ad_is_instance_of(t, args[0], t->vm->type_type)
                  ? ad_type_setattro(t, AD_AS(AdType, args[0]), name, AD_NULLV)
                  : ad_rt_generic_setattr(t, args[0], name, AD_NULLV);
    return ok ? AD_NONE : AD_NULLV;
}

static AdValue object_get_class(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    (void)nargs;
    (void)kwnames;
    return ad_obj(ad_type_of(t, args[0]));
}

/* The builtin type at the bottom of a class's layout. */
static AdType *layout_root(AdType *tp) {
    while (tp && (tp->flags & AD_TPFLAG_HEAP))
        tp = tp->base;
    return tp;
}

/* A dict's AD_DICT_NO_SHADOW speaks of its owner's class: when the dict or the class
 * changes hands, the fact is no longer known. */
static void forget_shadow_check(AdDict **dp) {
    if (dp && *dp)
        (*dp)->obj.flags &= (uint16_t)~AD_DICT_NO_SHADOW;
}

static bool object_set_class(AdThread *t, AdValue self, AdValue value) {
    AdVM *vm = t->vm;
    if (AD_IS_NULL(value))
        return ad_err_raise(t, vm->exc_TypeError, "can't delete __class__ attribute");
    if (!ad_is_instance_of(t, value, vm->type_type))
        return ad_err_raise(t, vm->exc_TypeError,
                            "__class__ must be set to a class, not '%T' object", value);
    AdType *newt = AD_AS(AdType, value), *oldt = ad_type_of(t, self);
    bool mutable_ok =
        ((newt->flags & AD_TPFLAG_HEAP) && (oldt->flags & AD_TPFLAG_HEAP)) ||
        (ad_type_is_subtype(newt, vm->type_module) && ad_type_is_subtype(oldt, vm->type_module));
    if (!AD_IS_OBJ(self) || !mutable_ok)
        return ad_err_raise(t, vm->exc_TypeError,
                            "__class__ assignment only supported for mutable types or ModuleType "
                            "subclasses");
    if (newt->instance_size != oldt->instance_size || newt->dict_offset != oldt->dict_offset ||
        newt->slots_offset != oldt->slots_offset || newt->nslots != oldt->nslots ||
        layout_root(newt) != layout_root(oldt))
        return ad_err_raise(t, vm->exc_TypeError,
                            "__class__ assignment: '%s' object layout differs from '%s'",
                            ad_type_name(newt), ad_type_name(oldt));
    self.as.o->type = newt;
    forget_shadow_check(ad_instance_dict_ptr(t, self));
    return true;
}

AdValue ad_object_dict_get(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    (void)nargs;
    (void)kwnames;
    AdDict **dp = ad_instance_dict_ptr(t, args[0]);
    if (!dp)
        return ad_err_raise_v(t, t->vm->exc_AttributeError,
                              "'%T' object has no attribute '__dict__'", args[0]);
    if (!*dp) {
        AdDict *d = ad_dict_new(t);
        if (!d)
            return AD_NULLV;
        *dp = d;
    }
    return ad_obj(*dp);
}

bool ad_object_dict_set(AdThread *t, AdValue self, AdValue value) {
    AdDict **dp = ad_instance_dict_ptr(t, self);
    if (!dp)
        return ad_err_raise(t, t->vm->exc_AttributeError, "'%T' object has no attribute '__dict__'",
                            self);
    if (AD_IS_NULL(value))
        return ad_err_raise(t, t->vm->exc_TypeError, "cannot delete __dict__");
    if (!ad_is_instance_of(t, value, t->vm->type_dict))
        return ad_err_raise(t, t->vm->exc_TypeError,
                            "__dict__ must be set to a dictionary, not a '%T'", value);
    *dp = AD_AS(AdDict, value);
    forget_shadow_check(dp);
    return true;
}

static bool add_keys(AdThread *t, AdDict *into, AdDict *from) {
    size_t pos = 0;
    AdValue k, v;
    while (from && ad_dict_next(from, &pos, &k, &v))
        if (!ad_dict_set(t, into, k, AD_NONE))
            return false;
    return true;
}

/* object.__dir__: the instance's own names, then its class's and their bases'. Unsorted:
 * dir() sorts. */
static AdValue object_dir(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    if (!ad_args_check(t, "__dir__", nargs - 1, kwnames, 0, 0))
        return AD_NULLV;
    AdDict *names = ad_dict_new(t);
    if (!names)
        return AD_NULLV;
    ad_gc_push_obj(t, names);
    AdDict **dp = ad_instance_dict_ptr(t, args[0]);
    if (dp && !add_keys(t, names, *dp))
        return AD_NULLV;
    AdType *tp = ad_type_of(t, args[0]);
    for (size_t i = 0; tp->mro && i < tp->mro->len; i++)
        if (!add_keys(t, names, AD_AS(AdType, tp->mro->items[i])->dict))
            return AD_NULLV;
    AdList *l = ad_list_new(t, names->len);
    if (!l)
        return AD_NULLV;
    ad_gc_push_obj(t, l);
    size_t pos = 0;
    AdValue k, v;
    while (ad_dict_next(names, &pos, &k, &v))
        if (!ad_list_append(t, l, k))
            return AD_NULLV;
    return ad_obj(l);
}

static AdValue object_init_subclass(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    AdType *cls = AD_AS(AdType, args[0]);
    const char *qn = cls->qualname ? cls->qualname->data : ad_type_name(cls);
    if (kwnames && kwnames->len)
        return ad_err_raise_v(t, t->vm->exc_TypeError,
                              "%s.__init_subclass__() takes no keyword arguments", qn);
    if (nargs > 1)
        return ad_err_raise_v(t, t->vm->exc_TypeError,
                              "%s.__init_subclass__() takes no arguments (%d given)", qn,
                              nargs - 1);
    return AD_NONE;
}

static AdValue object_subclasshook(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    (void)args;
    (void)nargs;
    (void)kwnames;
    return t->vm->not_implemented;
}

static AdValue object_sizeof(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    if (!ad_args_check(t, "__sizeof__", nargs - 1, kwnames, 0, 0))
        return AD_NULLV;
    AdType *tp = ad_type_of(t, args[0]);
    return ad_small_int(AD_IS_OBJ(args[0]) ? (int64_t)tp->instance_size : 16);
}

/* copyreg.__newobj__: cls.__new__(cls, *args). */
static AdValue object_newobj(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    (void)kwnames;
    if (nargs < 1 || !ad_is_instance_of(t, args[0], t->vm->type_type))
        return ad_err_raise_v(t, t->vm->exc_TypeError, "__newobj__ arg 1 must be a type");
    AdValue newf = ad_rt_getattr(t, args[0], t->vm->name.new);
    if (AD_IS_NULL(newf))
        return newf;
    return ad_rt_call(t, newf, args, nargs, NULL);
}

/* The state __reduce_ex__ reports: the instance dict, plus a dict of set slots. */
static AdValue reduce_state(AdThread *t, AdValue self) {
    AdDict **dp = ad_instance_dict_ptr(t, self);
    AdValue state = dp && *dp && (*dp)->len ? ad_obj(*dp) : AD_NONE;
    AdType *tp = ad_type_of(t, self);
    if (!AD_IS_OBJ(self) || !tp->nslots)
        return state;
    ad_gc_push_root(t, state);
    AdDict *slots = ad_dict_new(t);
    if (!slots)
        return AD_NULLV;
    ad_gc_push_obj(t, slots);
    for (size_t i = 0; tp->mro && i < tp->mro->len; i++) {
        AdType *b = AD_AS(AdType, tp->mro->items[i]);
        size_t pos = 0;
        AdValue k, v;
        while (ad_dict_next(b->dict, &pos, &k, &v)) {
            if (!ad_is_type(v, t->vm->type_member_descriptor))
                continue;
            AdMember *m = AD_AS(AdMember, v);
            AdValue sv = *(AdValue *)((char *)self.as.o + m->offset);
            if (!AD_IS_NULL(sv) && !ad_dict_set(t, slots, k, sv))
                return AD_NULLV;
        }
    }
    if (!slots->len)
        return state;
    AdTuple *pair = ad_tuple_pack(t, 2, state, ad_obj(slots));
    return pair ? ad_obj(pair) : AD_NULLV;
}

/* Protocol-2 reduction, enough for copy.copy/deepcopy of plain instances. */
static AdValue object_reduce_ex(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    AdVM *vm = t->vm;
    if (!ad_args_check(t, "__reduce_ex__", nargs - 1, kwnames, 0, 1))
        return AD_NULLV;
    AdValue self = args[0];
    AdType *tp = ad_type_of(t, self);
    if (!(tp->flags & AD_TPFLAG_HEAP) && tp != vm->type_object)
        return ad_err_raise_v(t, vm->exc_TypeError, "cannot pickle '%s' object", ad_type_name(tp));
    AdValue fn = ad_native_new(t, "__newobj__", object_newobj, AD_METH_STATIC, NULL);
    if (AD_IS_NULL(fn))
        return fn;
    ad_gc_push_root(t, fn);
    AdTuple *cargs = ad_tuple_pack(t, 1, ad_obj(tp));
    if (!cargs)
        return AD_NULLV;
    ad_gc_push_obj(t, cargs);
    AdValue state = reduce_state(t, self);
    if (AD_IS_NULL(state))
        return state;
    ad_gc_push_root(t, state);
    AdValue listitems = AD_NONE, dictitems = AD_NONE;
    if (ad_is_instance_of(t, self, vm->type_list)) {
        listitems = ad_rt_getiter(t, self);
        if (AD_IS_NULL(listitems))
            return listitems;
        ad_gc_push_root(t, listitems);
    } else if (ad_is_instance_of(t, self, vm->type_dict)) {
        AdValue items = ad_rt_call_method(t, self, vm->name.items, NULL, 0, NULL);
        if (AD_IS_NULL(items))
            return items;
        ad_gc_push_root(t, items);
        dictitems = ad_rt_getiter(t, items);
        if (AD_IS_NULL(dictitems))
            return dictitems;
        ad_gc_push_root(t, dictitems);
    }
    AdTuple *r = ad_tuple_pack(t, 5, fn, ad_obj(cargs), state, listitems, dictitems);
    return r ? ad_obj(r) : AD_NULLV;
}

static AdValue object_reduce(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    (void)nargs;
    return object_reduce_ex(t, args, 1, kwnames);
}

static const AdMethodDef object_methods[] = {
    {"__new__", ad_object_new_native, AD_METH_STATIC, NULL, NULL},
    {"__init__", ad_object_init_native, AD_METH_INSTANCE, NULL, NULL},
    {"__repr__", object_repr, AD_METH_INSTANCE, NULL, NULL},
    {"__str__", object_str, AD_METH_INSTANCE, NULL, NULL},
    {"__eq__", ad_object_eq_native, AD_METH_INSTANCE, NULL, NULL},
    {"__ne__", ad_object_ne_native, AD_METH_INSTANCE, NULL, NULL},
    {"__lt__", object_richcmp_ni, AD_METH_INSTANCE, NULL, NULL},
    {"__le__", object_richcmp_ni, AD_METH_INSTANCE, NULL, NULL},
    {"__gt__", object_richcmp_ni, AD_METH_INSTANCE, NULL, NULL},
    {"__ge__", object_richcmp_ni, AD_METH_INSTANCE, NULL, NULL},
    {"__hash__", ad_object_hash_native, AD_METH_INSTANCE, NULL, NULL},
    {"__getattribute__", ad_object_getattribute_native, AD_METH_INSTANCE, NULL, NULL},
    {"__setattr__", ad_object_setattr_native, AD_METH_INSTANCE, NULL, NULL},
    {"__delattr__", ad_object_delattr_native, AD_METH_INSTANCE, NULL, NULL},
    {"__format__", object_format, AD_METH_INSTANCE, NULL, NULL},
    {"__dir__", object_dir, AD_METH_INSTANCE, NULL, NULL},
    {"__init_subclass__", object_init_subclass, AD_METH_CLASS, NULL, NULL},
    {"__subclasshook__", object_subclasshook, AD_METH_CLASS, NULL, NULL},
    {"__sizeof__", object_sizeof, AD_METH_INSTANCE, NULL, NULL},
    {"__reduce_ex__", object_reduce_ex, AD_METH_INSTANCE, NULL, NULL},
    {"__reduce__", object_reduce, AD_METH_INSTANCE, NULL, NULL},
    {"__class__", object_get_class, AD_METH_GETSET, object_set_class, NULL},
    {NULL, NULL, 0, NULL, NULL},
};

/* ---- None, NotImplemented, Ellipsis ------------------------------------------------------ */

static AdValue singleton_new(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames,
                             const char *name, AdValue value) {
    (void)args;
    if (nargs > 1 || (kwnames && kwnames->len))
        return ad_err_raise_v(t, t->vm->exc_TypeError, "%s takes no arguments", name);
    return value;
}

static AdValue none_new(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    return singleton_new(t, args, nargs, kwnames, "NoneType", AD_NONE);
}

static AdValue none_repr(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    (void)args;
    (void)nargs;
    (void)kwnames;
    AdStr *s = ad_str_intern_cstr(t, "None");
    return s ? ad_obj(s) : AD_NULLV;
}

static AdValue none_bool(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    (void)t;
    (void)args;
    (void)nargs;
    (void)kwnames;
    return AD_FALSE;
}

static AdValue none_hash(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    (void)t;
    (void)args;
    (void)nargs;
    (void)kwnames;
    return ad_small_int(0xFCA86420); /* CPython 3.12's constant; 3.11 hashed the address */
}

static const AdMethodDef none_methods[] = {
    {"__new__", none_new, AD_METH_STATIC, NULL, NULL},
    {"__repr__", none_repr, AD_METH_INSTANCE, NULL, NULL},
    {"__bool__", none_bool, AD_METH_INSTANCE, NULL, NULL},
    {"__hash__", none_hash, AD_METH_INSTANCE, NULL, NULL},
    {NULL, NULL, 0, NULL, NULL},
};

static AdValue notimpl_new(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    return singleton_new(t, args, nargs, kwnames, "NotImplementedType", t->vm->not_implemented);
}

static AdValue notimpl_repr(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    (void)args;
    (void)nargs;
    (void)kwnames;
    AdStr *s = ad_str_intern_cstr(t, "NotImplemented");
    return s ? ad_obj(s) : AD_NULLV;
}

static const AdMethodDef notimpl_methods[] = {
    {"__new__", notimpl_new, AD_METH_STATIC, NULL, NULL},
    {"__repr__", notimpl_repr, AD_METH_INSTANCE, NULL, NULL},
    {"__reduce__", notimpl_repr, AD_METH_INSTANCE, NULL, NULL},
    {NULL, NULL, 0, NULL, NULL},
};

static AdValue ellipsis_new(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    return singleton_new(t, args, nargs, kwnames, "EllipsisType", t->vm->ellipsis);
}

static AdValue ellipsis_repr(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    (void)args;
    (void)nargs;
    (void)kwnames;
    AdStr *s = ad_str_intern_cstr(t, "Ellipsis");
    return s ? ad_obj(s) : AD_NULLV;
}

static const AdMethodDef ellipsis_methods[] = {
    {"__new__", ellipsis_new, AD_METH_STATIC, NULL, NULL},
    {"__repr__", ellipsis_repr, AD_METH_INSTANCE, NULL, NULL},
    {"__reduce__", ellipsis_repr, AD_METH_INSTANCE, NULL, NULL},
    {NULL, NULL, 0, NULL, NULL},
};

bool ad_object_setup(AdThread *t) {
    AdVM *vm = t->vm;
    if (!ad_type_init_builtin(t, vm->type_object, "object", NULL, sizeof(AdObj), NULL, NULL,
                              object_methods, AD_TPFLAG_BASETYPE) ||
        !ad_type_init_builtin(t, vm->type_none, "NoneType", vm->type_object, sizeof(AdObj), NULL,
                              NULL, none_methods, 0) ||
        !ad_type_init_builtin(t, vm->type_not_implemented, "NotImplementedType", vm->type_object,
                              sizeof(AdObj), NULL, NULL, notimpl_methods, 0) ||
        !ad_type_init_builtin(t, vm->type_ellipsis, "ellipsis", vm->type_object, sizeof(AdObj),
                              NULL, NULL, ellipsis_methods, 0))
        return false;
    AdObj *ni = ad_gc_alloc(t, vm->type_not_implemented, sizeof(AdObj));
    if (!ni)
        return false;
    vm->not_implemented = ad_obj(ni);
    AdObj *el = ad_gc_alloc(t, vm->type_ellipsis, sizeof(AdObj));
    if (!el)
        return false;
    vm->ellipsis = ad_obj(el);
    return true;
}
