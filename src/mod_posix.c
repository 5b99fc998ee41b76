/*
 * mod_posix.c - the posix module: thin wrappers over the system calls that stdlib/os.py
 * builds the os module from. Failures raise OSError subclasses chosen by errno
 * (FileNotFoundError for ENOENT...), with the path in the message as CPython prints it.
 */
#include <dirent.h>
#include <stdio.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "core.h"
#include "gil.h"

extern char **environ;

static bool path_arg(AdThread *t, AdValue v, const char *fname, const char **out) {
    if (ad_is_str(t, v)) {
        *out = AD_AS(AdStr, v)->data;
        return true;
    }
    if (ad_is_type(v, t->vm->type_bytes)) {
        *out = (const char *)AD_AS(AdBytes, v)->data;
        return true;
    }
    return ad_err_raise(t, t->vm->exc_TypeError,
                        "%s: path should be string, bytes or os.PathLike, not %T", fname, v);
}

static bool int_arg(AdThread *t, AdValue v, int64_t *out) {
    if (!ad_is_int(t, v))
        return ad_err_raise(t, t->vm->exc_TypeError, "'%T' object cannot be interpreted as an integer", v);
    return ad_int_to_i64(t, v, out);
}

static AdValue str_value(AdThread *t, const char *s) {
    AdStr *r = ad_str_from_cstr(t, s);
    return r ? ad_obj(r) : AD_NULLV;
}

static AdValue posix_getpid(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    (void)args;
    if (!ad_args_check(t, "getpid", nargs, kwnames, 0, 0)) return AD_NULLV;
    return ad_small_int(getpid());
}

static AdValue posix_getppid(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    (void)args;
    if (!ad_args_check(t, "getppid", nargs, kwnames, 0, 0)) return AD_NULLV;
    return ad_small_int(getppid());
}

static AdValue posix_getcwd(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    (void)args;
    if (!ad_args_check(t, "getcwd", nargs, kwnames, 0, 0)) return AD_NULLV;
    char *cwd = getcwd(NULL, 0);
    if (!cwd) return ad_err_from_errno(t, errno, NULL), AD_NULLV;
    AdValue r = str_value(t, cwd);
    free(cwd);
    return r;
}

