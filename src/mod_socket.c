/*
 * mod_socket.c - the _socket module: BSD sockets (AF_INET, AF_UNIX) as the _socket.socket
 * type that stdlib/socket.py subclasses. An instance owns its fd (-1 once closed) and its
 * finalizer closes it. Timeouts follow CPython: with a timeout set the fd is non-blocking
 * and each operation first waits with poll(); TimeoutError("timed out") when it expires.
 * Every blocking system call runs with the GIL released (arguments stay rooted on the
 * thread stack meanwhile). Accepted connections come back as raw fds (_accept); socket.py
 * wraps them, as CPython's does.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#include "core.h"
#include "gil.h"

typedef struct AdSocket {
    AdObj obj;
    int fd; /* -1 when closed */
    int family, type, proto;
    double timeout; /* < 0: blocking, no timeout (None) */
} AdSocket;

typedef union SockAddr {
    struct sockaddr sa;
    struct sockaddr_in in4;
    struct sockaddr_un un;
    struct sockaddr_storage st;
} SockAddr;

static void sock_finalize(AdVM *vm, AdObj *o) {
    (void)vm;
    AdSocket *s = (AdSocket *)o;
    if (s->fd >= 0) close(s->fd);
    s->fd = -1;
}

/* The socket behind `v` (any subclass instance of _socket.socket), or NULL + TypeError. */
static AdSocket *self_sock(AdThread *t, AdValue v) {
    if (AD_IS_OBJ(v))
        for (AdType *ty = ad_type_of(t, v); ty; ty = ty->base)
            if (ty->finalize == sock_finalize) return AD_AS(AdSocket, v);
    return ad_err_raise_p(t, t->vm->exc_TypeError, "descriptor requires a '_socket.socket' object");
}

static bool int_arg(AdThread *t, AdValue v, int64_t *out) {
    if (AD_IS_BOOL(v)) {
        *out = v.as.i != 0;
        return true;
    }
    if (!ad_is_int(t, v))
        return ad_err_raise(t, t->vm->exc_TypeError, "'%T' object cannot be interpreted as an integer", v);
    return ad_int_to_i64(t, v, out);
}

static bool timeout_arg(AdThread *t, AdValue v, double *out) {
    if (AD_IS_NONE(v)) {
        *out = -1;
        return true;
    }
    if (AD_IS_FLOAT(v)) {
        *out = v.as.f;
    } else {
        int64_t i;
        if (!int_arg(t, v, &i)) return false;
        *out = (double)i;
    }
    if (*out < 0) return ad_err_raise(t, t->vm->exc_ValueError, "Timeout value out of range");
    return true;
}

static bool set_nonblocking(AdThread *t, int fd, bool on) {
    int fl = fcntl(fd, F_GETFL);
    if (fl < 0 || fcntl(fd, F_SETFL, on ? fl | O_NONBLOCK : fl & ~O_NONBLOCK) < 0)
        return ad_err_from_errno(t, errno, NULL);
    return true;
}

static AdSocket *open_sock(AdThread *t, AdValue v) {
    AdSocket *s = self_sock(t, v);
    if (s && s->fd < 0) return ad_err_from_errno(t, EBADF, NULL), NULL;
    return s;
}

/* With a timeout, wait (GIL released) until `events` is ready on the socket. false with
 * TimeoutError or OSError pending otherwise. A blocking socket returns at once. */
static bool wait_ready(AdThread *t, AdSocket *s, short events) {
    if (s->timeout <= 0) return true;
    struct pollfd p = {s->fd, events, 0};
    int ms = (int)(s->timeout * 1000.0 + 0.5);
    int r;
    int err;
    for (;;) {
        ad_gil_release(t);
        do r = poll(&p, 1, ms);
        while (r < 0 && errno == EINTR && !ad_signals_pending(t));
        err = errno;
        ad_gil_acquire(t);
        if (r >= 0 || err != EINTR) break;
        if (!ad_signals_run(t)) return false;
    }
    if (r < 0) return ad_err_from_errno(t, err, NULL);
    if (r == 0) return ad_err_raise(t, t->vm->exc_TimeoutError, "timed out");
    return true;
}

