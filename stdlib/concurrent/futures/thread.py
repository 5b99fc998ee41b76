"""concurrent.futures.thread - ThreadPoolExecutor (CPython 3.11's thread.py, simplified).

Work items go through a queue.SimpleQueue to worker threads; a None on the queue wakes a
worker so it can notice a shutdown. Threads are started lazily, one per submit, until
max_workers exist or an idle worker is available.
"""

import itertools
import os
import queue
import threading

from concurrent.futures import _base

_threads_queues = {}        # worker thread -> its work queue, for the exit hook
_shutdown = False
# Lock that ensures that new workers are not created while the interpreter is
# shutting down. Must be held while mutating _threads_queues and _shutdown.
_global_shutdown_lock = threading.Lock()


def _python_exit():
    # At interpreter exit: wake every worker so it can finish the queued work and stop,
    # then join them, so pending work still runs (CPython does the same).
    global _shutdown
    with _global_shutdown_lock:
        _shutdown = True
    items = list(_threads_queues.items())
    for t, q in items:
        q.put(None)
    for t, q in items:
        t.join()


# CPython registers _python_exit with threading._register_atexit so it runs before the
# non-daemon workers are joined. This threading has no such hook, so wrap the
# threading._shutdown that the interpreter calls at exit.
if hasattr(threading, '_register_atexit'):
    threading._register_atexit(_python_exit)
else:
    _threading_shutdown = threading._shutdown

    def _shutdown_with_executors():
        _python_exit()
        _threading_shutdown()

    threading._shutdown = _shutdown_with_executors


class _WorkItem(object):
    def __init__(self, future, fn, args, kwargs):
        self.future = future
        self.fn = fn
        self.args = args
        self.kwargs = kwargs

    def run(self):
        if not self.future.set_running_or_notify_cancel():
            return

        try:
            result = self.fn(*self.args, **self.kwargs)
        except BaseException as exc:
            self.future.set_exception(exc)
            # Break a reference cycle with the exception 'exc'
            self = None
        else:
            self.future.set_result(result)


def _worker(executor, work_queue, initializer, initargs):
    if initializer is not None:
        try:
            initializer(*initargs)
        except BaseException:
            _report_initializer_error()
            executor._initializer_failed()
            return
    try:
        while True:
            work_item = work_queue.get(block=True)
            if work_item is not None:
                work_item.run()
                # Delete references to object. See issue16284
                del work_item

                # Tell the executor this worker is free again.
                executor._idle_semaphore.release()
                continue

            # None means: wake up and look whether to exit. Exit if the interpreter is
            # shutting down or the executor was shut down.
            if _shutdown or executor._shutdown:
                # Flag the executor as shutting down as early as possible if it
                # is not gc-ed yet.
                executor._shutdown = True
                # Notice other workers
                work_queue.put(None)
                return
    except BaseException:
        _report_worker_error()


def _report_initializer_error():
    import sys
    exc = sys.exc_info()[1]
    sys.stderr.write('Exception in initializer:\n%s: %s\n' % (type(exc).__name__, exc))


def _report_worker_error():
    import sys
    exc = sys.exc_info()[1]
    sys.stderr.write('Exception in worker\n%s: %s\n' % (type(exc).__name__, exc))


class BrokenThreadPool(_base.BrokenExecutor):
    """Raised when a worker thread in a ThreadPoolExecutor failed initializing."""


class ThreadPoolExecutor(_base.Executor):

    # Used to assign unique thread names when thread_name_prefix is not supplied.
    _counter = itertools.count().__next__

    def __init__(self, max_workers=None, thread_name_prefix='',
                 initializer=None, initargs=()):
        """Initializes a new ThreadPoolExecutor instance.

        max_workers defaults to min(32, os.cpu_count() + 4): I/O-bound work, but not more
        than 32 threads on a big machine.
        """
        if max_workers is None:
            max_workers = min(32, (os.cpu_count() or 1) + 4)
        if max_workers <= 0:
            raise ValueError("max_workers must be greater than 0")

        if initializer is not None and not callable(initializer):
            raise TypeError("initializer must be a callable")

        self._max_workers = max_workers
        self._work_queue = queue.SimpleQueue()
        self._idle_semaphore = threading.Semaphore(0)
        self._threads = set()
        self._broken = False
        self._shutdown = False
        self._shutdown_lock = threading.Lock()
        self._thread_name_prefix = (thread_name_prefix or
                                    ("ThreadPoolExecutor-%d" % self._counter()))
        self._initializer = initializer
        self._initargs = initargs

    def submit(self, fn, /, *args, **kwargs):
        with self._shutdown_lock, _global_shutdown_lock:
            if self._broken:
                raise BrokenThreadPool(self._broken)

            if self._shutdown:
                raise RuntimeError('cannot schedule new futures after shutdown')
            if _shutdown:
                raise RuntimeError('cannot schedule new futures after '
                                   'interpreter shutdown')

            f = _base.Future()
            w = _WorkItem(f, fn, args, kwargs)

            self._work_queue.put(w)
            self._adjust_thread_count()
            return f
    submit.__doc__ = _base.Executor.submit.__doc__

    def _adjust_thread_count(self):
        # if idle threads are available, don't spin new threads
        if self._idle_semaphore.acquire(timeout=0):
            return

        num_threads = len(self._threads)
        if num_threads < self._max_workers:
            thread_name = '%s_%d' % (self._thread_name_prefix or self,
                                     num_threads)
            t = threading.Thread(name=thread_name, target=_worker,
                                 args=(self,
                                       self._work_queue,
                                       self._initializer,
                                       self._initargs))
            t.start()
            self._threads.add(t)
            _threads_queues[t] = self._work_queue

    def _initializer_failed(self):
        with self._shutdown_lock:
            self._broken = ('A thread initializer failed, the thread pool '
                            'is not usable anymore')
            # Drain work queue and mark pending futures failed
            while True:
                try:
                    work_item = self._work_queue.get_nowait()
                except queue.Empty:
                    break
                if work_item is not None:
                    work_item.future.set_exception(BrokenThreadPool(self._broken))

    def shutdown(self, wait=True, *, cancel_futures=False):
        with self._shutdown_lock:
            self._shutdown = True
            if cancel_futures:
                # Drain all work items from the queue, and then cancel their
                # associated futures.
                while True:
                    try:
                        work_item = self._work_queue.get_nowait()
                    except queue.Empty:
                        break
                    if work_item is not None:
                        work_item.future.cancel()

            # Send a wake-up to prevent threads calling
            # _work_queue.get(block=True) from permanently blocking.
            self._work_queue.put(None)
        if wait:
            for t in self._threads:
                t.join()
        # Finished workers need no exit-time wake-up any more.
        with _global_shutdown_lock:
            for t in self._threads:
                if not t.is_alive():
                    _threads_queues.pop(t, None)
    shutdown.__doc__ = _base.Executor.shutdown.__doc__
