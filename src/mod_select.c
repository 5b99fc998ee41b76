/*
 * mod_select.c - the select module: select() built on poll(), so fds above FD_SETSIZE work,
 * and the poll and epoll objects. Every fd argument may be an int or an object with
 * fileno(). Each wait runs with the GIL released (its inputs are copied or rooted first)
 * and, interrupted by a signal, runs the handlers and goes on with the time that is left.
 */
#include <errno.h>
#include <math.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <time.h>
#include <unistd.h>

#include "core.h"
#include "gil.h"

/* The fd of `v`: an int, or what v.fileno() returns. -1 with an exception pending. */
static int fd_of(AdThread *t, AdValue v) {
    int64_t fd;
    if (ad_is_int(t, v)) {
        if (!ad_int_to_i64(t, v, &fd)) return -1;
    } else {
        AdStr *name = ad_str_from_cstr(t, "fileno");
        if (!name) return -1;
        ad_gc_push_obj(t, name);
        AdValue r = ad_rt_call_method(t, v, name, NULL, 0, NULL);
        t->nroots--;
        /* No fileno at all (the common case of a wrong argument) reads as CPython's. */
        if (AD_IS_NULL(r) && ad_err_matches(t, t->vm->exc_AttributeError)) {
            ad_err_clear(t);
            ad_err_raise(t, t->vm->exc_TypeError, "argument must be an int, or have a fileno() method.");
            return -1;
        }
        if (AD_IS_NULL(r)) return -1;
        if (!ad_is_int(t, r)) {
            ad_err_raise(t, t->vm->exc_TypeError, "fileno() returned a non-integer");
            return -1;
        }
        if (!ad_int_to_i64(t, r, &fd)) return -1;
    }
    if (fd < 0 || fd > 0x7fffffff) {
        ad_err_raise(t, t->vm->exc_ValueError, "file descriptor cannot be a negative integer (%lld)",
                     (long long)fd);
        return -1;
    }
    return (int)fd;
}

static AdValue select_select(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    if (!ad_args_check(t, "select", nargs, kwnames, 3, 4)) return AD_NULLV;
    int ms = -1;
    if (nargs == 4 && !AD_IS_NONE(args[3])) {
        double secs;
        if (AD_IS_FLOAT(args[3])) {
            secs = args[3].as.f;
        } else if (ad_is_int(t, args[3])) {
            bool ok = true;
            secs = ad_int_to_double(t, args[3], &ok);
            if (!ok) return AD_NULLV;
        } else {
            return ad_err_raise_v(t, t->vm->exc_TypeError, "timeout must be a float or None");
        }
        if (secs < 0 || isnan(secs)) return ad_err_raise_v(t, t->vm->exc_ValueError, "timeout must be non-negative");
        ms = secs > 2e6 ? 2000000000 : (int)ceil(secs * 1000.0);
    }
    AdList *lists[3];
    size_t total = 0;
    for (int k = 0; k < 3; k++) {
        lists[k] = ad_list_new(t, 4);
        if (!lists[k]) return AD_NULLV;
        ad_gc_push_obj(t, lists[k]);
        if (!ad_list_extend(t, lists[k], args[k])) return AD_NULLV;
        total += lists[k]->len;
    }
    static const short events[3] = {POLLIN, POLLOUT, POLLPRI};
    struct pollfd *pfd = malloc((total ? total : 1) * sizeof *pfd);
    if (!pfd) return ad_err_nomemory(t), AD_NULLV;
    size_t n = 0;
    for (int k = 0; k < 3; k++)
        for (size_t i = 0; i < lists[k]->len; i++) {
            int fd = fd_of(t, lists[k]->items[i]);
            if (fd < 0) {
                free(pfd);
                return AD_NULLV;
            }
            pfd[n].fd = fd;
            pfd[n].events = events[k];
            pfd[n].revents = 0;
            n++;
        }
    int r, err;
    for (;;) {
        ad_gil_release(t);
        do r = poll(pfd, (nfds_t)n, ms);
        while (r < 0 && errno == EINTR && !ad_signals_pending(t));
        err = errno;
        ad_gil_acquire(t);
        if (r >= 0 || err != EINTR) break;
        /* Ctrl-C on the main thread: its handler runs (KeyboardInterrupt) first. */
        if (!ad_signals_run(t)) {
            free(pfd);
            return AD_NULLV;
        }
    }
    if (r < 0) {
        free(pfd);
        return ad_err_from_errno(t, err, NULL), AD_NULLV;
    }
    AdList *out[3];
    for (int k = 0; k < 3; k++) {
        out[k] = ad_list_new(t, 0);
        if (!out[k]) {
            free(pfd);
            return AD_NULLV;
        }
        ad_gc_push_obj(t, out[k]);
    }
    /* Readable includes hang-up and error, as select() reports them. */
    static const short ready[3] = {POLLIN | POLLHUP | POLLERR, POLLOUT | POLLERR, POLLPRI};
    n = 0;
    for (int k = 0; k < 3; k++)
        for (size_t i = 0; i < lists[k]->len; i++, n++) {
            if (pfd[n].revents & POLLNVAL) {
                free(pfd);
                return ad_err_from_errno(t, EBADF, NULL), AD_NULLV;
            }
            if ((pfd[n].revents & ready[k]) && !ad_list_append(t, out[k], lists[k]->items[i])) {
                free(pfd);
                return AD_NULLV;
            }
        }
    free(pfd);
    AdTuple *res = ad_tuple_pack(t, 3, ad_obj(out[0]), ad_obj(out[1]), ad_obj(out[2]));
    return res ? ad_obj(res) : AD_NULLV;
}