/* ---- addresses ---------------------------------------------------------------------- */

static bool parse_addr(AdThread *t, AdSocket *s, AdValue v, const char *fname, SockAddr *a,
                       socklen_t *len) {
    memset(a, 0, sizeof *a);
    if (s->family == AF_UNIX) {
        const char *path;
        size_t n;
        if (ad_is_str(t, v)) {
            path = AD_AS(AdStr, v)->data;
            n = AD_AS(AdStr, v)->len;
        } else if (ad_is_type(v, t->vm->type_bytes)) {
            path = (const char *)AD_AS(AdBytes, v)->data;
            n = AD_AS(AdBytes, v)->len;
        } else {
            return ad_err_raise(t, t->vm->exc_TypeError, "%s(): AF_UNIX address must be str or bytes, not %T", fname, v);
        }
        if (n >= sizeof a->un.sun_path) return ad_err_raise(t, t->vm->exc_OSError, "AF_UNIX path too long");
        a->un.sun_family = AF_UNIX;
        memcpy(a->un.sun_path, path, n);
        *len = (socklen_t)(offsetof(struct sockaddr_un, sun_path) + n + 1);
        return true;
    }
    if (!ad_is_instance_of(t, v, t->vm->type_tuple) || AD_AS(AdTuple, v)->len != 2)
        return ad_err_raise(t, t->vm->exc_TypeError, "%s(): AF_INET address must be tuple, not %T", fname, v);
    AdValue host = AD_AS(AdTuple, v)->items[0];
    int64_t port;
    if (!ad_is_str(t, host))
        return ad_err_raise(t, t->vm->exc_TypeError, "str, bytes or bytearray expected, not %T", host);
    if (!int_arg(t, AD_AS(AdTuple, v)->items[1], &port)) return false;
    if (port < 0 || port > 65535)
        return ad_err_raise(t, t->vm->exc_OverflowError, "%s(): port must be 0-65535.", fname);
    const char *h = AD_AS(AdStr, host)->data;
    a->in4.sin_family = AF_INET;
    a->in4.sin_port = htons((uint16_t)port);
    *len = sizeof a->in4;
    if (h[0] == 0) {
        a->in4.sin_addr.s_addr = htonl(INADDR_ANY);
    } else if (strcmp(h, "<broadcast>") == 0) {
        a->in4.sin_addr.s_addr = htonl(INADDR_BROADCAST);
    } else if (inet_pton(AF_INET, h, &a->in4.sin_addr) != 1) {
        struct addrinfo hints = {0}, *res = NULL;
        hints.ai_family = AF_INET;
        ad_gil_release(t);
        int rc = getaddrinfo(h, NULL, &hints, &res);
        ad_gil_acquire(t);
        if (rc != 0 || !res)
            return ad_err_raise(t, t->vm->exc_OSError, "[Errno %d] %s", rc, gai_strerror(rc));
        a->in4.sin_addr = ((struct sockaddr_in *)res->ai_addr)->sin_addr;
        freeaddrinfo(res);
    }
    return true;
}

static AdValue make_addr(AdThread *t, const SockAddr *a, socklen_t len) {
    if (a->sa.sa_family == AF_UNIX) {
        size_t n = len > offsetof(struct sockaddr_un, sun_path)
                       ? strnlen(a->un.sun_path, len - offsetof(struct sockaddr_un, sun_path))
                       : 0;
        AdStr *s = ad_str_new(t, a->un.sun_path, n);
        return s ? ad_obj(s) : AD_NULLV;
    }
    if (a->sa.sa_family != AF_INET) return AD_NONE;
    char buf[INET_ADDRSTRLEN];
    inet_ntop(AF_INET, &a->in4.sin_addr, buf, sizeof buf);
    AdStr *h = ad_str_from_cstr(t, buf);
    if (!h) return AD_NULLV;
    ad_gc_push_obj(t, h);
    AdTuple *r = ad_tuple_pack(t, 2, ad_obj(h), ad_small_int(ntohs(a->in4.sin_port)));
    t->nroots--;
    return r ? ad_obj(r) : AD_NULLV;
}

/* ---- the socket type ---------------------------------------------------------------- */

