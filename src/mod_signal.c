/*
 * mod_signal.c - the signal module, and the running of signal handlers on the main thread.
 *
 * The library installs no OS signal handler of its own: that would need a global to find
 * the VM from inside the handler. The host does it (src/main.c for SIGINT) and calls
 * adder_interrupt(), which only sets a bit in vm->pending_signals and the main thread's
 * eval_breaker. The main thread then runs the Python-level handler at its next breaker
 * check or blocking-wait slice (ad_signals_run): KeyboardInterrupt by default, a Python
 * callable set with signal.signal, nothing for SIG_IGN, and for SIG_DFL the process ends
 * the way the OS default would end it.
 *
 * Only SIGINT can have a Python handler; other signals can be set to SIG_DFL or SIG_IGN,
 * which goes straight to sigaction.
 */
#include <errno.h>
#include <signal.h>
#include <string.h>

#include "core.h"
#include "gil.h"

enum { HANDLER_DFL = 0, HANDLER_IGN = 1 };

bool ad_signals_run(AdThread *t) {
    AdVM *vm = t->vm;
    if (t != vm->main_thread) return true;
    unsigned bits = atomic_exchange(&vm->pending_signals, 0u);
    if (!(bits & (1u << SIGINT))) return true;
    AdValue h = vm->module_state[AD_MODSTATE_SIGINT_HANDLER];
    if (AD_IS_NULL(h)) return ad_err_raise_obj(t, ad_obj(vm->exc_KeyboardInterrupt));
    if (AD_IS_INT(h) && h.as.i == HANDLER_IGN) return true;
    if (AD_IS_INT(h) && h.as.i == HANDLER_DFL) {
        /* What the OS would have done had the host not caught it. */
        signal(SIGINT, SIG_DFL);
        raise(SIGINT);
        return true;
    }
    int mark = ad_gc_root_mark(t);
    AdValue r = ad_rt_call2(t, h, ad_small_int(SIGINT), AD_NONE);
    ad_gc_root_restore(t, mark);
    return !AD_IS_NULL(r);
}

static bool signum_arg(AdThread *t, AdValue v, int *out) {
    if (!ad_is_int(t, v))
        return ad_err_raise(t, t->vm->exc_TypeError,
                            "'%T' object cannot be interpreted as an integer", v);
    int64_t n;
    if (!ad_int_to_i64(t, v, &n)) return false;
    if (n < 1 || n >= NSIG) return ad_err_raise(t, t->vm->exc_ValueError, "signal number out of range");
    *out = (int)n;
    return true;
}

/* The current disposition of a signal other than SIGINT, as signal.getsignal shows it. */
static AdValue os_disposition(int sig) {
    struct sigaction sa;
    if (sigaction(sig, NULL, &sa) != 0) return AD_NONE;
    if (sa.sa_handler == SIG_DFL) return ad_small_int(HANDLER_DFL);
    if (sa.sa_handler == SIG_IGN) return ad_small_int(HANDLER_IGN);
    return AD_NONE; /* a handler the host installed */
}

static AdValue sigint_handler(AdThread *t) {
    AdValue h = t->vm->module_state[AD_MODSTATE_SIGINT_HANDLER];
    return AD_IS_NULL(h) ? AD_NONE : h;
}

static AdValue signal_getsignal(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    int sig;
    if (!ad_args_check(t, "getsignal", nargs, kwnames, 1, 1) || !signum_arg(t, args[0], &sig))
        return AD_NULLV;
    return sig == SIGINT ? sigint_handler(t) : os_disposition(sig);
}

static AdValue signal_signal(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    AdVM *vm = t->vm;
    int sig;
    if (!ad_args_check(t, "signal", nargs, kwnames, 2, 2) || !signum_arg(t, args[0], &sig))
        return AD_NULLV;
    AdValue h = args[1];
    bool special = AD_IS_INT(h) && (h.as.i == HANDLER_DFL || h.as.i == HANDLER_IGN);
    if (!special && !ad_rt_callable(t, h))
        return ad_err_raise_v(t, vm->exc_TypeError,
                              "signal handler must be signal.SIG_IGN, signal.SIG_DFL, or a "
                              "callable object");
    if (t != vm->main_thread)
        return ad_err_raise_v(t, vm->exc_ValueError,
                              "signal only works in main thread of the main interpreter");
    if (sig == SIGINT) {
        AdValue old = sigint_handler(t);
        vm->module_state[AD_MODSTATE_SIGINT_HANDLER] = h;
        return old;
    }
    if (!special)
        return ad_err_raise_v(t, vm->exc_ValueError,
                              "signal %d: only SIGINT can have a Python handler here; others "
                              "take SIG_DFL or SIG_IGN", sig);
    AdValue old = os_disposition(sig);
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = h.as.i == HANDLER_DFL ? SIG_DFL : SIG_IGN;
    sigemptyset(&sa.sa_mask);
    if (sigaction(sig, &sa, NULL) != 0) return ad_err_from_errno(t, errno, NULL), AD_NULLV;
    return old;
}

