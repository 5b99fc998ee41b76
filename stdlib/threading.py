"""threading - higher-level threads on top of _thread (CPython 3.11's API, simplified).

Every thread runs under the VM's global interpreter lock; blocking calls (Lock.acquire,
join, Event.wait, time.sleep) release it. Thread.join waits on a lock that the thread
releases as it finishes, so nothing here polls. _shutdown() joins the non-daemon threads;
the interpreter calls it at exit.
"""

import _thread
import sys as _sys

__all__ = ['get_ident', 'active_count', 'Condition', 'current_thread', 'enumerate',
           'main_thread', 'TIMEOUT_MAX', 'Event', 'Lock', 'RLock', 'Semaphore',
           'BoundedSemaphore', 'Thread', 'Barrier', 'BrokenBarrierError', 'Timer',
           'ThreadError', 'excepthook', 'ExceptHookArgs', 'setprofile', 'settrace', 'local',
           'stack_size', 'get_native_id', 'activeCount', 'currentThread']

_start_new_thread = _thread.start_new_thread
_allocate_lock = _thread.allocate_lock
get_ident = _thread.get_ident
get_native_id = _thread.get_native_id
ThreadError = _thread.error
TIMEOUT_MAX = _thread.TIMEOUT_MAX
# Held here so the lock types stay alive with this module.
_LockType = _thread.LockType
_CRLock = _thread.RLock

Lock = _allocate_lock


def RLock(*args, **kwargs):
    return _CRLock(*args, **kwargs)


def setprofile(func):
    pass


def settrace(func):
    pass


def stack_size(size=0):
    return 0


class Condition:

    def __init__(self, lock=None):
        if lock is None:
            lock = RLock()
        self._lock = lock
        self.acquire = lock.acquire
        self.release = lock.release
        if hasattr(lock, '_release_save'):
            self._release_save = lock._release_save
        if hasattr(lock, '_acquire_restore'):
            self._acquire_restore = lock._acquire_restore
        if hasattr(lock, '_is_owned'):
            self._is_owned = lock._is_owned
        self._waiters = []

    def __enter__(self):
        return self._lock.__enter__()

    def __exit__(self, *args):
        return self._lock.__exit__(*args)

    def __repr__(self):
        return "<Condition(%s, %d)>" % (self._lock, len(self._waiters))

    def _release_save(self):
        self._lock.release()

    def _acquire_restore(self, x):
        self._lock.acquire()

    def _is_owned(self):
        if self._lock.acquire(False):
            self._lock.release()
            return False
        return True

    def wait(self, timeout=None):
        if not self._is_owned():
            raise RuntimeError("cannot wait on un-acquired lock")
        waiter = _allocate_lock()
        waiter.acquire()
        self._waiters.append(waiter)
        saved_state = self._release_save()
        gotit = False
        try:
            if timeout is None:
                waiter.acquire()
                gotit = True
            else:
                if timeout > 0:
                    gotit = waiter.acquire(True, timeout)
                else:
                    gotit = waiter.acquire(False)
            return gotit
        finally:
            self._acquire_restore(saved_state)
            if not gotit:
                try:
                    self._waiters.remove(waiter)
                except ValueError:
                    pass

    def wait_for(self, predicate, timeout=None):
        endtime = None
        waittime = timeout
        result = predicate()
        while not result:
            if waittime is not None:
                if endtime is None:
                    endtime = _time() + waittime
                else:
                    waittime = endtime - _time()
                    if waittime <= 0:
                        break
            self.wait(waittime)
            result = predicate()
        return result

    def notify(self, n=1):
        if not self._is_owned():
            raise RuntimeError("cannot notify on un-acquired lock")
        waiters = self._waiters
        while waiters and n > 0:
            waiter = waiters.pop(0)
            try:
                waiter.release()
            except RuntimeError:
                pass
            else:
                n -= 1

    def notify_all(self):
        self.notify(len(self._waiters))

    notifyAll = notify_all


def _time():
    import time
    return time.monotonic()


