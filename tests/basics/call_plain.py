# Plain positional calls (the dispatch loop's inline frame set-up): defaults, closures,
# methods, recursion depth, generators calling functions, and errors unwinding through them.
import sys


def add(a, b=10, c=[]):
    c.append(a)
    return a + b + len(c)


print(add(1), add(1, 2), add(1, 2, []), add(3))


def outer(x):
    def inner(y):
        return x + y
    return inner(1) + inner(2)


print(outer(5))


class P:
    def __init__(self, v):
        self.v = v

    def get(self, extra=0):
        return self.v + extra


p = P(4)
print(p.get(), p.get(1), P.get(p, 2))


def depth(n):
    return 0 if n == 0 else 1 + depth(n - 1)


print(depth(500))
try:
    depth(10 ** 6)
except RecursionError as e:
    print("RecursionError", e)
print(depth(200))
old = sys.getrecursionlimit()
sys.setrecursionlimit(120)
try:
    depth(200)
except RecursionError:
    print("limit 120 hit")
sys.setrecursionlimit(old)
print(depth(300))


def gen(n):
    for i in range(n):
        yield add(i, 0, [])


print(list(gen(4)))


def boom(x):
    return 1 // x


def middle(x):
    return boom(x) + 1


try:
    middle(0)
except ZeroDivisionError as e:
    tb = e.__traceback__
    names = []
    while tb:
        names.append(tb.tb_lineno)
        tb = tb.tb_next
    print("caught", e, names)

try:
    add()
except TypeError as e:
    print(e)
try:
    add(1, 2, 3, 4)
except TypeError as e:
    print(e)


def swapped():
    return "old"


def other(a=7):
    return "new", a


swapped.__code__ = other.__code__
swapped.__defaults__ = (8,)
print(swapped(), swapped(9))


# closures and cell parameters through the inline call
def counter(start, step=1):
    def bump():
        nonlocal start
        start += step
        return start
    return bump


c = counter(10)
print(c(), c(), counter(0, 5)(), counter(start=1)())


def captures(a, b):
    def get():
        return a * b
    a += 1
    return get()


print([captures(i, 2) for i in range(4)])


def rec_closure(n):
    def go(k):
        return 0 if k == 0 else k + go(k - 1)
    return go(n)


print(rec_closure(100))


print(middle(1))
middle(0)
