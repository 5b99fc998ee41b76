/*
 * typeobj.h - the private contract among the object-model files: obj_type.c (types and
 * classes), obj_object.c (object, None, NotImplemented, Ellipsis), descr.c (descriptors,
 * super), runtime.c (attributes, items, iteration, conversions) and operators.c.
 * Nothing here is for other subsystems: they use runtime.h and object.h.
 */
#ifndef ADDER_TYPEOBJ_H
#define ADDER_TYPEOBJ_H

#include "core.h"

/* A __slots__ entry: the AdValue at `offset` in instances of `owner` (AD_NULLV: unset). */
typedef struct AdMember {
    AdObj obj;
    AdStr *name;
    AdType *owner;
    size_t offset;
} AdMember;

/* The iterator iter() makes for objects with __getitem__ but no __iter__. */
typedef struct AdSeqIter {
    AdObj obj;
    AdValue seq; /* AD_NULLV once exhausted */
    int64_t index;
} AdSeqIter;

/* How an attribute found on a class behaves (see ad_descr_classify). */
enum { AD_DESCR_PLAIN, AD_DESCR_NONDATA, AD_DESCR_DATA };

/* ---- obj_object.c ---- */
AD_FUNC bool ad_object_setup(AdThread *t) AD_RAISES; /* object, NoneType, ..., singletons */
/* The generic natives, exported so that lookups can recognise them and skip the call. */
AD_FUNC AdValue ad_object_new_native(AdThread *t, AdValue *args, int nargs, AdTuple *kw);
AD_FUNC AdValue ad_object_init_native(AdThread *t, AdValue *args, int nargs, AdTuple *kw);
AD_FUNC AdValue ad_object_getattribute_native(AdThread *t, AdValue *args, int nargs, AdTuple *kw);
AD_FUNC AdValue ad_object_setattr_native(AdThread *t, AdValue *args, int nargs, AdTuple *kw);
AD_FUNC AdValue ad_object_delattr_native(AdThread *t, AdValue *args, int nargs, AdTuple *kw);
AD_FUNC AdValue ad_object_hash_native(AdThread *t, AdValue *args, int nargs, AdTuple *kw);
AD_FUNC AdValue ad_object_eq_native(AdThread *t, AdValue *args, int nargs, AdTuple *kw);
AD_FUNC AdValue ad_object_ne_native(AdThread *t, AdValue *args, int nargs, AdTuple *kw);
/* The __dict__ attribute of instances of classes that have one (a getset). */
AD_FUNC AdValue ad_object_dict_get(AdThread *t, AdValue *args, int nargs, AdTuple *kw);
AD_FUNC bool ad_object_dict_set(AdThread *t, AdValue self, AdValue value);
/* CPython's pointer hash, for identity-hashed objects. */
AD_FUNC int64_t ad_object_hash_ptr(const void *p);
/* "C() takes no arguments" checks of object.__new__/__init__: `type` is being called with
 * extra arguments; raises unless a custom __new__/__init__ will consume them. */
AD_FUNC bool ad_object_check_excess(AdThread *t, AdType *type, bool in_new) AD_RAISES;

/* ---- obj_type.c ---- */
/* One entry of a type's lookup cache (AdType.lookup_cache, AD_TYPE_CACHE_SIZE of them,
 * direct-mapped by the interned name's address). `value` is what ad_type_lookup(type, name)
 * returns (AD_NULLV: absent); `hint` is where `name` was last found in the instance dict of
 * an instance of this type (instances of one class usually share the insertion order), a
 * guess that readers verify before use. */
typedef struct AdTypeCacheEntry {
    AdStr *name;
    AdValue value;
    uint32_t hint;
} AdTypeCacheEntry;
#define AD_TYPE_CACHE_SIZE 64
#define AD_TYPE_CACHE_SLOT(name) (((uintptr_t)(name) >> 4) & (AD_TYPE_CACHE_SIZE - 1))
/* The up-to-date entry for `name` (filled on a miss), or NULL when the type has no cache or
 * the name is not interned (then use ad_type_lookup). Valid until the next lookup on this
 * type or change to a class (a collection does neither). */
