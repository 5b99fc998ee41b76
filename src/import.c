/*
 * import.c - finding, loading and caching modules: what `import` and `from ... import` do.
 *
 * sys.modules is the cache and the authority: a module is registered there before its body
 * runs (so circular imports see the partial module) and removed again if the body fails.
 * A name is looked up among the native modules first (modules.c), then as `name.py` or
 * `name/__init__.py` in each directory of sys.path - or of the parent package's __path__
 * for a submodule. Relative imports resolve against __package__ (or __name__) of the
 * importing module's globals, as importlib does.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core.h"

/* Reads a whole file into a malloc'd, NUL-terminated buffer; NULL with errno set. */
static char *read_file(const char *path, size_t *len) {
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    size_t cap = 8192, n = 0;
    char *buf = malloc(cap);
    while (buf) {
        size_t got = fread(buf + n, 1, cap - n - 1, f);
        n += got;
        if (n < cap - 1) break;
        char *bigger = realloc(buf, cap * 2);
        if (!bigger) {
            free(buf);
            buf = NULL;
            errno = ENOMEM;
            break;
        }
        buf = bigger;
        cap *= 2;
    }
    bool failed = ferror(f);
    fclose(f);
    if (!buf || failed) {
        free(buf);
        return NULL;
    }
    buf[n] = '\0';
    *len = n;
    return buf;
}

