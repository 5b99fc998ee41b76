"""multiprocessing - processes, queues, locks and pools on top of os.fork().

Only the 'fork' start method exists: a child is a copy of the parent, so targets need not
be importable, but everything passed through a Queue, Pipe or Pool is pickled.
"""

import os as _os

from .process import Process, current_process, active_children, parent_process
from .connection import Pipe
from .queues import Queue, SimpleQueue, JoinableQueue
from .synchronize import Lock, RLock, Semaphore, BoundedSemaphore, Event, Condition, Barrier
from .pool import Pool, TimeoutError

__all__ = ['Process', 'current_process', 'active_children', 'parent_process', 'Pipe',
           'Queue', 'SimpleQueue', 'JoinableQueue', 'Lock', 'RLock', 'Semaphore',
           'BoundedSemaphore', 'Event', 'Condition', 'Barrier', 'Pool', 'TimeoutError',
           'cpu_count', 'ProcessError', 'BufferTooShort', 'AuthenticationError',
           'get_context', 'get_start_method', 'set_start_method', 'get_all_start_methods',
           'freeze_support']


class ProcessError(Exception):
    pass


class BufferTooShort(ProcessError):
    pass


class AuthenticationError(ProcessError):
    pass


def cpu_count():
    n = _os.cpu_count()
    if n is None:
        raise NotImplementedError('cannot determine number of cpus')
    return n


def freeze_support():
    pass


def get_start_method(allow_none=False):
    return 'fork'


def get_all_start_methods():
    return ['fork']


def set_start_method(method, force=False):
    if method != 'fork':
        raise ValueError('cannot find context for %r' % method)


class _ForkContext:
    """What get_context() returns: this module's names, for the one start method."""

    def __getattr__(self, name):
        import multiprocessing
        return getattr(multiprocessing, name)

    def get_start_method(self, allow_none=False):
        return 'fork'


def get_context(method=None):
    if method not in (None, 'fork'):
        raise ValueError('cannot find context for %r' % method)
    return _ForkContext()
