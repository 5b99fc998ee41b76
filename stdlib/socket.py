"""socket - the socket module: the _socket primitives plus CPython's Python-level socket
class (accept() wrapping the raw fd, the repr) and create_connection. makefile() and
getaddrinfo() are not provided."""

import _socket
from _socket import *

error = OSError
timeout = TimeoutError
herror = OSError
gaierror = OSError

_defaulttimeout = None


def getdefaulttimeout():
    return _defaulttimeout


def setdefaulttimeout(value):
    global _defaulttimeout
    if value is not None and value < 0:
        raise ValueError("Timeout value out of range")
    _defaulttimeout = None if value is None else float(value)


class socket(_socket.socket):
    """A socket object (see _socket.socket)."""

    def __init__(self, family=-1, type=-1, proto=-1, fileno=None):
        if fileno is None and _defaulttimeout is not None:
            self.settimeout(_defaulttimeout)

    def __repr__(self):
        closed = self.fileno() == -1
        s = "<%s.%s%s fd=%i, family=%s, type=%s, proto=%i" % (
            self.__class__.__module__, self.__class__.__qualname__,
            " [closed]" if closed else "", self.fileno(), self.family, self.type, self.proto)
        if not closed:
            try:
                laddr = self.getsockname()
                if laddr:
                    s += ", laddr=%s" % str(laddr)
            except OSError:
                pass
            try:
                raddr = self.getpeername()
                if raddr:
                    s += ", raddr=%s" % str(raddr)
            except OSError:
                pass
        return s + ">"

    def accept(self):
        fd, addr = self._accept()
        sock = socket(self.family, self.type, self.proto, fileno=fd)
        if _defaulttimeout is None and self.gettimeout():
            sock.setblocking(True)
        return sock, addr


_GLOBAL_DEFAULT_TIMEOUT = object()


def create_connection(address, timeout=_GLOBAL_DEFAULT_TIMEOUT, source_address=None):
    host, port = address
    sock = socket(AF_INET, SOCK_STREAM)
    try:
        if timeout is not _GLOBAL_DEFAULT_TIMEOUT:
            sock.settimeout(timeout)
        if source_address:
            sock.bind(source_address)
        sock.connect((host, port))
        return sock
    except BaseException:
        sock.close()
        raise


def socketpair(family=AF_UNIX, type=SOCK_STREAM, proto=0):
    raise OSError("socketpair is not supported")
