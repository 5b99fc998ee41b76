"""The event loop core: callbacks, timers, run_forever (modeled on CPython 3.11).
I/O waiting is left to SelectorEventLoop in selector_events."""

import collections
import heapq
import time

__all__ = ('Handle', 'TimerHandle', 'AbstractEventLoop', 'BaseEventLoop',
           'get_event_loop', 'get_running_loop', 'new_event_loop',
           'set_event_loop', '_get_running_loop', '_set_running_loop')


class Handle:
    __slots__ = ('_callback', '_args', '_cancelled', '_loop')

    def __init__(self, callback, args, loop):
        self._callback = callback
        self._args = args
        self._cancelled = False
        self._loop = loop

    def cancel(self):
        self._cancelled = True
        self._callback = None
        self._args = None

    def cancelled(self):
        return self._cancelled

    def _run(self):
        self._callback(*self._args)

    def __repr__(self):
        return '<%s %s>' % (type(self).__name__,
                            'cancelled' if self._cancelled else repr(self._callback))


class TimerHandle(Handle):
    __slots__ = ('_when', '_seq')

    def __init__(self, when, seq, callback, args, loop):
        Handle.__init__(self, callback, args, loop)
        self._when = when
        self._seq = seq

    def when(self):
        return self._when

    def __lt__(self, other):
        if self._when != other._when:
            return self._when < other._when
        return self._seq < other._seq


class AbstractEventLoop:
    pass


class BaseEventLoop(AbstractEventLoop):

    def __init__(self):
        self._ready = collections.deque()
        self._scheduled = []
        self._seq = 0
        self._stopping = False
        self._closed = False
        self._running = False
        self._task_factory = None

    def __repr__(self):
        return '<%s running=%s closed=%s>' % (type(self).__name__,
                                              self._running, self._closed)

    def _check_closed(self):
        if self._closed:
            raise RuntimeError('Event loop is closed')

    def time(self):
        return time.monotonic()

    def call_soon(self, callback, *args, context=None):
        self._check_closed()
        h = Handle(callback, args, self)
        self._ready.append(h)
        return h

    call_soon_threadsafe = call_soon

    def call_at(self, when, callback, *args, context=None):
        self._check_closed()
        self._seq += 1
        h = TimerHandle(when, self._seq, callback, args, self)
        heapq.heappush(self._scheduled, h)
        return h

    def call_later(self, delay, callback, *args, context=None):
        return self.call_at(self.time() + delay, callback, *args)

    def create_future(self):
        from .futures import Future
        return Future(loop=self)

    def create_task(self, coro, *, name=None, context=None):
        self._check_closed()
        if self._task_factory is None:
            from .tasks import Task
            return Task(coro, loop=self, name=name)
        task = self._task_factory(self, coro)
        if name is not None:
            task.set_name(name)
        return task

    def set_task_factory(self, factory):
        self._task_factory = factory

    def get_task_factory(self):
        return self._task_factory

    def is_running(self):
        return self._running

    def is_closed(self):
        return self._closed

    def stop(self):
        self._stopping = True

    def close(self):
        if self._running:
            raise RuntimeError('Cannot close a running event loop')
        if self._closed:
            return
        self._closed = True
        self._ready.clear()
        self._scheduled.clear()

    def run_forever(self):
        self._check_closed()
        if self._running:
            raise RuntimeError('This event loop is already running')
        if _get_running_loop() is not None:
            raise RuntimeError(
                'Cannot run the event loop while another loop is running')
        self._running = True
        old = _get_running_loop()
        _set_running_loop(self)
        try:
            while True:
                self._run_once()
                if self._stopping:
                    break
        finally:
            self._stopping = False
            self._running = False
            _set_running_loop(old)

    def run_until_complete(self, future):
        self._check_closed()
        if self._running:
            raise RuntimeError('This event loop is already running')
        from .tasks import ensure_future
        new_task = not _isfuture(future)
        future = ensure_future(future, loop=self)

        def _done(fut):
            fut._loop.stop()

        future.add_done_callback(_done)
        try:
            self.run_forever()
        except BaseException:
            if new_task and future.done() and not future.cancelled():
                future.exception()   # mark retrieved
            raise
        finally:
            future.remove_done_callback(_done)
        if not future.done():
            raise RuntimeError('Event loop stopped before Future completed.')
        return future.result()

    def _run_once(self):
        sched = self._scheduled
        while sched and sched[0]._cancelled:
            heapq.heappop(sched)
        timeout = None
        if self._ready or self._stopping:
            timeout = 0
        elif sched:
            timeout = max(0, sched[0]._when - self.time())
        self._select(timeout)
        end = self.time()
        while sched:
            h = sched[0]
            if h._cancelled:
                heapq.heappop(sched)
                continue
            if h._when > end:
                break
            heapq.heappop(sched)
            self._ready.append(h)
        n = len(self._ready)
        for _ in range(n):
            h = self._ready.popleft()
            if h._cancelled:
                continue
            h._run()

    def _select(self, timeout):
        """Waits up to timeout seconds (None: until something happens) for I/O
        and queues the ready callbacks. A loop without I/O only sleeps."""
        if timeout is None:
            timeout = 0.001
        if timeout > 0:
            time.sleep(timeout)

    def default_exception_handler(self, context):
        import sys
        msg = context.get('message', 'Unhandled exception in event loop')
        exc = context.get('exception')
        if exc is not None:
            msg = '%s\n%s: %s' % (msg, type(exc).__name__, exc)
        print(msg, file=sys.stderr)

    def call_exception_handler(self, context):
        self.default_exception_handler(context)


def _isfuture(obj):
    return getattr(obj, '_asyncio_future_blocking', None) is not None


_running_loop = None
_event_loop = None


def _get_running_loop():
    return _running_loop


def _set_running_loop(loop):
    global _running_loop
    _running_loop = loop


def get_running_loop():
    loop = _running_loop
    if loop is None:
        raise RuntimeError('no running event loop')
    return loop


def get_event_loop():
    global _event_loop
    if _running_loop is not None:
        return _running_loop
    if _event_loop is None:
        _event_loop = new_event_loop()
    return _event_loop


def set_event_loop(loop):
    global _event_loop
    _event_loop = loop


def new_event_loop():
    from .selector_events import SelectorEventLoop
    return SelectorEventLoop()
