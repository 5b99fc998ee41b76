/*
 * runtime.c - the object protocols every subsystem shares: attribute get/set/delete with
 * descriptors, subscripting, membership, len, iteration, repr/str/ascii/format, and
 * isinstance/issubclass; plus the two small types they need: the __getitem__-based
 * iterator and types.GenericAlias (list[int]). Operators are in operators.c.
 *
 * Each protocol finds its dunder through the type's MRO, so builtin types (whose dunders are
 * natives in their dicts) and classes behave alike; exact builtin types get inline fast
 * paths that must agree with the dunder they skip. Arguments passed in are assumed rooted
 * by the caller (as a native's arguments are); what is made here is rooted here. A
 * lookup that misses returns 0 without making an exception, so hasattr() and __getattr__
 * fallbacks cost no allocation.
 */
#include <string.h>

#include "iter.h"
#include "typeobj.h"

/* ---- calling a dunder found on a type ---------------------------------------------------- */

/* Call `meth` (found on type(self)) as a method of `self`. Plain functions and natives get
 * self prepended without making a bound method; natives are called directly, as CPython
 * calls slots. */
AdValue ad_rt_call_found(AdThread *t, AdValue meth, AdValue self, const AdValue *args, int nargs) {
    AdVM *vm = t->vm;
    AdValue argv[4];
    if (AD_IS_OBJ(meth) && nargs <= 3) {
        AdType *mt = meth.as.o->type;
        if (mt == vm->type_builtin_function) {
            AdNative *n = (AdNative *)meth.as.o;
            AdType *st = ad_type_of(t, self);
            /* A native borrowed by an unrelated class goes the checked way below. */
            if (n->kind == AD_METH_INSTANCE && n->owner &&
                (st == n->owner || ad_type_is_subtype(st, n->owner))) {
                /* Natives expect rooted arguments (theirs sit on the thread stack). */
                int mark = ad_gc_root_mark(t);
                argv[0] = self;
                ad_gc_push_root(t, self);
                for (int i = 0; i < nargs; i++) {
                    argv[i + 1] = args[i];
                    ad_gc_push_root(t, args[i]);
                }
                AdValue r = n->fn(t, argv, nargs + 1, NULL);
                ad_gc_root_restore(t, mark);
                return r;
            }
        } else if (mt == vm->type_function) {
            argv[0] = self;
            for (int i = 0; i < nargs; i++)
                argv[i + 1] = args[i];
            return ad_rt_call(t, meth, argv, nargs + 1, NULL);
        }
    }
    AdValue bound = ad_rt_descr_get(t, meth, self, ad_type_of(t, self));
    if (AD_IS_NULL(bound))
        return bound;
    int mark = ad_gc_root_mark(t);
    ad_gc_push_root(t, bound);
    AdValue r = ad_rt_call(t, bound, args, nargs, NULL);
    ad_gc_root_restore(t, mark);
    return r;
}

/* ---- descriptors ------------------------------------------------------------------------- */

/* Builtin types whose instances are never descriptors: skips two MRO walks for the class
 * attributes people use most (numbers, strings, containers, nested classes). */
static bool plain_builtin(AdVM *vm, AdType *dt) {
    return dt == vm->type_str || dt == vm->type_int || dt == vm->type_float ||
           dt == vm->type_tuple || dt == vm->type_list || dt == vm->type_dict ||
           dt == vm->type_set || dt == vm->type_frozenset || dt == vm->type_type ||
           dt == vm->type_module || dt == vm->type_bytes || dt == vm->type_none ||
           dt == vm->type_bool || dt == vm->type_not_implemented || dt == vm->type_ellipsis ||
           dt == vm->type_range || dt == vm->type_cell;
}

int ad_descr_classify(AdThread *t, AdValue v) {
    AdVM *vm = t->vm;
    if (!AD_IS_OBJ(v))
        return AD_DESCR_PLAIN;
    AdType *dt = v.as.o->type;
    if (dt == vm->type_function || dt == vm->type_builtin_function || dt == vm->type_classmethod ||
        dt == vm->type_staticmethod)
        return AD_DESCR_NONDATA;
    if (dt == vm->type_getset || dt == vm->type_member_descriptor || dt == vm->type_property)
        return AD_DESCR_DATA;
    if (plain_builtin(vm, dt))
        return AD_DESCR_PLAIN;
    if (AD_IS_NULL(ad_type_lookup(dt, vm->name.get)))
        return AD_DESCR_PLAIN;
    if (!AD_IS_NULL(ad_type_lookup(dt, vm->name.set)) ||
        !AD_IS_NULL(ad_type_lookup(dt, vm->name.delete)))
        return AD_DESCR_DATA;
    return AD_DESCR_NONDATA;
}

AdValue ad_rt_descr_get(AdThread *t, AdValue attr, AdValue obj, AdType *type) {
    AdVM *vm = t->vm;
    if (!AD_IS_OBJ(attr))
        return attr;
    if (!type)
        type = ad_type_of(t, obj);
    AdType *dt = attr.as.o->type;
    if (dt == vm->type_function)
        return AD_IS_NULL(obj) ? attr : ad_bound_method_new(t, attr, obj);
    if (dt == vm->type_builtin_function) {
        AdNative *n = (AdNative *)attr.as.o;
        if (n->kind == AD_METH_CLASS)
            return ad_bound_method_new(t, attr, ad_obj(type));
        if (n->kind == AD_METH_INSTANCE && n->owner && !AD_IS_NULL(obj))
            return ad_bound_method_new(t, attr, obj);
        return attr;
    }
    if (dt == vm->type_classmethod)
        return ad_bound_method_new(t, ((AdClassMethod *)attr.as.o)->func, ad_obj(type));
    if (dt == vm->type_staticmethod)
        return ((AdClassMethod *)attr.as.o)->func;
    bool unbound = AD_IS_NULL(obj);
    if (dt == vm->type_getset)
        return unbound ? attr : ad_getset_get(t, (AdGetSet *)attr.as.o, obj);
    if (dt == vm->type_member_descriptor)
        return unbound ? attr : ad_member_get(t, (AdMember *)attr.as.o, obj);
    if (dt == vm->type_property)
        return unbound ? attr : ad_property_get(t, (AdProperty *)attr.as.o, obj);
    if (plain_builtin(vm, dt))
        return attr;
    AdValue get = ad_type_lookup(dt, vm->name.get);
    if (AD_IS_NULL(get))
        return attr;
    AdValue args[2] = {unbound ? AD_NONE : obj, ad_obj(type)};
    return ad_rt_call_found(t, get, attr, args, 2);
}

