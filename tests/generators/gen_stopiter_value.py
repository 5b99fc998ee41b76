# A generator's return value travels in StopIteration.value; PEP 479 conversion.
def g():
    yield 1
    return {"result": 42}
it = g()
next(it)
try:
    next(it)
except StopIteration as e:
    print(e.value, e.args)
def no_return():
    yield 1
it = no_return()
next(it)
try:
    next(it)
except StopIteration as e:
    print(e.value, e.args)
def bad():
    yield 1
    next(iter([]))
try:
    list(bad())
except RuntimeError as e:
    print(e, "| cause:", type(e.__cause__).__name__)
def explicit_stop():
    yield "a"
    raise StopIteration
try:
    print(list(explicit_stop()))
except RuntimeError as e:
    print("RuntimeError", e)
