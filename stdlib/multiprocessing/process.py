"""multiprocessing.process - Process objects started with fork(), and current_process().

The child runs the target in a copy of the parent, flushes its output and leaves with
os._exit: it never returns into the parent's code. An uncaught exception is reported on
stderr under a "Process NAME:" line, with exit code 1, as CPython does.
"""

import os
import sys
import signal
import itertools

__all__ = ['BaseProcess', 'Process', 'current_process', 'active_children', 'parent_process']


def current_process():
    return _current_process


def parent_process():
    return _parent_process


def active_children():
    _cleanup()
    return list(_children)


def _cleanup():
    for p in list(_children):
        if p._reap(os.WNOHANG) is not None:
            _children.discard(p)


def _exit_function():
    """What a process does as it ends (CPython's util._exit_function): terminate its
    daemonic children, wait for the others, then let its queues' feeders finish."""
    for p in active_children():
        if p.daemon:
            p.terminate()
    for p in active_children():
        p.join()
    queues = sys.modules.get('multiprocessing.queues')
    if queues is not None:
        queues._flush_feeders()


_exit_registered_in = None


def _register_exit_function():
    global _exit_registered_in
    if _exit_registered_in != os.getpid():
        _exit_registered_in = os.getpid()
        import threading
        threading._register_atexit(_exit_function)


def _flush_std_streams():
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (AttributeError, ValueError, OSError):
            pass