static AdValue sock_new(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    static const char *const names[] = {"family", "type", "proto", "fileno"};
    AdValue a[4];
    if (!ad_args_parse(t, "socket", args + 1, nargs - 1, kwnames, names, 4, 4, 0, a)) return AD_NULLV;
    int64_t family = AF_INET, type = SOCK_STREAM, proto = 0, fileno = -1;
    if ((!AD_IS_NULL(a[0]) && !AD_IS_NONE(a[0]) && !int_arg(t, a[0], &family)) ||
        (!AD_IS_NULL(a[1]) && !AD_IS_NONE(a[1]) && !int_arg(t, a[1], &type)) ||
        (!AD_IS_NULL(a[2]) && !AD_IS_NONE(a[2]) && !int_arg(t, a[2], &proto)) ||
        (!AD_IS_NULL(a[3]) && !AD_IS_NONE(a[3]) && !int_arg(t, a[3], &fileno)))
        return AD_NULLV;
    AdType *cls = AD_AS(AdType, args[0]);
    AdSocket *s = ad_gc_alloc(t, cls, cls->instance_size);
    if (!s) return AD_NULLV;
    s->fd = -1;
    s->family = (int)family;
    s->type = (int)type;
    s->proto = (int)proto;
    s->timeout = -1;
    if (fileno >= 0) {
        s->fd = (int)fileno;
    } else {
        s->fd = socket((int)family, (int)type | SOCK_CLOEXEC, (int)proto);
        if (s->fd < 0) return ad_err_from_errno(t, errno, NULL), AD_NULLV;
    }
    return ad_obj(s);
}

/* __new__ did the work; this only accepts the same arguments. */
static AdValue sock_init(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    (void)t, (void)args, (void)nargs, (void)kwnames;
    return AD_NONE;
}

static AdValue sock_bind(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    if (!ad_args_check(t, "bind", nargs, kwnames, 2, 2)) return AD_NULLV;
    AdSocket *s = open_sock(t, args[0]);
    SockAddr a;
    socklen_t len;
    if (!s || !parse_addr(t, s, args[1], "bind", &a, &len)) return AD_NULLV;
    if (bind(s->fd, &a.sa, len) != 0) return ad_err_from_errno(t, errno, NULL), AD_NULLV;
    return AD_NONE;
}

static AdValue sock_listen(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    if (!ad_args_check(t, "listen", nargs, kwnames, 1, 2)) return AD_NULLV;
    AdSocket *s = open_sock(t, args[0]);
    int64_t backlog = 128;
    if (!s || (nargs > 1 && !int_arg(t, args[1], &backlog))) return AD_NULLV;
    if (backlog < 0) backlog = 0;
    if (listen(s->fd, (int)backlog) != 0) return ad_err_from_errno(t, errno, NULL), AD_NULLV;
    return AD_NONE;
}

/* (fd, address) of a new connection; socket.py's accept() wraps the fd. */
static AdValue sock_accept(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    if (!ad_args_check(t, "_accept", nargs, kwnames, 1, 1)) return AD_NULLV;
    AdSocket *s = open_sock(t, args[0]);
    if (!s) return AD_NULLV;
    SockAddr a;
    socklen_t len;
    int fd, err;
    for (;;) {
        if (!wait_ready(t, s, POLLIN)) return AD_NULLV;
        len = sizeof a;
        ad_gil_release(t);
        fd = accept4(s->fd, &a.sa, &len, SOCK_CLOEXEC);
        err = errno;
        ad_gil_acquire(t);
        if (fd >= 0) break;
        /* Ctrl-C: the handler runs (KeyboardInterrupt) before the call is retried. */
        if (err == EINTR && !ad_signals_run(t)) return AD_NULLV;
        if (err == EINTR || (s->timeout > 0 && (err == EAGAIN || err == EWOULDBLOCK))) continue;
        return ad_err_from_errno(t, err, NULL), AD_NULLV;
    }
    AdValue addr = make_addr(t, &a, len);
    if (AD_IS_NULL(addr)) {
        close(fd);
        return AD_NULLV;
    }
    ad_gc_push_root(t, addr);
    AdTuple *r = ad_tuple_pack(t, 2, ad_small_int(fd), addr);
    if (!r) close(fd);
    return r ? ad_obj(r) : AD_NULLV;
}

