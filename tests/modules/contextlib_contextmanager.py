# contextlib.contextmanager: enter value, exceptions into the generator, suppression, decorator use.
from contextlib import contextmanager
@contextmanager
def tag(name):
    print(f"<{name}>")
    try:
        yield name.upper()
    finally:
        print(f"</{name}>")
with tag("div") as t:
    print("inside", t)
try:
    with tag("p"):
        raise ValueError("boom")
except ValueError as e:
    print("propagated", e)
@contextmanager
def swallow(*types):
    try:
        yield
    except types as e:
        print("swallowed", type(e).__name__)
with swallow(KeyError):
    {}["x"]
print("continues")
@contextmanager
def no_yield():
    if False:
        yield
try:
    with no_yield():
        pass
except RuntimeError as e:
    print(e)
@contextmanager
def two_yields():
    yield
    yield
try:
    with two_yields():
        pass
except RuntimeError as e:
    print(e)
@tag("decorated")
def work(x):
    print("working", x)
    return x * 2
print(work(21))
print(work(1))
@contextmanager
def changes_exc():
    try:
        yield
    except ZeroDivisionError:
        raise ArithmeticError("translated")
try:
    with changes_exc():
        1 / 0
except ArithmeticError as e:
    print(type(e).__name__, e, type(e.__context__).__name__)
@contextmanager
def reraise_stop():
    yield
try:
    with reraise_stop():
        raise StopIteration("inside with")
except StopIteration as e:
    print("StopIteration passes through:", e)
cm = tag("once")
with cm:
    pass
try:
    with cm:
        pass
except (RuntimeError, AttributeError, TypeError) as e:
    print("reuse fails:", type(e).__name__)