class BaseProcess:
    _start_method = 'fork'

    def __init__(self, group=None, target=None, name=None, args=(), kwargs={}, *, daemon=None):
        assert group is None, 'group argument must be None for now'
        count = next(_process_counter)
        self._identity = _current_process._identity + (count,)
        self._config = dict(_current_process._config)
        self._parent_pid = os.getpid()
        self._parent_name = _current_process.name
        self._pid = None
        self._returncode = None
        self._closed = False
        self._target = target
        self._args = tuple(args)
        self._kwargs = dict(kwargs)
        self._name = name or type(self).__name__ + '-' + ':'.join(str(i) for i in self._identity)
        if daemon is not None:
            self.daemon = daemon

    def run(self):
        if self._target:
            self._target(*self._args, **self._kwargs)

    def _check_closed(self):
        if self._closed:
            raise ValueError("process object is closed")

    def start(self):
        self._check_closed()
        assert self._pid is None, 'cannot start a process twice'
        assert self._parent_pid == os.getpid(), \
            'can only start a process object created by current process'
        assert not _current_process._config.get('daemon'), \
            'daemonic processes are not allowed to have children'
        _cleanup()
        _register_exit_function()
        _flush_std_streams()
        pid = os.fork()
        if pid == 0:
            code = 1
            try:
                code = self._bootstrap()
            finally:
                _flush_std_streams()
                os._exit(code)
        self._pid = pid
        _children.add(self)

    def _bootstrap(self):
        global _current_process, _parent_process, _process_counter, _children
        _children = set()
        _process_counter = itertools.count(1)
        _parent_process = _ParentProcess(self._parent_name, self._parent_pid)
        _current_process = self
        self._pid = os.getpid()
        try:
            self.run()
            return 0
        except SystemExit as e:
            if e.code is None:
                return 0
            if isinstance(e.code, int):
                return e.code
            sys.stderr.write(str(e.code) + '\n')
            return 1
        except BaseException as e:
            import _thread
            sys.stderr.write('Process %s:\n' % self.name)
            sys.stderr.write(_thread._format_exception(e))
            return 1
        finally:
            try:
                _exit_function()
                threading = sys.modules.get('threading')
                if threading is not None:
                    threading._shutdown()
            except BaseException:
                pass

    def _reap(self, flag):
        """The exit code if the child has ended (waiting for it unless flag is WNOHANG)."""
        if self._returncode is None and self._pid is not None:
            try:
                pid, status = os.waitpid(self._pid, flag)
            except ChildProcessError:
                return None
            if pid == self._pid:
                self._returncode = os.waitstatus_to_exitcode(status)
        return self._returncode

    def join(self, timeout=None):
        self._check_closed()
        assert self._parent_pid == os.getpid(), 'can only join a child process'
        assert self._pid is not None, 'can only join a started process'
        if timeout is None:
            self._reap(0)
        else:
            import time
            deadline = time.monotonic() + timeout
            delay = 0.0005
            while self._reap(os.WNOHANG) is None:
                left = deadline - time.monotonic()
                if left <= 0:
                    break
                time.sleep(min(delay, left))
                delay = min(delay * 2, 0.05)
        if self._returncode is not None:
            _children.discard(self)

    def is_alive(self):
        self._check_closed()
        if self is _current_process:
            return True
        assert self._parent_pid == os.getpid(), 'can only test a child process'
        if self._pid is None:
            return False
        return self._reap(os.WNOHANG) is None

    def terminate(self):
        self._check_closed()
        self._signal(signal.SIGTERM)

    def kill(self):
        self._check_closed()
        self._signal(signal.SIGKILL)

    def _signal(self, sig):
        if self._pid is not None and self._returncode is None:
            try:
                os.kill(self._pid, sig)
            except ProcessLookupError:
                pass

    def close(self):
        if self._pid is not None and self._returncode is None and self._reap(os.WNOHANG) is None:
            raise ValueError("Cannot close a process while it is still running. "
                             "You should first call join() or terminate().")
        _children.discard(self)
        self._closed = True

    @property
    def name(self):
        return self._name

    @name.setter
    def name(self, name):
        assert isinstance(name, str), 'name must be a string'
        self._name = name

    @property
    def daemon(self):
        return self._config.get('daemon', False)

    @daemon.setter
    def daemon(self, daemonic):
        assert self._pid is None, 'process has already started'
        self._config['daemon'] = daemonic

    @property
    def exitcode(self):
        self._check_closed()
        if self._pid is None or self is _current_process:
            return None
        return self._reap(os.WNOHANG)

    @property
    def pid(self):
        self._check_closed()
        return self._pid

    ident = pid

    @property
    def authkey(self):
        return self._config.get('authkey', b'')

    @property
    def sentinel(self):
        raise ValueError("process sentinels are not supported")

    def __repr__(self):
        status = 'initial'
        if self._closed:
            status = 'closed'
        elif self is _current_process:
            status = 'started'
        elif self._pid is not None:
            code = self._reap(os.WNOHANG)
            status = 'started' if code is None else 'stopped'
        info = [type(self).__name__, 'name=%r' % self._name]
        if self._pid is not None:
            info.append('pid=%s' % self._pid)
        info.append('parent=%s' % self._parent_pid)
        info.append(status)
        if self._returncode is not None and status == 'stopped':
            code = self._returncode
            if code < 0:
                try:
                    code = 'signal ' + signal.Signals(-code).name
                except Exception:
                    code = 'signal %d' % -code
            info.append('exitcode=%s' % code)
        if self.daemon:
            info.append('daemon')
        return '<%s>' % ' '.join(info)


class Process(BaseProcess):
    pass


class _MainProcess(BaseProcess):

    def __init__(self):
        self._identity = ()
        self._name = 'MainProcess'
        self._parent_pid = None
        self._pid = os.getpid()
        self._returncode = None
        self._closed = False
        self._config = {'authkey': os.urandom(32)}
        self._target = None

    def __repr__(self):
        return "<_MainProcess name='MainProcess' parent=None started>"


class _ParentProcess(BaseProcess):

    def __init__(self, name, pid):
        self._identity = ()
        self._name = name
        self._pid = pid
        self._parent_pid = None
        self._returncode = None
        self._closed = False
        self._config = {}

    def is_alive(self):
        return os.getppid() == self._pid

    def join(self, timeout=None):
        pass


_current_process = _MainProcess()
_parent_process = None
_process_counter = itertools.count(1)
_children = set()