/* 0 or the errno of a failed connect; *failed (with an exception pending) when the address
 * is bad, the timeout expired or waiting failed. */
static int do_connect(AdThread *t, AdSocket *s, AdValue addr, const char *fname, bool *failed) {
    SockAddr a;
    socklen_t len;
    *failed = true;
    if (!parse_addr(t, s, addr, fname, &a, &len)) return 0;
    ad_gil_release(t);
    int r = connect(s->fd, &a.sa, len);
    int err = errno;
    ad_gil_acquire(t);
    *failed = false;
    if (r == 0) return 0;
    if (err == EINPROGRESS && s->timeout > 0) {
        if (!wait_ready(t, s, POLLOUT)) {
            *failed = true;
            return 0;
        }
        socklen_t elen = sizeof err;
        if (getsockopt(s->fd, SOL_SOCKET, SO_ERROR, &err, &elen) != 0) err = errno;
    }
    return err;
}

static AdValue sock_connect(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    if (!ad_args_check(t, "connect", nargs, kwnames, 2, 2)) return AD_NULLV;
    AdSocket *s = open_sock(t, args[0]);
    if (!s) return AD_NULLV;
    bool failed;
    int err = do_connect(t, s, args[1], "connect", &failed);
    if (failed) return AD_NULLV;
    if (err) return ad_err_from_errno(t, err, NULL), AD_NULLV;
    return AD_NONE;
}

static AdValue sock_connect_ex(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    if (!ad_args_check(t, "connect_ex", nargs, kwnames, 2, 2)) return AD_NULLV;
    AdSocket *s = open_sock(t, args[0]);
    if (!s) return AD_NULLV;
    bool failed;
    int err = do_connect(t, s, args[1], "connect_ex", &failed);
    if (failed) {
        if (!ad_err_matches(t, t->vm->exc_TimeoutError)) return AD_NULLV;
        ad_err_clear(t);
        err = EWOULDBLOCK;
    }
    return ad_small_int(err);
}

static bool bytes_arg(AdThread *t, AdValue v, const uint8_t **data, size_t *len) {
    if (ad_is_instance_of(t, v, t->vm->type_bytes)) {
        *data = AD_AS(AdBytes, v)->data;
        *len = AD_AS(AdBytes, v)->len;
        return true;
    }
    return ad_err_raise(t, t->vm->exc_TypeError, "a bytes-like object is required, not '%T'", v);
}

/* One send() of up to `len` bytes after waiting for writability; -1 with an error pending. */
static ssize_t send_some(AdThread *t, AdSocket *s, const uint8_t *data, size_t len,
                         const SockAddr *to, socklen_t tolen) {
    for (;;) {
        if (!wait_ready(t, s, POLLOUT)) return -1;
        ad_gil_release(t);
        ssize_t n = to ? sendto(s->fd, data, len, MSG_NOSIGNAL, &to->sa, tolen)
                       : send(s->fd, data, len, MSG_NOSIGNAL);
        int err = errno;
        ad_gil_acquire(t);
        if (n >= 0) return n;
        /* Ctrl-C: the handler runs (KeyboardInterrupt) before the call is retried. */
        if (err == EINTR && !ad_signals_run(t)) return -1;
        if (err == EINTR || (s->timeout > 0 && (err == EAGAIN || err == EWOULDBLOCK))) continue;
        ad_err_from_errno(t, err, NULL);
        return -1;
    }
}

static AdValue sock_send(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    if (!ad_args_check(t, "send", nargs, kwnames, 2, 3)) return AD_NULLV;
    AdSocket *s = open_sock(t, args[0]);
    const uint8_t *data;
    size_t len;
    if (!s || !bytes_arg(t, args[1], &data, &len)) return AD_NULLV;
    ssize_t n = send_some(t, s, data, len, NULL, 0);
    return n < 0 ? AD_NULLV : ad_small_int(n);
}

