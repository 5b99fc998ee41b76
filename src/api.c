/*
 * api.c - the public embedding API of include/adder.h, on top of the internal headers.
 *
 * An AdderVM wraps one AdVM and remembers how the last run ended: its status, the exit
 * code SystemExit asked for, and the CPython-style report of an escaped exception. Runs
 * never print; the host asks for the text (adder_error_text) and decides. Buffered std
 * stream output is flushed by adder_print_error before the report (as CPython flushes
 * stdout before printing a traceback) and when the VM is freed.
 */
#include <libgen.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "adder.h"
#include "ast.h"
#include "core.h"
#include "gil.h"
#include "file.h"
#include "setup.h"

struct AdderVM {
    AdVM *vm;
    char **argv; /* our copies, for vm->argv */
    int argc;
    char *error_text; /* malloc'd, or NULL for "" */
    int exit_code;
    AdderStatus last;
};

void adder_config_init(AdderConfig *cfg) {
    memset(cfg, 0, sizeof *cfg);
}

const char *adder_version(void) { return ADDER_PY_VERSION " (adder " ADDER_VERSION ")"; }

static void free_argv(AdderVM *a) {
    for (int i = 0; i < a->argc; i++) free(a->argv[i]);
    free(a->argv);
    a->argv = NULL;
    a->argc = 0;
}

AdderVM *adder_new(const AdderConfig *cfg) {
    AdderConfig defaults;
    if (!cfg) {
        adder_config_init(&defaults);
        cfg = &defaults;
    }
    AdderVM *a = calloc(1, sizeof *a);
    if (!a) return NULL;
    int argc = cfg->argc > 0 && cfg->argv ? cfg->argc : 0;
    if (argc) {
        a->argv = calloc((size_t)argc + 1, sizeof *a->argv);
        if (!a->argv) goto fail;
        for (int i = 0; i < argc; i++) {
            a->argv[i] = strdup(cfg->argv[i] ? cfg->argv[i] : "");
            if (!a->argv[i]) goto fail;
            a->argc = i + 1;
        }
    }
    a->vm = ad_vm_new();
    if (!a->vm) goto fail;
    AdVM *vm = a->vm;
    vm->argc = a->argc;
    vm->argv = a->argv;
    if (cfg->stdlib_dir) {
        vm->stdlib_dir = strdup(cfg->stdlib_dir);
        if (!vm->stdlib_dir) goto fail;
    }
    vm->write_out = cfg->write_out;
    vm->write_err = cfg->write_err;
    vm->host_ud = cfg->ud;
    AdThread *t = vm->main_thread;
    int mark = ad_gc_root_mark(t);
    bool ok = ad_sys_configure(t);
    ad_gc_root_restore(t, mark);
    if (!ok) goto fail;
    ad_err_clear(t);
    return a;
fail:
    if (a->vm) ad_vm_free(a->vm);
    free_argv(a);
    free(a);
    return NULL;
}

/* As CPython's finalisation: wait for non-daemon threads (after the host has shown any
 * error of the main program); what escapes the wait (Ctrl-C) is written to stderr. */
void adder_join_threads(AdderVM *a) {
    AdThread *t = a->vm->main_thread;
    if (!t || ad_threads_shutdown(t)) return;
    AdValue exc = ad_err_fetch(t);
    ad_gc_push_root(t, exc);
    AdBuf b;
    ad_buf_init(&b);
    ad_io_flush_std(t);
    if (!AD_IS_NULL(exc) && ad_err_format(t, exc, &b) && b.len)
        ad_rt_print_str(t, b.data, b.len, true);
    ad_buf_free(&b);
    ad_err_clear(t);
    t->nroots--;
}

void adder_free(AdderVM *a) {
    if (!a) return;
    if (a->vm) {
        AdThread *t = a->vm->main_thread;
        adder_join_threads(a);
        if (t) ad_io_flush_std(t);
        /* Daemon threads still running would wake up inside a freed VM: leave it to the
         * process exit instead. */
        bool others = false;
        for (AdThread *th = a->vm->threads; th; th = th->next_thread)
            others |= th != t;
        if (!others) ad_vm_free(a->vm);
    }
    free_argv(a);
    free(a->error_text);
    free(a);
}

static void set_error_text(AdderVM *a, char *text) {
    free(a->error_text);
    a->error_text = text;
}

/* Keeps the report of `exc`; on any failure while formatting, a plain fallback. */
static void keep_report(AdderVM *a, AdThread *t, AdValue exc) {
    AdBuf b;
    ad_buf_init(&b);
    ad_gc_push_root(t, exc);
    bool ok = ad_err_format(t, exc, &b);
    t->nroots--;
    ad_err_clear(t);
    char *text = NULL;
    if (ok) {
        text = malloc(b.len + 1);
        if (text) {
            memcpy(text, b.data ? b.data : "", b.len);
            text[b.len] = '\0';
        }
    }
    ad_buf_free(&b);
    if (!text) text = strdup("Error: the exception could not be reported\n");
    set_error_text(a, text);
}

