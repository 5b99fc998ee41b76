"""multiprocessing.queues - Queue, SimpleQueue and JoinableQueue over one OS pipe.

Every message is a length-framed pickle (connection.py). A reader lock keeps concurrent
getters from splitting a message between them, a writer lock keeps big messages (over the
pipe's atomic-write size) whole. put() writes straight into the pipe (there is no feeder
thread), so it blocks while the pipe is full and nobody reads.
"""

import os
import time
import pickle
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

    def _check_closed(self):
        if self._closed:
            raise ValueError("Queue %r is closed" % self)

    def put(self, obj, block=True, timeout=None):
        self._check_closed()
        if self._slots is not None and not self._slots.acquire(block, timeout):
            raise Full
        data = pickle.dumps(obj)
        with self._wlock:
            connection._send_frame(self._writer, data)
        self._items.release()

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

    def join_thread(self):
        pass

    def cancel_join_thread(self):
        pass


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
