/*
 * mod_thread.c - the _thread module: OS threads (pthreads) sharing one VM under its GIL
 * (gil.c), and the primitive locks stdlib/threading.py builds on. Every new thread gets its
 * own AdThread, linked into vm->threads while the creator holds the GIL, so the collector
 * sees its roots from the start. Blocking waits (lock acquire) release the GIL; a lock's
 * own mutex is never held while waiting for the GIL, so the two cannot deadlock. On the
 * main thread a wait wakes in slices to run signal handlers (Ctrl-C), and new threads start
 * with the asynchronous signals blocked so that the kernel delivers those to the main one.
 */
#include <errno.h>
#include <signal.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "core.h"
#include "gil.h"

/* The lock types live in the VM's module_state so natives can make locks without a
 * lookup; gc.c marks those slots. */
enum { MODSTATE_LOCK = AD_MODSTATE_THREAD_LOCK, MODSTATE_RLOCK = AD_MODSTATE_THREAD_RLOCK };

#define THREAD_STACK_BYTES ((size_t)8 << 20)

typedef struct AdLock {
    AdObj obj;
    pthread_mutex_t mu;
    pthread_cond_t cv; /* signalled when `locked` clears */
    bool locked;
    unsigned long owner; /* RLock: the owning thread's ident, while count > 0 */
    long count;
    pid_t pid; /* the process that made it: see lock_finalize */
} AdLock;

static unsigned long current_ident(void) { return (unsigned long)pthread_self(); }

/* ---- thread start ------------------------------------------------------------------- */

static void report_uncaught(AdThread *t, AdValue func) {
    AdValue exc = ad_err_fetch(t);
    if (ad_is_instance_of(t, exc, t->vm->exc_SystemExit)) return;
    ad_gc_push_root(t, exc);
    AdValue repr = ad_rt_repr(t, func);
    if (AD_IS_NULL(repr)) {
        ad_err_clear(t);
        return;
    }
    ad_gc_push_root(t, repr);
    AdBuf b;
    ad_buf_init(&b);
    bool ok = ad_buf_adds(t, &b, "Exception ignored in thread started by: ") &&
              ad_buf_adds(t, &b, AD_AS(AdStr, repr)->data) && ad_buf_addc(t, &b, '\n') &&
              ad_err_format(t, exc, &b) && ad_rt_print_str(t, b.data, b.len, true);
    ad_buf_free(&b);
    if (!ok) ad_err_clear(t);
}

/* The new OS thread: runs roots[0](*roots[1], **roots[2]) under the GIL, then frees its
 * AdThread before letting the GIL go, so no collection ever sees it half gone. */
static void *thread_main(void *arg) {
    AdThread *t = arg;
    ad_gil_acquire(t);
    t->ident = current_ident();
    AdValue func = t->roots[0];
    AdValue r = ad_rt_call_ex(t, func, t->roots[1], t->roots[2]);
    if (AD_IS_NULL(r)) report_uncaught(t, func);
    ad_gil_release_and_free(t);
    return NULL;
}

static AdValue thread_start_new_thread(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    AdVM *vm = t->vm;
    if (!ad_args_check(t, "start_new_thread", nargs, kwnames, 2, 3)) return AD_NULLV;
    if (!ad_rt_callable(t, args[0]))
        return ad_err_raise_v(t, vm->exc_TypeError, "first arg must be callable");
    if (!ad_is_instance_of(t, args[1], vm->type_tuple))
        return ad_err_raise_v(t, vm->exc_TypeError, "2nd arg must be a tuple");
    if (nargs == 3 && !ad_is_instance_of(t, args[2], vm->type_dict))
        return ad_err_raise_v(t, vm->exc_TypeError, "optional 3rd arg must be a dictionary");
    AdThread *nt = ad_thread_new(vm);
    if (!nt) return ad_err_nomemory(t), AD_NULLV;
    nt->roots[0] = args[0];
    nt->roots[1] = args[1];
    nt->roots[2] = nargs == 3 ? args[2] : AD_NULLV;
    nt->nroots = 3;
    pthread_attr_t attr;
    pthread_attr_init(&attr);
    pthread_attr_setstacksize(&attr, THREAD_STACK_BYTES);
    pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
    /* The new thread starts with the asynchronous signals blocked, so the kernel delivers
     * them to the main thread: the one that runs handlers, whose blocking calls they
     * should interrupt (EINTR). */
    sigset_t block, old;
    sigemptyset(&block);
    static const int async_signals[] = {SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGUSR1,
                                        SIGUSR2, SIGALRM, SIGCHLD, SIGWINCH};
    for (size_t i = 0; i < sizeof async_signals / sizeof async_signals[0]; i++)
        sigaddset(&block, async_signals[i]);
    pthread_sigmask(SIG_BLOCK, &block, &old);
    pthread_t th;
    int rc = pthread_create(&th, &attr, thread_main, nt);
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    pthread_attr_destroy(&attr);
    if (rc != 0) {
        ad_thread_free(nt);
        return ad_err_raise_v(t, vm->exc_RuntimeError, "can't start new thread");
    }
    /* The child cannot run script code before we let the GIL go, so this is in time. */
    nt->ident = (unsigned long)th;
    return ad_small_int((int64_t)nt->ident);
}

