"""selectors - high-level I/O multiplexing on top of select.select(). Every selector class
name CPython offers on Linux maps to the one SelectSelector here; behaviour (register,
modify, select returning (key, events) pairs) follows CPython's selectors module."""

import select

EVENT_READ = 1
EVENT_WRITE = 2


def _fileobj_to_fd(fileobj):
    if isinstance(fileobj, int):
        fd = fileobj
    else:
        try:
            fd = int(fileobj.fileno())
        except (AttributeError, TypeError, ValueError):
            raise ValueError("Invalid file object: {!r}".format(fileobj)) from None
    if fd < 0:
        raise ValueError("Invalid file descriptor: {}".format(fd))
    return fd


class SelectorKey:
    __slots__ = ("fileobj", "fd", "events", "data")

    def __init__(self, fileobj, fd, events, data):
        self.fileobj = fileobj
        self.fd = fd
        self.events = events
        self.data = data

    def __repr__(self):
        return "SelectorKey(fileobj=%r, fd=%r, events=%r, data=%r)" % (
            self.fileobj, self.fd, self.events, self.data)


class SelectSelector:
    """Selector based on select.select()."""

    def __init__(self):
        self._fd_to_key = {}

    def _fileobj_lookup(self, fileobj):
        try:
            return _fileobj_to_fd(fileobj)
        except ValueError:
            for key in self._fd_to_key.values():
                if key.fileobj is fileobj:
                    return key.fd
            raise

    def register(self, fileobj, events, data=None):
        if (not events) or (events & ~(EVENT_READ | EVENT_WRITE)):
            raise ValueError("Invalid events: {!r}".format(events))
        key = SelectorKey(fileobj, self._fileobj_lookup(fileobj), events, data)
        if key.fd in self._fd_to_key:
            raise KeyError("{!r} (FD {}) is already registered".format(fileobj, key.fd))
        self._fd_to_key[key.fd] = key
        return key

    def unregister(self, fileobj):
        try:
            return self._fd_to_key.pop(self._fileobj_lookup(fileobj))
        except KeyError:
            raise KeyError("{!r} is not registered".format(fileobj)) from None

    def modify(self, fileobj, events, data=None):
        key = self.get_key(fileobj)
        if events != key.events:
            self.unregister(fileobj)
            return self.register(fileobj, events, data)
        key.data = data
        return key

    def select(self, timeout=None):
        timeout = None if timeout is None else max(timeout, 0)
        r = [k.fd for k in self._fd_to_key.values() if k.events & EVENT_READ]
        w = [k.fd for k in self._fd_to_key.values() if k.events & EVENT_WRITE]
        if not r and not w and timeout is not None:
            import time
            time.sleep(timeout)
            return []
        r, w, _ = select.select(r, w, [], timeout)
        r = set(r)
        w = set(w)
        ready = []
        for fd in r | w:
            events = 0
            if fd in r:
                events |= EVENT_READ
            if fd in w:
                events |= EVENT_WRITE
            key = self._fd_to_key.get(fd)
            if key:
                ready.append((key, events & key.events))
        return ready

    def get_key(self, fileobj):
        try:
            return self._fd_to_key[self._fileobj_lookup(fileobj)]
        except KeyError:
            raise KeyError("{!r} is not registered".format(fileobj)) from None

    def get_map(self):
        return dict(self._fd_to_key)

    def close(self):
        self._fd_to_key.clear()

    def __enter__(self):
        return self

    def __exit__(self, *args):
        self.close()


BaseSelector = SelectSelector
PollSelector = SelectSelector
EpollSelector = SelectSelector
DefaultSelector = SelectSelector
