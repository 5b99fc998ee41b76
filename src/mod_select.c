/*
 * mod_select.c - the select module: select() built on poll(), so fds above FD_SETSIZE work.
 * Each of the three sequences may hold ints or objects with fileno(); the results are lists
 * of the original objects. The wait runs with the GIL released (the inputs, copied into
 * rooted lists first, stay reachable while other threads run).
 */
#include <errno.h>
#include <math.h>
#include <poll.h>
#include <stdlib.h>

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

static const AdMethodDef select_functions[] = {
    {"select", select_select, AD_METH_INSTANCE, NULL, NULL},
    {NULL, NULL, 0, NULL, NULL},
};

AD_FUNC AdModule *ad_mod_select_init(AdThread *t);
AdModule *ad_mod_select_init(AdThread *t) {
    AdModule *m = ad_module_new_native(t, "select", select_functions);
    if (!m) return NULL;
    ad_gc_push_obj(t, m);
    static const struct { const char *name; int value; } consts[] = {
        {"POLLIN", POLLIN}, {"POLLOUT", POLLOUT}, {"POLLPRI", POLLPRI}, {"POLLERR", POLLERR},
        {"POLLHUP", POLLHUP}, {"POLLNVAL", POLLNVAL},
    };
    for (size_t i = 0; i < sizeof consts / sizeof consts[0]; i++)
        if (!ad_dict_set_cstr(t, m->dict, consts[i].name, ad_small_int(consts[i].value))) return NULL;
    if (!ad_dict_set_cstr(t, m->dict, "error", ad_obj(t->vm->exc_OSError))) return NULL;
    t->nroots--;
    return m;
}