/* One-path system calls returning nothing: chdir, rmdir, remove/unlink. */
#define PATH_CALL(name, call)                                                               \
    static AdValue posix_##name(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {   \
        const char *path;                                                                   \
        if (!ad_args_check(t, #name, nargs, kwnames, 1, 1) || !path_arg(t, args[0], #name, &path)) \
            return AD_NULLV;                                                                \
        if (call(path) != 0) return ad_err_from_errno(t, errno, path), AD_NULLV;            \
        return AD_NONE;                                                                     \
    }
PATH_CALL(chdir, chdir)
PATH_CALL(rmdir, rmdir)
PATH_CALL(remove, unlink)
PATH_CALL(unlink, unlink)
#undef PATH_CALL

static AdValue posix_mkdir(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    static const char *const names[] = {"path", "mode"};
    AdValue a[2];
    const char *path;
    int64_t mode = 0777;
    if (!ad_args_parse(t, "mkdir", args, nargs, kwnames, names, 2, 2, 1, a) ||
        !path_arg(t, a[0], "mkdir", &path) || (!AD_IS_NULL(a[1]) && !int_arg(t, a[1], &mode)))
        return AD_NULLV;
    if (mkdir(path, (mode_t)mode) != 0) return ad_err_from_errno(t, errno, path), AD_NULLV;
    return AD_NONE;
}

static AdValue posix_rename(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    const char *src, *dst;
    if (!ad_args_check(t, "rename", nargs, kwnames, 2, 2) || !path_arg(t, args[0], "rename", &src) ||
        !path_arg(t, args[1], "rename", &dst))
        return AD_NULLV;
    if (rename(src, dst) != 0) return ad_err_from_errno(t, errno, src), AD_NULLV;
    return AD_NONE;
}

static AdValue posix_listdir(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    if (!ad_args_check(t, "listdir", nargs, kwnames, 0, 1)) return AD_NULLV;
    const char *path = ".";
    if (nargs && !AD_IS_NONE(args[0]) && !path_arg(t, args[0], "listdir", &path)) return AD_NULLV;
    DIR *dir = opendir(path);
    if (!dir) return ad_err_from_errno(t, errno, path), AD_NULLV;
    AdList *names = ad_list_new(t, 8);
    if (!names) {
        closedir(dir);
        return AD_NULLV;
    }
    ad_gc_push_obj(t, names);
    struct dirent *ent;
    while ((ent = readdir(dir))) {
        if (strcmp(ent->d_name, ".") == 0 || strcmp(ent->d_name, "..") == 0) continue;
        AdValue s = str_value(t, ent->d_name);
        if (AD_IS_NULL(s) || !ad_list_append(t, names, s)) {
            closedir(dir);
            return AD_NULLV;
        }
    }
    closedir(dir);
    return ad_obj(names);
}

/* stat/lstat: a 10-tuple in os.stat_result's order; os.py wraps it in a class. */
static AdValue do_stat(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames, bool link) {
    const char *fname = link ? "lstat" : "stat";
    const char *path;
    if (!ad_args_check(t, fname, nargs, kwnames, 1, 1) || !path_arg(t, args[0], fname, &path))
        return AD_NULLV;
    struct stat st;
    if ((link ? lstat(path, &st) : stat(path, &st)) != 0)
        return ad_err_from_errno(t, errno, path), AD_NULLV;
    AdTuple *r = ad_tuple_pack(
        t, 10, ad_small_int(st.st_mode), ad_small_int((int64_t)st.st_ino),
        ad_small_int((int64_t)st.st_dev), ad_small_int((int64_t)st.st_nlink), ad_small_int(st.st_uid),
        ad_small_int(st.st_gid), ad_small_int(st.st_size),
        ad_float((double)st.st_atim.tv_sec + st.st_atim.tv_nsec * 1e-9),
        ad_float((double)st.st_mtim.tv_sec + st.st_mtim.tv_nsec * 1e-9),
        ad_float((double)st.st_ctim.tv_sec + st.st_ctim.tv_nsec * 1e-9));
    return r ? ad_obj(r) : AD_NULLV;
}
static AdValue posix_stat(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    return do_stat(t, args, nargs, kwnames, false);
}
static AdValue posix_lstat(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    return do_stat(t, args, nargs, kwnames, true);
}

static AdValue posix_access(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    const char *path;
    int64_t mode;
    if (!ad_args_check(t, "access", nargs, kwnames, 2, 2) || !path_arg(t, args[0], "access", &path) ||
        !int_arg(t, args[1], &mode))
        return AD_NULLV;
    return ad_bool(access(path, (int)mode) == 0);
}

static AdValue posix_urandom(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    int64_t n;
    if (!ad_args_check(t, "urandom", nargs, kwnames, 1, 1) || !int_arg(t, args[0], &n)) return AD_NULLV;
    if (n < 0) return ad_err_raise_v(t, t->vm->exc_ValueError, "negative argument not allowed");
    uint8_t *buf = malloc((size_t)n + 1);
    if (!buf) return ad_err_nomemory(t), AD_NULLV;
    size_t got = 0;
    while (got < (size_t)n) {
        ssize_t r = getrandom(buf + got, (size_t)n - got, 0);
        if (r < 0 && errno != EINTR) {
            free(buf);
            return ad_err_from_errno(t, errno, NULL), AD_NULLV;
        }
        if (r > 0) got += (size_t)r;
    }
    AdBytes *b = ad_bytes_new(t, buf, (size_t)n);
    free(buf);
    return b ? ad_obj(b) : AD_NULLV;
}

static AdValue posix_cpu_count(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    (void)args;
    if (!ad_args_check(t, "cpu_count", nargs, kwnames, 0, 0)) return AD_NULLV;
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n > 0 ? ad_small_int(n) : AD_NONE;
}

static AdValue posix_strerror(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    int64_t code;
    if (!ad_args_check(t, "strerror", nargs, kwnames, 1, 1) || !int_arg(t, args[0], &code)) return AD_NULLV;
    return str_value(t, strerror((int)code));
}

static AdValue posix_system(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    const char *cmd;
    if (!ad_args_check(t, "system", nargs, kwnames, 1, 1) || !path_arg(t, args[0], "system", &cmd))
        return AD_NULLV;
    ad_rt_print_str(t, "", 0, false); /* flush our stdout first so output stays in order */
    int status = system(cmd);
    return ad_small_int(status);
}

static AdValue posix_putenv(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    const char *k, *v;
    if (!ad_args_check(t, "putenv", nargs, kwnames, 2, 2) || !path_arg(t, args[0], "putenv", &k) ||
        !path_arg(t, args[1], "putenv", &v))
        return AD_NULLV;
    if (setenv(k, v, 1) != 0) return ad_err_from_errno(t, errno, NULL), AD_NULLV;
    return AD_NONE;
}

static AdValue posix_unsetenv(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    const char *k;
    if (!ad_args_check(t, "unsetenv", nargs, kwnames, 1, 1) || !path_arg(t, args[0], "unsetenv", &k))
        return AD_NULLV;
    unsetenv(k);
    return AD_NONE;
}

static AdValue posix_isatty(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    int64_t fd;
    if (!ad_args_check(t, "isatty", nargs, kwnames, 1, 1) || !int_arg(t, args[0], &fd)) return AD_NULLV;
    return ad_bool(isatty((int)fd));
}

static AdValue posix_exit(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    int64_t code;
    if (!ad_args_check(t, "_exit", nargs, kwnames, 1, 1) || !int_arg(t, args[0], &code)) return AD_NULLV;
    _exit((int)code); /* os._exit is documented to end the process at once */
}

static AdValue posix_getuid(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    (void)args;
    if (!ad_args_check(t, "getuid", nargs, kwnames, 0, 0)) return AD_NULLV;
    return ad_small_int(getuid());
}

/* As CPython's: a signal sent to this very process has its handler run before kill()
 * returns (os.kill(os.getpid(), SIGINT) raises KeyboardInterrupt right here), since the
 * host's handler has flagged it by then when the kernel delivered it to this thread. */
static AdValue posix_kill(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    int64_t pid, sig;
    if (!ad_args_check(t, "kill", nargs, kwnames, 2, 2) || !int_arg(t, args[0], &pid) ||
        !int_arg(t, args[1], &sig))
        return AD_NULLV;
    if (kill((pid_t)pid, (int)sig) != 0) return ad_err_from_errno(t, errno, NULL), AD_NULLV;
    if (ad_signals_pending(t) && !ad_signals_run(t)) return AD_NULLV;
    return AD_NONE;
}

/* ---- processes and pipes (multiprocessing builds on these) ----------------------------
 * The blocking calls release the GIL; a call that EINTR interrupts runs the pending
 * signal handlers first (on the main thread) and then retries, as CPython's do (PEP 475). */

/* CPython's PyOS_AfterFork_Child for the Python side: threading._after_fork() forgets the
 * threads that did not survive the fork, if threading was imported. An exception there is
 * dropped: the child must go on. */
static void threading_after_fork(AdThread *t) {
    AdValue threading = ad_dict_get_cstr(t->vm->modules, "threading");
    if (AD_IS_NULL(threading) || !ad_is_instance_of(t, threading, t->vm->type_module)) return;
    int mark = ad_gc_root_mark(t);
    AdStr *name = ad_str_intern_cstr(t, "_after_fork");
    if (!name || AD_IS_NULL(ad_rt_call_method(t, threading, name, NULL, 0, NULL))) ad_err_clear(t);
    ad_gc_root_restore(t, mark);
}

static AdValue posix_fork(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    (void)args;
    if (!ad_args_check(t, "fork", nargs, kwnames, 0, 0)) return AD_NULLV;
    /* Output still buffered would otherwise be written twice, once by each process. */
    if (!ad_rt_print_str(t, "", 0, false)) return AD_NULLV;
    fflush(NULL);
    pid_t pid = fork();
    if (pid < 0) return ad_err_from_errno(t, errno, NULL), AD_NULLV;
    if (pid == 0) {
        ad_vm_after_fork_child(t);
        threading_after_fork(t);
    }
    return ad_small_int(pid);
}

static AdValue posix_pipe(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    (void)args;
    if (!ad_args_check(t, "pipe", nargs, kwnames, 0, 0)) return AD_NULLV;
    int fds[2];
    if (pipe2(fds, O_CLOEXEC) != 0) return ad_err_from_errno(t, errno, NULL), AD_NULLV;
    AdTuple *r = ad_tuple_pack(t, 2, ad_small_int(fds[0]), ad_small_int(fds[1]));
    return r ? ad_obj(r) : AD_NULLV;
}

/* After EINTR: false (exception pending) if a signal handler raised. */
static bool retry_after_eintr(AdThread *t) {
    return !ad_signals_pending(t) || ad_signals_run(t);
}

static AdValue posix_read(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    int64_t fd, n;
    if (!ad_args_check(t, "read", nargs, kwnames, 2, 2) || !int_arg(t, args[0], &fd) ||
        !int_arg(t, args[1], &n))
        return AD_NULLV;
    if (n < 0) return ad_err_raise_v(t, t->vm->exc_ValueError, "negative length");
    uint8_t *buf = malloc((size_t)n + 1);
    if (!buf) return ad_err_nomemory(t), AD_NULLV;
    ssize_t got;
    for (;;) {
        ad_gil_release(t);
        got = read((int)fd, buf, (size_t)n);
        int err = errno;
        ad_gil_acquire(t);
        if (got >= 0) break;
        if (err != EINTR) {
            free(buf);
            return ad_err_from_errno(t, err, NULL), AD_NULLV;
        }
        if (!retry_after_eintr(t)) {
            free(buf);
            return AD_NULLV;
        }
    }
    AdBytes *b = ad_bytes_new(t, buf, (size_t)got);
    free(buf);
    return b ? ad_obj(b) : AD_NULLV;
}

static AdValue posix_write(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    int64_t fd;
    if (!ad_args_check(t, "write", nargs, kwnames, 2, 2) || !int_arg(t, args[0], &fd)) return AD_NULLV;
    if (!ad_is_type(args[1], t->vm->type_bytes))
        return ad_err_raise_v(t, t->vm->exc_TypeError, "a bytes-like object is required, not '%T'", args[1]);
    /* A private copy: other threads run (and may collect) while the GIL is let go. */
    AdBytes *data = AD_AS(AdBytes, args[1]);
    size_t len = data->len;
    uint8_t *copy = malloc(len + 1);
    if (!copy) return ad_err_nomemory(t), AD_NULLV;
    memcpy(copy, data->data, len);
    ssize_t put;
    for (;;) {
        ad_gil_release(t);
        put = write((int)fd, copy, len);
        int err = errno;
        ad_gil_acquire(t);
        if (put >= 0) break;
        if (err != EINTR) {
            free(copy);
            return ad_err_from_errno(t, err, NULL), AD_NULLV;
        }
        if (!retry_after_eintr(t)) {
            free(copy);
            return AD_NULLV;
        }
    }
    free(copy);
    return ad_small_int(put);
}

static AdValue posix_close(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    int64_t fd;
    if (!ad_args_check(t, "close", nargs, kwnames, 1, 1) || !int_arg(t, args[0], &fd)) return AD_NULLV;
    if (close((int)fd) != 0) return ad_err_from_errno(t, errno, NULL), AD_NULLV;
    return AD_NONE;
}

static AdValue posix_waitpid(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    int64_t pid, options;
    if (!ad_args_check(t, "waitpid", nargs, kwnames, 2, 2) || !int_arg(t, args[0], &pid) ||
        !int_arg(t, args[1], &options))
        return AD_NULLV;
    int status = 0;
    pid_t r;
    for (;;) {
        ad_gil_release(t);
        r = waitpid((pid_t)pid, &status, (int)options);
        int err = errno;
        ad_gil_acquire(t);
        if (r >= 0) break;
        if (err != EINTR) return ad_err_from_errno(t, err, NULL), AD_NULLV;
        if (!retry_after_eintr(t)) return AD_NULLV;
    }
    AdTuple *tup = ad_tuple_pack(t, 2, ad_small_int(r), ad_small_int(status));
    return tup ? ad_obj(tup) : AD_NULLV;
}

static AdValue posix_get_blocking(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    int64_t fd;
    if (!ad_args_check(t, "get_blocking", nargs, kwnames, 1, 1) || !int_arg(t, args[0], &fd))
        return AD_NULLV;
    int flags = fcntl((int)fd, F_GETFL);
    if (flags < 0) return ad_err_from_errno(t, errno, NULL), AD_NULLV;
    return ad_bool(!(flags & O_NONBLOCK));
}

static AdValue posix_set_blocking(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    int64_t fd;
    if (!ad_args_check(t, "set_blocking", nargs, kwnames, 2, 2) || !int_arg(t, args[0], &fd))
        return AD_NULLV;
    int blocking = ad_rt_truthy(t, args[1]);
    if (blocking < 0) return AD_NULLV;
    int flags = fcntl((int)fd, F_GETFL);
    if (flags < 0) return ad_err_from_errno(t, errno, NULL), AD_NULLV;
    flags = blocking ? flags & ~O_NONBLOCK : flags | O_NONBLOCK;
    if (fcntl((int)fd, F_SETFL, flags) != 0) return ad_err_from_errno(t, errno, NULL), AD_NULLV;
    return AD_NONE;
}

/* The wait-status decoders: os.WIFEXITED(status) and friends. */
#define STATUS_CALL(name, expr)                                                             \
    static AdValue posix_##name(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {   \
        int64_t v;                                                                          \
        if (!ad_args_check(t, #name, nargs, kwnames, 1, 1) || !int_arg(t, args[0], &v))      \
            return AD_NULLV;                                                                \
        int status = (int)v;                                                                \
        return expr;                                                                        \
    }
STATUS_CALL(WIFEXITED, ad_bool(WIFEXITED(status)))
STATUS_CALL(WEXITSTATUS, ad_small_int(WEXITSTATUS(status)))
STATUS_CALL(WIFSIGNALED, ad_bool(WIFSIGNALED(status)))
STATUS_CALL(WTERMSIG, ad_small_int(WTERMSIG(status)))
STATUS_CALL(WIFSTOPPED, ad_bool(WIFSTOPPED(status)))
STATUS_CALL(WSTOPSIG, ad_small_int(WSTOPSIG(status)))
#undef STATUS_CALL

static AdValue posix_waitstatus_to_exitcode(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    int64_t v;
    if (!ad_args_check(t, "waitstatus_to_exitcode", nargs, kwnames, 1, 1) || !int_arg(t, args[0], &v))
        return AD_NULLV;
    int status = (int)v;
    if (WIFEXITED(status)) return ad_small_int(WEXITSTATUS(status));
    if (WIFSIGNALED(status)) return ad_small_int(-WTERMSIG(status));
    return ad_err_raise_v(t, t->vm->exc_ValueError, "invalid wait status: %d", status);
}

static const AdMethodDef posix_functions[] = {
#define F(name) {#name, posix_##name, AD_METH_INSTANCE, NULL, NULL},
    F(getpid) F(getppid) F(getcwd) F(chdir) F(rmdir) F(remove) F(unlink) F(mkdir) F(rename)
    F(listdir) F(stat) F(lstat) F(access) F(urandom) F(cpu_count) F(strerror) F(system)
    F(putenv) F(unsetenv) F(isatty) F(getuid) F(kill) F(fork) F(pipe) F(read) F(write)
    F(close) F(waitpid) F(WIFEXITED) F(WEXITSTATUS) F(WIFSIGNALED) F(WTERMSIG) F(WIFSTOPPED)
    F(WSTOPSIG) F(waitstatus_to_exitcode) F(get_blocking) F(set_blocking)
#undef F
    {"_exit", posix_exit, AD_METH_INSTANCE, NULL, NULL},
    {NULL, NULL, 0, NULL, NULL},
};

AD_FUNC AdModule *ad_mod_posix_init(AdThread *t);
AdModule *ad_mod_posix_init(AdThread *t) {
    AdModule *m = ad_module_new_native(t, "posix", posix_functions);
    if (!m) return NULL;
    ad_gc_push_obj(t, m);
    AdDict *env = ad_dict_new(t);
    if (!env || !ad_dict_set_cstr(t, m->dict, "environ", ad_obj(env))) return NULL;
    for (char **e = environ; e && *e; e++) {
        const char *eq = strchr(*e, '=');
        if (!eq) continue;
        AdStr *k = ad_str_new(t, *e, (size_t)(eq - *e));
        if (!k) return NULL;
        ad_gc_push_obj(t, k);
        AdStr *v = ad_str_from_cstr(t, eq + 1);
        if (!v || !ad_dict_set(t, env, ad_obj(k), ad_obj(v))) return NULL;
        t->nroots--;
    }
    static const struct { const char *name; int value; } consts[] = {
        {"F_OK", F_OK}, {"R_OK", R_OK}, {"W_OK", W_OK}, {"X_OK", X_OK},
        {"O_RDONLY", O_RDONLY}, {"O_WRONLY", O_WRONLY}, {"O_RDWR", O_RDWR},
        {"O_CREAT", O_CREAT}, {"O_TRUNC", O_TRUNC}, {"O_APPEND", O_APPEND},
        {"WNOHANG", WNOHANG}, {"WUNTRACED", WUNTRACED},
    };
    for (size_t i = 0; i < sizeof consts / sizeof consts[0]; i++)
        if (!ad_dict_set_cstr(t, m->dict, consts[i].name, ad_small_int(consts[i].value))) return NULL;
    t->nroots--;
    return m;
}
