"""asyncio exceptions (modeled on CPython 3.11)."""

__all__ = ('CancelledError', 'InvalidStateError', 'TimeoutError',
           'QueueEmpty', 'QueueFull')

TimeoutError = TimeoutError


class CancelledError(BaseException):
    """The Future or Task was cancelled."""


class InvalidStateError(Exception):
    """The operation is not allowed in this state."""


class QueueEmpty(Exception):
    """Raised when Queue.get_nowait() is called on an empty Queue."""


class QueueFull(Exception):
    """Raised when the Queue.put_nowait() method is called on a full Queue."""
