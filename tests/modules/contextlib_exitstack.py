# contextlib.ExitStack: enter_context, callback, push, pop_all, close, LIFO order, suppression.
from contextlib import ExitStack, contextmanager
@contextmanager
def res(name):
    print("open", name)
    yield name
    print("close", name)
with ExitStack() as stack:
    names = [stack.enter_context(res(n)) for n in "abc"]
    stack.callback(print, "callback runs first", "(LIFO)")
    print("using", names)
def on_exit(exc_type, exc, tb):
    print("push saw", exc_type.__name__ if exc_type else None)
    return exc_type is KeyError
with ExitStack() as stack:
    stack.push(on_exit)
    raise KeyError("suppressed by pushed exit")
print("after suppression")
with ExitStack() as outer:
    outer.enter_context(res("kept"))
    moved = outer.pop_all()
print("outer closed, moved still open")
moved.close()
stack = ExitStack()
stack.callback(lambda: print("closed explicitly"))
stack.close()
stack.close()
def failing_cb():
    raise ValueError("from callback")
try:
    with ExitStack() as s:
        s.callback(failing_cb)
        s.callback(print, "earlier callback still runs")
except ValueError as e:
    print("raised:", e)
try:
    with ExitStack() as s:
        s.callback(failing_cb)
        raise TypeError("body")
except ValueError as e:
    print("callback error chained to", repr(e.__context__))
class Plain:
    pass
try:
    ExitStack().enter_context(Plain())
except TypeError as e:
    print(type(e).__name__)
