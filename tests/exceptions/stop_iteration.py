# StopIteration and iteration: manual next, default, StopIteration from __next__.
it = iter([1])
print(next(it))
try:
    next(it)
except StopIteration as e:
    print("StopIteration", e.args, e.value)
print(next(it, None))
def gen():
    yield 1
    return "ret"
g = gen()
next(g)
try:
    next(g)
except StopIteration as e:
    print("value:", e.value)
class It:
    def __iter__(self): return self
    def __next__(self): raise StopIteration("stop payload")
print(list(It()))
def leaky():
    yield 1
    raise StopIteration("leak")
try:
    list(leaky())
except RuntimeError as e:
    print(type(e).__name__, e, type(e.__cause__).__name__)
