# A signal during epoll.poll / poll.poll runs its handler and the wait goes on for the time
# left; a handler that raises ends the wait with its exception. Waiting in a thread lets the
# main thread run (the GIL is released).
import os
import select
import signal
import socket
import threading
import time


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
e = select.epoll()
e.register(a, select.EPOLLIN)
p = select.poll()
p.register(a, select.POLLIN)

res = []


def waiter():
    res.append(("epoll", [ev for fd, ev in e.poll(10)]))
    res.append(("poll", [ev for fd, ev in p.poll(10000)]))


th = threading.Thread(target=waiter)
th.start()
time.sleep(0.1)
b.send(b"x")
th.join()
print(res)
print(a.recv(1))

hits = []
signal.signal(signal.SIGINT, lambda *args: hits.append(1))


def later():
    time.sleep(0.05)
    os.kill(os.getpid(), signal.SIGINT)


threading.Thread(target=later).start()
t0 = time.monotonic()
print(e.poll(1), time.monotonic() - t0 >= 0.99, hits)
threading.Thread(target=later).start()
t0 = time.monotonic()
print(p.poll(1000), time.monotonic() - t0 >= 0.99, hits)
signal.signal(signal.SIGINT, signal.default_int_handler)
threading.Thread(target=later).start()
try:
    e.poll(30)
except KeyboardInterrupt:
    print("KeyboardInterrupt in epoll.poll")
threading.Thread(target=later).start()
try:
    p.poll(30000)
except KeyboardInterrupt:
    print("KeyboardInterrupt in poll.poll")
e.close()
a.close()
b.close()
