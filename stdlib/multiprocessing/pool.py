"""multiprocessing.pool - Pool: forked worker processes fed through two pipes.

Tasks go down a task pipe (written by a feeder thread of the parent, so the parent never
blocks on a full pipe while workers block on a full result pipe); workers take them one at
a time under a lock, and send back (job, index, ok, value) on the result pipe, which a
result thread of the parent reads and hands to the waiting AsyncResult. A job of map() is
cut into chunks; its result is put together in order when every chunk is in.
"""

import os
import sys
import queue
import pickle
import itertools
import threading

from . import connection
from .process import current_process, _flush_std_streams
from .synchronize import Lock

__all__ = ['Pool', 'AsyncResult', 'MapResult', 'TimeoutError']

RUN, CLOSE, TERMINATE = 0, 1, 2


class TimeoutError(Exception):
    pass


class MaybeEncodingError(Exception):

    def __init__(self, exc, value):
        self.exc = repr(exc)
        self.value = repr(value)
        super().__init__(self.exc, self.value)

    def __str__(self):
        return "Error sending result: '%s'. Reason: '%s'" % (self.value, self.exc)


def _run_task(func, kind, payload):
    if kind == 'apply':
        args, kwds = payload
        return func(*args, **kwds)
    if kind == 'map':
        return [func(x) for x in payload]
    return [func(*x) for x in payload]


def _worker(task_fd, result_fd, task_lock, result_lock, initializer, initargs, maxtasks):
    if initializer is not None:
        initializer(*initargs)
    done = 0
    while maxtasks is None or done < maxtasks:
        with task_lock:
            try:
                data = connection._recv_frame(task_fd)
            except EOFError:
                break
        task = pickle.loads(data)
        if task is None:
            break
        job, index, func, kind, payload = task
        try:
            result = (job, index, True, _run_task(func, kind, payload))
        except Exception as e:
            result = (job, index, False, e)
        try:
            out = pickle.dumps(result)
        except Exception as e:
            out = pickle.dumps((job, index, False, MaybeEncodingError(e, result[3])))
        with result_lock:
            connection._send_frame(result_fd, out)
        done += 1


class AsyncResult:

    def __init__(self, pool, callback=None, error_callback=None):
        self._pool = pool
        self._event = threading.Event()
        self._job = next(_job_counter)
        self._callback = callback
        self._error_callback = error_callback
        self._success = None
        self._value = None
        pool._cache[self._job] = self

    def ready(self):
        return self._event.is_set()

    def successful(self):
        if not self.ready():
            raise ValueError("{0!r} not ready".format(self))
        return self._success

    def wait(self, timeout=None):
        self._event.wait(timeout)

    def get(self, timeout=None):
        self.wait(timeout)
        if not self.ready():
            raise TimeoutError
        if self._success:
            return self._value
        raise self._value

    def _set(self, index, ok, value):
        self._success = ok
        self._value = value
        self._finish()

    def _finish(self):
        if self._success and self._callback is not None:
            self._callback(self._value)
        if not self._success and self._error_callback is not None:
            self._error_callback(self._value)
        self._event.set()
        self._pool._cache.pop(self._job, None)

    def _fail(self, exc):
        if not self.ready():
            self._success = False
            self._value = exc
            self._finish()


ApplyResult = AsyncResult


class MapResult(AsyncResult):

    def __init__(self, pool, nchunks, length, callback=None, error_callback=None):
        AsyncResult.__init__(self, pool, callback, error_callback)
        self._chunks = [None] * nchunks
        self._left = nchunks
        if nchunks == 0:
            self._success = True
            self._value = []
            self._finish()

    def _set(self, index, ok, value):
        if self.ready():
            return
        if not ok:
            self._success = False
            self._value = value
            self._finish()
            return
        self._chunks[index] = value
        self._left -= 1
        if self._left == 0:
            self._success = True
            self._value = [x for chunk in self._chunks for x in chunk]
            self._finish()