static AdValue signal_default_int_handler(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    (void)args;
    (void)nargs;
    (void)kwnames;
    ad_err_raise_obj(t, ad_obj(t->vm->exc_KeyboardInterrupt));
    return AD_NULLV;
}

/* The signal goes through the OS, so the host's handler sees it; like CPython, its Python
 * handler has run by the time this returns. */
static AdValue signal_raise_signal(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    int sig;
    if (!ad_args_check(t, "raise_signal", nargs, kwnames, 1, 1) || !signum_arg(t, args[0], &sig))
        return AD_NULLV;
    if (raise(sig) != 0) return ad_err_from_errno(t, errno, NULL), AD_NULLV;
    if (ad_signals_pending(t) && !ad_signals_run(t)) return AD_NULLV;
    return AD_NONE;
}

static AdValue signal_strsignal(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    int sig;
    if (!ad_args_check(t, "strsignal", nargs, kwnames, 1, 1) || !signum_arg(t, args[0], &sig))
        return AD_NULLV;
    const char *s = strsignal(sig);
    if (!s) return AD_NONE;
    AdStr *r = ad_str_from_cstr(t, s);
    return r ? ad_obj(r) : AD_NULLV;
}

static const AdMethodDef signal_functions[] = {
    {"signal", signal_signal, AD_METH_INSTANCE, NULL, NULL},
    {"getsignal", signal_getsignal, AD_METH_INSTANCE, NULL, NULL},
    {"default_int_handler", signal_default_int_handler, AD_METH_INSTANCE, NULL, NULL},
    {"raise_signal", signal_raise_signal, AD_METH_INSTANCE, NULL, NULL},
    {"strsignal", signal_strsignal, AD_METH_INSTANCE, NULL, NULL},
    {NULL, NULL, 0, NULL, NULL},
};

AD_FUNC AdModule *ad_mod_signal_init(AdThread *t);
AdModule *ad_mod_signal_init(AdThread *t) {
    AdVM *vm = t->vm;
    AdModule *m = ad_module_new_native(t, "signal", signal_functions);
    if (!m) return NULL;
    int mark = ad_gc_root_mark(t);
    ad_gc_push_obj(t, m);
    static const struct { const char *name; int value; } consts[] = {
        {"SIG_DFL", HANDLER_DFL}, {"SIG_IGN", HANDLER_IGN}, {"NSIG", NSIG},
        {"SIGHUP", SIGHUP}, {"SIGINT", SIGINT}, {"SIGQUIT", SIGQUIT}, {"SIGILL", SIGILL},
        {"SIGTRAP", SIGTRAP}, {"SIGABRT", SIGABRT}, {"SIGBUS", SIGBUS}, {"SIGFPE", SIGFPE},
        {"SIGKILL", SIGKILL}, {"SIGUSR1", SIGUSR1}, {"SIGSEGV", SIGSEGV},
        {"SIGUSR2", SIGUSR2}, {"SIGPIPE", SIGPIPE}, {"SIGALRM", SIGALRM},
        {"SIGTERM", SIGTERM}, {"SIGCHLD", SIGCHLD}, {"SIGCONT", SIGCONT},
        {"SIGSTOP", SIGSTOP}, {"SIGTSTP", SIGTSTP}, {"SIGWINCH", SIGWINCH},
    };
    for (size_t i = 0; i < sizeof consts / sizeof consts[0]; i++)
        if (!ad_dict_set_cstr(t, m->dict, consts[i].name, ad_small_int(consts[i].value)))
            return NULL;
    /* The default SIGINT handler is this module's default_int_handler, so getsignal shows
     * it and signal.signal(SIGINT, old) puts it back. */
    if (AD_IS_NULL(vm->module_state[AD_MODSTATE_SIGINT_HANDLER]))
        vm->module_state[AD_MODSTATE_SIGINT_HANDLER] =
            ad_dict_get_cstr(m->dict, "default_int_handler");
    ad_gc_root_restore(t, mark);
    return m;
}