/* ---- shared by poll and epoll ---------------------------------------------------------- */

static double now_ms(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

/* A timeout argument as whole milliseconds, rounded up; -1 (wait forever) for None or a
 * negative value. `scale` turns the unit of the argument into milliseconds. */
static bool timeout_ms_arg(AdThread *t, AdValue v, double scale, int *ms) {
    double x;
    *ms = -1;
    if (AD_IS_NULL(v) || AD_IS_NONE(v)) return true;
    if (AD_IS_FLOAT(v)) {
        x = v.as.f;
        if (isnan(x)) return ad_err_raise(t, t->vm->exc_ValueError, "Invalid value NaN (not a number)");
    } else if (AD_IS_BOOL(v)) {
        x = (double)v.as.i;
    } else if (ad_is_int(t, v)) {
        bool ok = true;
        x = ad_int_to_double(t, v, &ok);
        if (!ok) return false;
    } else {
        return ad_err_raise(t, t->vm->exc_TypeError, "timeout must be an integer or None");
    }
    x *= scale;
    if (x >= 9.2e18) return ad_err_raise(t, t->vm->exc_OverflowError, "timestamp too large to convert to C _PyTime_t");
    if (x < 0) return true;
    *ms = x > 2147483647.0 ? 2147483647 : (int)ceil(x);
    return true;
}

/* Runs `wait(ctx, ms)` (a poll or epoll_wait call) with the GIL released until it does not
 * fail with EINTR; pending signal handlers run in between, and the wait resumes with the
 * time left. Returns the call's result, or -1 with an exception pending. */
static int wait_released(AdThread *t, int (*wait)(void *ctx, int ms), void *ctx, int ms) {
    double deadline = ms > 0 ? now_ms() + ms : 0;
    for (;;) {
        int r, err;
        ad_gil_release(t);
        r = wait(ctx, ms);
        err = errno;
        ad_gil_acquire(t);
        if (r >= 0) return r;
        if (err != EINTR) return ad_err_from_errno(t, err, NULL), -1;
        if (!ad_signals_run(t)) return -1;
        if (ms > 0) {
            double left = deadline - now_ms();
            ms = left <= 0 ? 0 : (int)ceil(left);
        }
    }
}

/* A list of (fd, events) pairs. */
static AdValue pairs_list(AdThread *t, size_t n, const int *fds, const uint32_t *events) {
    AdList *out = ad_list_new(t, n);
    if (!out) return AD_NULLV;
    ad_gc_push_obj(t, out);
    for (size_t i = 0; i < n; i++) {
        AdTuple *p = ad_tuple_pack(t, 2, ad_small_int(fds[i]), ad_small_int(events[i]));
        if (!p || !ad_list_append(t, out, ad_obj(p))) return AD_NULLV;
    }
    t->nroots--;
    return ad_obj(out);
}

/* ---- select.poll ----------------------------------------------------------------------- */

/* The registrations in the order made (poll() reports in that order, as CPython's dict
 * does); malloc'd, so the object holds no heap references. */
typedef struct AdPoll {
    AdObj obj;
    struct pollfd *fds;
    size_t n, cap;
    bool running; /* a poll() is waiting on a copy of fds */
} AdPoll;

static void poll_finalize(AdVM *vm, AdObj *o) {
    (void)vm;
    AdPoll *p = (AdPoll *)o;
    free(p->fds);
    p->fds = NULL;
    p->n = p->cap = 0;
}

static AdPoll *self_poll(AdThread *t, AdValue v) {
    if (AD_IS_OBJ(v) && ad_type_of(t, v)->finalize == poll_finalize) return AD_AS(AdPoll, v);
    return ad_err_raise_p(t, t->vm->exc_TypeError, "descriptor requires a 'select.poll' object");
}

static ssize_t poll_find(AdPoll *p, int fd) {
    for (size_t i = 0; i < p->n; i++)
        if (p->fds[i].fd == fd) return (ssize_t)i;
    return -1;
}

/* An event mask for poll: a C unsigned short. */
static bool ushort_arg(AdThread *t, AdValue v, short *out) {
    int64_t x;
    if (AD_IS_BOOL(v)) {
        x = v.as.i;
    } else if (!ad_is_int(t, v)) {
        return ad_err_raise(t, t->vm->exc_TypeError, "an integer is required");
    } else if (!ad_int_to_i64(t, v, &x)) {
        if (!ad_err_matches(t, t->vm->exc_OverflowError)) return false;
        ad_err_clear(t);
        x = 1 << 20;
    }
    if (x < 0) return ad_err_raise(t, t->vm->exc_ValueError, "value must be positive");
    if (x > 0xffff) return ad_err_raise(t, t->vm->exc_OverflowError, "Python int too large for C unsigned short");
    *out = (short)(unsigned short)x;
    return true;
}

static AdValue poll_register(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    if (!ad_args_check(t, "register", nargs - 1, kwnames, 1, 2)) return AD_NULLV;
    AdPoll *p = self_poll(t, args[0]);
    if (!p) return AD_NULLV;
    int fd = fd_of(t, args[1]);
    short ev = POLLIN | POLLPRI | POLLOUT;
    if (fd < 0 || (nargs > 2 && !ushort_arg(t, args[2], &ev))) return AD_NULLV;
    ssize_t i = poll_find(p, fd);
    if (i >= 0) {
        p->fds[i].events = ev;
        return AD_NONE;
    }
    if (p->n == p->cap) {
        size_t cap = p->cap ? p->cap * 2 : 8;
        struct pollfd *nf = realloc(p->fds, cap * sizeof *nf);
        if (!nf) return ad_err_nomemory(t), AD_NULLV;
        p->fds = nf;
        p->cap = cap;
    }
    p->fds[p->n++] = (struct pollfd){fd, ev, 0};
    return AD_NONE;
}

static AdValue poll_modify(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    if (!ad_args_check(t, "modify", nargs - 1, kwnames, 2, 2)) return AD_NULLV;
    AdPoll *p = self_poll(t, args[0]);
    if (!p) return AD_NULLV;
    int fd = fd_of(t, args[1]);
    short ev;
    if (fd < 0 || !ushort_arg(t, args[2], &ev)) return AD_NULLV;
    ssize_t i = poll_find(p, fd);
    if (i < 0) return ad_err_from_errno(t, ENOENT, NULL), AD_NULLV;
    p->fds[i].events = ev;
    return AD_NONE;
}

static AdValue poll_unregister(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    if (!ad_args_check(t, "unregister", nargs - 1, kwnames, 1, 1)) return AD_NULLV;
    AdPoll *p = self_poll(t, args[0]);
    if (!p) return AD_NULLV;
    int fd = fd_of(t, args[1]);
    if (fd < 0) return AD_NULLV;
    ssize_t i = poll_find(p, fd);
    if (i < 0) return ad_err_key(t, ad_small_int(fd)), AD_NULLV;
    memmove(p->fds + i, p->fds + i + 1, (p->n - (size_t)i - 1) * sizeof *p->fds);
    p->n--;
    return AD_NONE;
}

typedef struct PollWait {
    struct pollfd *fds;
    size_t n;
} PollWait;

static int do_poll(void *ctx, int ms) {
    PollWait *w = ctx;
    return poll(w->fds, (nfds_t)w->n, ms);
}

static AdValue poll_poll(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    if (!ad_args_check(t, "poll", nargs - 1, kwnames, 0, 1)) return AD_NULLV;
    AdPoll *p = self_poll(t, args[0]);
    int ms;
    if (!p || !timeout_ms_arg(t, nargs > 1 ? args[1] : AD_NONE, 1.0, &ms)) return AD_NULLV;
    if (p->running) return ad_err_raise_v(t, t->vm->exc_RuntimeError, "concurrent poll() invocation");
    /* A copy: another thread may register or unregister while this one waits. */
    PollWait w = {malloc((p->n ? p->n : 1) * sizeof *p->fds), p->n};
    if (!w.fds) return ad_err_nomemory(t), AD_NULLV;
    if (p->n) memcpy(w.fds, p->fds, p->n * sizeof *p->fds);
    p->running = true;
    int r = wait_released(t, do_poll, &w, ms);
    p->running = false;
    AdValue res = AD_NULLV;
    if (r >= 0) {
        int *fds = malloc(((size_t)r + 1) * sizeof *fds);
        uint32_t *evs = malloc(((size_t)r + 1) * sizeof *evs);
        if (fds && evs) {
            size_t k = 0;
            for (size_t i = 0; i < w.n && k < (size_t)r; i++)
                if (w.fds[i].revents) {
                    fds[k] = w.fds[i].fd;
                    evs[k++] = (unsigned short)w.fds[i].revents;
                }
            res = pairs_list(t, k, fds, evs);
        } else {
            ad_err_nomemory(t);
        }
        free(fds);
        free(evs);
    }
    free(w.fds);
    return res;
}

static const AdMethodDef poll_methods[] = {
    {"register", poll_register, AD_METH_INSTANCE, NULL, NULL},
    {"modify", poll_modify, AD_METH_INSTANCE, NULL, NULL},
    {"unregister", poll_unregister, AD_METH_INSTANCE, NULL, NULL},
    {"poll", poll_poll, AD_METH_INSTANCE, NULL, NULL},
    {NULL, NULL, 0, NULL, NULL},
};

static AdValue select_poll(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    (void)args;
    if (!ad_args_check(t, "poll", nargs, kwnames, 0, 0)) return AD_NULLV;
    AdValue ty = t->vm->module_state[AD_MODSTATE_SELECT_POLL];
    AdPoll *p = ad_gc_alloc(t, AD_AS(AdType, ty), sizeof(AdPoll));
    return p ? ad_obj(p) : AD_NULLV;
}

/* ---- select.epoll ---------------------------------------------------------------------- */

typedef struct AdEpoll {
    AdObj obj;
    int epfd; /* -1 once closed */
} AdEpoll;

static void epoll_finalize(AdVM *vm, AdObj *o) {
    (void)vm;
    AdEpoll *e = (AdEpoll *)o;
    if (e->epfd >= 0) close(e->epfd);
    e->epfd = -1;
}

static AdEpoll *self_epoll(AdThread *t, AdValue v) {
    if (AD_IS_OBJ(v))
        for (AdType *ty = ad_type_of(t, v); ty; ty = ty->base)
            if (ty->finalize == epoll_finalize) return AD_AS(AdEpoll, v);
    return ad_err_raise_p(t, t->vm->exc_TypeError, "descriptor requires a 'select.epoll' object");
}

static AdEpoll *open_epoll(AdThread *t, AdValue v) {
    AdEpoll *e = self_epoll(t, v);
    if (e && e->epfd < 0)
        return ad_err_raise_p(t, t->vm->exc_ValueError, "I/O operation on closed epoll object");
    return e;
}

static bool i64_arg(AdThread *t, AdValue v, int64_t *out) {
    if (AD_IS_BOOL(v)) {
        *out = v.as.i;
        return true;
    }
    if (!ad_is_int(t, v))
        return ad_err_raise(t, t->vm->exc_TypeError, "'%T' object cannot be interpreted as an integer", v);
    return ad_int_to_i64(t, v, out);
}

static AdValue epoll_wrap(AdThread *t, AdType *cls, int epfd) {
    AdEpoll *e = ad_gc_alloc(t, cls, cls->instance_size);
    if (!e) {
        close(epfd);
        return AD_NULLV;
    }
    e->epfd = epfd;
    return ad_obj(e);
}

static AdValue epoll_new(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    static const char *const names[] = {"sizehint", "flags"};
    AdValue a[2];
    if (!ad_args_parse(t, "epoll", args + 1, nargs - 1, kwnames, names, 2, 2, 0, a)) return AD_NULLV;
    int64_t sizehint = -1, flags = 0;
    if ((!AD_IS_NULL(a[0]) && !i64_arg(t, a[0], &sizehint)) || (!AD_IS_NULL(a[1]) && !i64_arg(t, a[1], &flags)))
        return AD_NULLV;
    if (sizehint != -1 && sizehint <= 0) return ad_err_raise_v(t, t->vm->exc_ValueError, "negative sizehint");
    if (flags && flags != EPOLL_CLOEXEC) return ad_err_raise_v(t, t->vm->exc_OSError, "invalid flags");
    int fd = epoll_create1(EPOLL_CLOEXEC);
    if (fd < 0) return ad_err_from_errno(t, errno, NULL), AD_NULLV;
    return epoll_wrap(t, AD_AS(AdType, args[0]), fd);
}

static AdValue epoll_init(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    (void)t, (void)args, (void)nargs, (void)kwnames;
    return AD_NONE;
}

static AdValue epoll_fromfd(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    if (!ad_args_check(t, "fromfd", nargs - 1, kwnames, 1, 1)) return AD_NULLV;
    int64_t fd;
    if (!i64_arg(t, args[1], &fd)) return AD_NULLV;
    return epoll_wrap(t, AD_AS(AdType, args[0]), (int)fd);
}

static AdValue epoll_close(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    if (!ad_args_check(t, "close", nargs - 1, kwnames, 0, 0)) return AD_NULLV;
    AdEpoll *e = self_epoll(t, args[0]);
    if (!e) return AD_NULLV;
    /* Errors of close() are not reported, as in CPython (an fd shared through fromfd may
     * already be gone). */
    if (e->epfd >= 0) close(e->epfd);
    e->epfd = -1;
    return AD_NONE;
}

static AdValue epoll_get_closed(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    (void)nargs, (void)kwnames;
    AdEpoll *e = self_epoll(t, args[0]);
    return e ? ad_bool(e->epfd < 0) : AD_NULLV;
}

static AdValue epoll_fileno(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    if (!ad_args_check(t, "fileno", nargs - 1, kwnames, 0, 0)) return AD_NULLV;
    AdEpoll *e = open_epoll(t, args[0]);
    return e ? ad_small_int(e->epfd) : AD_NULLV;
}

static AdValue epoll_enter(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    if (!ad_args_check(t, "__enter__", nargs - 1, kwnames, 0, 0)) return AD_NULLV;
    return open_epoll(t, args[0]) ? args[0] : AD_NULLV;
}

static AdValue epoll_exit(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    if (!ad_args_check(t, "__exit__", nargs - 1, kwnames, 0, 3)) return AD_NULLV;
    return epoll_close(t, args, 1, NULL);
}

/* register / modify / unregister: epoll_ctl with `op`. */
static AdValue epoll_ctl_common(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames, const char *fname,
                                int op, bool has_mask, bool mask_required) {
    static const char *const names[] = {"fd", "eventmask"};
    AdValue a[2];
    int n = has_mask ? 2 : 1;
    if (!ad_args_parse(t, fname, args + 1, nargs - 1, kwnames, names, n, n, mask_required ? 2 : 1, a))
        return AD_NULLV;
    AdEpoll *e = open_epoll(t, args[0]);
    if (!e) return AD_NULLV;
    int fd = fd_of(t, a[0]);
    if (fd < 0) return AD_NULLV;
    int64_t mask = EPOLLIN | EPOLLPRI | EPOLLOUT;
    if (has_mask && !AD_IS_NULL(a[1]) && !i64_arg(t, a[1], &mask)) return AD_NULLV;
    struct epoll_event ev = {.events = (uint32_t)mask, .data.fd = fd};
    if (epoll_ctl(e->epfd, op, fd, &ev) != 0) return ad_err_from_errno(t, errno, NULL), AD_NULLV;
    return AD_NONE;
}

static AdValue epoll_register(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    return epoll_ctl_common(t, args, nargs, kwnames, "register", EPOLL_CTL_ADD, true, false);
}

static AdValue epoll_modify(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    return epoll_ctl_common(t, args, nargs, kwnames, "modify", EPOLL_CTL_MOD, true, true);
}

static AdValue epoll_unregister(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    return epoll_ctl_common(t, args, nargs, kwnames, "unregister", EPOLL_CTL_DEL, false, false);
}

typedef struct EpollWait {
    int epfd, maxevents;
    struct epoll_event *evs;
} EpollWait;

static int do_epoll_wait(void *ctx, int ms) {
    EpollWait *w = ctx;
    return epoll_wait(w->epfd, w->evs, w->maxevents, ms);
}

static AdValue epoll_poll(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    static const char *const names[] = {"timeout", "maxevents"};
    AdValue a[2];
    if (!ad_args_parse(t, "poll", args + 1, nargs - 1, kwnames, names, 2, 2, 0, a)) return AD_NULLV;
    AdEpoll *e = open_epoll(t, args[0]);
    int ms;
    int64_t maxevents = -1;
    if (!e || !timeout_ms_arg(t, a[0], 1000.0, &ms) || (!AD_IS_NULL(a[1]) && !i64_arg(t, a[1], &maxevents)))
        return AD_NULLV;
    if (maxevents == -1) {
        maxevents = FD_SETSIZE - 1;
    } else if (maxevents < 1 || maxevents > 0x7fffffff) {
        return ad_err_raise_v(t, t->vm->exc_ValueError, "maxevents must be greater than 0, got %lld",
                              (long long)maxevents);
    }
    if (maxevents > 1 << 20) maxevents = 1 << 20;
    EpollWait w = {e->epfd, (int)maxevents, malloc((size_t)maxevents * sizeof(struct epoll_event))};
    if (!w.evs) return ad_err_nomemory(t), AD_NULLV;
    int r = wait_released(t, do_epoll_wait, &w, ms);
    AdValue res = AD_NULLV;
    if (r >= 0) {
        int *fds = malloc(((size_t)r + 1) * sizeof *fds);
        uint32_t *evs = malloc(((size_t)r + 1) * sizeof *evs);
        if (fds && evs) {
            for (int i = 0; i < r; i++) {
                fds[i] = w.evs[i].data.fd;
                evs[i] = w.evs[i].events;
            }
            res = pairs_list(t, (size_t)r, fds, evs);
        } else {
            ad_err_nomemory(t);
        }
        free(fds);
        free(evs);
    }
    free(w.evs);
    return res;
}

static const AdMethodDef epoll_methods[] = {
    {"__new__", epoll_new, AD_METH_STATIC, NULL, NULL},
    {"__init__", epoll_init, AD_METH_INSTANCE, NULL, NULL},
    {"__enter__", epoll_enter, AD_METH_INSTANCE, NULL, NULL},
    {"__exit__", epoll_exit, AD_METH_INSTANCE, NULL, NULL},
    {"fromfd", epoll_fromfd, AD_METH_CLASS, NULL, NULL},
    {"close", epoll_close, AD_METH_INSTANCE, NULL, NULL},
    {"fileno", epoll_fileno, AD_METH_INSTANCE, NULL, NULL},
    {"register", epoll_register, AD_METH_INSTANCE, NULL, NULL},
    {"modify", epoll_modify, AD_METH_INSTANCE, NULL, NULL},
    {"unregister", epoll_unregister, AD_METH_INSTANCE, NULL, NULL},
    {"poll", epoll_poll, AD_METH_INSTANCE, NULL, NULL},
    {"closed", epoll_get_closed, AD_METH_GETSET, NULL, NULL},
    {NULL, NULL, 0, NULL, NULL},
};

static const AdMethodDef select_functions[] = {
    {"poll", select_poll, AD_METH_INSTANCE, NULL, NULL},
    {"select", select_select, AD_METH_INSTANCE, NULL, NULL},
    {NULL, NULL, 0, NULL, NULL},
};

AD_FUNC AdModule *ad_mod_select_init(AdThread *t);
AdModule *ad_mod_select_init(AdThread *t) {
    AdModule *m = ad_module_new_native(t, "select", select_functions);
    if (!m) return NULL;
    ad_gc_push_obj(t, m);
    static const struct { const char *name; int64_t value; } consts[] = {
        {"POLLIN", POLLIN}, {"POLLOUT", POLLOUT}, {"POLLPRI", POLLPRI}, {"POLLERR", POLLERR},
        {"POLLHUP", POLLHUP}, {"POLLNVAL", POLLNVAL}, {"POLLRDNORM", POLLRDNORM},
        {"POLLRDBAND", POLLRDBAND}, {"POLLWRNORM", POLLWRNORM}, {"POLLWRBAND", POLLWRBAND},
        {"POLLMSG", POLLMSG}, {"POLLRDHUP", POLLRDHUP},
        {"EPOLLIN", EPOLLIN}, {"EPOLLOUT", EPOLLOUT}, {"EPOLLPRI", EPOLLPRI}, {"EPOLLERR", EPOLLERR},
        {"EPOLLHUP", EPOLLHUP}, {"EPOLLET", (uint32_t)EPOLLET}, {"EPOLLONESHOT", EPOLLONESHOT},
        {"EPOLLEXCLUSIVE", EPOLLEXCLUSIVE}, {"EPOLLRDHUP", EPOLLRDHUP}, {"EPOLLRDNORM", EPOLLRDNORM},
        {"EPOLLRDBAND", EPOLLRDBAND}, {"EPOLLWRNORM", EPOLLWRNORM}, {"EPOLLWRBAND", EPOLLWRBAND},
        {"EPOLLMSG", EPOLLMSG}, {"EPOLL_CLOEXEC", EPOLL_CLOEXEC},
    };
    for (size_t i = 0; i < sizeof consts / sizeof consts[0]; i++)
        if (!ad_dict_set_cstr(t, m->dict, consts[i].name, ad_small_int(consts[i].value))) return NULL;
    AdType *pt = ad_type_new_builtin(t, "poll", t->vm->type_object, sizeof(AdPoll), NULL, poll_finalize,
                                     poll_methods, 0);
    if (!pt) return NULL;
    t->vm->module_state[AD_MODSTATE_SELECT_POLL] = ad_obj(pt);
    pt->module = ad_str_from_cstr(t, "select");
    if (!pt->module) return NULL;
    AdType *et = ad_type_new_builtin(t, "epoll", t->vm->type_object, sizeof(AdEpoll), NULL, epoll_finalize,
                                     epoll_methods, 0);
    if (!et) return NULL;
    ad_gc_push_obj(t, et);
    et->module = ad_str_from_cstr(t, "select");
    if (!et->module || !ad_dict_set_cstr(t, m->dict, "epoll", ad_obj(et))) return NULL;
    t->nroots--;
    if (!ad_dict_set_cstr(t, m->dict, "error", ad_obj(t->vm->exc_OSError))) return NULL;
    t->nroots--;
    return m;
}
