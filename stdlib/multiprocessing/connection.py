"""multiprocessing.connection - Connection objects over OS pipes, and Pipe().

A message on the wire is an 8-byte big-endian length followed by that many bytes; send()
and recv() carry pickles in that frame. A Connection owns one fd to read from and/or one
to write to (a duplex Pipe() is two OS pipes, one each way).
"""

import os
import select
import pickle

__all__ = ['Connection', 'Pipe', 'wait']

_HEADER = 8


def _write_all(fd, data):
    view = data
    while view:
        n = os.write(fd, view)
        view = view[n:]


def _read_exact(fd, n):
    """n bytes from fd; None on EOF before the first byte, EOFError on a torn message."""
    chunks = []
    left = n
    while left:
        chunk = os.read(fd, left)
        if not chunk:
            if left == n:
                return None
            raise EOFError("connection closed in the middle of a message")
        chunks.append(chunk)
        left -= len(chunk)
    return b''.join(chunks)


def _send_frame(fd, payload):
    _write_all(fd, len(payload).to_bytes(_HEADER, 'big') + payload)


def _recv_frame(fd):
    header = _read_exact(fd, _HEADER)
    if header is None:
        raise EOFError
    return _read_exact(fd, int.from_bytes(header, 'big')) or b''


def _readable(fd, timeout):
    r, _, _ = select.select([fd], [], [], timeout)
    return bool(r)


class Connection:

    def __init__(self, rfd=None, wfd=None):
        self._rfd = rfd
        self._wfd = wfd
        self._closed = False

    @property
    def readable(self):
        return self._rfd is not None

    @property
    def writable(self):
        return self._wfd is not None

    @property
    def closed(self):
        return self._closed

    def _check_closed(self):
        if self._closed:
            raise OSError("handle is closed")

    def _check_readable(self):
        self._check_closed()
        if self._rfd is None:
            raise OSError("connection is write-only")

    def _check_writable(self):
        self._check_closed()
        if self._wfd is None:
            raise OSError("connection is read-only")

    def fileno(self):
        self._check_closed()
        return self._rfd if self._rfd is not None else self._wfd

    def close(self):
        if not self._closed:
            self._closed = True
            for fd in {self._rfd, self._wfd}:
                if fd is not None:
                    os.close(fd)

    def send_bytes(self, buf, offset=0, size=None):
        self._check_writable()
        data = bytes(buf)
        if offset < 0 or offset > len(data):
            raise ValueError("offset is out of bounds")
        if size is None:
            size = len(data) - offset
        if size < 0 or offset + size > len(data):
            raise ValueError("size is out of bounds" if size >= 0 else "size is negative")
        _send_frame(self._wfd, data[offset:offset + size])

    def send(self, obj):
        self._check_writable()
        _send_frame(self._wfd, pickle.dumps(obj))

    def recv_bytes(self, maxlength=None):
        self._check_readable()
        if maxlength is not None and maxlength < 0:
            raise ValueError("negative maxlength")
        data = _recv_frame(self._rfd)
        if maxlength is not None and len(data) > maxlength:
            raise OSError("bad message length")
        return data

    def recv(self):
        self._check_readable()
        return pickle.loads(_recv_frame(self._rfd))

    def poll(self, timeout=0.0):
        self._check_readable()
        return _readable(self._rfd, timeout)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def __del__(self):
        pass


def Pipe(duplex=True):
    r1, w1 = os.pipe()
    if not duplex:
        return Connection(rfd=r1), Connection(wfd=w1)
    r2, w2 = os.pipe()
    return Connection(rfd=r1, wfd=w2), Connection(rfd=r2, wfd=w1)


def wait(object_list, timeout=None):
    """The objects of object_list (Connections or fds) that are ready to read."""
    fds = {}
    for obj in object_list:
        fds[obj if isinstance(obj, int) else obj.fileno()] = obj
    r, _, _ = select.select(list(fds), [], [], timeout)
    return [fds[fd] for fd in r]
