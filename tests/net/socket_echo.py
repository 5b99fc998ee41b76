# A TCP echo server on 127.0.0.1 (ephemeral port) served with select(), and a client thread.
import select
import socket
import threading

srv = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
srv.bind(("127.0.0.1", 0))
srv.listen(5)
srv.settimeout(2.0)
host, port = srv.getsockname()
print(host, port > 0, srv.gettimeout(), srv.family == socket.AF_INET, srv.type == socket.SOCK_STREAM)

messages = [b"hello", b"adder sockets", b"bye"]
replies = []


def client():
    with socket.create_connection(("127.0.0.1", port), timeout=2.0) as c:
        c.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        for m in messages:
            c.sendall(m)
            got = b""
            while len(got) < len(m):
                got += c.recv(1024)
            replies.append(got)
        c.shutdown(socket.SHUT_WR)
        replies.append(c.recv(16))


th = threading.Thread(target=client)
th.start()
conn, addr = srv.accept()
print("peer", addr[0], conn.gettimeout())
conn.settimeout(2.0)
served = 0
while True:
    r, w, x = select.select([conn], [], [], 2.0)
    if not r:
        print("select timed out")
        break
    data = conn.recv(1024)
    if not data:
        print("client closed")
        break
    served += 1
    conn.sendall(data.upper())
conn.close()
th.join()
print("served", served)
print(replies)
print(conn.fileno(), "[closed]" in repr(conn))

# A timeout on an idle socket.
c2 = socket.socket()
c2.connect(("localhost", port))
a2, _ = srv.accept()
a2.settimeout(0.05)
try:
    a2.recv(10)
except TimeoutError as e:
    print("TimeoutError", e)
print(select.select([a2], [c2], [], 0)[1] == [c2])
a2.close()
c2.close()
srv.close()

# Connecting to a closed port fails with ConnectionRefusedError.
c3 = socket.socket()
try:
    c3.connect(("127.0.0.1", port))
except ConnectionRefusedError as e:
    print("refused", e.errno > 0)
finally:
    c3.close()
print(isinstance(socket.socket(), socket.SocketType))