static bool is_instance(AdThread *t, AdValue v, AdType *type) {
    return AD_IS_OBJ(v) && ad_is_instance_of(t, v, type);
}

/* SystemExit's code to a process status, writing a non-int, non-None code to stderr. */
static int exit_status_of(AdThread *t, AdValue exc) {
    AdValue code = AD_AS(AdException, exc)->value;
    if (AD_IS_NULL(code) || AD_IS_NONE(code)) return 0;
    if (ad_is_int(t, code)) {
        int64_t n;
        if (ad_int_to_i64(t, code, &n)) return (int)n;
        ad_err_clear(t);
        return -1;
    }
    ad_gc_push_root(t, exc);
    AdValue s = ad_rt_str(t, code);
    if (!AD_IS_NULL(s)) {
        ad_gc_push_root(t, s);
        AdStr *str = AD_AS(AdStr, s);
        if (!ad_rt_print_str(t, str->data, str->len, true) || !ad_rt_print_str(t, "\n", 1, true))
            ad_err_clear(t);
        t->nroots--;
    }
    ad_err_clear(t);
    t->nroots--;
    return 1;
}

/* Records how a run ended: `ok` false means an exception is pending on the thread. */
static AdderStatus finish(AdderVM *a, AdThread *t, bool ok, int mark) {
    AdderStatus st = ADDER_OK;
    a->exit_code = 0;
    if (!ok) {
        AdValue exc = ad_err_fetch(t);
        ad_gc_push_root(t, exc);
        if (is_instance(t, exc, t->vm->exc_SystemExit)) {
            st = ADDER_EXIT;
            a->exit_code = exit_status_of(t, exc);
        } else {
            bool syntax = is_instance(t, exc, t->vm->exc_SyntaxError) &&
                          !ad_is_type(AD_AS(AdException, exc)->traceback, t->vm->type_traceback);
            st = syntax ? ADDER_SYNTAX : ADDER_ERROR;
            /* What a shell reports for CPython, which dies of the SIGINT it re-raises. */
            a->exit_code = is_instance(t, exc, t->vm->exc_KeyboardInterrupt) ? 128 + SIGINT : 1;
            keep_report(a, t, exc);
        }
    }
    ad_err_clear(t);
    t->handled = AD_NONE;
    ad_gc_root_restore(t, mark);
    a->last = st;
    return st;
}

/* Starts a run: clears what the last one left. */
static AdThread *begin(AdderVM *a, int *mark) {
    set_error_text(a, NULL);
    a->exit_code = 0;
    AdThread *t = a->vm->main_thread;
    ad_err_clear(t);
    t->handled = AD_NONE;
    *mark = ad_gc_root_mark(t);
    return t;
}

/* sys.modules['__main__'], made (empty, with __builtins__) if there is none yet. */
static AdModule *main_module(AdThread *t) {
    AdVM *vm = t->vm;
    AdValue m = ad_dict_get_str(vm->modules, vm->name.main);
    if (ad_is_instance_of(t, m, vm->type_module)) return AD_AS(AdModule, m);
    AdModule *mod = ad_module_new(t, vm->name.main);
    if (!mod) return NULL;
    ad_gc_push_obj(t, mod);
    bool ok = ad_dict_set_str(t, mod->dict, vm->name.builtins, ad_obj(vm->builtins_module)) &&
              ad_dict_set_str(t, mod->dict, vm->name.package, AD_NONE) &&
              ad_dict_set_str(t, mod->dict, vm->name.spec, AD_NONE) &&
              ad_dict_set(t, vm->modules, ad_obj(vm->name.main), ad_obj(mod));
    t->nroots--;
    return ok ? mod : NULL;
}

AdderStatus adder_run_string(AdderVM *a, const char *source, const char *filename) {
    int mark;
    AdThread *t = begin(a, &mark);
    if (!filename) filename = "<string>";
    AdModule *m = main_module(t);
    if (!m) return finish(a, t, false, mark);
    ad_gc_push_obj(t, m);
    AdCode *code = ad_compile(t, source, strlen(source), filename, AD_MODE_EXEC);
    if (!code) return finish(a, t, false, mark);
    ad_gc_push_obj(t, code);
    AdValue r = ad_vm_run_code(t, code, m->dict, m->dict);
    return finish(a, t, !AD_IS_NULL(r), mark);
}

/* Statements CPython's REPL keeps reading until an empty line, even when complete. */
static bool is_compound(const AdStmt *s) {
    switch (s->kind) {
    case AD_STMT_FUNCTIONDEF: case AD_STMT_CLASSDEF: case AD_STMT_FOR: case AD_STMT_WHILE:
    case AD_STMT_IF: case AD_STMT_WITH: case AD_STMT_MATCH: case AD_STMT_TRY:
        return true;
    default:
        return false;
    }
}

