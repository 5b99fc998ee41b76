# An echo server and its client in one script, over asyncio streams on 127.0.0.1.
import asyncio

log = []


async def handle(reader, writer):
    peer = writer.get_extra_info('peername')
    log.append(('peer is loopback', peer[0] == '127.0.0.1'))
    while True:
        line = await reader.readline()
        if not line:
            break
        if line == b'quit\n':
            writer.write(b'bye\n')
            await writer.drain()
            break
        writer.write(line.upper())
        await writer.drain()
    writer.close()
    await writer.wait_closed()
    log.append('handler done')


async def main():
    server = await asyncio.start_server(handle, '127.0.0.1', 0)
    print(type(server).__name__, server.is_serving(), len(server.sockets))
    port = server.sockets[0].getsockname()[1]
    print('port is an int:', isinstance(port, int) and port > 0)
    async with server:
        reader, writer = await asyncio.open_connection('127.0.0.1', port)
        print(writer.get_extra_info('peername') == ('127.0.0.1', port))
        print(writer.is_closing(), reader.at_eof())
        writer.write(b'hello\n')
        writer.writelines([b'wor', b'ld\n', b'split '])
        await writer.drain()
        print(await reader.readline())
        print(await reader.readexactly(3))
        print(await reader.readuntil(b'\n'))
        writer.write(b'line\nmore\n')
        print(await reader.read(5))
        print(await reader.readline())
        writer.write(b'abc\n')
        print(await reader.readuntil(b'C'))
        print(await reader.read(100))
        writer.write(b'quit\n')
        await writer.drain()
        print(await reader.readline())
        try:
            await reader.readexactly(10)
        except asyncio.IncompleteReadError as e:
            print('IncompleteReadError', e.partial, e.expected, e)
            print(isinstance(e, EOFError))
        print(await reader.read(10), reader.at_eof())
        print(await reader.readline())
        writer.close()
        print(writer.is_closing())
        await writer.wait_closed()
        await asyncio.sleep(0.01)
    print(server.is_serving(), server.sockets)
    for item in log:
        print(item)


asyncio.run(main())