static AdValue thread_get_ident(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    (void)args;
    if (!ad_args_check(t, "get_ident", nargs, kwnames, 0, 0)) return AD_NULLV;
    return ad_small_int((int64_t)current_ident());
}

static AdValue thread_get_native_id(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    (void)args;
    if (!ad_args_check(t, "get_native_id", nargs, kwnames, 0, 0)) return AD_NULLV;
    return ad_small_int((int64_t)syscall(SYS_gettid));
}

/* Threads started here and still running: every AdThread but the main one. */
static AdValue thread_count(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    (void)args;
    if (!ad_args_check(t, "_count", nargs, kwnames, 0, 0)) return AD_NULLV;
    int64_t n = 0;
    for (AdThread *th = t->vm->threads; th; th = th->next_thread)
        if (th != t->vm->main_thread) n++;
    return ad_small_int(n);
}

/* Not in CPython's _thread: threading.excepthook's traceback text, since there is no
 * traceback module yet. */
static AdValue thread_format_exception(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    if (!ad_args_check(t, "_format_exception", nargs, kwnames, 1, 1)) return AD_NULLV;
    AdBuf b;
    ad_buf_init(&b);
    if (!ad_err_format(t, args[0], &b)) {
        ad_buf_free(&b);
        return AD_NULLV;
    }
    AdStr *s = ad_buf_finish(t, &b);
    return s ? ad_obj(s) : AD_NULLV;
}

/* ---- locks -------------------------------------------------------------------------- */

static void lock_finalize(AdVM *vm, AdObj *o) {
    (void)vm;
    AdLock *l = (AdLock *)o;
    /* In a fork()ed child the lock may still count a waiter of a thread that did not
     * survive the fork, and pthread_cond_destroy would wait for it forever. */
    if (l->pid != getpid()) return;
    pthread_mutex_destroy(&l->mu);
    pthread_cond_destroy(&l->cv);
}

static AdValue lock_make(AdThread *t, AdType *type) {
    AdLock *l = ad_gc_alloc(t, type, sizeof(AdLock));
    if (!l) return AD_NULLV;
    l->pid = getpid();
    pthread_mutex_init(&l->mu, NULL);
    pthread_condattr_t ca;
    pthread_condattr_init(&ca);
    pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
    pthread_cond_init(&l->cv, &ca);
    pthread_condattr_destroy(&ca);
    return ad_obj(l);
}

static AdValue lock_new(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    (void)nargs;
    (void)kwnames;
    return lock_make(t, AD_AS(AdType, args[0]));
}

static AdValue thread_allocate_lock(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    (void)args;
    if (!ad_args_check(t, "allocate_lock", nargs, kwnames, 0, 0)) return AD_NULLV;
    return lock_make(t, AD_AS(AdType, t->vm->module_state[MODSTATE_LOCK]));
}