bool ad_descr_set(AdThread *t, AdValue descr, AdValue obj, AdValue value) {
    AdVM *vm = t->vm;
    AdType *dt = ad_type_of(t, descr);
    if (dt == vm->type_getset)
        return ad_getset_set(t, AD_AS(AdGetSet, descr), obj, value);
    if (dt == vm->type_member_descriptor)
        return ad_member_set(t, AD_AS(AdMember, descr), obj, value);
    if (dt == vm->type_property)
        return ad_property_set(t, AD_AS(AdProperty, descr), obj, value);
    AdValue r;
    if (AD_IS_NULL(value)) {
        AdValue f = ad_type_lookup(dt, vm->name.delete);
        if (AD_IS_NULL(f))
            return ad_err_raise(t, vm->exc_AttributeError, "__delete__");
        r = ad_rt_call_found(t, f, descr, &obj, 1);
    } else {
        AdValue f = ad_type_lookup(dt, vm->name.set);
        if (AD_IS_NULL(f))
            return ad_err_raise(t, vm->exc_AttributeError, "__set__");
        AdValue args[2] = {obj, value};
        r = ad_rt_call_found(t, f, descr, args, 2);
    }
    return !AD_IS_NULL(r);
}

/* Whether assigning through `descr` goes to its __set__/__delete__. */
static bool has_setter(AdThread *t, AdValue descr) {
    AdVM *vm = t->vm;
    if (!AD_IS_OBJ(descr))
        return false;
    AdType *dt = descr.as.o->type;
    if (dt == vm->type_getset || dt == vm->type_member_descriptor || dt == vm->type_property)
        return true;
    if (dt == vm->type_function || dt == vm->type_builtin_function || plain_builtin(vm, dt))
        return false;
    return !AD_IS_NULL(ad_type_lookup(dt, vm->name.set)) ||
           !AD_IS_NULL(ad_type_lookup(dt, vm->name.delete));
}

/* ---- getattr ----------------------------------------------------------------------------- */

bool ad_rt_attr_error(AdThread *t, AdValue obj, AdStr *name) {
    AdVM *vm = t->vm;
    AdType *tp = ad_type_of(t, obj);
    if (ad_type_is_subtype(tp, vm->type_type)) {
        ad_err_raise(t, vm->exc_AttributeError, "type object '%s' has no attribute '%s'",
                     ad_type_name(AD_AS(AdType, obj)), name->data);
    } else if (ad_type_is_subtype(tp, vm->type_module)) {
        AdModule *m = AD_AS(AdModule, obj);
        AdValue mn = m->dict ? ad_dict_get_str(m->dict, vm->name.name) : AD_NULLV;
        if (ad_is_str(t, mn))
            ad_err_raise(t, vm->exc_AttributeError, "module '%s' has no attribute '%s'",
                         AD_AS(AdStr, mn)->data, name->data);
        else
            ad_err_raise(t, vm->exc_AttributeError, "module has no attribute '%s'", name->data);
    } else {
        ad_err_raise(t, vm->exc_AttributeError, "'%s' object has no attribute '%s'",
                     ad_type_name(tp), name->data);
    }
    if (ad_is_type(t->exc, vm->exc_AttributeError)) {
        AdException *e = AD_AS(AdException, t->exc);
        e->extra[0] = ad_obj(name);
        e->extra[1] = obj;
    }
    return false;
}

/* The generic algorithm with the class attribute already looked up. */
static int generic_getattr_with(AdThread *t, AdValue obj, AdType *tp, AdStr *name, AdValue descr,
                                AdValue *out) {
    AdVM *vm = t->vm;
    int kind = AD_DESCR_PLAIN;
    if (AD_IS_OBJ(descr)) {
        AdType *dt = descr.as.o->type;
        if (dt == vm->type_getset) {
            *out = ad_getset_get(t, (AdGetSet *)descr.as.o, obj);
            return AD_IS_NULL(*out) ? -1 : 1;
        }
        if (dt == vm->type_member_descriptor) {
            *out = ad_member_get(t, (AdMember *)descr.as.o, obj);
            return AD_IS_NULL(*out) ? -1 : 1;
        }
        if (dt == vm->type_property) {
            *out = ad_property_get(t, (AdProperty *)descr.as.o, obj);
            return AD_IS_NULL(*out) ? -1 : 1;
        }
        kind = ad_descr_classify(t, descr);
        if (kind == AD_DESCR_DATA) {
            *out = ad_rt_descr_get(t, descr, obj, tp);
            return AD_IS_NULL(*out) ? -1 : 1;
        }
    }
    AdDict **dp = ad_instance_dict_ptr(t, obj);
    if (dp && *dp) {
        AdValue v = ad_dict_get_str(*dp, name);
        if (!AD_IS_NULL(v)) {
            *out = v;
            return 1;
        }
    }
    if (!AD_IS_NULL(descr)) {
        if (kind == AD_DESCR_PLAIN) {
            *out = descr;
            return 1;
        }
        *out = ad_rt_descr_get(t, descr, obj, tp);
        return AD_IS_NULL(*out) ? -1 : 1;
    }
    if (dp && name == vm->name.dict) {
        /* Builtin layouts with a dict but no __dict__ descriptor. */
        if (!*dp && !(*dp = ad_dict_new(t)))
            return -1;
        *out = ad_obj(*dp);
        return 1;
    }
    return 0;
}

int ad_rt_generic_getattr(AdThread *t, AdValue obj, AdStr *name, AdValue *out) {
    AdType *tp = ad_type_of(t, obj);
    return generic_getattr_with(t, obj, tp, name, ad_type_lookup(tp, name), out);
}

int ad_rt_getattr_hook(AdThread *t, AdValue obj, AdStr *name, AdValue *out) {
    AdValue hook = ad_type_lookup(ad_type_of(t, obj), t->vm->name.getattr);
    if (AD_IS_NULL(hook))
        return 0;
    AdValue arg = ad_obj(name);
    *out = ad_rt_call_found(t, hook, obj, &arg, 1);
    return AD_IS_NULL(*out) ? -1 : 1;
}

