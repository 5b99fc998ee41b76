"""multiprocessing.synchronize - locks that work across fork()ed processes.

Each primitive is an OS pipe holding tokens (one byte each): acquiring takes a token out,
releasing puts one back, so the kernel arbitrates between processes. The read end is
non-blocking and waits go through select(), so acquire() can honour a timeout.
"""

import os
import select
import threading
import time

__all__ = ['Lock', 'RLock', 'Semaphore', 'BoundedSemaphore', 'Event', 'Condition', 'Barrier']


class _TokenPipe:

    def __init__(self, tokens):
        self._r, self._w = os.pipe()
        os.set_blocking(self._r, False)
        if tokens:
            os.write(self._w, b'x' * tokens)

    def take(self, block=True, timeout=None):
        if not block:
            timeout = 0
        elif timeout is not None and timeout < 0:
            timeout = 0
        deadline = None if timeout is None else time.monotonic() + timeout
        while True:
            try:
                if os.read(self._r, 1):
                    return True
            except BlockingIOError:
                pass
            if deadline is None:
                select.select([self._r], [], [])
            else:
                left = deadline - time.monotonic()
                if left <= 0:
                    return False
                select.select([self._r], [], [], left)

    def put(self):
        os.write(self._w, b'x')

    def count(self):
        """Tokens in the pipe right now (reads them all and writes them back)."""
        n = 0
        while True:
            try:
                got = os.read(self._r, 4096)
            except BlockingIOError:
                break
            if not got:
                break
            n += len(got)
        if n:
            os.write(self._w, b'x' * n)
        return n


class Semaphore:

    def __init__(self, value=1):
        if value < 0:
            raise ValueError("semaphore initial value must be >= 0")
        self._pipe = _TokenPipe(value)

    def acquire(self, block=True, timeout=None):
        return self._pipe.take(block, timeout)

    def release(self):
        self._pipe.put()

    def get_value(self):
        return self._pipe.count()

    def __enter__(self):
        return self.acquire()

    def __exit__(self, *exc):
        self.release()

    def __repr__(self):
        return '<%s(value=%s)>' % (type(self).__name__, self.get_value())


class BoundedSemaphore(Semaphore):

    def __init__(self, value=1):
        Semaphore.__init__(self, value)
        self._bound = value

    def release(self):
        if self._pipe.count() >= self._bound:
            raise ValueError("semaphore or lock released too many times")
        self._pipe.put()


class Lock(Semaphore):
    """Not owned: any process or thread may release it, as CPython's."""

    def __init__(self):
        Semaphore.__init__(self, 1)

    def release(self):
        if self._pipe.count():
            raise ValueError("semaphore or lock released too many times")
        self._pipe.put()

    def __repr__(self):
        return '<Lock(owner=%s)>' % ('None' if self._pipe.count() else 'unknown')


class RLock:
    """Owned by one (process, thread) at a time; the owner may take it again."""

    def __init__(self):
        self._pipe = _TokenPipe(1)
        self._owner = None
        self._count = 0

    def _me(self):
        return (os.getpid(), threading.get_ident())

    def acquire(self, block=True, timeout=None):
        me = self._me()
        if self._count and self._owner == me:
            self._count += 1
            return True
        if not self._pipe.take(block, timeout):
            return False
        self._owner = me
        self._count = 1
        return True

    def release(self):
        if not self._count or self._owner != self._me():
            raise AssertionError("attempt to release recursive lock not owned by thread")
        self._count -= 1
        if not self._count:
            self._owner = None
            self._pipe.put()

    def _is_owned(self):
        return bool(self._count) and self._owner == self._me()

    def __enter__(self):
        return self.acquire()

    def __exit__(self, *exc):
        self.release()


class Event:
    """Set while its pipe holds a byte: wait() selects for readability without reading."""

    def __init__(self):
        self._lock = Lock()
        self._r, self._w = os.pipe()
        os.set_blocking(self._r, False)

    def is_set(self):
        r, _, _ = select.select([self._r], [], [], 0)
        return bool(r)

    def set(self):
        with self._lock:
            if not self.is_set():
                os.write(self._w, b'x')

    def clear(self):
        with self._lock:
            try:
                os.read(self._r, 1)
            except BlockingIOError:
                pass

    def wait(self, timeout=None):
        r, _, _ = select.select([self._r], [], [], timeout)
        return bool(r)


class Condition:
    """Wakes waiters by polling: notify() bumps a counter the waiters watch."""

    def __init__(self, lock=None):
        self._lock = lock if lock is not None else RLock()
        self._tokens = Semaphore(0)
        self._waiters = Semaphore(0)
        self.acquire = self._lock.acquire
        self.release = self._lock.release

    def __enter__(self):
        return self._lock.__enter__()

    def __exit__(self, *exc):
        return self._lock.__exit__(*exc)

    def wait(self, timeout=None):
        self._waiters.release()
        self._lock.release()
        try:
            got = self._tokens.acquire(True, timeout)
        finally:
            self._lock.acquire()
        if not got:
            self._waiters.acquire(False)
        return got

    def wait_for(self, predicate, timeout=None):
        result = predicate()
        deadline = None if timeout is None else time.monotonic() + timeout
        while not result:
            left = None
            if deadline is not None:
                left = deadline - time.monotonic()
                if left <= 0:
                    break
            self.wait(left)
            result = predicate()
        return result

    def notify(self, n=1):
        while n > 0 and self._waiters.acquire(False):
            self._tokens.release()
            n -= 1

    def notify_all(self):
        self.notify(1 << 30)


class Barrier:
    def __init__(self, parties, action=None, timeout=None):
        raise NotImplementedError("multiprocessing.Barrier is not supported")