class IMapIterator:

    def __init__(self, pool, ordered):
        self._pool = pool
        self._job = next(_job_counter)
        self._cond = threading.Condition(threading.Lock())
        self._ordered = ordered
        self._items = {}     # chunk index -> (ok, value), not yet given out
        self._next = 0       # ordered: the next chunk index to hand out
        self._pending = []   # values ready to be returned
        self._length = None  # chunks, once every task has been sent
        self._seen = 0
        pool._cache[self._job] = self

    def __iter__(self):
        return self

    def _set(self, index, ok, value):
        with self._cond:
            self._items[index] = (ok, value)
            self._seen += 1
            self._cond.notify()
        if self._length is not None and self._seen == self._length:
            self._pool._cache.pop(self._job, None)

    def _set_length(self, length):
        with self._cond:
            self._length = length
            self._cond.notify()
        if self._seen == length:
            self._pool._cache.pop(self._job, None)

    def _fail(self, exc):
        with self._cond:
            self._items[-1] = (False, exc)
            self._cond.notify()

    def _take(self):
        """A finished chunk's (ok, value), or None when none is ready yet."""
        if -1 in self._items:
            return self._items.pop(-1)
        if self._ordered:
            if self._next in self._items:
                self._next += 1
                return self._items.pop(self._next - 1)
            return None
        for key in self._items:
            self._next += 1
            return self._items.pop(key)
        return None

    def next(self, timeout=None):
        with self._cond:
            while not self._pending:
                item = self._take()
                if item is not None:
                    ok, value = item
                    if not ok:
                        raise value
                    self._pending.extend(value)
                    continue
                if self._length is not None and self._next >= self._length:
                    raise StopIteration
                if not self._cond.wait(timeout):
                    raise TimeoutError
            return self._pending.pop(0)

    __next__ = next


_job_counter = itertools.count()