/* Modules: globals first (no data descriptor of the module type has a public name), then
 * the generic path, then PEP 562's module-level __getattr__. */
static int module_getattr(AdThread *t, AdValue obj, AdStr *name, AdValue *out) {
    AdModule *m = AD_AS(AdModule, obj);
    if (name->data[0] != '_' && m->dict) {
        AdValue v = ad_dict_get_str(m->dict, name);
        if (!AD_IS_NULL(v)) {
            *out = v;
            return 1;
        }
    }
    int r = ad_rt_generic_getattr(t, obj, name, out);
    if (r != 0 || !m->dict)
        return r;
    AdValue hook = ad_dict_get_str(m->dict, t->vm->name.getattr);
    if (AD_IS_NULL(hook))
        return 0;
    *out = ad_rt_call1(t, hook, ad_obj(name));
    return AD_IS_NULL(*out) ? -1 : 1;
}

/* 1 found, 0 absent (nothing raised), -1 error (possibly an AttributeError from script). */
static int getattr_impl(AdThread *t, AdValue obj, AdStr *name, AdValue *out) {
    AdVM *vm = t->vm;
    AdType *tp = ad_type_of(t, obj);
    uint32_t fl = ad_type_flags(t, tp);
    int r;
    if (!(fl & AD_TPFLAG_HAS_GETATTRIBUTE)) {
        if (tp == vm->type_module)
            return module_getattr(t, obj, name, out);
        if (fl & AD_TPFLAG_META)
            r = ad_type_getattro(t, AD_AS(AdType, obj), name, out);
        else
            r = ad_rt_generic_getattr(t, obj, name, out);
        if (r != 0)
            return r;
    } else if (tp == vm->type_super) {
        r = ad_super_getattro(t, AD_AS(AdSuper, obj), name, out);
        if (r != 0)
            return r;
    } else {
        AdValue ga = ad_type_lookup(tp, vm->name.getattribute);
        AdValue arg = ad_obj(name);
        *out = ad_rt_call_found(t, ga, obj, &arg, 1);
        if (!AD_IS_NULL(*out))
            return 1;
        if (!(fl & AD_TPFLAG_HAS_GETATTR) || !ad_err_matches(t, vm->exc_AttributeError))
            return -1;
        ad_err_clear(t);
    }
    if (fl & AD_TPFLAG_HAS_GETATTR)
        return ad_rt_getattr_hook(t, obj, name, out);
    return 0;
}

AdValue ad_rt_getattr(AdThread *t, AdValue obj, AdStr *name) {
    AdValue out;
    int r = getattr_impl(t, obj, name, &out);
    if (r > 0)
        return out;
    if (r == 0)
        ad_rt_attr_error(t, obj, name);
    return AD_NULLV;
}

int ad_rt_lookup_attr(AdThread *t, AdValue obj, AdStr *name, AdValue *out) {
    int r = getattr_impl(t, obj, name, out);
    if (r < 0 && ad_err_matches(t, t->vm->exc_AttributeError)) {
        ad_err_clear(t);
        return 0;
    }
    return r;
}

int ad_rt_load_method(AdThread *t, AdValue obj, AdStr *name, AdValue *meth) {
    AdVM *vm = t->vm;
    AdType *tp = ad_type_of(t, obj);
    uint32_t fl = ad_type_flags(t, tp);
    if (!(fl & (AD_TPFLAG_HAS_GETATTRIBUTE | AD_TPFLAG_META)) && tp != vm->type_module) {
        AdValue descr = ad_type_lookup(tp, name);
        if (AD_IS_OBJ(descr)) {
            AdType *dt = descr.as.o->type;
            if (dt == vm->type_function || (dt == vm->type_builtin_function &&
                                            ((AdNative *)descr.as.o)->kind == AD_METH_INSTANCE &&
                                            ((AdNative *)descr.as.o)->owner)) {
                AdDict **dp = ad_instance_dict_ptr(t, obj);
                if (dp && *dp) {
                    AdValue v = ad_dict_get_str(*dp, name);
                    if (!AD_IS_NULL(v)) {
                        *meth = v;
                        return 0;
                    }
                }
                *meth = descr;
                return 1;
            }
        }
        int r = generic_getattr_with(t, obj, tp, name, descr, meth);
        if (r == 0 && (fl & AD_TPFLAG_HAS_GETATTR))
            r = ad_rt_getattr_hook(t, obj, name, meth);
        if (r == 0)
            ad_rt_attr_error(t, obj, name);
        return r > 0 ? 0 : -1;
    }
    AdValue v = ad_rt_getattr(t, obj, name);
    if (AD_IS_NULL(v))
        return -1;
    *meth = v;
    return 0;
}

/* ---- setattr ----------------------------------------------------------------------------- */

bool ad_rt_generic_setattr(AdThread *t, AdValue obj, AdStr *name, AdValue value) {
    AdVM *vm = t->vm;
    AdType *tp = ad_type_of(t, obj);
    AdValue descr = ad_type_lookup(tp, name);
    if (!AD_IS_NULL(descr) && has_setter(t, descr))
        return ad_descr_set(t, descr, obj, value);
    AdDict **dp = ad_instance_dict_ptr(t, obj);
    if (!dp) {
        if (AD_IS_NULL(descr))
            return ad_err_raise(t, vm->exc_AttributeError, "'%s' object has no attribute '%s'",
                                ad_type_name(tp), name->data);
        return ad_err_raise(t, vm->exc_AttributeError, "'%s' object attribute '%s' is read-only",
                            ad_type_name(tp), name->data);
    }
    if (AD_IS_NULL(value)) {
        int r = *dp ? ad_dict_del_str(t, *dp, name) : 0;
        if (r < 0)
            return false;
        if (r == 0)
            return ad_rt_attr_error(t, obj, name);
        return true;
    }
    if (!(name->obj.flags & AD_STR_INTERNED)) {
        /* Instance dicts are keyed by interned names so lookups compare pointers. */
        int mark = ad_gc_root_mark(t);
        ad_gc_push_root(t, value);
        name = ad_str_intern_str(t, name);
        ad_gc_root_restore(t, mark);
        if (!name)
            return false;
    }
    if (!*dp) {
        int mark = ad_gc_root_mark(t);
        ad_gc_push_root(t, value);
        AdDict *d = ad_dict_new(t);
        ad_gc_root_restore(t, mark);
        if (!d)
            return false;
        *dp = d;
    }
    return ad_dict_set_str(t, *dp, name, value);
}

