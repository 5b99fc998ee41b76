# lambda: closures over loop variables, defaults, immediately called, in sorted keys.
sq = lambda x: x * x
print(sq(7), (lambda: "nullary")(), (lambda a, b=10: a + b)(1))
fs = [lambda: i for i in range(3)]
print([fn() for fn in fs])
fs = [lambda i=i: i for i in range(3)]
print([fn() for fn in fs])
pairs = [(1, "one"), (3, "three"), (2, "two")]
print(sorted(pairs, key=lambda p: p[1]))
print(list(map(lambda x, y: x + y, [1, 2], [10, 20])))
print(sq.__name__, (lambda: 0).__name__)
compose = lambda f, g: lambda x: f(g(x))
print(compose(str, sq)(5) + "!")