/* acquire(blocking=True, timeout=-1) arguments: *timeout < 0 means forever. */
static bool parse_acquire(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames, bool *blocking,
                          double *timeout) {
    static const char *const names[] = {"blocking", "timeout"};
    AdValue out[2];
    if (!ad_args_parse(t, "acquire", args + 1, nargs - 1, kwnames, names, 2, 2, 0, out))
        return false;
    *blocking = true;
    *timeout = -1;
    if (!AD_IS_NULL(out[0])) {
        int b = ad_rt_truthy(t, out[0]);
        if (b < 0) return false;
        *blocking = b;
    }
    if (!AD_IS_NULL(out[1])) {
        AdValue v = out[1];
        if (AD_IS_FLOAT(v)) {
            *timeout = v.as.f;
        } else if (ad_is_int(t, v)) {
            bool ok = true;
            *timeout = ad_int_to_double(t, v, &ok);
            if (!ok) return false;
        } else {
            return ad_err_raise(t, t->vm->exc_TypeError,
                                "'%T' object cannot be interpreted as an integer", v);
        }
        if (!*blocking && *timeout != -1)
            return ad_err_raise(t, t->vm->exc_ValueError,
                                "can't specify a timeout for a non-blocking call");
        if (*timeout < 0 && *timeout != -1)
            return ad_err_raise(t, t->vm->exc_ValueError,
                                "timeout value must be a non-negative number");
    }
    return true;
}

/* Takes the lock: 1 if acquired, 0 if not (non-blocking, or the timeout passed), -1 with
 * the exception pending if a signal handler raised while the main thread waited (an
 * `interruptible` wait only: Condition.wait's re-acquire must not fail). Waits with the GIL
 * released; the main thread wakes every slice to look for signals (gil.h). */
static int lock_take(AdThread *t, AdLock *l, bool blocking, double timeout, bool interruptible) {
    pthread_mutex_lock(&l->mu);
    if (!l->locked || !blocking) {
        bool got = !l->locked;
        l->locked = true;
        pthread_mutex_unlock(&l->mu);
        return got;
    }
    pthread_mutex_unlock(&l->mu);
    struct timespec deadline;
    if (timeout >= 0) ad_deadline_after(&deadline, timeout);
    bool watch = interruptible && t == t->vm->main_thread;
    for (;;) {
        bool interrupted = false, timed_out = false;
        ad_gil_release(t);
        pthread_mutex_lock(&l->mu);
        while (l->locked && !timed_out) {
            if (watch && ad_signals_pending(t)) {
                interrupted = true;
                break;
            }
            if (watch) {
                struct timespec until;
                ad_signal_slice(&until, timeout >= 0 ? &deadline : NULL);
                int rc = pthread_cond_timedwait(&l->cv, &l->mu, &until);
                timed_out = rc == ETIMEDOUT && timeout >= 0 && !ad_timespec_before(&until, &deadline);
            } else if (timeout < 0) {
                pthread_cond_wait(&l->cv, &l->mu);
            } else {
                timed_out = pthread_cond_timedwait(&l->cv, &l->mu, &deadline) == ETIMEDOUT;
            }
        }
        bool got = !l->locked;
        if (got) l->locked = true;
        pthread_mutex_unlock(&l->mu);
        ad_gil_acquire(t);
        if (got || !interrupted) return got;
        if (!ad_signals_run(t)) return -1;
        /* The handler returned: wait on for what is left of the timeout. */
        if (timeout >= 0) {
            struct timespec now;
            clock_gettime(CLOCK_MONOTONIC, &now);
            if (!ad_timespec_before(&now, &deadline)) return lock_take(t, l, false, -1, false);
        }
    }
}

static AdValue take_result(int r) { return r < 0 ? AD_NULLV : ad_bool(r); }

static void lock_give(AdLock *l) {
    pthread_mutex_lock(&l->mu);
    l->locked = false;
    pthread_cond_signal(&l->cv);
    pthread_mutex_unlock(&l->mu);
}

static AdValue lock_acquire(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    bool blocking;
    double timeout;
    if (!parse_acquire(t, args, nargs, kwnames, &blocking, &timeout)) return AD_NULLV;
    return take_result(lock_take(t, AD_AS(AdLock, args[0]), blocking, timeout, true));
}

static AdValue lock_enter(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    (void)nargs;
    (void)kwnames;
    return take_result(lock_take(t, AD_AS(AdLock, args[0]), true, -1, true));
}

static AdValue lock_release(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    (void)nargs;
    (void)kwnames;
    AdLock *l = AD_AS(AdLock, args[0]);
    pthread_mutex_lock(&l->mu);
    bool was = l->locked;
    pthread_mutex_unlock(&l->mu);
    if (!was) return ad_err_raise_v(t, t->vm->exc_RuntimeError, "release unlocked lock");
    lock_give(l);
    return AD_NONE;
}