static bool setattr_impl(AdThread *t, AdValue obj, AdStr *name, AdValue value) {
    AdVM *vm = t->vm;
    AdType *tp = ad_type_of(t, obj);
    uint32_t fl = ad_type_flags(t, tp);
    if (fl & AD_TPFLAG_HAS_SETATTR) {
        bool del = AD_IS_NULL(value);
        AdValue f = ad_type_lookup(tp, del ? vm->name.delattr : vm->name.setattr);
        if (!ad_is_native_fn(t, f, del ? ad_object_delattr_native : ad_object_setattr_native) &&
            !ad_is_native_fn(t, f, ad_type_setattr_native)) {
            if (AD_IS_NULL(f))
                return ad_err_raise(t, vm->exc_AttributeError, "'%s' object has no attribute '%s'",
                                    ad_type_name(tp), name->data);
            AdValue args[2] = {ad_obj(name), value};
            return !AD_IS_NULL(ad_rt_call_found(t, f, obj, args, del ? 1 : 2));
        }
    }
    if (fl & AD_TPFLAG_META)
        return ad_type_setattro(t, AD_AS(AdType, obj), name, value);
    return ad_rt_generic_setattr(t, obj, name, value);
}

bool ad_rt_setattr(AdThread *t, AdValue obj, AdStr *name, AdValue value) {
    return setattr_impl(t, obj, name, value);
}

bool ad_rt_delattr(AdThread *t, AdValue obj, AdStr *name) {
    return setattr_impl(t, obj, name, AD_NULLV);
}

/* ---- items ------------------------------------------------------------------------------- */

/* Builtin classes that are generic in annotations (list[int]) and stand for themselves. */
static bool builtin_generic(AdVM *vm, AdType *tp) {
    return tp == vm->type_list || tp == vm->type_dict || tp == vm->type_tuple ||
           tp == vm->type_set || tp == vm->type_frozenset || tp == vm->type_type ||
           tp == vm->type_enumerate;
}

AdValue ad_rt_getitem(AdThread *t, AdValue obj, AdValue key) {
    AdVM *vm = t->vm;
    AdType *tp = ad_type_of(t, obj);
    AdValue f = ad_type_lookup(tp, vm->name.getitem);
    if (!AD_IS_NULL(f) && !AD_IS_NONE(f))
        return ad_rt_call_found(t, f, obj, &key, 1);
    if (ad_type_flags(t, tp) & AD_TPFLAG_META) {
        AdType *cls = AD_AS(AdType, obj);
        if (builtin_generic(vm, cls))
            return ad_generic_alias_new(t, obj, key);
        AdValue cg = ad_type_lookup(cls, vm->name.class_getitem);
        if (!AD_IS_NULL(cg) && !AD_IS_NONE(cg)) {
            AdValue bound = ad_rt_descr_get(t, cg, AD_NULLV, cls);
            if (AD_IS_NULL(bound))
                return bound;
            int mark = ad_gc_root_mark(t);
            ad_gc_push_root(t, bound);
            AdValue r = ad_rt_call1(t, bound, key);
            ad_gc_root_restore(t, mark);
            return r;
        }
        return ad_err_raise_v(t, vm->exc_TypeError, "type '%s' is not subscriptable",
                              ad_type_name(cls));
    }
    return ad_err_raise_v(t, vm->exc_TypeError, "'%s' object is not subscriptable",
                          ad_type_name(tp));
}

bool ad_rt_setitem(AdThread *t, AdValue obj, AdValue key, AdValue value) {
    AdVM *vm = t->vm;
    AdType *tp = ad_type_of(t, obj);
    AdValue f = ad_type_lookup(tp, vm->name.setitem);
    if (AD_IS_NULL(f) || AD_IS_NONE(f))
        return ad_err_raise(t, vm->exc_TypeError, "'%s' object does not support item assignment",
                            ad_type_name(tp));
    AdValue args[2] = {key, value};
    return !AD_IS_NULL(ad_rt_call_found(t, f, obj, args, 2));
}

bool ad_rt_delitem(AdThread *t, AdValue obj, AdValue key) {
    AdVM *vm = t->vm;
    AdType *tp = ad_type_of(t, obj);
    AdValue f = ad_type_lookup(tp, vm->name.delitem);
    if (AD_IS_NULL(f) || AD_IS_NONE(f))
        return ad_err_raise(t, vm->exc_TypeError, "'%s' object doesn't support item deletion",
                            ad_type_name(tp));
    return !AD_IS_NULL(ad_rt_call_found(t, f, obj, &key, 1));
}

int ad_rt_contains(AdThread *t, AdValue container, AdValue item) {
    AdVM *vm = t->vm;
    AdType *tp = ad_type_of(t, container);
    AdValue f = ad_type_lookup(tp, vm->name.contains);
    if (!AD_IS_NULL(f) && !AD_IS_NONE(f)) {
        AdValue r = ad_rt_call_found(t, f, container, &item, 1);
        if (AD_IS_NULL(r))
            return -1;
        if (AD_IS_BOOL(r))
            return (int)r.as.i;
        return ad_rt_truthy(t, r);
    }
    AdValue fi = ad_type_lookup(tp, vm->name.iter);
    if ((AD_IS_NULL(fi) || AD_IS_NONE(fi)) && AD_IS_NULL(ad_type_lookup(tp, vm->name.getitem))) {
        ad_err_raise(t, vm->exc_TypeError, "argument of type '%s' is not iterable",
                     ad_type_name(tp));
        return -1;
    }
    AdValue it = ad_rt_getiter(t, container);
    if (AD_IS_NULL(it))
        return -1;
    int mark = ad_gc_root_mark(t);
    ad_gc_push_root(t, it);
    int found = 0;
    for (;;) {
        AdValue x;
        int r = ad_rt_next(t, it, &x);
        if (r <= 0) {
            found = r;
            break;
        }
        int eq = ad_is(x, item) ? 1 : ad_rt_eq(t, x, item);
        if (eq != 0) {
            found = eq;
            break;
        }
    }
    ad_gc_root_restore(t, mark);
    return found;
}

