"""Execute computations asynchronously using threads (CPython 3.11's concurrent.futures).

ProcessPoolExecutor is not provided: Adder has no multiprocessing.
"""

from concurrent.futures._base import (FIRST_COMPLETED,
                                      FIRST_EXCEPTION,
                                      ALL_COMPLETED,
                                      CancelledError,
                                      TimeoutError,
                                      InvalidStateError,
                                      BrokenExecutor,
                                      DoneAndNotDoneFutures,
                                      Future,
                                      Executor,
                                      wait,
                                      as_completed)
from concurrent.futures.thread import ThreadPoolExecutor

__all__ = (
    'FIRST_COMPLETED',
    'FIRST_EXCEPTION',
    'ALL_COMPLETED',
    'CancelledError',
    'TimeoutError',
    'BrokenExecutor',
    'Future',
    'Executor',
    'wait',
    'as_completed',
    'ThreadPoolExecutor',
)


class ProcessPoolExecutor(Executor):
    """Not available: Adder has no multiprocessing; constructing one raises."""

    def __init__(self, *args, **kwargs):
        raise NotImplementedError(
            "ProcessPoolExecutor is not supported by Adder (no multiprocessing); "
            "use ThreadPoolExecutor")
