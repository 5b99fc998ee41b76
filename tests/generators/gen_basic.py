# Generator functions: lazy execution, state between yields, exhaustion, locals kept.
def count_up(n):
    print("started")
    i = 0
    while i < n:
        yield i
        i += 1
    print("finished")
g = count_up(3)
print(type(g).__name__)
print(next(g))
print(list(g))
print(list(g), next(g, "exhausted"))
def fib():
    a, b = 0, 1
    while True:
        yield a
        a, b = b, a + b
f = fib()
print([next(f) for _ in range(12)])
def multi():
    yield 1
    yield from [2, 3]
    x = yield
    yield x
print(list(multi()))
def empty():
    return
    yield
print(list(empty()), iter(g) is g)
def gen_with_args(*args, sep="-"):
    for a in args:
        yield sep + str(a)
print(list(gen_with_args(1, 2, sep="+")))
print(sum(x * x for x in count_up(4)))