static AdValue sock_sendall(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    if (!ad_args_check(t, "sendall", nargs, kwnames, 2, 3)) return AD_NULLV;
    AdSocket *s = open_sock(t, args[0]);
    const uint8_t *data;
    size_t len;
    if (!s || !bytes_arg(t, args[1], &data, &len)) return AD_NULLV;
    size_t done = 0;
    while (done < len) {
        ssize_t n = send_some(t, s, data + done, len - done, NULL, 0);
        if (n < 0) return AD_NULLV;
        done += (size_t)n;
    }
    return AD_NONE;
}

static AdValue sock_sendto(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    if (!ad_args_check(t, "sendto", nargs, kwnames, 3, 3)) return AD_NULLV;
    AdSocket *s = open_sock(t, args[0]);
    const uint8_t *data;
    size_t len;
    SockAddr a;
    socklen_t alen;
    if (!s || !bytes_arg(t, args[1], &data, &len) || !parse_addr(t, s, args[2], "sendto", &a, &alen))
        return AD_NULLV;
    ssize_t n = send_some(t, s, data, len, &a, alen);
    return n < 0 ? AD_NULLV : ad_small_int(n);
}

/* Receives up to `max` bytes into a fresh buffer; *from gets the sender when non-NULL. */
static AdValue recv_bytes(AdThread *t, AdSocket *s, int64_t max, SockAddr *from, socklen_t *fromlen) {
    if (max < 0) return ad_err_raise_v(t, t->vm->exc_ValueError, "negative buffersize in recv");
    uint8_t *buf = malloc((size_t)max + 1);
    if (!buf) return ad_err_nomemory(t), AD_NULLV;
    ssize_t n;
    for (;;) {
        if (!wait_ready(t, s, POLLIN)) {
            free(buf);
            return AD_NULLV;
        }
        if (fromlen) *fromlen = sizeof *from;
        ad_gil_release(t);
        n = from ? recvfrom(s->fd, buf, (size_t)max, 0, &from->sa, fromlen)
                 : recv(s->fd, buf, (size_t)max, 0);
        int err = errno;
        ad_gil_acquire(t);
        if (n >= 0) break;
        /* Ctrl-C: the handler runs (KeyboardInterrupt) before the call is retried. */
        if (err == EINTR && !ad_signals_run(t)) {
            free(buf);
            return AD_NULLV;
        }
        if (err == EINTR || (s->timeout > 0 && (err == EAGAIN || err == EWOULDBLOCK))) continue;
        free(buf);
        return ad_err_from_errno(t, err, NULL), AD_NULLV;
    }
    AdBytes *b = ad_bytes_new(t, buf, (size_t)n);
    free(buf);
    return b ? ad_obj(b) : AD_NULLV;
}

static AdValue sock_recv(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    if (!ad_args_check(t, "recv", nargs, kwnames, 2, 3)) return AD_NULLV;
    AdSocket *s = open_sock(t, args[0]);
    int64_t max;
    if (!s || !int_arg(t, args[1], &max)) return AD_NULLV;
    return recv_bytes(t, s, max, NULL, NULL);
}

static AdValue sock_recvfrom(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    if (!ad_args_check(t, "recvfrom", nargs, kwnames, 2, 3)) return AD_NULLV;
    AdSocket *s = open_sock(t, args[0]);
    int64_t max;
    if (!s || !int_arg(t, args[1], &max)) return AD_NULLV;
    SockAddr a;
    socklen_t alen;
    AdValue data = recv_bytes(t, s, max, &a, &alen);
    if (AD_IS_NULL(data)) return AD_NULLV;
    ad_gc_push_root(t, data);
    AdValue addr = make_addr(t, &a, alen);
    if (AD_IS_NULL(addr)) return AD_NULLV;
    ad_gc_push_root(t, addr);
    AdTuple *r = ad_tuple_pack(t, 2, data, addr);
    return r ? ad_obj(r) : AD_NULLV;
}

static AdValue sock_close(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    if (!ad_args_check(t, "close", nargs, kwnames, 1, 1)) return AD_NULLV;
    AdSocket *s = self_sock(t, args[0]);
    if (!s) return AD_NULLV;
    if (s->fd >= 0) {
        int fd = s->fd;
        s->fd = -1;
        if (close(fd) != 0 && errno != ECONNRESET) return ad_err_from_errno(t, errno, NULL), AD_NULLV;
    }
    return AD_NONE;
}

