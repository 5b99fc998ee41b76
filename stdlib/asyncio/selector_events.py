"""SelectorEventLoop: the event loop that waits for socket readiness in a
selectors.DefaultSelector, plus the socket transport and Server it uses for
streams (modeled on CPython 3.11's selector_events and base_events)."""

import selectors
import socket

from . import events
from .events import BaseEventLoop, Handle
from .exceptions import CancelledError

__all__ = ('SelectorEventLoop', 'Server')

# Linux errno values (there is no errno module).
_EINPROGRESS = 115
_EMFILE = 24
_ENFILE = 23
_ENOBUFS = 105
_ENOMEM = 12

# Without a self-pipe, call_soon_threadsafe() from another thread cannot wake
# a selector blocked forever, so an indefinite wait is cut into slices.
_MAX_WAIT = 0.1


class SelectorEventLoop(BaseEventLoop):

    def __init__(self, selector=None):
        super().__init__()
        if selector is None:
            selector = selectors.DefaultSelector()
        self._selector = selector

    def close(self):
        if self._running:
            raise RuntimeError('Cannot close a running event loop')
        if self._closed:
            return
        super().close()
        if self._selector is not None:
            self._selector.close()
            self._selector = None

    def _select(self, timeout):
        if timeout is None or timeout > _MAX_WAIT:
            timeout = _MAX_WAIT
        for key, mask in self._selector.select(timeout):
            reader, writer = key.data
            if mask & selectors.EVENT_READ and reader is not None:
                if reader._cancelled:
                    self._remove_reader(key.fd)
                else:
                    self._ready.append(reader)
            if mask & selectors.EVENT_WRITE and writer is not None:
                if writer._cancelled:
                    self._remove_writer(key.fd)
                else:
                    self._ready.append(writer)

    # ---- readiness callbacks --------------------------------------------

    # A registered fd's data is the pair (reader handle, writer handle); `which` picks one
    # (0 with EVENT_READ, 1 with EVENT_WRITE).

    def _add_callback(self, fd, event, which, callback, args):
        self._check_closed()
        handle = Handle(callback, args, self)
        try:
            key = self._selector.get_key(fd)
        except KeyError:
            pair = [None, None]
            pair[which] = handle
            self._selector.register(fd, event, tuple(pair))
        else:
            pair = list(key.data)
            old = pair[which]
            pair[which] = handle
            self._selector.modify(fd, key.events | event, tuple(pair))
            if old is not None:
                old.cancel()
        return handle

    def _remove_callback(self, fd, event, which):
        if self._closed:
            return False
        try:
            key = self._selector.get_key(fd)
        except KeyError:
            return False
        pair = list(key.data)
        old = pair[which]
        pair[which] = None
        mask = key.events & ~event
        if not mask:
            self._selector.unregister(fd)
        else:
            self._selector.modify(fd, mask, tuple(pair))
        if old is not None:
            old.cancel()
            return True
        return False

    def _add_reader(self, fd, callback, *args):
        return self._add_callback(fd, selectors.EVENT_READ, 0, callback, args)

    def _remove_reader(self, fd):
        return self._remove_callback(fd, selectors.EVENT_READ, 0)

    def _add_writer(self, fd, callback, *args):
        return self._add_callback(fd, selectors.EVENT_WRITE, 1, callback, args)

    def _remove_writer(self, fd):
        return self._remove_callback(fd, selectors.EVENT_WRITE, 1)

    def add_reader(self, fd, callback, *args):
        self._add_reader(_fileno(fd), callback, *args)

    def remove_reader(self, fd):
        return self._remove_reader(_fileno(fd))

    def add_writer(self, fd, callback, *args):
        self._add_writer(_fileno(fd), callback, *args)

    def remove_writer(self, fd):
        return self._remove_writer(_fileno(fd))

    # ---- socket operations on non-blocking sockets ----------------------

    def _check_sock(self, sock):
        if sock.gettimeout() != 0:
            raise ValueError('the socket must be non-blocking')

    async def sock_recv(self, sock, n):
        self._check_sock(sock)
        try:
            return sock.recv(n)
        except (BlockingIOError, InterruptedError):
            pass
        fut = self.create_future()
        fd = sock.fileno()
        self._add_reader(fd, self._sock_recv, fut, sock, n)
        fut.add_done_callback(_Unregister(self, fd, False))
        return await fut

    def _sock_recv(self, fut, sock, n):
        if fut.done():
            return
        try:
            data = sock.recv(n)
        except (BlockingIOError, InterruptedError):
            return
        except BaseException as exc:
            fut.set_exception(exc)
        else:
            fut.set_result(data)

    async def sock_sendall(self, sock, data):
        self._check_sock(sock)
        data = bytes(data)
        try:
            n = sock.send(data)
        except (BlockingIOError, InterruptedError):
            n = 0
        if n == len(data):
            return
        fut = self.create_future()
        fd = sock.fileno()
        self._add_writer(fd, self._sock_sendall, fut, sock, [data[n:]])
        fut.add_done_callback(_Unregister(self, fd, True))
        return await fut

    def _sock_sendall(self, fut, sock, pending):
        if fut.done():
            return
        try:
            n = sock.send(pending[0])
        except (BlockingIOError, InterruptedError):
            return
        except BaseException as exc:
            fut.set_exception(exc)
            return
        pending[0] = pending[0][n:]
        if not pending[0]:
            fut.set_result(None)

    async def sock_connect(self, sock, address):
        self._check_sock(sock)
        try:
            sock.connect(address)
            return
        except (BlockingIOError, InterruptedError):
            pass
        fut = self.create_future()
        fd = sock.fileno()
        self._add_writer(fd, self._sock_connect_cb, fut, sock, address)
        fut.add_done_callback(_Unregister(self, fd, True))
        return await fut

    def _sock_connect_cb(self, fut, sock, address):
        if fut.done():
            return
        try:
            err = sock.getsockopt(socket.SOL_SOCKET, socket.SO_ERROR)
            if err != 0:
                raise OSError(err, 'Connect call failed %s' % (address,))
        except (BlockingIOError, InterruptedError):
            pass
        except BaseException as exc:
            fut.set_exception(exc)
        else:
            fut.set_result(None)

    async def sock_accept(self, sock):
        self._check_sock(sock)
        fut = self.create_future()
        self._sock_accept(fut, sock)
        if not fut.done():
            fd = sock.fileno()
            self._add_reader(fd, self._sock_accept, fut, sock)
            fut.add_done_callback(_Unregister(self, fd, False))
        return await fut

    def _sock_accept(self, fut, sock):
        if fut.done():
            return
        try:
            conn, address = sock.accept()
            conn.setblocking(False)
        except (BlockingIOError, InterruptedError):
            return
        except BaseException as exc:
            fut.set_exception(exc)
        else:
            fut.set_result((conn, address))

    # ---- connections and servers -----------------------------------------

    async def create_connection(self, protocol_factory, host=None, port=None,
                                *, sock=None, local_addr=None, **kwargs):
        if sock is None:
            if host is None or port is None:
                raise ValueError(
                    'host and port was not specified and no sock specified')
            sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            try:
                sock.setblocking(False)
                if local_addr is not None:
                    sock.bind(local_addr)
                await self.sock_connect(sock, (host, port))
            except BaseException:
                sock.close()
                raise
        else:
            sock.setblocking(False)
        protocol = protocol_factory()
        waiter = self.create_future()
        transport = _SelectorSocketTransport(self, sock, protocol, waiter)
        try:
            await waiter
        except BaseException:
            transport.close()
            raise
        return transport, protocol

    async def create_server(self, protocol_factory, host=None, port=None, *,
                            family=socket.AF_INET, sock=None, backlog=100,
                            reuse_address=None, reuse_port=None,
                            start_serving=True, **kwargs):
        if sock is None:
            if host is None or host == '':
                host = '0.0.0.0'
            elif not isinstance(host, str):
                host = host[0]
            sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            try:
                if reuse_address is None or reuse_address:
                    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
                if reuse_port:
                    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
                sock.bind((host, port or 0))
            except BaseException:
                sock.close()
                raise
        sock.setblocking(False)
        server = Server(self, [sock], protocol_factory, backlog)
        if start_serving:
            server._start_serving()
            await events_sleep0()
        return server

    def _start_serving(self, protocol_factory, sock, server, backlog):
        self._add_reader(sock.fileno(), self._accept_connection,
                         protocol_factory, sock, server, backlog)

    def _stop_serving(self, sock):
        self._remove_reader(sock.fileno())
        sock.close()

    def _accept_connection(self, protocol_factory, sock, server, backlog):
        for _ in range(backlog):
            try:
                conn, addr = sock.accept()
                conn.setblocking(False)
            except (BlockingIOError, InterruptedError, ConnectionAbortedError):
                return
            except OSError as exc:
                if exc.errno in (_EMFILE, _ENFILE, _ENOBUFS, _ENOMEM):
                    self.call_exception_handler({
                        'message': 'socket.accept() out of system resource',
                        'exception': exc,
                    })
                    self._remove_reader(sock.fileno())
                    self.call_later(1.0, self._start_serving,
                                    protocol_factory, sock, server, backlog)
                    return
                raise
            try:
                protocol = protocol_factory()
            except BaseException as exc:
                conn.close()
                self.call_exception_handler({
                    'message': 'Error on transport creation for incoming connection',
                    'exception': exc,
                })
                continue
            _SelectorSocketTransport(self, conn, protocol, None,
                                     extra={'peername': addr}, server=server)