int64_t ad_rt_len(AdThread *t, AdValue v) {
    AdVM *vm = t->vm;
    if (AD_IS_OBJ(v)) {
        AdType *tp = v.as.o->type;
        if (tp == vm->type_str)
            return (int64_t)((AdStr *)v.as.o)->nchars;
        if (tp == vm->type_list)
            return (int64_t)((AdList *)v.as.o)->len;
        if (tp == vm->type_tuple)
            return (int64_t)((AdTuple *)v.as.o)->len;
        if (tp == vm->type_dict)
            return (int64_t)((AdDict *)v.as.o)->len;
        if (tp == vm->type_set || tp == vm->type_frozenset)
            return (int64_t)((AdSet *)v.as.o)->used;
        if (tp == vm->type_bytes)
            return (int64_t)((AdBytes *)v.as.o)->len;
    }
    AdType *tp = ad_type_of(t, v);
    AdValue f = ad_type_lookup(tp, vm->name.len);
    if (AD_IS_NULL(f) || AD_IS_NONE(f)) {
        ad_err_raise(t, vm->exc_TypeError, "object of type '%s' has no len()", ad_type_name(tp));
        return -1;
    }
    AdValue r = ad_rt_call_found(t, f, v, NULL, 0);
    if (AD_IS_NULL(r))
        return -1;
    if (AD_IS_INT(r)) {
        if (r.as.i < 0) {
            ad_err_raise(t, vm->exc_ValueError, "__len__() should return >= 0");
            return -1;
        }
        return r.as.i;
    }
    int mark = ad_gc_root_mark(t);
    ad_gc_push_root(t, r);
    int64_t n;
    bool ok = ad_rt_index(t, r, &n);
    ad_gc_root_restore(t, mark);
    if (!ok)
        return -1;
    if (n < 0) {
        ad_err_raise(t, vm->exc_ValueError, "__len__() should return >= 0");
        return -1;
    }
    return n;
}

/* ---- iteration --------------------------------------------------------------------------- */

static void seqiter_trace(AdGC *gc, AdObj *o) {
    ad_gc_mark_value(gc, ((AdSeqIter *)o)->seq);
}

/* 1 item, 0 exhausted, -1 error: seq[index] until IndexError or StopIteration. */
static int seqiter_step(AdThread *t, AdSeqIter *it, AdValue *out) {
    AdVM *vm = t->vm;
    if (AD_IS_NULL(it->seq))
        return 0;
    int mark = ad_gc_root_mark(t);
    ad_gc_push_obj(t, it);
    AdValue v = ad_rt_getitem(t, it->seq, ad_small_int(it->index));
    ad_gc_root_restore(t, mark);
    if (AD_IS_NULL(v)) {
        if (ad_err_matches(t, vm->exc_IndexError) || ad_err_matches(t, vm->exc_StopIteration)) {
            ad_err_clear(t);
            it->seq = AD_NULLV;
            return 0;
        }
        return -1;
    }
    it->index++;
    *out = v;
    return 1;
}

static AdValue seqiter_next(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    (void)nargs, (void)kwnames;
    AdValue out;
    int r = seqiter_step(t, AD_AS(AdSeqIter, args[0]), &out);
    if (r > 0)
        return out;
    if (r == 0)
        ad_err_raise_obj(t, ad_obj(t->vm->exc_StopIteration));
    return AD_NULLV;
}

static AdValue seqiter_iter(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    (void)t, (void)nargs, (void)kwnames;
    return args[0];
}

static const AdMethodDef seqiter_methods[] = {
    {"__next__", seqiter_next, AD_METH_INSTANCE, NULL, NULL},
    {"__iter__", seqiter_iter, AD_METH_INSTANCE, NULL, NULL},
    {NULL, NULL, 0, NULL, NULL},
};

/* ---- types.GenericAlias: list[int] and friends --------------------------------------- */

typedef struct AdGenericAlias {
    AdObj obj;
    AdValue origin;
    AdTuple *args;
} AdGenericAlias;

static void alias_trace(AdGC *gc, AdObj *o) {
    ad_gc_mark_value(gc, ((AdGenericAlias *)o)->origin);
    ad_gc_mark_obj(gc, ((AdGenericAlias *)o)->args);
}

AdValue ad_generic_alias_new(AdThread *t, AdValue origin, AdValue key) {
    AdVM *vm = t->vm;
    AdTuple *args =
        ad_is_type(key, vm->type_tuple) ? AD_AS(AdTuple, key) : ad_tuple_pack(t, 1, key);
    if (!args)
        return AD_NULLV;
    int mark = ad_gc_root_mark(t);
    ad_gc_push_obj(t, args);
    AdGenericAlias *ga = ad_gc_alloc(t, vm->type_generic_alias, sizeof(AdGenericAlias));
    ad_gc_root_restore(t, mark);
    if (!ga)
        return AD_NULLV;
    ga->origin = origin;
    ga->args = args;
    return ad_obj(ga);
}

/* One parameter as typing shows it: `int`, `mod.Class`, `...`, or its repr. */
static bool alias_repr_item(AdThread *t, AdBuf *b, AdValue v) {
    AdVM *vm = t->vm;
    if (ad_is(v, vm->ellipsis))
        return ad_buf_adds(t, b, "...");
    AdValue qn = AD_NULLV, mod = AD_NULLV;
    if (!ad_is_type(v, vm->type_generic_alias)) {
        if (ad_rt_lookup_attr(t, v, vm->name.qualname, &qn) < 0)
            return false;
        if (!AD_IS_NULL(qn)) {
            ad_gc_push_root(t, qn);
            if (ad_rt_lookup_attr(t, v, vm->name.module, &mod) < 0)
                return false;
        }
    }
    if (ad_is_str(t, qn) && ad_is_str(t, mod)) {
        if (ad_str_eq_cstr(AD_AS(AdStr, mod), "builtins"))
            return ad_buf_adds(t, b, AD_AS(AdStr, qn)->data);
        return ad_buf_addf(t, b, "%s.%s", AD_AS(AdStr, mod)->data, AD_AS(AdStr, qn)->data);
    }
    AdValue r = ad_rt_repr(t, v);
    return !AD_IS_NULL(r) && ad_buf_adds(t, b, AD_AS(AdStr, r)->data);
}

