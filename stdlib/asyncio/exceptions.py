"""asyncio exceptions (modeled on CPython 3.11)."""

__all__ = ('CancelledError', 'InvalidStateError', 'TimeoutError',
           'QueueEmpty', 'QueueFull', 'IncompleteReadError',
           'LimitOverrunError')

TimeoutError = TimeoutError


class CancelledError(BaseException):
    """The Future or Task was cancelled."""


class InvalidStateError(Exception):
    """The operation is not allowed in this state."""


class QueueEmpty(Exception):
    """Raised when Queue.get_nowait() is called on an empty Queue."""


class QueueFull(Exception):
    """Raised when the Queue.put_nowait() method is called on a full Queue."""


class IncompleteReadError(EOFError):
    """Incomplete read error: the stream ended before the expected bytes came."""

    def __init__(self, partial, expected):
        r_expected = 'undefined' if expected is None else repr(expected)
        super().__init__('%d bytes read on a total of %s expected bytes'
                         % (len(partial), r_expected))
        self.partial = partial
        self.expected = expected

    def __reduce__(self):
        return type(self), (self.partial, self.expected)


class LimitOverrunError(Exception):
    """The separator was not found within the buffer limit."""

    def __init__(self, message, consumed):
        super().__init__(message)
        self.consumed = consumed

    def __reduce__(self):
        return type(self), (self.args[0], self.consumed)