async def events_sleep0():
    from .tasks import sleep
    await sleep(0)


def _fileno(fileobj):
    if isinstance(fileobj, int):
        return fileobj
    return int(fileobj.fileno())


class _Unregister:
    """Done callback of a sock_* future: drops its readiness callback."""
    __slots__ = ('_loop', '_fd', '_write')

    def __init__(self, loop, fd, write):
        self._loop = loop
        self._fd = fd
        self._write = write

    def __call__(self, fut):
        if self._write:
            self._loop._remove_writer(self._fd)
        else:
            self._loop._remove_reader(self._fd)


class _SelectorSocketTransport:
    """A connected non-blocking stream socket driven by the loop's selector:
    reads feed protocol.data_received, writes are buffered until writable."""

    max_size = 256 * 1024

    def __init__(self, loop, sock, protocol, waiter=None, extra=None, server=None):
        self._loop = loop
        self._sock = sock
        self._sock_fd = sock.fileno()
        self._protocol = protocol
        self._server = server
        self._buffer = bytearray()
        self._conn_lost = 0
        self._closing = False
        self._eof = False
        self._paused = False
        self._protocol_paused = False
        self._high_water = 64 * 1024
        self._low_water = 16 * 1024
        self._extra = dict(extra) if extra else {}
        self._extra['socket'] = sock
        try:
            self._extra['sockname'] = sock.getsockname()
        except OSError:
            self._extra['sockname'] = None
        if 'peername' not in self._extra:
            try:
                self._extra['peername'] = sock.getpeername()
            except OSError:
                self._extra['peername'] = None
        if server is not None:
            server._attach()
        loop.call_soon(protocol.connection_made, self)
        loop.call_soon(self._add_reader, self._sock_fd, self._read_ready)
        if waiter is not None:
            loop.call_soon(_set_result_unless_cancelled, waiter, None)

    def __repr__(self):
        return '<_SelectorSocketTransport fd=%s>' % (self._sock_fd,)

    def get_extra_info(self, name, default=None):
        return self._extra.get(name, default)

    def get_protocol(self):
        return self._protocol

    def set_protocol(self, protocol):
        self._protocol = protocol

    def is_closing(self):
        return self._closing

    def is_reading(self):
        return not self._paused and not self._closing

    def _add_reader(self, fd, callback, *args):
        if not self.is_reading():
            return
        self._loop._add_reader(fd, callback, *args)

    def pause_reading(self):
        if not self.is_reading():
            return
        self._paused = True
        self._loop._remove_reader(self._sock_fd)

    def resume_reading(self):
        if self._closing or not self._paused:
            return
        self._paused = False
        self._add_reader(self._sock_fd, self._read_ready)

    def _read_ready(self):
        if self._conn_lost:
            return
        try:
            data = self._sock.recv(self.max_size)
        except (BlockingIOError, InterruptedError):
            return
        except BaseException as exc:
            self._fatal_error(exc, 'Fatal read error on socket transport')
            return
        if not data:
            self._read_ready_on_eof()
            return
        try:
            self._protocol.data_received(data)
        except BaseException as exc:
            self._fatal_error(exc, 'Fatal error: protocol.data_received() call failed.')

    def _read_ready_on_eof(self):
        try:
            keep_open = self._protocol.eof_received()
        except BaseException as exc:
            self._fatal_error(exc, 'Fatal error: protocol.eof_received() call failed.')
            return
        if keep_open:
            self._loop._remove_reader(self._sock_fd)
        else:
            self.close()

    def write(self, data):
        if not isinstance(data, (bytes, bytearray)):
            raise TypeError('data argument must be a bytes-like object, '
                            'not %r' % type(data).__name__)
        if self._eof:
            raise RuntimeError('Cannot call write() after write_eof()')
        if not data:
            return
        if self._conn_lost:
            self._conn_lost += 1
            return
        if not self._buffer:
            try:
                n = self._sock.send(data)
            except (BlockingIOError, InterruptedError):
                n = 0
            except BaseException as exc:
                self._fatal_error(exc, 'Fatal write error on socket transport')
                return
            data = data[n:]
            if not data:
                return
            self._loop._add_writer(self._sock_fd, self._write_ready)
        self._buffer.extend(data)
        self._maybe_pause_protocol()

    def writelines(self, list_of_data):
        self.write(b''.join(list_of_data))

    def _write_ready(self):
        if self._conn_lost:
            return
        try:
            n = self._sock.send(bytes(self._buffer))
        except (BlockingIOError, InterruptedError):
            return
        except BaseException as exc:
            self._loop._remove_writer(self._sock_fd)
            self._buffer.clear()
            self._fatal_error(exc, 'Fatal write error on socket transport')
            return
        if n:
            del self._buffer[:n]
        self._maybe_resume_protocol()
        if not self._buffer:
            self._loop._remove_writer(self._sock_fd)
            if self._closing:
                self._call_connection_lost(None)
            elif self._eof:
                self._sock.shutdown(socket.SHUT_WR)

    def write_eof(self):
        if self._closing or self._eof:
            return
        self._eof = True
        if not self._buffer:
            self._sock.shutdown(socket.SHUT_WR)

    def can_write_eof(self):
        return True

    def get_write_buffer_size(self):
        return len(self._buffer)

    def get_write_buffer_limits(self):
        return (self._low_water, self._high_water)

    def set_write_buffer_limits(self, high=None, low=None):
        if high is None:
            high = 64 * 1024 if low is None else 4 * low
        if low is None:
            low = high // 4
        if not high >= low >= 0:
            raise ValueError('high (%r) must be >= low (%r) must be >= 0' % (high, low))
        self._high_water = high
        self._low_water = low
        self._maybe_pause_protocol()

    def _maybe_pause_protocol(self):
        if len(self._buffer) <= self._high_water or self._protocol_paused:
            return
        self._protocol_paused = True
        try:
            self._protocol.pause_writing()
        except BaseException as exc:
            self._loop.call_exception_handler({
                'message': 'protocol.pause_writing() failed', 'exception': exc})

    def _maybe_resume_protocol(self):
        if self._protocol_paused and len(self._buffer) <= self._low_water:
            self._protocol_paused = False
            try:
                self._protocol.resume_writing()
            except BaseException as exc:
                self._loop.call_exception_handler({
                    'message': 'protocol.resume_writing() failed', 'exception': exc})

    def close(self):
        if self._closing:
            return
        self._closing = True
        self._loop._remove_reader(self._sock_fd)
        if not self._buffer:
            self._conn_lost += 1
            self._loop._remove_writer(self._sock_fd)
            self._loop.call_soon(self._call_connection_lost, None)

    def abort(self):
        self._force_close(None)

    def _fatal_error(self, exc, message):
        if not isinstance(exc, OSError):
            self._loop.call_exception_handler({
                'message': message, 'exception': exc, 'transport': self,
                'protocol': self._protocol})
        self._force_close(exc)

    def _force_close(self, exc):
        if self._conn_lost:
            return
        if self._buffer:
            self._buffer.clear()
            self._loop._remove_writer(self._sock_fd)
        if not self._closing:
            self._closing = True
            self._loop._remove_reader(self._sock_fd)
        self._conn_lost += 1
        self._loop.call_soon(self._call_connection_lost, exc)

    def _call_connection_lost(self, exc):
        try:
            self._protocol.connection_lost(exc)
        finally:
            self._sock.close()
            self._sock = None
            self._protocol = None
            self._loop = None
            server = self._server
            if server is not None:
                server._detach()
                self._server = None


