# selectors.PollSelector, EpollSelector and SelectSelector driven through the same
# scenario over loopback TCP pairs: keys, get_map, modify, readiness, close.
import selectors
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


print(selectors.DefaultSelector is selectors.EpollSelector)
print(issubclass(selectors.EpollSelector, selectors.BaseSelector))


def run(cls):
    print("--", cls.__name__)
    a, b = pair()
    names = {a.fileno(): "a", b.fileno(): "b"}

    def show(ready):
        return sorted((names[k.fd], k.data, ev) for k, ev in ready)

    with cls() as sel:
        ka = sel.register(a, selectors.EVENT_READ, "A")
        print(type(ka).__name__, ka.fileobj is a, ka.fd == a.fileno(), ka.events, ka.data)
        kb = sel.register(b, selectors.EVENT_READ | selectors.EVENT_WRITE, "B")
        print(len(sel.get_map()), sel.get_map()[a] is ka, sel.get_key(b) is kb, a in sel.get_map())
        try:
            sel.register(a, selectors.EVENT_READ)
        except KeyError:
            print("KeyError already registered")
        for bad in (0, 4):
            try:
                sel.register(socket.socket(), bad)
            except ValueError as x:
                print(x)
        print(show(sel.select(0)))
        b.send(b"ping")
        print(show(sel.select(1)))
        print(a.recv(10))
        k = sel.modify(b, selectors.EVENT_READ, "B2")
        print(k.events, k.data, sel.get_key(b).data)
        k = sel.modify(b, selectors.EVENT_READ, "B3")
        print(k.events, k.data)
        print(show(sel.select(0)))
        print(show(sel.select(0.01)))
        a.send(b"pong")
        print(show(sel.select()))
        print(b.recv(10))
        sel.unregister(b)
        try:
            sel.unregister(b)
        except KeyError:
            print("KeyError not registered")
        try:
            sel.get_key(b)
        except KeyError:
            print("KeyError get_key")
        b.close()
        print(show(sel.select(1)))
        print(a.recv(10))
        sel.unregister(a)
        print(sel.select(0), len(sel.get_map()))
        if hasattr(sel, "fileno"):
            print("fileno", isinstance(sel.fileno(), int))
    print(sel.get_map())
    a.close()


for cls in (selectors.SelectSelector, selectors.PollSelector, selectors.EpollSelector):
    run(cls)