static AdValue sock_detach(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    if (!ad_args_check(t, "detach", nargs, kwnames, 1, 1)) return AD_NULLV;
    AdSocket *s = self_sock(t, args[0]);
    if (!s) return AD_NULLV;
    int fd = s->fd;
    s->fd = -1;
    return ad_small_int(fd);
}

static AdValue sock_fileno(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    if (!ad_args_check(t, "fileno", nargs, kwnames, 1, 1)) return AD_NULLV;
    AdSocket *s = self_sock(t, args[0]);
    return s ? ad_small_int(s->fd) : AD_NULLV;
}

static AdValue sock_setsockopt(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    if (!ad_args_check(t, "setsockopt", nargs, kwnames, 4, 4)) return AD_NULLV;
    AdSocket *s = open_sock(t, args[0]);
    int64_t level, opt, value;
    if (!s || !int_arg(t, args[1], &level) || !int_arg(t, args[2], &opt)) return AD_NULLV;
    int r;
    if (ad_is_instance_of(t, args[3], t->vm->type_bytes)) {
        AdBytes *b = AD_AS(AdBytes, args[3]);
        r = setsockopt(s->fd, (int)level, (int)opt, b->data, (socklen_t)b->len);
    } else {
        if (!int_arg(t, args[3], &value)) return AD_NULLV;
        int v = (int)value;
        r = setsockopt(s->fd, (int)level, (int)opt, &v, sizeof v);
    }
    if (r != 0) return ad_err_from_errno(t, errno, NULL), AD_NULLV;
    return AD_NONE;
}

static AdValue sock_getsockopt(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    if (!ad_args_check(t, "getsockopt", nargs, kwnames, 3, 3)) return AD_NULLV;
    AdSocket *s = open_sock(t, args[0]);
    int64_t level, opt;
    if (!s || !int_arg(t, args[1], &level) || !int_arg(t, args[2], &opt)) return AD_NULLV;
    int v = 0;
    socklen_t len = sizeof v;
    if (getsockopt(s->fd, (int)level, (int)opt, &v, &len) != 0)
        return ad_err_from_errno(t, errno, NULL), AD_NULLV;
    return ad_small_int(v);
}

static AdValue sock_name(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames, bool peer) {
    if (!ad_args_check(t, peer ? "getpeername" : "getsockname", nargs, kwnames, 1, 1)) return AD_NULLV;
    AdSocket *s = open_sock(t, args[0]);
    if (!s) return AD_NULLV;
    SockAddr a;
    memset(&a, 0, sizeof a);
    socklen_t len = sizeof a;
    if ((peer ? getpeername(s->fd, &a.sa, &len) : getsockname(s->fd, &a.sa, &len)) != 0)
        return ad_err_from_errno(t, errno, NULL), AD_NULLV;
    return make_addr(t, &a, len);
}
static AdValue sock_getsockname(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    return sock_name(t, args, nargs, kwnames, false);
}
static AdValue sock_getpeername(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    return sock_name(t, args, nargs, kwnames, true);
}

static bool apply_timeout(AdThread *t, AdSocket *s, double timeout) {
    s->timeout = timeout;
    return s->fd < 0 || set_nonblocking(t, s->fd, timeout >= 0);
}

static AdValue sock_setblocking(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    if (!ad_args_check(t, "setblocking", nargs, kwnames, 2, 2)) return AD_NULLV;
    AdSocket *s = self_sock(t, args[0]);
    if (!s) return AD_NULLV;
    int on = ad_rt_truthy(t, args[1]);
    if (on < 0 || !apply_timeout(t, s, on ? -1 : 0)) return AD_NULLV;
    return AD_NONE;
}

static AdValue sock_getblocking(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    if (!ad_args_check(t, "getblocking", nargs, kwnames, 1, 1)) return AD_NULLV;
    AdSocket *s = self_sock(t, args[0]);
    return s ? ad_bool(s->timeout != 0) : AD_NULLV;
}