def _set_result_unless_cancelled(fut, result):
    if not fut.cancelled():
        fut.set_result(result)


class Server:
    """A listening server made by loop.create_server() / start_server()."""

    def __init__(self, loop, sockets, protocol_factory, backlog):
        self._loop = loop
        self._sockets = sockets
        self._active_count = 0
        self._waiters = []
        self._protocol_factory = protocol_factory
        self._backlog = backlog
        self._serving = False
        self._serving_forever_fut = None

    def __repr__(self):
        return '<%s sockets=%r>' % (self.__class__.__name__, self.sockets)

    def _attach(self):
        self._active_count += 1

    def _detach(self):
        self._active_count -= 1
        if self._active_count == 0 and self._sockets is None:
            self._wakeup()

    def _wakeup(self):
        waiters = self._waiters
        self._waiters = None
        for waiter in waiters:
            if not waiter.done():
                waiter.set_result(waiter)

    def _start_serving(self):
        if self._serving:
            return
        self._serving = True
        for sock in self._sockets:
            sock.listen(self._backlog)
            self._loop._start_serving(self._protocol_factory, sock, self,
                                      self._backlog)

    def get_loop(self):
        return self._loop

    def is_serving(self):
        return self._serving

    @property
    def sockets(self):
        if self._sockets is None:
            return ()
        return tuple(self._sockets)

    def close(self):
        sockets = self._sockets
        if sockets is None:
            return
        self._sockets = None
        for sock in sockets:
            self._loop._stop_serving(sock)
        self._serving = False
        if (self._serving_forever_fut is not None and
                not self._serving_forever_fut.done()):
            self._serving_forever_fut.cancel()
            self._serving_forever_fut = None
        if self._active_count == 0:
            self._wakeup()

    async def start_serving(self):
        self._start_serving()
        await events_sleep0()

    async def serve_forever(self):
        if self._serving_forever_fut is not None:
            raise RuntimeError(
                'server %r is already being awaited on serve_forever()' % (self,))
        if self._sockets is None:
            raise RuntimeError('server %r is closed' % (self,))
        self._start_serving()
        self._serving_forever_fut = self._loop.create_future()
        try:
            await self._serving_forever_fut
        except CancelledError:
            try:
                self.close()
                await self.wait_closed()
            finally:
                raise
        finally:
            self._serving_forever_fut = None

    async def wait_closed(self):
        # As in CPython 3.11: returns at once once close() has run.
        if self._sockets is None or self._waiters is None:
            return
        waiter = self._loop.create_future()
        self._waiters.append(waiter)
        await waiter

    async def __aenter__(self):
        return self

    async def __aexit__(self, *exc):
        self.close()
        await self.wait_closed()
