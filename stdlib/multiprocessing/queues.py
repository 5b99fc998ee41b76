"""multiprocessing.queues - Queue, SimpleQueue and JoinableQueue over one OS pipe.

Every message is a length-framed pickle (connection.py). A reader lock keeps concurrent
getters from splitting a message between them, a writer lock keeps big messages (over the
pipe's atomic-write size) whole. put() writes straight into the pipe (there is no feeder
thread), so it blocks while the pipe is full and nobody reads.
"""

import os
import pickle
import threading
import collections
from queue import Empty, Full

from . import connection
from .synchronize import Lock, Semaphore, Condition

__all__ = ['Queue', 'SimpleQueue', 'JoinableQueue']


class SimpleQueue:

    def __init__(self, *, ctx=None):
        self._reader, self._writer = os.pipe()
        self._rlock = Lock()
        self._wlock = Lock()
        self._closed = False

    def empty(self):
        return not connection._readable(self._reader, 0)

    def put(self, obj):
        data = pickle.dumps(obj)
        with self._wlock:
            connection._send_frame(self._writer, data)

    def get(self):
        with self._rlock:
            data = connection._recv_frame(self._reader)
        return pickle.loads(data)

    def close(self):
        if not self._closed:
            self._closed = True
            os.close(self._reader)
            os.close(self._writer)


class Queue:

    def __init__(self, maxsize=0, *, ctx=None):
        self._maxsize = maxsize if maxsize > 0 else 0
        self._reader, self._writer = os.pipe()
        self._rlock = Lock()
        self._wlock = Lock()
        # Free places when bounded; always the number of messages in the pipe.
        self._slots = Semaphore(self._maxsize) if self._maxsize else None
        self._items = Semaphore(0)
        self._closed = False
        self._joincancelled = False
        self._reset()

    def _reset(self):
        """The feeder state of this process (a forked child starts with none)."""
        self._pid = os.getpid()
        self._buffer = collections.deque()
        self._notempty = threading.Condition(threading.Lock())
        self._thread = None
        self._closing = False

    def _feed(self):
        while True:
            with self._notempty:
                while not self._buffer and not self._closing:
                    self._notempty.wait()
                if not self._buffer:
                    break
                data = self._buffer.popleft()
            # Announced before it is written: a message bigger than the pipe is only
            # written as a getter reads it.
            try:
                with self._wlock:
                    self._items.release()
                    connection._send_frame(self._writer, data)
            except OSError:
                break
        _feeding.discard(self)

    def _check_closed(self):
        if self._closed:
            raise ValueError("Queue %r is closed" % self)

    def put(self, obj, block=True, timeout=None):
        self._check_closed()
        if self._slots is not None and not self._slots.acquire(block, timeout):
            raise Full
        data = pickle.dumps(obj)
        if self._pid != os.getpid():
            # The parent's feeder may have held this condition's lock at the fork.
            self._reset()
        with self._notempty:
            if self._thread is None:
                self._thread = threading.Thread(target=self._feed, name='QueueFeederThread',
                                                daemon=True)
                _feeding.add(self)
                self._thread.start()
            self._buffer.append(data)
            self._notempty.notify()

    def put_nowait(self, obj):
        return self.put(obj, False)

    def get(self, block=True, timeout=None):
        self._check_closed()
        if not self._items.acquire(block, timeout):
            raise Empty
        with self._rlock:
            data = connection._recv_frame(self._reader)
        if self._slots is not None:
            self._slots.release()
        return pickle.loads(data)

    def get_nowait(self):
        return self.get(False)

    def qsize(self):
        return self._items.get_value()

    def empty(self):
        return not connection._readable(self._reader, 0)

    def full(self):
        return bool(self._maxsize) and self._slots.get_value() == 0

    def close(self):
        self._closed = True
        if self._pid == os.getpid():
            with self._notempty:
                self._closing = True
                self._notempty.notify()

    def join_thread(self):
        assert self._closed, "Queue {0!r} not closed".format(self)
        thread = self._thread
        if thread is not None and self._pid == os.getpid():
            thread.join()

    def cancel_join_thread(self):
        self._joincancelled = True


# Queues whose feeder thread runs in this process.
_feeding = set()


def _flush_feeders():
    """At process exit: let every feeder write what it holds, then end."""
    for q in list(_feeding):
        if q._pid != os.getpid() or q._joincancelled:
            continue
        with q._notempty:
            q._closing = True
            q._notempty.notify()
        if q._thread is not None:
            q._thread.join()
    _feeding.clear()


class JoinableQueue(Queue):

    def __init__(self, maxsize=0, *, ctx=None):
        Queue.__init__(self, maxsize)
        self._unfinished = Semaphore(0)
        self._cond = Condition()

    def put(self, obj, block=True, timeout=None):
        with self._cond:
            Queue.put(self, obj, block, timeout)
            self._unfinished.release()

    def task_done(self):
        with self._cond:
            if not self._unfinished.acquire(False):
                raise ValueError('task_done() called too many times')
            if self._unfinished.get_value() == 0:
                self._cond.notify_all()

    def join(self):
        with self._cond:
            while self._unfinished.get_value():
                self._cond.wait(0.05)