/* Whether [source] needs more lines, judged by parsing it alone: compiling it is left to
 * ad_compile, which reports the errors of a statement that is complete. */
static bool needs_more(const char *source, size_t len, const char *filename) {
    /* The user's empty line ends a compound statement (lines are newline-ended). */
    bool ended = len == 0 || (source[len - 1] == '\n' && (len == 1 || source[len - 2] == '\n'));
    AdSyntaxError perr;
    memset(&perr, 0, sizeof perr);
    AdModuleAst *mod = ad_parse(source, len, filename, 3, &perr);
    if (!mod) return perr.eof_open || (perr.at_eof && !ended);
    bool more = !ended && mod->body.n > 0 && is_compound(mod->body.items[0]);
    ad_ast_free(mod);
    return more;
}

AdderStatus adder_run_interactive(AdderVM *a, const char *source, const char *filename) {
    int mark;
    AdThread *t = begin(a, &mark);
    if (!filename) filename = "<stdin>";
    size_t len = strlen(source);
    if (needs_more(source, len, filename)) {
        finish(a, t, true, mark);
        a->last = ADDER_INCOMPLETE;
        return ADDER_INCOMPLETE;
    }
    AdModule *m = main_module(t);
    if (!m) return finish(a, t, false, mark);
    ad_gc_push_obj(t, m);
    AdCode *code = ad_compile(t, source, len, filename, AD_MODE_INTERACTIVE);
    if (!code) return finish(a, t, false, mark);
    ad_gc_push_obj(t, code);
    AdValue r = ad_vm_run_code(t, code, m->dict, m->dict);
    if (!AD_IS_NULL(r)) ad_io_flush_std(t); /* as CPython between prompts */
    return finish(a, t, !AD_IS_NULL(r), mark);
}

/* sys.path[0] = `dir` (the script's directory for a file, the cwd for -m). */
static bool set_path0(AdThread *t, const char *dir) {
    AdStr *s = ad_str_from_cstr(t, dir);
    if (!s) return false;
    AdList *path = t->vm->path;
    if (!path) return true;
    if (path->len == 0) return ad_list_append(t, path, ad_obj(s));
    path->items[0] = ad_obj(s);
    return true;
}

AdderStatus adder_run_file(AdderVM *a, const char *path) {
    int mark;
    AdThread *t = begin(a, &mark);
    char *real = realpath(path, NULL);
    if (real) {
        bool ok = set_path0(t, dirname(real));
        free(real);
        if (!ok) return finish(a, t, false, mark);
    }
    /* __file__ and tracebacks show the path made absolute but not normalised, as
     * CPython 3.11 does ("/tmp/./x.py" for ./x.py). */
    char cwd[PATH_MAX];
    char *abs = NULL;
    if (path[0] != '/' && getcwd(cwd, sizeof cwd)) {
        abs = malloc(strlen(cwd) + strlen(path) + 2);
        if (abs) sprintf(abs, "%s/%s", cwd, path);
    }
    AdValue r = ad_run_file_as_module(t, abs ? abs : path, "__main__");
    free(abs);
    return finish(a, t, !AD_IS_NULL(r), mark);
}

static bool is_regular(const char *p) {
    struct stat st;
    return stat(p, &st) == 0 && S_ISREG(st.st_mode);
}

/* Finds the source of module `name` (dotted) for -m: in the parent package's __path__, or
 * on sys.path. *is_pkg says it is a package directory (whose __main__ runs). */
static char *find_module_file(AdThread *t, const char *name, bool *is_pkg) {
    AdVM *vm = t->vm;
    *is_pkg = false;
    const char *dot = strrchr(name, '.');
    AdValue search = ad_obj(vm->path);
    if (dot) {
        char *parent = strndup(name, (size_t)(dot - name));
        if (!parent) return ad_err_nomemory(t), NULL;
        AdValue pkg = ad_import_module(t, parent);
        free(parent);
        if (AD_IS_NULL(pkg)) return NULL;
        ad_gc_push_root(t, pkg);
        AdValue p;
        int r = ad_rt_lookup_attr(t, pkg, vm->name.path, &p);
        if (r < 0) return NULL;
        if (r == 0) {
            ad_err_raise(t, vm->exc_ModuleNotFoundError,
                         "No module named '%s'; '%.*s' is not a package", name,
                         (int)(dot - name), name);
            return NULL;
        }
        search = p;
        ad_gc_push_root(t, search);
    }
    const char *base = dot ? dot + 1 : name;
    AdValue it = ad_rt_getiter(t, search);
    if (AD_IS_NULL(it)) return NULL;
    ad_gc_push_root(t, it);
    for (;;) {
        AdValue entry;
        int r = ad_rt_next(t, it, &entry);
        if (r < 0) return NULL;
        if (r == 0) break;
        if (!ad_is_str(t, entry)) continue;
        const char *dir = AD_AS(AdStr, entry)->data;
        char cwd[PATH_MAX];
        if (!*dir) dir = getcwd(cwd, sizeof cwd) ? cwd : ".";
        size_t n = strlen(dir) + strlen(base) + 32;
        char *cand = malloc(n);
        if (!cand) return ad_err_nomemory(t), NULL;
        snprintf(cand, n, "%s/%s/__init__.py", dir, base);
        if (is_regular(cand)) {
            *is_pkg = true;
            return cand;
        }
        snprintf(cand, n, "%s/%s.py", dir, base);
        if (is_regular(cand)) return cand;
        free(cand);
    }
    ad_err_raise(t, vm->exc_ModuleNotFoundError, "No module named '%s'", name);
    return NULL;
}

