/*
 * obj_structseq.c - named tuples made in C (sys.version_info, time.struct_time): a tuple
 * subclass whose fields are also attributes. Instances share the tuple layout, so every
 * tuple operation works on them; the field names live in the type's `_fields`, and the
 * dotted name shown by repr in `_repr_name`.
 */
#include <string.h>

#include "core.h"

static int field_index(AdThread *t, AdType *type, AdStr *name) {
    AdValue fields = ad_type_lookup(type, ad_str_intern_cstr(t, "_fields"));
    if (!ad_is_type(fields, t->vm->type_tuple)) return -1;
    AdTuple *f = AD_AS(AdTuple, fields);
    for (size_t i = 0; i < f->len; i++)
        if (ad_str_eq(AD_AS(AdStr, f->items[i]), name)) return (int)i;
    return -1;
}

/* Called only when ordinary lookup failed: a field name, else AttributeError. */
static AdValue structseq_getattr(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    if (!ad_args_check(t, "__getattr__", nargs, kwnames, 2, 2)) return AD_NULLV;
    AdType *type = ad_type_of(t, args[0]);
    if (ad_is_str(t, args[1])) {
        int i = field_index(t, type, AD_AS(AdStr, args[1]));
        AdTuple *self = AD_AS(AdTuple, args[0]);
        if (i >= 0 && (size_t)i < self->len) return self->items[i];
    }
    return ad_err_raise_v(t, t->vm->exc_AttributeError, "'%s' object has no attribute '%S'",
                          ad_type_name(type), args[1]);
}

static AdValue structseq_repr(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    if (!ad_args_check(t, "__repr__", nargs, kwnames, 1, 1)) return AD_NULLV;
    AdType *type = ad_type_of(t, args[0]);
    AdTuple *self = AD_AS(AdTuple, args[0]);
    AdValue name = ad_type_lookup(type, ad_str_intern_cstr(t, "_repr_name"));
    AdValue fields = ad_type_lookup(type, ad_str_intern_cstr(t, "_fields"));
    AdBuf b;
    ad_buf_init(&b);
    if (!ad_buf_adds(t, &b, ad_is_str(t, name) ? AD_AS(AdStr, name)->data : ad_type_name(type)) ||
        !ad_buf_addc(t, &b, '('))
        goto fail;
    for (size_t i = 0; i < self->len; i++) {
        AdValue r = ad_rt_repr(t, self->items[i]);
        if (AD_IS_NULL(r)) goto fail;
        if (i && !ad_buf_adds(t, &b, ", ")) goto fail;
        if (ad_is_type(fields, t->vm->type_tuple) && i < AD_AS(AdTuple, fields)->len &&
            !ad_buf_addf(t, &b, "%s=", AD_AS(AdStr, AD_AS(AdTuple, fields)->items[i])->data))
            goto fail;
        if (!ad_buf_add(t, &b, AD_AS(AdStr, r)->data, AD_AS(AdStr, r)->len)) goto fail;
    }
    if (!ad_buf_addc(t, &b, ')')) goto fail;
    AdStr *s = ad_buf_finish(t, &b);
    return s ? ad_obj(s) : AD_NULLV;
fail:
    ad_buf_free(&b);
    return AD_NULLV;
}

/* cls(iterable): the items, retyped. */
static AdValue structseq_new(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    if (!ad_args_check(t, "__new__", nargs, kwnames, 2, 2)) return AD_NULLV;
    AdValue tup = ad_sequence_to_tuple(t, args[1]);
    if (AD_IS_NULL(tup)) return AD_NULLV;
    AdTuple *copy = ad_tuple_from_array(t, AD_AS(AdTuple, tup)->items, AD_AS(AdTuple, tup)->len);
    if (!copy) return AD_NULLV;
    copy->obj.type = AD_AS(AdType, args[0]);
    return ad_obj(copy);
}

static const AdMethodDef structseq_methods[] = {
    {"__new__", structseq_new, AD_METH_STATIC, NULL, NULL},
    {"__getattr__", structseq_getattr, AD_METH_INSTANCE, NULL, NULL},
    {"__repr__", structseq_repr, AD_METH_INSTANCE, NULL, NULL},
    {NULL, NULL, 0, NULL, NULL},
};

AdType *ad_structseq_type(AdThread *t, const char *repr_name, const char *const *fields, int n) {
    const char *dot = strrchr(repr_name, '.');
    AdType *type = ad_type_new_builtin(t, dot ? dot + 1 : repr_name, t->vm->type_tuple,
                                       sizeof(AdTuple), NULL, NULL, structseq_methods, 0);
    if (!type) return NULL;
    int mark = ad_gc_root_mark(t);
    ad_gc_push_obj(t, type);
    AdTuple *names = ad_tuple_new(t, (size_t)n);
    if (!names) return NULL;
    for (int i = 0; i < n; i++) names->items[i] = AD_NONE;
    ad_gc_push_obj(t, names);
    for (int i = 0; i < n; i++) {
        AdStr *s = ad_str_intern_cstr(t, fields[i]);
        if (!s) return NULL;
        names->items[i] = ad_obj(s);
    }
    AdStr *rn = ad_str_from_cstr(t, repr_name);
    if (!rn || !ad_dict_set_cstr(t, type->dict, "_fields", ad_obj(names)) ||
        !ad_dict_set_cstr(t, type->dict, "_repr_name", ad_obj(rn)) ||
        !ad_dict_set_cstr(t, type->dict, "n_sequence_fields", ad_small_int(n)))
        return NULL;
    if (dot) {
        type->module = ad_str_new(t, repr_name, (size_t)(dot - repr_name));
        if (!type->module) return NULL;
    }
    ad_gc_root_restore(t, mark);
    return type;
}

AdValue ad_structseq_new(AdThread *t, AdType *type, const AdValue *items, int n) {
    AdTuple *tup = ad_tuple_from_array(t, items, (size_t)n);
    if (!tup) return AD_NULLV;
    tup->obj.type = type;
    return ad_obj(tup);
}