static AdValue alias_repr(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    (void)nargs, (void)kwnames;
    AdGenericAlias *ga = AD_AS(AdGenericAlias, args[0]);
    AdBuf b;
    ad_buf_init(&b);
    bool ok = alias_repr_item(t, &b, ga->origin) && ad_buf_addc(t, &b, '[');
    if (ok && ga->args->len == 0)
        ok = ad_buf_adds(t, &b, "()");
    for (size_t i = 0; ok && i < ga->args->len; i++)
        ok = (i == 0 || ad_buf_adds(t, &b, ", ")) && alias_repr_item(t, &b, ga->args->items[i]);
    if (!ok || !ad_buf_addc(t, &b, ']')) {
        ad_buf_free(&b);
        return AD_NULLV;
    }
    AdStr *s = ad_buf_finish(t, &b);
    return s ? ad_obj(s) : AD_NULLV;
}

/* list[int](...) makes a list, and tags it with __orig_class__ where it can. */
static AdValue alias_call(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    AdGenericAlias *ga = AD_AS(AdGenericAlias, args[0]);
    AdValue r = ad_rt_call(t, ga->origin, args + 1, nargs - 1, kwnames);
    if (AD_IS_NULL(r) || !ad_instance_dict_ptr(t, r))
        return r;
    ad_gc_push_root(t, r);
    AdStr *name = ad_str_intern_cstr(t, "__orig_class__");
    if (!name)
        return AD_NULLV;
    if (!ad_rt_setattr(t, r, name, args[0]))
        ad_err_clear(t);
    return r;
}

static AdValue alias_mro_entries(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    if (!ad_args_check(t, "__mro_entries__", nargs - 1, kwnames, 1, 1))
        return AD_NULLV;
    AdTuple *r = ad_tuple_pack(t, 1, AD_AS(AdGenericAlias, args[0])->origin);
    return r ? ad_obj(r) : AD_NULLV;
}

static AdValue alias_getattr(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    if (!ad_args_check(t, "__getattr__", nargs - 1, kwnames, 1, 1))
        return AD_NULLV;
    if (!ad_is_str(t, args[1]))
        return ad_err_raise_v(t, t->vm->exc_TypeError, "attribute name must be string");
    return ad_rt_getattr(t, AD_AS(AdGenericAlias, args[0])->origin, AD_AS(AdStr, args[1]));
}

static AdValue alias_eq(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    if (!ad_args_check(t, "__eq__", nargs - 1, kwnames, 1, 1))
        return AD_NULLV;
    if (!ad_is_type(args[1], t->vm->type_generic_alias))
        return t->vm->not_implemented;
    AdGenericAlias *a = AD_AS(AdGenericAlias, args[0]), *b = AD_AS(AdGenericAlias, args[1]);
    int r = ad_rt_eq(t, a->origin, b->origin);
    if (r <= 0)
        return r < 0 ? AD_NULLV : AD_FALSE;
    r = ad_rt_eq(t, ad_obj(a->args), ad_obj(b->args));
    return r < 0 ? AD_NULLV : ad_bool(r);
}

static AdValue alias_hash(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    (void)nargs, (void)kwnames;
    AdGenericAlias *ga = AD_AS(AdGenericAlias, args[0]);
    int64_t h1, h2;
    if (!ad_rt_hash(t, ga->origin, &h1) || !ad_rt_hash(t, ad_obj(ga->args), &h2))
        return AD_NULLV;
    int64_t h = h1 ^ h2;
    return ad_small_int(h == -1 ? -2 : h);
}

static AdValue alias_instancecheck(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    (void)args, (void)nargs, (void)kwnames;
    return ad_err_raise_v(t, t->vm->exc_TypeError,
                          "isinstance() argument 2 cannot be a parameterized generic");
}

static AdValue alias_subclasscheck(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    (void)args, (void)nargs, (void)kwnames;
    return ad_err_raise_v(t, t->vm->exc_TypeError,
                          "issubclass() argument 2 cannot be a parameterized generic");
}

static AdValue alias_origin(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    (void)t, (void)nargs, (void)kwnames;
    return AD_AS(AdGenericAlias, args[0])->origin;
}

static AdValue alias_args(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    (void)t, (void)nargs, (void)kwnames;
    return ad_obj(AD_AS(AdGenericAlias, args[0])->args);
}

static AdValue alias_parameters(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    (void)args, (void)nargs, (void)kwnames;
    return ad_obj(t->vm->empty_tuple);
}

static const AdMethodDef alias_methods[] = {
    {"__repr__", alias_repr, AD_METH_INSTANCE, NULL, NULL},
    {"__call__", alias_call, AD_METH_INSTANCE, NULL, NULL},
    {"__mro_entries__", alias_mro_entries, AD_METH_INSTANCE, NULL, NULL},
    {"__getattr__", alias_getattr, AD_METH_INSTANCE, NULL, NULL},
    {"__eq__", alias_eq, AD_METH_INSTANCE, NULL, NULL},
    {"__hash__", alias_hash, AD_METH_INSTANCE, NULL, NULL},
    {"__instancecheck__", alias_instancecheck, AD_METH_INSTANCE, NULL, NULL},
    {"__subclasscheck__", alias_subclasscheck, AD_METH_INSTANCE, NULL, NULL},
    {"__origin__", alias_origin, AD_METH_GETSET, NULL, NULL},
    {"__args__", alias_args, AD_METH_GETSET, NULL, NULL},
    {"__parameters__", alias_parameters, AD_METH_GETSET, NULL, NULL},
    {NULL, NULL, 0, NULL, NULL},
};

bool ad_seqiter_setup(AdThread *t) {
    AdVM *vm = t->vm;
    if (!ad_type_init_builtin(t, vm->type_seq_iterator, "iterator", vm->type_object,
                              sizeof(AdSeqIter), seqiter_trace, NULL, seqiter_methods, 0) ||
        !ad_type_init_builtin(t, vm->type_generic_alias, "GenericAlias", vm->type_object,
                              sizeof(AdGenericAlias), alias_trace, NULL, alias_methods, 0))
        return false;
    vm->type_generic_alias->module = ad_str_intern_cstr(t, "types");
    return vm->type_generic_alias->module != NULL;
}