static AdValue sock_settimeout(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    if (!ad_args_check(t, "settimeout", nargs, kwnames, 2, 2)) return AD_NULLV;
    AdSocket *s = self_sock(t, args[0]);
    double timeout;
    if (!s || !timeout_arg(t, args[1], &timeout) || !apply_timeout(t, s, timeout)) return AD_NULLV;
    return AD_NONE;
}

static AdValue sock_gettimeout(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    if (!ad_args_check(t, "gettimeout", nargs, kwnames, 1, 1)) return AD_NULLV;
    AdSocket *s = self_sock(t, args[0]);
    if (!s) return AD_NULLV;
    return s->timeout < 0 ? AD_NONE : ad_float(s->timeout);
}

static AdValue sock_shutdown(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    if (!ad_args_check(t, "shutdown", nargs, kwnames, 2, 2)) return AD_NULLV;
    AdSocket *s = open_sock(t, args[0]);
    int64_t how;
    if (!s || !int_arg(t, args[1], &how)) return AD_NULLV;
    if (shutdown(s->fd, (int)how) != 0) return ad_err_from_errno(t, errno, NULL), AD_NULLV;
    return AD_NONE;
}

static AdValue sock_enter(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    if (!ad_args_check(t, "__enter__", nargs, kwnames, 1, 1)) return AD_NULLV;
    return args[0];
}

/* Closes through the (possibly overridden) close method, as CPython's socket does. */
static AdValue sock_exit(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    (void)nargs, (void)kwnames;
    AdStr *name = ad_str_from_cstr(t, "close");
    if (!name) return AD_NULLV;
    ad_gc_push_obj(t, name);
    AdValue r = ad_rt_call_method(t, args[0], name, NULL, 0, NULL);
    return AD_IS_NULL(r) ? AD_NULLV : AD_NONE;
}

#define GETTER(field)                                                                        \
    static AdValue sock_get_##field(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) { \
        (void)nargs, (void)kwnames;                                                          \
        AdSocket *s = self_sock(t, args[0]);                                                 \
        return s ? ad_small_int(s->field) : AD_NULLV;                                        \
    }
GETTER(family)
GETTER(type)
GETTER(proto)
#undef GETTER

static AdValue sock_get_timeout(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    (void)nargs, (void)kwnames;
    AdSocket *s = self_sock(t, args[0]);
    if (!s) return AD_NULLV;
    return s->timeout < 0 ? AD_NONE : ad_float(s->timeout);
}

static const AdMethodDef sock_methods[] = {
    {"__new__", sock_new, AD_METH_STATIC, NULL, NULL},
    {"__init__", sock_init, AD_METH_INSTANCE, NULL, NULL},
    {"__enter__", sock_enter, AD_METH_INSTANCE, NULL, NULL},
    {"__exit__", sock_exit, AD_METH_INSTANCE, NULL, NULL},
    {"_accept", sock_accept, AD_METH_INSTANCE, NULL, NULL},
#define M(name) {#name, sock_##name, AD_METH_INSTANCE, NULL, NULL},
    M(bind) M(listen) M(connect) M(connect_ex) M(send) M(sendall) M(sendto) M(recv) M(recvfrom)
    M(close) M(detach) M(fileno) M(setsockopt) M(getsockopt) M(getsockname) M(getpeername)
    M(setblocking) M(getblocking) M(settimeout) M(gettimeout) M(shutdown)
#undef M
    {"family", sock_get_family, AD_METH_GETSET, NULL, NULL},
    {"type", sock_get_type, AD_METH_GETSET, NULL, NULL},
    {"proto", sock_get_proto, AD_METH_GETSET, NULL, NULL},
    {"timeout", sock_get_timeout, AD_METH_GETSET, NULL, NULL},
    {NULL, NULL, 0, NULL, NULL},
};

/* ---- module functions --------------------------------------------------------------- */

static AdValue socket_gethostname(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    (void)args;
    if (!ad_args_check(t, "gethostname", nargs, kwnames, 0, 0)) return AD_NULLV;
    char buf[256];
    if (gethostname(buf, sizeof buf - 1) != 0) return ad_err_from_errno(t, errno, NULL), AD_NULLV;
    buf[sizeof buf - 1] = 0;
    AdStr *s = ad_str_from_cstr(t, buf);
    return s ? ad_obj(s) : AD_NULLV;
}

