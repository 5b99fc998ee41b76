# select.poll over a loopback TCP pair: registration order, modify/unregister, the errors
# CPython raises, and POLLNVAL for a closed fd.
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


r, w = pair()
names = {r.fileno(): "r", w.fileno(): "w"}


def show(events):
    return [(names[fd], ev) for fd, ev in events]


print(select.POLLIN, select.POLLPRI, select.POLLOUT, select.POLLERR, select.POLLHUP, select.POLLNVAL)
print(select.POLLRDNORM, select.POLLRDBAND, select.POLLWRNORM, select.POLLWRBAND, select.POLLMSG)
p = select.poll()
print(type(p))
p.register(r, select.POLLIN)
p.register(w)
print(show(p.poll(0)))
w.send(b"hi")
print(show(p.poll(1000)))
p.modify(w, select.POLLIN)
print(show(p.poll(0.5)))
p.register(w, select.POLLOUT)
print(show(p.poll()))
print(show(p.poll(None)))
print(show(p.poll(-1)))
p.unregister(r)
print(show(p.poll(0)))
p.register(r, select.POLLIN | select.POLLPRI)
print(show(p.poll(0)))
p.unregister(r)
try:
    p.unregister(r)
except KeyError as x:
    print(type(x).__name__, x.args == (r.fileno(),))
try:
    p.modify(r, 1)
except FileNotFoundError as x:
    print(repr(x))
for bad in (-1, 70000, "x"):
    try:
        p.register(w, bad)
    except Exception as x:
        print(repr(x))
try:
    p.register("x")
except TypeError as x:
    print(x)
try:
    p.register(-1)
except ValueError as x:
    print(x)
try:
    p.poll("x")
except TypeError as x:
    print(x)
p.register(r, select.POLLIN)
wfd = w.fileno()
w.close()
print(show(p.poll(0)))
print(r.recv(10), r.recv(10))
r.close()
q = select.poll()
print(q.poll(0), q.poll(1))
