# selectors over listening sockets, select() with plain fds, and a UDP round trip.
import selectors
import select
import socket

sel = selectors.DefaultSelector()
srv = socket.socket()
srv.bind(("127.0.0.1", 0))
srv.listen()
key = sel.register(srv, selectors.EVENT_READ, data="listener")
print(key.events, key.data, key.fd == srv.fileno())
print(sel.select(timeout=0))
cli = socket.socket()
cli.settimeout(1.0)
cli.connect(srv.getsockname())
ready = sel.select(timeout=1)
for k, ev in ready:
    conn, addr = k.fileobj.accept()
    print("accepted", k.data, ev, addr[0])
    conn.close()
sel.unregister(srv)
print(len(sel.get_map()))
cli.close()
srv.close()

u1 = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
u2 = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
u1.bind(("127.0.0.1", 0))
u2.settimeout(1.0)
u2.sendto(b"ping", u1.getsockname())
r, _, _ = select.select([u1.fileno()], [], [], 1.0)
print(r == [u1.fileno()])
data, addr = u1.recvfrom(100)
print(data, addr[1] == u2.getsockname()[1])
u1.close()
u2.close()
try:
    select.select([], [], [], -1)
except ValueError as e:
    print("ValueError", e)
try:
    u1.recv(1)
except OSError as e:
    print(type(e).__name__, e.errno)
