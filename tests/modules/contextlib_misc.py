# contextlib: suppress, closing, nullcontext, redirect_stdout, redirect_stderr, ContextDecorator.
import sys
from contextlib import suppress, closing, nullcontext, redirect_stdout, redirect_stderr, ContextDecorator
with suppress(KeyError, IndexError):
    [][0]
print("suppressed IndexError")
try:
    with suppress(KeyError):
        1 / 0
except ZeroDivisionError:
    print("not suppressed")
with suppress():
    pass
class Resource:
    def close(self):
        print("Resource.close called")
with closing(Resource()) as r:
    print("using", type(r).__name__)
with nullcontext("value") as v:
    print(v)
with nullcontext() as v:
    print(v)
class Capture:
    def __init__(self):
        self.parts = []
    def write(self, s):
        self.parts.append(s)
        return len(s)
    def flush(self):
        pass
buf = Capture()
with redirect_stdout(buf) as target:
    print("captured line")
    print("second", 2)
print(target is buf, "".join(buf.parts), end="")
err = Capture()
with redirect_stderr(err):
    sys.stderr.write("to fake stderr\n")
print(err.parts, sys.stdout is sys.__stdout__)
class announce(ContextDecorator):
    def __enter__(self):
        print("announce enter")
        return self
    def __exit__(self, *exc):
        print("announce exit", exc[0].__name__ if exc[0] else None)
        return False
@announce()
def job(n):
    print("job", n)
    return n
print(job(3))
with announce():
    print("as a with block")