class Pool:

    def __init__(self, processes=None, initializer=None, initargs=(), maxtasksperchild=None,
                 context=None):
        if processes is None:
            processes = os.cpu_count() or 1
        if processes < 1:
            raise ValueError("Number of processes must be at least 1")
        if maxtasksperchild is not None and (not isinstance(maxtasksperchild, int) or
                                             maxtasksperchild <= 0):
            raise ValueError("maxtasksperchild must be a positive int or None")
        if initializer is not None and not callable(initializer):
            raise TypeError('initializer must be a callable')
        self._processes = processes
        self._state = RUN
        self._cache = {}
        self._task_r, self._task_w = os.pipe()
        self._result_r, self._result_w = os.pipe()
        task_lock, result_lock = Lock(), Lock()
        self._pool = []
        from .process import Process
        for _ in range(processes):
            p = Process(target=self._worker_main,
                        args=(task_lock, result_lock, initializer, initargs, maxtasksperchild))
            p.name = p.name.replace('Process', 'ForkPoolWorker')
            p.daemon = True
            p.start()
            self._pool.append(p)
        # The parent only writes tasks and reads results: when every worker is gone the
        # result pipe reads EOF, which ends the result thread.
        os.close(self._task_r)
        os.close(self._result_w)
        self._tasks = queue.SimpleQueue()
        self._feeder = threading.Thread(target=self._feed, daemon=True)
        self._feeder.start()
        self._reader = threading.Thread(target=self._read_results, daemon=True)
        self._reader.start()

    def _worker_main(self, task_lock, result_lock, initializer, initargs, maxtasks):
        os.close(self._task_w)
        os.close(self._result_r)
        _worker(self._task_r, self._result_w, task_lock, result_lock, initializer, initargs,
                maxtasks)

    def _feed(self):
        while True:
            task = self._tasks.get()
            if task is None:
                return
            try:
                connection._send_frame(self._task_w, task)
            except OSError:
                return

    def _read_results(self):
        while True:
            try:
                data = connection._recv_frame(self._result_r)
            except (EOFError, OSError):
                break
            job, index, ok, value = pickle.loads(data)
            result = self._cache.get(job)
            if result is not None:
                result._set(index, ok, value)
        for result in list(self._cache.values()):
            if self._state != TERMINATE:
                result._fail(RuntimeError("a worker of the pool ended unexpectedly"))

    def _check_running(self):
        if self._state != RUN:
            raise ValueError("Pool not running")

    def _submit(self, job, index, func, kind, payload):
        """Pickles here, so an unpicklable task raises in the caller."""
        self._tasks.put(pickle.dumps((job, index, func, kind, payload)))

    def _chunks(self, func, iterable, chunksize, kind, callback=None, error_callback=None):
        self._check_running()
        if not hasattr(iterable, '__len__'):
            iterable = list(iterable)
        items = list(iterable)
        if chunksize is None:
            chunksize, extra = divmod(len(items), self._processes * 4)
            if extra:
                chunksize += 1
        if chunksize < 1:
            chunksize = 1
        chunks = [items[i:i + chunksize] for i in range(0, len(items), chunksize)]
        result = MapResult(self, len(chunks), len(items), callback, error_callback)
        try:
            for i, chunk in enumerate(chunks):
                self._submit(result._job, i, func, kind, chunk)
        except Exception:
            self._cache.pop(result._job, None)
            raise
        return result

    def apply(self, func, args=(), kwds={}):
        return self.apply_async(func, args, kwds).get()

    def apply_async(self, func, args=(), kwds={}, callback=None, error_callback=None):
        self._check_running()
        result = AsyncResult(self, callback, error_callback)
        try:
            self._submit(result._job, 0, func, 'apply', (tuple(args), dict(kwds)))
        except Exception:
            self._cache.pop(result._job, None)
            raise
        return result

    def map(self, func, iterable, chunksize=None):
        return self._chunks(func, iterable, chunksize, 'map').get()

    def map_async(self, func, iterable, chunksize=None, callback=None, error_callback=None):
        return self._chunks(func, iterable, chunksize, 'map', callback, error_callback)

    def starmap(self, func, iterable, chunksize=None):
        return self._chunks(func, iterable, chunksize, 'star').get()

    def starmap_async(self, func, iterable, chunksize=None, callback=None, error_callback=None):
        return self._chunks(func, iterable, chunksize, 'star', callback, error_callback)

    def _imap(self, func, iterable, chunksize, ordered):
        self._check_running()
        if chunksize < 1:
            raise ValueError("Chunksize must be 1+, not {0:n}".format(chunksize))
        it = IMapIterator(self, ordered)
        n = 0
        chunk = []
        try:
            for x in iterable:
                chunk.append(x)
                if len(chunk) == chunksize:
                    self._submit(it._job, n, func, 'map', chunk)
                    n += 1
                    chunk = []
            if chunk:
                self._submit(it._job, n, func, 'map', chunk)
                n += 1
        except Exception:
            self._cache.pop(it._job, None)
            raise
        it._set_length(n)
        return it

    def imap(self, func, iterable, chunksize=1):
        return self._imap(func, iterable, chunksize, True)

    def imap_unordered(self, func, iterable, chunksize=1):
        return self._imap(func, iterable, chunksize, False)

    def close(self):
        if self._state == RUN:
            self._state = CLOSE
            for _ in self._pool:
                self._tasks.put(pickle.dumps(None))
            self._tasks.put(None)

    def terminate(self):
        if self._state == TERMINATE:
            return
        self._state = TERMINATE
        for p in self._pool:
            p.terminate()
        for p in self._pool:
            p.join()
        self._tasks.put(None)

    def join(self):
        if self._state == RUN:
            raise ValueError("Pool is still running")
        for p in self._pool:
            p.join()
        self._feeder.join()
        self._reader.join()

    def __enter__(self):
        self._check_running()
        return self

    def __exit__(self, *exc):
        self.terminate()

    def __repr__(self):
        state = ['RUN', 'CLOSE', 'TERMINATE'][self._state]
        return '<%s.%s state=%s pool_size=%d>' % (type(self).__module__, type(self).__qualname__,
                                                 state, len(self._pool))