static AdValue lock_locked(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    (void)t;
    (void)nargs;
    (void)kwnames;
    AdLock *l = AD_AS(AdLock, args[0]);
    pthread_mutex_lock(&l->mu);
    bool was = l->locked;
    pthread_mutex_unlock(&l->mu);
    return ad_bool(was);
}

static AdValue rlock_acquire_common(AdThread *t, AdLock *l, bool blocking, double timeout) {
    unsigned long me = current_ident();
    if (l->count > 0 && l->owner == me) {
        l->count++;
        return ad_bool(true);
    }
    int r = lock_take(t, l, blocking, timeout, true);
    if (r <= 0) return take_result(r);
    l->owner = me;
    l->count = 1;
    return ad_bool(true);
}

static AdValue rlock_acquire(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    bool blocking;
    double timeout;
    if (!parse_acquire(t, args, nargs, kwnames, &blocking, &timeout)) return AD_NULLV;
    return rlock_acquire_common(t, AD_AS(AdLock, args[0]), blocking, timeout);
}

static AdValue rlock_enter(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    (void)nargs;
    (void)kwnames;
    return rlock_acquire_common(t, AD_AS(AdLock, args[0]), true, -1);
}

static AdValue rlock_release(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    (void)nargs;
    (void)kwnames;
    AdLock *l = AD_AS(AdLock, args[0]);
    if (l->count == 0 || l->owner != current_ident())
        return ad_err_raise_v(t, t->vm->exc_RuntimeError, "cannot release un-acquired lock");
    if (--l->count == 0) {
        l->owner = 0;
        lock_give(l);
    }
    return AD_NONE;
}

static AdValue rlock_is_owned(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    (void)t;
    (void)nargs;
    (void)kwnames;
    AdLock *l = AD_AS(AdLock, args[0]);
    return ad_bool(l->count > 0 && l->owner == current_ident());
}

/* Condition.wait's helpers: drop every level of the lock, and take them all back. */
static AdValue rlock_release_save(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    (void)nargs;
    (void)kwnames;
    AdLock *l = AD_AS(AdLock, args[0]);
    if (l->count == 0)
        return ad_err_raise_v(t, t->vm->exc_RuntimeError, "cannot release un-acquired lock");
    AdTuple *state = ad_tuple_new(t, 2);
    if (!state) return AD_NULLV;
    state->items[0] = ad_small_int(l->count);
    state->items[1] = ad_small_int((int64_t)l->owner);
    l->count = 0;
    l->owner = 0;
    lock_give(l);
    return ad_obj(state);
}

static AdValue rlock_acquire_restore(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    if (!ad_args_check(t, "_acquire_restore", nargs - 1, kwnames, 1, 1)) return AD_NULLV;
    AdLock *l = AD_AS(AdLock, args[0]);
    if (!ad_is_instance_of(t, args[1], t->vm->type_tuple) || AD_AS(AdTuple, args[1])->len != 2)
        return ad_err_raise_v(t, t->vm->exc_TypeError, "_acquire_restore() argument must be a pair");
    int64_t count, owner;
    AdTuple *state = AD_AS(AdTuple, args[1]);
    if (!ad_int_to_i64(t, state->items[0], &count) || !ad_int_to_i64(t, state->items[1], &owner))
        return AD_NULLV;
    lock_take(t, l, true, -1, false);
    l->owner = (unsigned long)owner;
    l->count = (long)count;
    return AD_NONE;
}

static AdValue rlock_locked(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    (void)t;
    (void)nargs;
    (void)kwnames;
    return ad_bool(AD_AS(AdLock, args[0])->count > 0);
}

static const AdMethodDef lock_methods[] = {
    {"__new__", lock_new, AD_METH_STATIC, NULL, NULL},
    {"acquire", lock_acquire, AD_METH_INSTANCE, NULL, NULL},
    {"acquire_lock", lock_acquire, AD_METH_INSTANCE, NULL, NULL},
    {"release", lock_release, AD_METH_INSTANCE, NULL, NULL},
    {"release_lock", lock_release, AD_METH_INSTANCE, NULL, NULL},
    {"locked", lock_locked, AD_METH_INSTANCE, NULL, NULL},
    {"locked_lock", lock_locked, AD_METH_INSTANCE, NULL, NULL},
    {"__enter__", lock_enter, AD_METH_INSTANCE, NULL, NULL},
    {"__exit__", lock_release, AD_METH_INSTANCE, NULL, NULL},
    {NULL, NULL, 0, NULL, NULL},
};

