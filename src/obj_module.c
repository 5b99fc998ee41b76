/*
 * obj_module.c - module objects: a name and a namespace dict. Attribute access goes through
 * the generic instance-dict path (dict_offset), so a module is found by LOAD_ATTR exactly
 * like an instance attribute. Loading modules is import.c's job.
 */
#include <stddef.h>

#include "core.h"
#include "setup.h"

/* obj.flags: made by a native module's init (repr says "built-in"). */
enum { AD_MODULE_BUILTIN = 1 };

static void module_trace(AdGC *gc, AdObj *o) {
    AdModule *m = (AdModule *)o;
    ad_gc_mark_obj(gc, m->dict);
    ad_gc_mark_obj(gc, m->name);
}

AdModule *ad_module_new(AdThread *t, AdStr *name) {
    AdVM *vm = t->vm;
    int mark = ad_gc_root_mark(t);
    ad_gc_push_obj(t, name);
    AdModule *m = ad_gc_alloc(t, vm->type_module, sizeof(AdModule));
    if (!m) return NULL;
    m->name = name;
    ad_gc_push_obj(t, m);
    AdDict *d = ad_dict_new(t);
    if (!d) return NULL;
    m->dict = d;
    bool ok = ad_dict_set_str(t, d, vm->name.name, ad_obj(name)) &&
              ad_dict_set_str(t, d, vm->name.doc, AD_NONE) &&
              ad_dict_set_str(t, d, vm->name.package, AD_NONE) &&
              ad_dict_set_str(t, d, vm->name.spec, AD_NONE);
    ad_gc_root_restore(t, mark);
    return ok ? m : NULL;
}

AdModule *ad_module_new_native(AdThread *t, const char *name, const AdMethodDef *fns) {
    AdStr *s = ad_str_from_cstr(t, name);
    if (!s) return NULL;
    AdModule *m = ad_module_new(t, s);
    if (!m) return NULL;
    m->obj.flags |= AD_MODULE_BUILTIN;
    int mark = ad_gc_root_mark(t);
    ad_gc_push_obj(t, m);
    for (const AdMethodDef *def = fns; def && def->name; def++) {
        AdValue fn = ad_native_new(t, def->name, def->fn, def->kind, NULL);
        if (AD_IS_NULL(fn)) return NULL;
        ((AdNative *)fn.as.o)->module = ad_obj(m->name);
        ((AdNative *)fn.as.o)->doc = def->doc;
        if (!ad_dict_set_cstr(t, m->dict, def->name, fn)) return NULL;
    }
    ad_gc_root_restore(t, mark);
    return m;
}

/* module(name, doc=None) */
static AdValue module_new(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    static const char *const names[] = {"cls", "name", "doc"};
    AdValue a[3];
    if (!ad_args_parse(t, "module", args, nargs, kwnames, names, 3, 3, 2, a)) return AD_NULLV;
    if (!ad_is_str(t, a[1]))
        return ad_err_raise_v(t, t->vm->exc_TypeError,
                              "module.__init__() argument 'name' must be str, not %T", a[1]);
    AdModule *m = ad_module_new(t, AD_AS(AdStr, a[1]));
    if (!m) return AD_NULLV;
    if (!AD_IS_NULL(a[2]) && !ad_dict_set_str(t, m->dict, t->vm->name.doc, a[2])) return AD_NULLV;
    return ad_obj(m);
}

static AdValue module_repr(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    (void)nargs;
    (void)kwnames;
    AdModule *m = AD_AS(AdModule, args[0]);
    AdValue file = ad_dict_get_str(m->dict, t->vm->name.file);
    if (ad_is_str(t, file))
        return ad_obj(ad_str_printf(t, "<module '%s' from '%s'>", m->name->data,
                                    AD_AS(AdStr, file)->data));
    if (m->obj.flags & AD_MODULE_BUILTIN)
        return ad_obj(ad_str_printf(t, "<module '%s' (built-in)>", m->name->data));
    return ad_obj(ad_str_printf(t, "<module '%s'>", m->name->data));
}

static AdValue module_dict(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    (void)t;
    (void)nargs;
    (void)kwnames;
    return ad_obj(AD_AS(AdModule, args[0])->dict);
}

static AdValue module_dir(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    (void)nargs;
    (void)kwnames;
    AdModule *m = AD_AS(AdModule, args[0]);
    AdList *names = ad_list_new(t, m->dict->len);
    if (!names) return AD_NULLV;
    ad_gc_push_obj(t, names);
    size_t pos = 0;
    AdValue k, v;
    while (ad_dict_next(m->dict, &pos, &k, &v))
        if (!ad_list_append(t, names, k)) return AD_NULLV;
    return ad_obj(names);
}

static const AdMethodDef module_methods[] = {
    {"__new__", module_new, AD_METH_STATIC, NULL, NULL},
    {"__repr__", module_repr, AD_METH_INSTANCE, NULL, NULL},
    {"__dir__", module_dir, AD_METH_INSTANCE, NULL, NULL},
    {"__dict__", module_dict, AD_METH_GETSET, NULL, NULL},
    {NULL, NULL, 0, NULL, NULL},
};

bool ad_module_setup(AdThread *t) {
    AdVM *vm = t->vm;
    if (!ad_type_init_builtin(t, vm->type_module, "module", vm->type_object, sizeof(AdModule),
                              module_trace, NULL, module_methods, AD_TPFLAG_BASETYPE))
        return false;
    vm->type_module->dict_offset = offsetof(AdModule, dict);
    return true;
}
