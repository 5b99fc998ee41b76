# Low-level loop socket operations (sock_accept/recv/sendall/connect, add_reader)
# and a stream server run by serve_forever() with several concurrent clients.
import asyncio
import socket


async def sock_ops():
    loop = asyncio.get_running_loop()
    lsock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    lsock.bind(('127.0.0.1', 0))
    lsock.listen(5)
    lsock.setblocking(False)
    addr = lsock.getsockname()
    csock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    csock.setblocking(False)
    accept_task = asyncio.create_task(loop.sock_accept(lsock))
    await loop.sock_connect(csock, addr)
    conn, peer = await accept_task
    print('accepted', peer == csock.getsockname(), conn.gettimeout())
    recv_task = asyncio.create_task(loop.sock_recv(conn, 100))
    await asyncio.sleep(0)
    print('recv pending', not recv_task.done())
    await loop.sock_sendall(csock, b'ping')
    print(await recv_task)
    big = b'x' * 300000
    send_task = asyncio.create_task(loop.sock_sendall(conn, big))
    got = 0
    while got < len(big):
        data = await loop.sock_recv(csock, 65536)
        got += len(data)
    await send_task
    print('big transfer', got)

    readable = loop.create_future()
    loop.add_reader(conn.fileno(), lambda: readable.done() or readable.set_result('readable'))
    await loop.sock_sendall(csock, b'!')
    print(await readable)
    print(loop.remove_reader(conn.fileno()), loop.remove_reader(conn.fileno()))
    print(await loop.sock_recv(conn, 10))
    writable = loop.create_future()
    loop.add_writer(csock, lambda: writable.done() or writable.set_result('writable'))
    print(await writable)
    print(loop.remove_writer(csock))
    csock.close()
    print(await loop.sock_recv(conn, 10))
    conn.close()

    bad = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    bad.setblocking(False)
    try:
        await loop.sock_connect(bad, addr)  # still listening: fine
        print('connected again')
    finally:
        bad.close()
    lsock.close()
    try:
        await asyncio.open_connection('127.0.0.1', addr[1])
    except ConnectionRefusedError:
        print('ConnectionRefusedError')


async def client(port, name):
    reader, writer = await asyncio.open_connection('127.0.0.1', port)
    for i in range(3):
        writer.write(('%s-%d\n' % (name, i)).encode())
        await writer.drain()
        reply = await reader.readline()
        assert reply == ('%s-%d!\n' % (name, i)).encode(), reply
    writer.write_eof()
    rest = await reader.read()
    writer.close()
    await writer.wait_closed()
    return name, rest


async def serve():
    served = []

    async def handle(reader, writer):
        count = 0
        async for line in reader:
            writer.write(line[:-1] + b'!\n')
            count += 1
        writer.write(b'lines=%d' % count)
        await writer.drain()
        writer.close()
        served.append(count)

    server = await asyncio.start_server(handle, '127.0.0.1', 0)
    port = server.sockets[0].getsockname()[1]
    forever = asyncio.create_task(server.serve_forever())
    results = await asyncio.gather(*[client(port, n) for n in 'abcd'])
    print(results)
    print(sorted(served))
    forever.cancel()
    try:
        await forever
    except asyncio.CancelledError:
        print('serve_forever cancelled')
    print(server.is_serving())
    await server.wait_closed()


async def main():
    await sock_ops()
    await serve()


asyncio.run(main())
