"""A small asyncio: a single-threaded event loop over selectors, with socket
streams. Modeled on CPython 3.11's asyncio."""

from .exceptions import *
from .events import *
from .futures import *
from .tasks import *
from .locks import *
from .queues import *

from .selector_events import SelectorEventLoop, Server
from .streams import *
from .streams import (StreamReader, StreamWriter, StreamReaderProtocol,
                      open_connection, start_server)
from .exceptions import (CancelledError, InvalidStateError, TimeoutError,
                         QueueEmpty, QueueFull, IncompleteReadError,
                         LimitOverrunError)
from .events import (get_event_loop, get_running_loop, new_event_loop,
                     set_event_loop, AbstractEventLoop, Handle, TimerHandle)
from .futures import Future, isfuture, wrap_future
from .tasks import (Task, create_task, ensure_future, gather, sleep, wait,
                    wait_for, as_completed, shield, run, current_task,
                    all_tasks, iscoroutine, iscoroutinefunction,
                    FIRST_COMPLETED, FIRST_EXCEPTION, ALL_COMPLETED)
from .locks import Lock, Event, Semaphore, BoundedSemaphore
from .queues import Queue, PriorityQueue, LifoQueue

EventLoop = SelectorEventLoop
