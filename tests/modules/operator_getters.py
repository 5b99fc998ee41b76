# operator: itemgetter, attrgetter, methodcaller.
from operator import itemgetter, attrgetter, methodcaller


class Point:
    def __init__(self, x, y):
        self.x = x
        self.y = y
        self.meta = Meta(x + y)


class Meta:
    def __init__(self, total):
        self.total = total


rows = [("b", 2), ("a", 3), ("c", 1)]
print(sorted(rows, key=itemgetter(1)), sorted(rows, key=itemgetter(0)))
print(itemgetter(1)("xyz"), itemgetter(0, 2)("xyz"), itemgetter("k")({"k": 5}), itemgetter(slice(0, 2))([1, 2, 3]))
pts = [Point(3, 1), Point(1, 2)]
print([p.x for p in sorted(pts, key=attrgetter("x"))], attrgetter("x", "y")(pts[0]))
print(attrgetter("meta.total")(pts[1]), attrgetter("meta.total", "x")(pts[1]))
print(methodcaller("upper")("abc"), methodcaller("split", ",")("a,b"), methodcaller("replace", "a", "o", 1)("aaa"))
print(methodcaller("get", "z", 0)({}), methodcaller("format", name="x")("{name}!"))
print(repr(itemgetter(1, "a")), repr(attrgetter("a.b", "c")), repr(methodcaller("f", 1, k=2)))
for bad in [lambda: itemgetter(), lambda: attrgetter(), lambda: attrgetter(1), lambda: methodcaller(),
            lambda: methodcaller(5), lambda: attrgetter("nope")(pts[0]), lambda: itemgetter(5)([1])]:
    try:
        bad()
    except (TypeError, AttributeError, IndexError) as e:
        print(type(e).__name__, e)