static AdValue socket_gethostbyname(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) {
    if (!ad_args_check(t, "gethostbyname", nargs, kwnames, 1, 1)) return AD_NULLV;
    AdSocket fake = {.family = AF_INET};
    SockAddr a;
    socklen_t len;
    AdTuple *pair = ad_tuple_pack(t, 2, args[0], ad_small_int(0));
    if (!pair) return AD_NULLV;
    ad_gc_push_obj(t, pair);
    if (!parse_addr(t, &fake, ad_obj(pair), "gethostbyname", &a, &len)) return AD_NULLV;
    char buf[INET_ADDRSTRLEN];
    inet_ntop(AF_INET, &a.in4.sin_addr, buf, sizeof buf);
    AdStr *s = ad_str_from_cstr(t, buf);
    return s ? ad_obj(s) : AD_NULLV;
}

static const AdMethodDef socket_functions[] = {
    {"gethostname", socket_gethostname, AD_METH_INSTANCE, NULL, NULL},
    {"gethostbyname", socket_gethostbyname, AD_METH_INSTANCE, NULL, NULL},
    {NULL, NULL, 0, NULL, NULL},
};

AD_FUNC AdModule *ad_mod_socket_init(AdThread *t);
AdModule *ad_mod_socket_init(AdThread *t) {
    AdModule *m = ad_module_new_native(t, "_socket", socket_functions);
    if (!m) return NULL;
    ad_gc_push_obj(t, m);
    AdType *type = ad_type_new_builtin(t, "socket", t->vm->type_object, sizeof(AdSocket), NULL,
                                       sock_finalize, sock_methods, AD_TPFLAG_BASETYPE);
    if (!type) return NULL;
    ad_gc_push_obj(t, type);
    type->module = ad_str_from_cstr(t, "_socket");
    if (!type->module || !ad_dict_set_cstr(t, m->dict, "socket", ad_obj(type)) ||
        !ad_dict_set_cstr(t, m->dict, "SocketType", ad_obj(type)))
        return NULL;
    static const struct { const char *name; int value; } consts[] = {
        {"AF_INET", AF_INET}, {"AF_UNIX", AF_UNIX}, {"AF_UNSPEC", AF_UNSPEC},
        {"SOCK_STREAM", SOCK_STREAM}, {"SOCK_DGRAM", SOCK_DGRAM}, {"SOCK_RAW", SOCK_RAW},
        {"SOCK_NONBLOCK", SOCK_NONBLOCK}, {"SOCK_CLOEXEC", SOCK_CLOEXEC},
        {"SOL_SOCKET", SOL_SOCKET}, {"SO_REUSEADDR", SO_REUSEADDR}, {"SO_REUSEPORT", SO_REUSEPORT},
        {"SO_KEEPALIVE", SO_KEEPALIVE}, {"SO_BROADCAST", SO_BROADCAST}, {"SO_ERROR", SO_ERROR},
        {"SO_RCVBUF", SO_RCVBUF}, {"SO_SNDBUF", SO_SNDBUF}, {"SO_TYPE", SO_TYPE},
        {"SHUT_RD", SHUT_RD}, {"SHUT_WR", SHUT_WR}, {"SHUT_RDWR", SHUT_RDWR},
        {"IPPROTO_TCP", IPPROTO_TCP}, {"IPPROTO_UDP", IPPROTO_UDP}, {"IPPROTO_IP", IPPROTO_IP},
        {"TCP_NODELAY", TCP_NODELAY}, {"SOMAXCONN", SOMAXCONN}, {"MSG_PEEK", MSG_PEEK},
        {"MSG_DONTWAIT", MSG_DONTWAIT}, {"INADDR_ANY", INADDR_ANY},
    };
    for (size_t i = 0; i < sizeof consts / sizeof consts[0]; i++)
        if (!ad_dict_set_cstr(t, m->dict, consts[i].name, ad_small_int(consts[i].value))) return NULL;
    t->nroots -= 2;
    return m;
}