static const AdMethodDef rlock_methods[] = {
    {"__new__", lock_new, AD_METH_STATIC, NULL, NULL},
    {"acquire", rlock_acquire, AD_METH_INSTANCE, NULL, NULL},
    {"release", rlock_release, AD_METH_INSTANCE, NULL, NULL},
    {"__enter__", rlock_enter, AD_METH_INSTANCE, NULL, NULL},
    {"__exit__", rlock_release, AD_METH_INSTANCE, NULL, NULL},
    {"_is_owned", rlock_is_owned, AD_METH_INSTANCE, NULL, NULL},
    {"_release_save", rlock_release_save, AD_METH_INSTANCE, NULL, NULL},
    {"_acquire_restore", rlock_acquire_restore, AD_METH_INSTANCE, NULL, NULL},
    {"_locked", rlock_locked, AD_METH_INSTANCE, NULL, NULL},
    {NULL, NULL, 0, NULL, NULL},
};

static const AdMethodDef thread_functions[] = {
    {"start_new_thread", thread_start_new_thread, AD_METH_INSTANCE, NULL, NULL},
    {"start_new", thread_start_new_thread, AD_METH_INSTANCE, NULL, NULL},
    {"get_ident", thread_get_ident, AD_METH_INSTANCE, NULL, NULL},
    {"get_native_id", thread_get_native_id, AD_METH_INSTANCE, NULL, NULL},
    {"allocate_lock", thread_allocate_lock, AD_METH_INSTANCE, NULL, NULL},
    {"allocate", thread_allocate_lock, AD_METH_INSTANCE, NULL, NULL},
    {"_count", thread_count, AD_METH_INSTANCE, NULL, NULL},
    {"_format_exception", thread_format_exception, AD_METH_INSTANCE, NULL, NULL},
    {NULL, NULL, 0, NULL, NULL},
};

static AdType *make_lock_type(AdThread *t, AdModule *m, const char *name, const char *attr,
                              const AdMethodDef *methods, int slot) {
    AdType *type = ad_type_new_builtin(t, name, t->vm->type_object, sizeof(AdLock), NULL,
                                       lock_finalize, methods, 0);
    if (!type) return NULL;
    ad_gc_push_obj(t, type);
    t->vm->module_state[slot] = ad_obj(type);
    type->module = ad_str_from_cstr(t, "_thread");
    if (!type->module || !ad_dict_set_cstr(t, m->dict, attr, ad_obj(type))) return NULL;
    return type;
}

bool ad_threads_shutdown(AdThread *t) {
    AdValue threading = ad_dict_get_cstr(t->vm->modules, "threading");
    if (AD_IS_NULL(threading) || !ad_is_instance_of(t, threading, t->vm->type_module)) return true;
    int mark = ad_gc_root_mark(t);
    AdStr *name = ad_str_intern_cstr(t, "_shutdown");
    if (!name) return false;
    AdValue r = ad_rt_call_method(t, threading, name, NULL, 0, NULL);
    ad_gc_root_restore(t, mark);
    return !AD_IS_NULL(r);
}

AD_FUNC AdModule *ad_mod_thread_init(AdThread *t);
AdModule *ad_mod_thread_init(AdThread *t) {
    AdVM *vm = t->vm;
    AdModule *m = ad_module_new_native(t, "_thread", thread_functions);
    if (!m) return NULL;
    int mark = ad_gc_root_mark(t);
    ad_gc_push_obj(t, m);
    if (!make_lock_type(t, m, "lock", "LockType", lock_methods, MODSTATE_LOCK) ||
        !make_lock_type(t, m, "RLock", "RLock", rlock_methods, MODSTATE_RLOCK) ||
        !ad_dict_set_cstr(t, m->dict, "error", ad_obj(vm->exc_RuntimeError)) ||
        !ad_dict_set_cstr(t, m->dict, "TIMEOUT_MAX", ad_float(4294967.0)))
        return NULL;
    if (vm->main_thread && !vm->main_thread->ident && vm->main_thread == t)
        t->ident = current_ident();
    ad_gc_root_restore(t, mark);
    return m;
}
