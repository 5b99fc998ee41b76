# yield from: delegation, return values, send/throw forwarding, nested delegation.
def inner():
    x = yield "inner-1"
    print("inner received", x)
    yield "inner-2"
    return "inner-result"
def outer():
    result = yield from inner()
    print("outer got", result)
    yield "outer-done"
o = outer()
print(next(o))
print(o.send("hello"))
print(next(o))
print(next(o, "end"))
def flatten(items):
    for it in items:
        if isinstance(it, list):
            yield from flatten(it)
        else:
            yield it
print(list(flatten([1, [2, [3, [4]], 5], [[6]]])))
def catcher():
    try:
        yield 1
    except KeyError:
        yield "inner caught KeyError"
def delegator():
    yield from catcher()
d = delegator()
next(d)
print(d.throw(KeyError))
def sub():
    yield 1
    return 10
def adder():
    total = 0
    for _ in range(3):
        total += yield from sub()
    return total
def run(g):
    try:
        while True:
            next(g)
    except StopIteration as e:
        return e.value
print(run(adder()))
print(list(x for x in range(0)))
def from_iterables():
    yield from "ab"
    yield from (1, 2)
    yield from {"k": 0}
    yield from range(2)
print(list(from_iterables()))