AD_FUNC AdTypeCacheEntry *ad_type_cache_fill(AdType *type, AdStr *name);
static inline AdTypeCacheEntry *ad_type_cache_entry(AdType *type, AdStr *name) {
    AdTypeCacheEntry *c = (AdTypeCacheEntry *)type->lookup_cache;
    if (c) {
        AdTypeCacheEntry *e = &c[AD_TYPE_CACHE_SLOT(name)];
        if (e->name == name)
            return e;
    }
    return ad_type_cache_fill(type, name);
}
AD_FUNC AdValue ad_type_getattribute_native(AdThread *t, AdValue *args, int nargs, AdTuple *kw);
AD_FUNC AdValue ad_type_setattr_native(AdThread *t, AdValue *args, int nargs, AdTuple *kw);
/* type.__getattribute__ proper: 1 found, 0 absent (nothing raised), -1 error. */
AD_FUNC int ad_type_getattro(AdThread *t, AdType *type, AdStr *name, AdValue *out) AD_RAISES;
/* type.__setattr__ proper; `value` AD_NULLV deletes. */
AD_FUNC bool ad_type_setattro(AdThread *t, AdType *type, AdStr *name, AdValue value) AD_RAISES;
/* Recompute the AD_TPFLAG_HAS_* bits of `type` (after a change cleared AD_TPFLAG_CACHED). */
AD_FUNC void ad_type_cache_flags(AdThread *t, AdType *type);
static inline uint32_t ad_type_flags(AdThread *t, AdType *type) {
    if (!(type->flags & AD_TPFLAG_CACHED))
        ad_type_cache_flags(t, type);
    return type->flags;
}
/* Is `v` the native whose C function is `fn`? */
static inline bool ad_is_native_fn(AdThread *t, AdValue v, AdCFunc fn) {
    return v.tag == AD_TAG_OBJ && v.as.o->type == t->vm->type_builtin_function &&
           ((AdNative *)v.as.o)->fn == fn;
}
/* The type's __qualname__-based name used in object reprs ("mod.Qual" or "Qual"). */
AD_FUNC AdStr *ad_type_qualified_name(AdThread *t, AdType *type) AD_RAISES;
/* The address of an object's instance-dict pointer, or NULL when its class has none. */
static inline AdDict **ad_instance_dict_ptr(AdThread *t, AdValue v) {
    if (v.tag != AD_TAG_OBJ)
        return NULL;
    AdType *tp = v.as.o->type;
    (void)t;
    return tp->dict_offset ? (AdDict **)((char *)v.as.o + tp->dict_offset) : NULL;
}

/* ---- descr.c ---- */
/* Checks the cls argument of a builtin __new__ (args[0]): a subclass of `base`. */
AD_FUNC AdType *ad_new_class_arg(AdThread *t, AdValue *args, int nargs, AdType *base) AD_RAISES;
AD_FUNC bool ad_descr_setup(AdThread *t) AD_RAISES; /* getset, member, property, ..., super */
AD_FUNC AdValue ad_getset_new(AdThread *t, AdType *owner, const char *name, AdCFunc get,
                              AdCSetter set, const char *doc) AD_RAISES;
AD_FUNC AdValue ad_member_new(AdThread *t, AdType *owner, AdStr *name, size_t offset) AD_RAISES;
AD_FUNC AdValue ad_classmethod_new(AdThread *t, AdType *type, AdValue func) AD_RAISES;
/* __get__ / __set__ (value AD_NULLV: __delete__) of the builtin data descriptors. */
AD_FUNC AdValue ad_getset_get(AdThread *t, AdGetSet *gs, AdValue obj) AD_RAISES;
AD_FUNC bool ad_getset_set(AdThread *t, AdGetSet *gs, AdValue obj, AdValue value) AD_RAISES;
AD_FUNC AdValue ad_member_get(AdThread *t, AdMember *m, AdValue obj) AD_RAISES;
AD_FUNC bool ad_member_set(AdThread *t, AdMember *m, AdValue obj, AdValue value) AD_RAISES;
AD_FUNC AdValue ad_property_get(AdThread *t, AdProperty *p, AdValue obj) AD_RAISES;
AD_FUNC bool ad_property_set(AdThread *t, AdProperty *p, AdValue obj, AdValue value) AD_RAISES;
/* super's attribute lookup: 1 found, 0 absent, -1 error. */
AD_FUNC int ad_super_getattro(AdThread *t, AdSuper *su, AdStr *name, AdValue *out) AD_RAISES;
/* LOAD_METHOD on an exact super object: as ad_rt_load_method (1: *meth is a function to call
 * with the instance prepended; 0: *meth is the attribute; -1: error). */
AD_FUNC int ad_super_load_method(AdThread *t, AdSuper *su, AdStr *name, AdValue *meth) AD_RAISES;
AD_FUNC AdValue ad_super_getattribute_native(AdThread *t, AdValue *args, int nargs, AdTuple *kw);

/* ---- runtime.c ---- */
/* Call `meth`, found on type(self), as a method of `self` (at most 3 arguments). */
AD_FUNC AdValue ad_rt_call_found(AdThread *t, AdValue meth, AdValue self, const AdValue *args,
                                 int nargs) AD_RAISES;
AD_FUNC bool ad_seqiter_setup(AdThread *t) AD_RAISES; /* and types.GenericAlias */
/* Classify a class attribute: plain value, non-data or data descriptor. May run no script
 * code; never raises. */
AD_FUNC int ad_descr_classify(AdThread *t, AdValue v);
/* Store `value` through data descriptor `descr` (AD_NULLV: delete). */
AD_FUNC bool ad_descr_set(AdThread *t, AdValue descr, AdValue obj, AdValue value) AD_RAISES;
/* AttributeError "'C' object has no attribute 'x'" (worded for types and modules too). */
AD_FUNC bool ad_rt_attr_error(AdThread *t, AdValue obj, AdStr *name) AD_RAISES;
/* Call the type's __getattr__ hook after a failed lookup (1/0/-1 as lookup_attr). */
AD_FUNC int ad_rt_getattr_hook(AdThread *t, AdValue obj, AdStr *name, AdValue *out) AD_RAISES;

#endif