class Semaphore:

    def __init__(self, value=1):
        if value < 0:
            raise ValueError("semaphore initial value must be >= 0")
        self._cond = Condition(Lock())
        self._value = value

    def acquire(self, blocking=True, timeout=None):
        if not blocking and timeout is not None:
            raise ValueError("can't specify timeout for non-blocking acquire")
        rc = False
        endtime = None
        with self._cond:
            while self._value == 0:
                if not blocking:
                    break
                if timeout is not None:
                    if endtime is None:
                        endtime = _time() + timeout
                    else:
                        timeout = endtime - _time()
                        if timeout <= 0:
                            break
                self._cond.wait(timeout)
            else:
                self._value -= 1
                rc = True
        return rc

    __enter__ = acquire

    def release(self, n=1):
        if n < 1:
            raise ValueError('n must be one or more')
        with self._cond:
            self._value += n
            for i in range(n):
                self._cond.notify()

    def __exit__(self, t, v, tb):
        self.release()


class BoundedSemaphore(Semaphore):

    def __init__(self, value=1):
        Semaphore.__init__(self, value)
        self._initial_value = value

    def release(self, n=1):
        if n < 1:
            raise ValueError('n must be one or more')
        with self._cond:
            if self._value + n > self._initial_value:
                raise ValueError("Semaphore released too many times")
            self._value += n
            for i in range(n):
                self._cond.notify()


class Event:

    def __init__(self):
        self._cond = Condition(Lock())
        self._flag = False

    def is_set(self):
        return self._flag

    isSet = is_set

    def set(self):
        with self._cond:
            self._flag = True
            self._cond.notify_all()

    def clear(self):
        with self._cond:
            self._flag = False

    def wait(self, timeout=None):
        with self._cond:
            signaled = self._flag
            if not signaled:
                signaled = self._cond.wait(timeout)
            return signaled


class BrokenBarrierError(RuntimeError):
    pass


class Barrier:

    def __init__(self, parties, action=None, timeout=None):
        self._cond = Condition(Lock())
        self._action = action
        self._timeout = timeout
        self._parties = parties
        self._state = 0  # 0 filling, 1 draining, -1 resetting, -2 broken
        self._count = 0

    def wait(self, timeout=None):
        if timeout is None:
            timeout = self._timeout
        with self._cond:
            self._enter()
            index = self._count
            self._count += 1
            try:
                if index + 1 == self._parties:
                    self._release()
                else:
                    self._wait(timeout)
                return index
            finally:
                self._count -= 1
                self._exit()

    def _enter(self):
        while self._state in (-1, 1):
            self._cond.wait()
        if self._state < 0:
            raise BrokenBarrierError

    def _release(self):
        try:
            if self._action:
                self._action()
            self._state = 1
            self._cond.notify_all()
        except:
            self._break()
            raise

    def _wait(self, timeout):
        if not self._cond.wait_for(lambda: self._state != 0, timeout):
            self._break()
            raise BrokenBarrierError
        if self._state < 0:
            raise BrokenBarrierError

    def _exit(self):
        if self._count == 0:
            if self._state in (-1, 1):
                self._state = 0
                self._cond.notify_all()

    def reset(self):
        with self._cond:
            if self._count > 0:
                if self._state == 0:
                    self._state = -1
                elif self._state == -2:
                    self._state = -1
            else:
                self._state = 0
            self._cond.notify_all()

    def abort(self):
        with self._cond:
            self._break()

    def _break(self):
        self._state = -2
        self._cond.notify_all()

    @property
    def parties(self):
        return self._parties

    @property
    def n_waiting(self):
        if self._state == 0:
            return self._count
        return 0

    @property
    def broken(self):
        return self._state == -2


_counter_value = 0


def _newname(name_template="Thread-%d"):
    global _counter_value
    _counter_value += 1
    return name_template % _counter_value


_active_limbo_lock = RLock()
_active = {}    # ident -> Thread, for running threads
_limbo = {}     # Thread -> Thread, started but not yet running
_shutdown_locks = set()


class ExceptHookArgs:

    def __init__(self, exc_type, exc_value, exc_traceback, thread):
        self.exc_type = exc_type
        self.exc_value = exc_value
        self.exc_traceback = exc_traceback
        self.thread = thread


def excepthook(args):
    """Print an uncaught thread exception to sys.stderr, as CPython's default does."""
    if args.exc_type is SystemExit:
        return
    if args.thread is not None:
        name = args.thread.name
    else:
        name = get_ident()
    text = _thread._format_exception(args.exc_value)
    _sys.stderr.write("Exception in thread %s:\n%s" % (name, text))
    if hasattr(_sys.stderr, 'flush'):
        _sys.stderr.flush()