AdValue ad_rt_getiter(AdThread *t, AdValue v) {
    AdVM *vm = t->vm;
    AdType *tp = ad_type_of(t, v);
    AdValue f = ad_type_lookup(tp, vm->name.iter);
    if (!AD_IS_NULL(f)) {
        if (AD_IS_NONE(f))
            return ad_err_raise_v(t, vm->exc_TypeError, "'%s' object is not iterable",
                                  ad_type_name(tp));
        AdValue it = ad_rt_call_found(t, f, v, NULL, 0);
        if (AD_IS_NULL(it))
            return it;
        AdType *itp = ad_type_of(t, it);
        AdValue nx = ad_type_lookup(itp, vm->name.next);
        if (AD_IS_NULL(nx) || AD_IS_NONE(nx))
            return ad_err_raise_v(t, vm->exc_TypeError, "iter() returned non-iterator of type '%s'",
                                  ad_type_name(itp));
        return it;
    }
    if (!AD_IS_NULL(ad_type_lookup(tp, vm->name.getitem))) {
        AdSeqIter *it = ad_gc_alloc(t, vm->type_seq_iterator, sizeof(AdSeqIter));
        if (!it)
            return AD_NULLV;
        it->seq = v;
        it->index = 0;
        return ad_obj(it);
    }
    return ad_err_raise_v(t, vm->exc_TypeError, "'%s' object is not iterable", ad_type_name(tp));
}

int ad_rt_next(AdThread *t, AdValue it, AdValue *out) {
    AdVM *vm = t->vm;
    int r = ad_iter_fast_next(t, it, out);
    if (r != -2)
        return r;
    AdType *tp = ad_type_of(t, it);
    if (tp == vm->type_seq_iterator)
        return seqiter_step(t, AD_AS(AdSeqIter, it), out);
    AdValue f = ad_type_lookup(tp, vm->name.next);
    if (AD_IS_NULL(f) || AD_IS_NONE(f)) {
        ad_err_raise(t, vm->exc_TypeError, "'%s' object is not an iterator", ad_type_name(tp));
        return -1;
    }
    AdValue v = ad_rt_call_found(t, f, it, NULL, 0);
    if (AD_IS_NULL(v)) {
        if (ad_err_matches(t, vm->exc_StopIteration)) {
            ad_err_clear(t);
            return 0;
        }
        return -1;
    }
    *out = v;
    return 1;
}

/* ---- conversions to str ------------------------------------------------------------------ */

static AdValue interned(AdThread *t, const char *s) {
    AdStr *r = ad_str_intern_cstr(t, s);
    return r ? ad_obj(r) : AD_NULLV;
}

/* Call a conversion dunder and insist on a str result. */
static AdValue convert(AdThread *t, AdValue v, AdStr *dunder, const char *what) {
    AdVM *vm = t->vm;
    AdType *tp = ad_type_of(t, v);
    AdValue f = ad_type_lookup(tp, dunder);
    if (AD_IS_NULL(f))
        f = ad_type_lookup(vm->type_object, vm->name.repr);
    AdValue r = ad_rt_call_found(t, f, v, NULL, 0);
    if (AD_IS_NULL(r) || ad_is_str(t, r))
        return r;
    return ad_err_raise_v(t, vm->exc_TypeError, "%s returned non-string (type %s)", what,
                          ad_type_name(ad_type_of(t, r)));
}

AdValue ad_rt_repr(AdThread *t, AdValue v) {
    AdVM *vm = t->vm;
    switch (v.tag) {
    case AD_TAG_NONE:
        return interned(t, "None");
    case AD_TAG_BOOL:
        return interned(t, v.as.i ? "True" : "False");
    case AD_TAG_INT:
        return ad_int_repr(t, v);
    case AD_TAG_FLOAT:
        return ad_float_repr(t, v.as.f);
    case AD_TAG_OBJ:
        if (v.as.o->type == vm->type_str)
            return ad_str_repr(t, (AdStr *)v.as.o);
        if (v.as.o->type == vm->type_int)
            return ad_int_repr(t, v);
        break;
    default:
        return ad_err_raise_v(t, vm->exc_SystemError, "repr of a missing value");
    }
    return convert(t, v, vm->name.repr, "__repr__");
}

AdValue ad_rt_str(AdThread *t, AdValue v) {
    AdVM *vm = t->vm;
    switch (v.tag) {
    case AD_TAG_NONE:
        return interned(t, "None");
    case AD_TAG_BOOL:
        return interned(t, v.as.i ? "True" : "False");
    case AD_TAG_INT:
        return ad_int_repr(t, v);
    case AD_TAG_FLOAT:
        return ad_float_repr(t, v.as.f);
    case AD_TAG_OBJ:
        if (v.as.o->type == vm->type_str)
            return v;
        if (v.as.o->type == vm->type_int)
            return ad_int_repr(t, v);
        break;
    default:
        return ad_err_raise_v(t, vm->exc_SystemError, "str of a missing value");
    }
    return convert(t, v, vm->name.str, "__str__");
}

/* Decode one UTF-8 sequence (input is valid UTF-8: it comes from a str). */
static uint32_t utf8_next(const unsigned char **p) {
    const unsigned char *s = *p;
    uint32_t c = *s++;
    int extra = c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : c >= 0xC0 ? 1 : 0;
    if (extra)
        c &= 0x3F >> extra;
    while (extra-- > 0 && (*s & 0xC0) == 0x80)
        c = (c << 6) | (*s++ & 0x3F);
    *p = s;
    return c;
}