/* sys.argv[0] = the path of the module being run, as python3 -m does. */
static bool set_argv0(AdThread *t, const char *path) {
    AdValue argv = ad_dict_get_cstr(t->vm->sys_module->dict, "argv");
    if (!ad_is_type(argv, t->vm->type_list)) return true;
    AdList *l = AD_AS(AdList, argv);
    char *real = realpath(path, NULL);
    AdStr *s = ad_str_from_cstr(t, real ? real : path);
    free(real);
    if (!s) return false;
    if (l->len == 0) return ad_list_append(t, l, ad_obj(s));
    l->items[0] = ad_obj(s);
    return true;
}

AdderStatus adder_run_module(AdderVM *a, const char *module_name) {
    int mark;
    AdThread *t = begin(a, &mark);
    char cwd[PATH_MAX];
    if (getcwd(cwd, sizeof cwd) && !set_path0(t, cwd)) return finish(a, t, false, mark);
    char *name = strdup(module_name);
    if (!name) return ad_err_nomemory(t), finish(a, t, false, mark);
    char *file = NULL;
    for (int depth = 0; depth < 2; depth++) {
        bool is_pkg;
        file = find_module_file(t, name, &is_pkg);
        if (!file && depth == 1 && ad_err_matches(t, t->vm->exc_ModuleNotFoundError)) {
            ad_err_clear(t);
            ad_err_raise(t, t->vm->exc_ModuleNotFoundError,
                         "No module named %s; '%s' is a package and cannot be directly executed",
                         name, module_name);
        }
        if (!file || !is_pkg) break;
        /* A package runs as `pkg.__main__`, after `pkg` itself is imported. */
        free(file);
        file = NULL;
        if (depth == 1) {
            ad_err_raise(t, t->vm->exc_ImportError,
                         "Cannot use package as __main__ module; '%s' is a package and cannot "
                         "be directly executed", module_name);
            break;
        }
        if (AD_IS_NULL(ad_import_module(t, name))) break;
        char *sub = malloc(strlen(name) + sizeof ".__main__");
        if (!sub) {
            ad_err_nomemory(t);
            break;
        }
        sprintf(sub, "%s.__main__", name);
        free(name);
        name = sub;
    }
    free(name);
    if (!file) return finish(a, t, false, mark);
    bool ok = set_argv0(t, file);
    AdValue r = ok ? ad_run_file_as_module(t, file, "__main__") : AD_NULLV;
    free(file);
    return finish(a, t, !AD_IS_NULL(r), mark);
}

int adder_exit_code(AdderVM *a) {
    if (a->last == ADDER_OK) return 0;
    return a->exit_code;
}

const char *adder_error_text(AdderVM *a) { return a->error_text ? a->error_text : ""; }

void adder_print_error(AdderVM *a) {
    const char *text = adder_error_text(a);
    size_t n = strlen(text);
    if (!n) return;
    AdVM *vm = a->vm;
    /* CPython flushes sys.stdout before it prints the report of an uncaught exception. */
    ad_io_flush_std(vm->main_thread);
    if (vm->write_err) {
        vm->write_err(vm->host_ud, text, n);
        return;
    }
    while (n > 0) {
        ssize_t w = write(2, text, n);
        if (w <= 0) return;
        text += w;
        n -= (size_t)w;
    }
}

/* Only atomics: this runs inside the host's signal handler. */
void adder_interrupt(AdderVM *a) {
    AdVM *vm = a->vm;
    atomic_fetch_or(&vm->pending_signals, 1u << SIGINT);
    atomic_store(&vm->main_thread->eval_breaker, 1);
}

void adder_release_gil(AdderVM *a) { ad_gil_release(a->vm->main_thread); }

void adder_acquire_gil(AdderVM *a) { ad_gil_acquire(a->vm->main_thread); }