__excepthook__ = excepthook


class Thread:

    _initialized = False

    def __init__(self, group=None, target=None, name=None, args=(), kwargs=None, *,
                 daemon=None):
        assert group is None, "group argument must be None for now"
        if kwargs is None:
            kwargs = {}
        if name:
            name = str(name)
        else:
            name = _newname("Thread-%d")
            if target is not None:
                try:
                    target_name = target.__name__
                    name += f" ({target_name})"
                except AttributeError:
                    pass
        self._target = target
        self._name = name
        self._args = args
        self._kwargs = kwargs
        if daemon is not None:
            self._daemonic = daemon
        else:
            self._daemonic = current_thread().daemon
        self._ident = None
        self._native_id = None
        self._started = Event()
        self._is_stopped = False
        self._done_lock = None
        self._initialized = True

    def __repr__(self):
        assert self._initialized, "Thread.__init__() was not called"
        status = "initial"
        if self._started.is_set():
            status = "started"
        if self._is_stopped:
            status = "stopped"
        if self._daemonic:
            status += " daemon"
        if self._ident is not None:
            status += " %s" % self._ident
        return "<%s(%s, %s)>" % (self.__class__.__name__, self._name, status)

    def start(self):
        if not self._initialized:
            raise RuntimeError("thread.__init__() not called")
        if self._started.is_set():
            raise RuntimeError("threads can only be started once")
        self._done_lock = _allocate_lock()
        self._done_lock.acquire()
        with _active_limbo_lock:
            _limbo[self] = self
        try:
            _start_new_thread(self._bootstrap, ())
        except Exception:
            with _active_limbo_lock:
                del _limbo[self]
            raise
        self._started.wait()

    def run(self):
        try:
            if self._target is not None:
                self._target(*self._args, **self._kwargs)
        finally:
            del self._target, self._args, self._kwargs

    def _bootstrap(self):
        self._ident = get_ident()
        self._native_id = get_native_id()
        with _active_limbo_lock:
            _active[self._ident] = self
            del _limbo[self]
        self._started.set()
        try:
            self.run()
        except BaseException as exc:
            excepthook(ExceptHookArgs(type(exc), exc, exc.__traceback__, self))
        finally:
            self._stop()

    def _stop(self):
        with _active_limbo_lock:
            self._is_stopped = True
            _active.pop(self._ident, None)
        lock = self._done_lock
        if lock is not None:
            lock.release()

    def join(self, timeout=None):
        if not self._initialized:
            raise RuntimeError("Thread.__init__() not called")
        if not self._started.is_set():
            raise RuntimeError("cannot join thread before it is started")
        if self is current_thread():
            raise RuntimeError("cannot join current thread")
        lock = self._done_lock
        if lock is None or self._is_stopped and not lock.locked():
            return
        if timeout is None:
            got = lock.acquire()
        elif timeout <= 0:
            got = lock.acquire(False)
        else:
            got = lock.acquire(True, timeout)
        if got:
            lock.release()

    @property
    def name(self):
        return self._name

    @name.setter
    def name(self, name):
        self._name = str(name)

    @property
    def ident(self):
        return self._ident

    @property
    def native_id(self):
        return self._native_id

    def is_alive(self):
        return self._started.is_set() and not self._is_stopped

    @property
    def daemon(self):
        return self._daemonic

    @daemon.setter
    def daemon(self, daemonic):
        if self._started.is_set():
            raise RuntimeError("cannot set daemon status of active thread")
        self._daemonic = daemonic

    def isDaemon(self):
        return self.daemon

    def setDaemon(self, daemonic):
        self.daemon = daemonic

    def getName(self):
        return self.name

    def setName(self, name):
        self.name = name


class Timer(Thread):
    """Call a function after a number of seconds, unless cancel() comes first."""

    def __init__(self, interval, function, args=None, kwargs=None):
        Thread.__init__(self)
        self.interval = interval
        self.function = function
        self.args = args if args is not None else []
        self.kwargs = kwargs if kwargs is not None else {}
        self.finished = Event()

    def cancel(self):
        self.finished.set()

    def run(self):
        self.finished.wait(self.interval)
        if not self.finished.is_set():
            self.function(*self.args, **self.kwargs)
        self.finished.set()