AdValue ad_rt_ascii(AdThread *t, AdValue v) {
    AdValue r = ad_rt_repr(t, v);
    if (AD_IS_NULL(r))
        return r;
    AdStr *s = AD_AS(AdStr, r);
    if (s->obj.flags & AD_STR_ASCII || s->len == s->nchars)
        return r;
    int mark = ad_gc_root_mark(t);
    ad_gc_push_root(t, r);
    AdBuf b;
    ad_buf_init(&b);
    const unsigned char *p = (const unsigned char *)s->data, *end = p + s->len;
    bool ok = true;
    while (ok && p < end) {
        if (*p < 0x80) {
            ok = ad_buf_addc(t, &b, (char)*p++);
            continue;
        }
        uint32_t c = utf8_next(&p);
        if (c <= 0xFF)
            ok = ad_buf_addf(t, &b, "\\x%02x", c);
        else if (c <= 0xFFFF)
            ok = ad_buf_addf(t, &b, "\\u%04x", c);
        else
            ok = ad_buf_addf(t, &b, "\\U%08x", c);
    }
    ad_gc_root_restore(t, mark);
    if (!ok) {
        ad_buf_free(&b);
        return AD_NULLV;
    }
    AdStr *res = ad_buf_finish(t, &b);
    return res ? ad_obj(res) : AD_NULLV;
}

AdValue ad_rt_format(AdThread *t, AdValue v, AdValue spec) {
    AdVM *vm = t->vm;
    if (AD_IS_NULL(spec) || AD_IS_NONE(spec))
        spec = ad_obj(vm->name.empty);
    if (!ad_is_str(t, spec))
        return ad_err_raise_v(t, vm->exc_TypeError, "format() argument 2 must be str, not %T",
                              spec);
    AdStr *sp = AD_AS(AdStr, spec);
    if (sp->len == 0) {
        if (ad_is_type(v, vm->type_str))
            return v;
        if (AD_IS_INT(v) || AD_IS_FLOAT(v))
            return ad_rt_str(t, v);
    }
    if (AD_IS_INT(v) || AD_IS_FLOAT(v) || ad_is_type(v, vm->type_str) ||
        ad_is_type(v, vm->type_int))
        return ad_str_format_spec(t, v, sp);
    AdValue f = ad_type_lookup(ad_type_of(t, v), vm->name.format);
    if (AD_IS_NULL(f))
        return ad_err_raise_v(t, vm->exc_TypeError, "Type %T doesn't define __format__", v);
    AdValue r = ad_rt_call_found(t, f, v, &spec, 1);
    if (AD_IS_NULL(r) || ad_is_str(t, r))
        return r;
    return ad_err_raise_v(t, vm->exc_TypeError, "__format__ must return a str, not %T", r);
}

/* ---- isinstance / issubclass ------------------------------------------------------------- */

int ad_rt_isinstance(AdThread *t, AdValue obj, AdValue cls) {
    AdVM *vm = t->vm;
    AdType *ot = ad_type_of(t, obj);
    if (!AD_IS_OBJ(cls))
        goto bad;
    if (cls.as.o == (AdObj *)ot)
        return 1;
    AdType *ct = cls.as.o->type;
    if (ct == vm->type_type)
        return ad_type_is_subtype(ot, AD_AS(AdType, cls));
    if (ct == vm->type_tuple) {
        AdTuple *tup = AD_AS(AdTuple, cls);
        if (t->c_depth > AD_MAX_C_DEPTH)
            return ad_err_raise(t, vm->exc_RecursionError,
                                "maximum recursion depth exceeded in __instancecheck__") -
                   1;
        t->c_depth++;
        int r = 0;
        for (size_t i = 0; i < tup->len && r == 0; i++)
            r = ad_rt_isinstance(t, obj, tup->items[i]);
        t->c_depth--;
        return r;
    }
    AdValue checker = ad_type_lookup(ct, vm->name.instancecheck);
    if (!AD_IS_NULL(checker) && !AD_IS_NONE(checker)) {
        if (ad_type_flags(t, ct) & AD_TPFLAG_META) {
            AdValue native = ad_type_lookup(vm->type_type, vm->name.instancecheck);
            if (ad_is(checker, native))
                return ad_type_is_subtype(ot, AD_AS(AdType, cls));
        }
        AdValue r = ad_rt_call_found(t, checker, cls, &obj, 1);
        if (AD_IS_NULL(r))
            return -1;
        return ad_rt_truthy(t, r);
    }
    if (ad_type_flags(t, ct) & AD_TPFLAG_META)
        return ad_type_is_subtype(ot, AD_AS(AdType, cls));
bad:
    ad_err_raise(t, vm->exc_TypeError,
                 "isinstance() arg 2 must be a type, a tuple of types, or a union");
    return -1;
}

int ad_rt_issubclass(AdThread *t, AdValue cls, AdValue base) {
    AdVM *vm = t->vm;
    bool cls_is_type = AD_IS_OBJ(cls) && (ad_type_flags(t, cls.as.o->type) & AD_TPFLAG_META);
    if (!AD_IS_OBJ(base))
        goto bad_base;
    AdType *bt = base.as.o->type;
    if (bt == vm->type_type && cls_is_type)
        return ad_type_is_subtype(AD_AS(AdType, cls), AD_AS(AdType, base));
    if (bt == vm->type_tuple) {
        AdTuple *tup = AD_AS(AdTuple, base);
        if (t->c_depth > AD_MAX_C_DEPTH)
            return ad_err_raise(t, vm->exc_RecursionError,
                                "maximum recursion depth exceeded in __subclasscheck__") -
                   1;
        t->c_depth++;
        int r = 0;
        for (size_t i = 0; i < tup->len && r == 0; i++)
            r = ad_rt_issubclass(t, cls, tup->items[i]);
        t->c_depth--;
        return r;
    }
    AdValue checker = ad_type_lookup(bt, vm->name.subclasscheck);
    AdValue native = ad_type_lookup(vm->type_type, vm->name.subclasscheck);
    if (!AD_IS_NULL(checker) && !AD_IS_NONE(checker) && !ad_is(checker, native)) {
        AdValue r = ad_rt_call_found(t, checker, base, &cls, 1);
        if (AD_IS_NULL(r))
            return -1;
        return ad_rt_truthy(t, r);
    }
    if (!(ad_type_flags(t, bt) & AD_TPFLAG_META))
        goto bad_base;
    if (!cls_is_type) {
        ad_err_raise(t, vm->exc_TypeError, "issubclass() arg 1 must be a class");
        return -1;
    }
    return ad_type_is_subtype(AD_AS(AdType, cls), AD_AS(AdType, base));
bad_base:
    ad_err_raise(t, vm->exc_TypeError,
                 "issubclass() arg 2 must be a class, a tuple of classes, or a union");
    return -1;
}
