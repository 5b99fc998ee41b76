# select.epoll over a loopback TCP pair: register/modify/unregister, poll results, the
# errors CPython raises (existing/unknown fds, closed objects, bad arguments) and close().
import select
import socket


def pair():
    l = socket.socket()
    l.bind(("127.0.0.1", 0))
    l.listen(1)
    c = socket.socket()
    c.connect(l.getsockname())
    s, _ = l.accept()
    l.close()
    return c, s


a, b = pair()
names = {a.fileno(): "a", b.fileno(): "b"}


def show(events):
    return sorted((names[fd], ev) for fd, ev in events)


print(select.EPOLLIN, select.EPOLLOUT, select.EPOLLPRI, select.EPOLLERR, select.EPOLLHUP)
print(select.EPOLLET, select.EPOLLONESHOT, select.EPOLLEXCLUSIVE, select.EPOLLRDHUP)
print(select.EPOLLRDNORM, select.EPOLLRDBAND, select.EPOLLWRNORM, select.EPOLLWRBAND, select.EPOLLMSG)
print(select.EPOLL_CLOEXEC)
e = select.epoll()
print(type(e), e.closed, isinstance(e.fileno(), int))
e.register(a, select.EPOLLIN)
e.register(b.fileno(), select.EPOLLOUT)
try:
    e.register(a)
except FileExistsError as x:
    print(repr(x), x)
print(show(e.poll(0)))
b.send(b"x")
print(show(e.poll(1)))
e.modify(b, select.EPOLLIN)
print(show(e.poll(0.01, 5)))
print(show(e.poll(timeout=0, maxevents=1)))
print(a.recv(10))
print(show(e.poll(timeout=None if False else 0)))
e.unregister(a)
try:
    e.unregister(a)
except FileNotFoundError as x:
    print(repr(x))
try:
    e.modify(a, 1)
except FileNotFoundError as x:
    print(repr(x))
for bad in (0, -2):
    try:
        e.poll(1, bad)
    except ValueError as x:
        print(x)
try:
    e.register("x")
except TypeError as x:
    print(x)
try:
    e.register(-1)
except ValueError as x:
    print(x)
try:
    e.poll("x")
except TypeError as x:
    print(x)
# a hang-up: the peer closes
e.register(a, select.EPOLLIN | select.EPOLLRDHUP)
b.close()
print(show(e.poll(1)))
print(a.recv(10))

g = select.epoll()
f = select.epoll.fromfd(g.fileno())
print(type(f).__name__, f.fileno() == g.fileno())
f.close()
print(f.closed)
g.close()
print(g.closed)
e.close()
e.close()
print(e.closed)
for m in ("fileno", "__enter__", "poll"):
    try:
        getattr(e, m)()
    except ValueError as x:
        print(m, x)
for m in ("register", "unregister"):
    try:
        getattr(e, m)(a)
    except ValueError as x:
        print(m, x)
with select.epoll() as h:
    print(h.closed)
print(h.closed)
try:
    select.epoll(flags=5)
except OSError as x:
    print(repr(x))
for bad in (0, -3):
    try:
        select.epoll(bad)
    except ValueError as x:
        print(x)
select.epoll(10, select.EPOLL_CLOEXEC).close()
select.epoll(sizehint=-1, flags=0).close()
a.close()