static bool is_file(const char *path) {
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

static bool is_dir(const char *path) {
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* Runs `path` as the body of module `m` (already registered). */
static bool exec_module_file(AdThread *t, AdModule *m, const char *path) {
    size_t len;
    char *src = read_file(path, &len);
    if (!src) return ad_err_from_errno(t, errno, path);
    AdCode *code = ad_compile(t, src, len, path, AD_MODE_EXEC);
    free(src);
    if (!code) return false;
    ad_gc_push_obj(t, code);
    AdValue r = ad_vm_run_code(t, code, m->dict, m->dict);
    t->nroots--;
    return !AD_IS_NULL(r);
}

/* Makes an empty module for source file `path`, registers it in sys.modules as `name`. */
static AdModule *new_file_module(AdThread *t, AdStr *name, const char *path, const char *pkgdir) {
    AdVM *vm = t->vm;
    AdModule *m = ad_module_new(t, name);
    if (!m) return NULL;
    int mark = ad_gc_root_mark(t);
    ad_gc_push_obj(t, m);
    AdStr *file = ad_str_from_cstr(t, path);
    if (!file || !ad_dict_set_str(t, m->dict, vm->name.file, ad_obj(file))) return NULL;
    if (!ad_dict_set_str(t, m->dict, vm->name.builtins, ad_obj(vm->builtins_module))) return NULL;
    /* __package__: the package itself for a package, else the parent's name. */
    AdValue package;
    if (pkgdir) {
        package = ad_obj(name);
        AdStr *dir = ad_str_from_cstr(t, pkgdir);
        if (!dir) return NULL;
        ad_gc_push_obj(t, dir);
        AdValue dirv = ad_obj(dir);
        AdList *path_list = ad_list_from_array(t, &dirv, 1);
        if (!path_list || !ad_dict_set_str(t, m->dict, vm->name.path, ad_obj(path_list)))
            return NULL;
    } else {
        const char *dot = strrchr(name->data, '.');
        AdStr *parent = ad_str_new(t, name->data, dot ? (size_t)(dot - name->data) : 0);
        if (!parent) return NULL;
        package = ad_obj(parent);
    }
    if (!ad_dict_set_str(t, m->dict, vm->name.package, package)) return NULL;
    if (!ad_dict_set(t, vm->modules, ad_obj(name), ad_obj(m))) return NULL;
    ad_gc_root_restore(t, mark);
    return m;
}

/* Loads `name` from source at `path` (a package when pkgdir is set). */
static AdValue load_source_module(AdThread *t, AdStr *name, const char *path, const char *pkgdir) {
    AdModule *m = new_file_module(t, name, path, pkgdir);
    if (!m) return AD_NULLV;
    ad_gc_push_obj(t, m);
    if (!exec_module_file(t, m, path)) {
        /* A failed import leaves no half-made module behind. */
        AdValue exc = ad_err_fetch(t);
        ad_gc_push_root(t, exc);
        ad_dict_del(t, t->vm->modules, ad_obj(name));
        ad_err_clear(t);
        ad_err_raise_obj(t, exc);
        t->nroots -= 2;
        return AD_NULLV;
    }
    t->nroots--;
    /* The body may have replaced its sys.modules entry; that entry wins, as in CPython. */
    AdValue final;
    int found = ad_dict_get(t, t->vm->modules, ad_obj(name), &final);
    if (found < 0) return AD_NULLV;
    return found ? final : ad_obj(m);
}

static AdValue load_native_module(AdThread *t, AdStr *name, const AdNativeModule *nm) {
    AdModule *m = nm->init(t);
    if (!m) return AD_NULLV;
    ad_gc_push_obj(t, m);
    bool ok = ad_dict_set(t, t->vm->modules, ad_obj(name), ad_obj(m));
    t->nroots--;
    return ok ? ad_obj(m) : AD_NULLV;
}

/* Searches the directories of `search` (a list of str) for `last` (the final part of the
 * dotted `name`). Returns 1 and loads it, 0 when not found, -1 on error. */
static int find_in_path(AdThread *t, AdStr *name, const char *last, AdValue search, AdValue *out) {
    if (!ad_is_type(search, t->vm->type_list)) return 0;
    AdList *dirs = AD_AS(AdList, search);
    char path[4096];
    for (size_t i = 0; i < dirs->len; i++) {
        AdValue d = dirs->items[i];
        if (!ad_is_str(t, d)) continue;
        const char *dir = AD_AS(AdStr, d)->data;
        if (!*dir) dir = ".";
        snprintf(path, sizeof path, "%s/%s", dir, last);
        if (is_dir(path)) {
            char init[4200];
            snprintf(init, sizeof init, "%s/__init__.py", path);
            if (is_file(init)) {
                *out = load_source_module(t, name, init, path);
                return AD_IS_NULL(*out) ? -1 : 1;
            }
        }
        snprintf(path, sizeof path, "%s/%s.py", dir, last);
        if (is_file(path)) {
            *out = load_source_module(t, name, path, NULL);
            return AD_IS_NULL(*out) ? -1 : 1;
        }
    }
    return 0;
}

/* ModuleNotFoundError with its `name` attribute set, as importlib raises it. */
static AdValue not_found(AdThread *t, AdStr *name, const char *fmt, AdValue parent) {
    ad_err_raise(t, t->vm->exc_ModuleNotFoundError, fmt, name->data, parent);
    if (AD_IS_OBJ(t->exc) && ad_is_instance_of(t, t->exc, t->vm->exc_ImportError))
        AD_AS(AdException, t->exc)->extra[1] = ad_obj(name);
    return AD_NULLV;
}

/* Imports one module whose parent (if any) is already imported. */
static AdValue import_one(AdThread *t, AdStr *name, AdValue parent) {
    AdVM *vm = t->vm;
    AdValue m;
    int found = ad_dict_get(t, vm->modules, ad_obj(name), &m);
    if (found) return found < 0 ? AD_NULLV : m;

    const char *dot = strrchr(name->data, '.');
    const char *last = dot ? dot + 1 : name->data;
    if (AD_IS_NULL(parent)) {
        for (const AdNativeModule *nm = vm->native_modules; nm && nm->name; nm++)
            if (strcmp(nm->name, name->data) == 0) return load_native_module(t, name, nm);
    }
    AdValue search = AD_NULLV;
    if (AD_IS_NULL(parent)) {
        AdValue path = ad_dict_get_str(vm->sys_module->dict, vm->name.path);
        search = AD_IS_NULL(path) ? ad_obj(vm->path) : path;
    } else {
        int r = ad_rt_lookup_attr(t, parent, vm->name.path, &search);
        if (r < 0) return AD_NULLV;
        if (r == 0) {
            return not_found(t, name, "No module named '%s'; '%S' is not a package",
                             ad_obj(AD_AS(AdModule, parent)->name));
        }
    }
    ad_gc_push_root(t, search);
    int r = find_in_path(t, name, last, search, &m);
    t->nroots--;
    if (r < 0) return AD_NULLV;
    if (r == 0)
        return not_found(t, name, "No module named '%s'", AD_NONE);
    if (!AD_IS_NULL(parent)) {
        ad_gc_push_root(t, m);
        AdStr *attr = ad_str_intern_cstr(t, last);
        bool ok = attr && ad_rt_setattr(t, parent, attr, m);
        t->nroots--;
        if (!ok) return AD_NULLV;
    }
    return m;
}

/* Imports every prefix of dotted `name`; returns the last module. */
static AdValue import_dotted(AdThread *t, AdStr *name) {
    AdValue parent = AD_NULLV, m = AD_NULLV;
    int mark = ad_gc_root_mark(t);
    for (size_t i = 0; i <= name->len; i++) {
        if (i < name->len && name->data[i] != '.') continue;
        AdStr *prefix = i == name->len ? name : ad_str_new(t, name->data, i);
        if (!prefix) return AD_NULLV;
        ad_gc_push_obj(t, prefix);
        m = import_one(t, prefix, parent);
        if (AD_IS_NULL(m)) return AD_NULLV;
        ad_gc_push_root(t, m);
        parent = m;
    }
    ad_gc_root_restore(t, mark);
    return m;
}

/* The package a relative import of `level` dots starts from. */
static AdStr *resolve_package(AdThread *t, AdDict *globals, int level) {
    AdVM *vm = t->vm;
    AdValue pkg = globals ? ad_dict_get_str(globals, vm->name.package) : AD_NULLV;
    if (!ad_is_str(t, pkg) || AD_AS(AdStr, pkg)->len == 0) {
        AdValue name = globals ? ad_dict_get_str(globals, vm->name.name) : AD_NULLV;
        if (!ad_is_str(t, name))
            return ad_err_raise_p(t, vm->exc_ImportError,
                                  "attempted relative import with no known parent package");
        AdStr *n = AD_AS(AdStr, name);
        if (!AD_IS_NULL(ad_dict_get_str(globals, vm->name.path))) {
            pkg = name;
        } else {
            const char *dot = strrchr(n->data, '.');
            if (!dot)
                return ad_err_raise_p(t, vm->exc_ImportError,
                                      "attempted relative import with no known parent package");
            AdStr *p = ad_str_new(t, n->data, (size_t)(dot - n->data));
            if (!p) return NULL;
            pkg = ad_obj(p);
        }
    }
    AdStr *base = AD_AS(AdStr, pkg);
    size_t end = base->len;
    for (int i = 1; i < level; i++) {
        while (end > 0 && base->data[end - 1] != '.') end--;
        if (end == 0)
            return ad_err_raise_p(t, vm->exc_ImportError,
                                  "attempted relative import beyond top-level package");
        end--;
    }
    return end == base->len ? base : ad_str_new(t, base->data, end);
}

AdValue ad_import_name(AdThread *t, AdStr *name, AdDict *globals, AdValue fromlist, int level) {
    AdVM *vm = t->vm;
    int mark = ad_gc_root_mark(t);
    AdStr *full = name;
    if (level > 0) {
        AdStr *pkg = resolve_package(t, globals, level);
        if (!pkg) return AD_NULLV;
        if (name->len) {
            ad_gc_push_obj(t, pkg);
            full = ad_str_printf(t, "%s.%s", pkg->data, name->data);
            if (!full) return AD_NULLV;
        } else {
            full = pkg;
        }
    } else if (name->len == 0) {
        return ad_err_raise_v(t, vm->exc_ValueError, "Empty module name");
    }
    ad_gc_push_obj(t, full);
    AdValue m = import_dotted(t, full);
    if (AD_IS_NULL(m)) return AD_NULLV;
    ad_gc_push_root(t, m);

    bool has_fromlist = !AD_IS_NULL(fromlist) && !AD_IS_NONE(fromlist);
    if (has_fromlist && ad_is_type(fromlist, vm->type_tuple) &&
        AD_AS(AdTuple, fromlist)->len == 0)
        has_fromlist = false;
    if (!has_fromlist) {
        ad_gc_root_restore(t, mark);
        if (level > 0 || !strchr(full->data, '.')) return m;
        /* `import a.b` binds `a`. */
        AdStr *top = ad_str_new(t, full->data, (size_t)(strchr(full->data, '.') - full->data));
        if (!top) return AD_NULLV;
        AdValue topm;
        int found = ad_dict_get(t, vm->modules, ad_obj(top), &topm);
        if (found <= 0) return found < 0 ? AD_NULLV : m;
        return topm;
    }
    /* `from package import submodule`: import the names that are not attributes yet. */
    if (!AD_IS_NULL(ad_dict_get_str(AD_AS(AdModule, m)->dict, vm->name.path)) &&
        ad_is_type(fromlist, vm->type_tuple)) {
        AdTuple *names = AD_AS(AdTuple, fromlist);
        for (size_t i = 0; i < names->len; i++) {
            if (!ad_is_str(t, names->items[i])) continue;
            AdStr *item = AD_AS(AdStr, names->items[i]);
            if (ad_str_eq_cstr(item, "*")) continue;
            AdValue attr;
            int r = ad_rt_lookup_attr(t, m, item, &attr);
            if (r < 0) return AD_NULLV;
            if (r) continue;
            AdStr *sub = ad_str_printf(t, "%s.%s", full->data, item->data);
            if (!sub) return AD_NULLV;
            ad_gc_push_obj(t, sub);
            AdValue sm = import_one(t, sub, m);
            if (AD_IS_NULL(sm)) {
                /* Not a submodule either: IMPORT_FROM will report the missing name. */
                if (!ad_err_matches(t, vm->exc_ModuleNotFoundError)) return AD_NULLV;
                ad_err_clear(t);
            }
        }
    }
    ad_gc_root_restore(t, mark);
    return m;
}

AdValue ad_import_module(AdThread *t, const char *name) {
    AdStr *s = ad_str_from_cstr(t, name);
    if (!s) return AD_NULLV;
    ad_gc_push_obj(t, s);
    AdValue m = import_dotted(t, s);
    t->nroots--;
    return m;
}

AdValue ad_run_file_as_module(AdThread *t, const char *path, const char *name) {
    AdStr *s = ad_str_from_cstr(t, name);
    if (!s) return AD_NULLV;
    ad_gc_push_obj(t, s);
    AdModule *m = new_file_module(t, s, path, NULL);
    if (!m) return AD_NULLV;
    ad_gc_push_obj(t, m);
    /* __main__ has no package. */
    if (!ad_dict_set_str(t, m->dict, t->vm->name.package, AD_NONE)) return AD_NULLV;
    bool ok = exec_module_file(t, m, path);
    t->nroots -= 2;
    return ok ? ad_obj(m) : AD_NULLV;
}