class _MainThread(Thread):

    def __init__(self):
        Thread.__init__(self, name="MainThread", daemon=False)
        self._started.set()
        self._ident = get_ident()
        self._native_id = get_native_id()
        with _active_limbo_lock:
            _active[self._ident] = self


class _DummyThread(Thread):

    def __init__(self):
        Thread.__init__(self, name=_newname("Dummy-%d"), daemon=True)
        self._started.set()
        self._ident = get_ident()
        self._native_id = get_native_id()
        with _active_limbo_lock:
            _active[self._ident] = self

    def is_alive(self):
        return True

    def join(self, timeout=None):
        raise RuntimeError("cannot join a dummy thread")


def current_thread():
    try:
        return _active[get_ident()]
    except KeyError:
        return _DummyThread()


currentThread = current_thread


def active_count():
    with _active_limbo_lock:
        return len(_active) + len(_limbo)


activeCount = active_count


def enumerate():
    with _active_limbo_lock:
        return list(_active.values()) + list(_limbo.values())


def main_thread():
    return _main_thread


class local:
    """Attributes private to each thread: one dict per Thread object (not per ident, which
    the OS reuses once a thread ends). A subclass's __init__
    runs again, with the constructor's arguments, the first time each thread touches it."""

    def __new__(cls, *args, **kwargs):
        if (args or kwargs) and cls.__init__ is object.__init__:
            raise TypeError("Initialization arguments are not supported")
        self = object.__new__(cls)
        object.__setattr__(self, '_local__dicts', {current_thread(): {}})
        object.__setattr__(self, '_local__args', (args, kwargs))
        return self

    def _local__getdict(self):
        dicts = object.__getattribute__(self, '_local__dicts')
        key = current_thread()
        d = dicts.get(key)
        if d is None:
            d = {}
            dicts[key] = d
            init = type(self).__init__
            if init is not object.__init__:
                args, kwargs = object.__getattribute__(self, '_local__args')
                init(self, *args, **kwargs)
        return d

    def __getattribute__(self, name):
        if name.startswith('_local__') or name == '__class__':
            return object.__getattribute__(self, name)
        d = local._local__getdict(self)
        if name == '__dict__':
            return d
        if name in d:
            return d[name]
        return object.__getattribute__(self, name)

    def __setattr__(self, name, value):
        if name == '__dict__':
            raise AttributeError("'%s' object attribute '__dict__' is read-only"
                                 % type(self).__name__)
        local._local__getdict(self)[name] = value

    def __delattr__(self, name):
        d = local._local__getdict(self)
        if name not in d:
            raise AttributeError(name)
        del d[name]


_main_thread = _MainThread()


_threading_atexits = []
_SHUTTING_DOWN = False


def _register_atexit(func, *arg, **kwargs):
    """As CPython's: func runs when the interpreter shuts down, before the non-daemon
    threads are joined (latest registered first)."""
    if _SHUTTING_DOWN:
        raise RuntimeError("can't register atexit after shutdown")
    _threading_atexits.append(lambda: func(*arg, **kwargs))


def _shutdown():
    """Run the _register_atexit callbacks, then wait for every non-daemon thread; the
    interpreter calls this before it exits."""
    global _SHUTTING_DOWN
    _SHUTTING_DOWN = True
    while _threading_atexits:
        _threading_atexits.pop()()
    while True:
        with _active_limbo_lock:
            pending = [t for t in list(_active.values()) + list(_limbo.values())
                       if not t.daemon and t is not _main_thread and t.is_alive()]
        if not pending:
            return
        for t in pending:
            t.join()


def _after_fork():
    """In the child of os.fork(): the thread that forked is the only one left, and it
    becomes the main thread. Locks another thread may have held at the fork are made anew."""
    global _active_limbo_lock, _main_thread
    _active_limbo_lock = RLock()
    current = _active.get(get_ident())
    if current is None:
        current = _MainThread()
    for thread in list(_active.values()) + list(_limbo.values()):
        if thread is not current:
            thread._is_stopped = True
            thread._done_lock = None
    _active.clear()
    _limbo.clear()
    _active[current._ident] = current
    current._native_id = get_native_id()
    _main_thread = current
