# copy: copy() shares the contents, deepcopy() copies them (memo keeps sharing and cycles).
import copy
import collections

a = [1, [2, 3], {"k": (4, [5])}]
b = copy.copy(a)
c = copy.deepcopy(a)
print(b == a, b is a, b[1] is a[1], c == a, c[1] is a[1], c[2]["k"][1] is a[2]["k"][1])

r = [1]
r.append(r)
r2 = copy.deepcopy(r)
print(r2[1] is r2, r2 is not r)

shared = [1]
x = [shared, shared]
y = copy.deepcopy(x)
print(y[0] is y[1], y[0] is not shared)

t = (1, 2, "x")
print(copy.deepcopy(t) is t, copy.copy(t) is t, copy.deepcopy((1, [2]))[1] is not None)


class Plain:
    def __init__(self, items):
        self.items = items


p = Plain([1, 2])
q = copy.copy(p)
w = copy.deepcopy(p)
print(type(q).__name__, q.items is p.items, w.items is p.items, w.items == p.items)


class Custom:
    def __init__(self, v):
        self.v = v

    def __copy__(self):
        return Custom("copied " + self.v)

    def __deepcopy__(self, memo):
        return Custom("deep " + self.v)


print(copy.copy(Custom("x")).v, copy.deepcopy(Custom("y")).v, copy.deepcopy([Custom("z")])[0].v)


class Tagged(list):
    pass


tg = Tagged([1, [2]])
tg.tag = "t"
tg2 = copy.deepcopy(tg)
print(type(tg2).__name__, tg2, tg2.tag, tg2[1] is tg[1])


class Slotted:
    __slots__ = ("a", "b")


s = Slotted()
s.a = [1]
s2 = copy.deepcopy(s)
print(s2.a, s2.a is s.a, hasattr(s2, "b"))

od = collections.OrderedDict(a=[1])
dd = collections.defaultdict(list, a=[1])
d2 = copy.deepcopy(dd)
print(copy.deepcopy(od), d2, d2["a"] is dd["a"], d2.default_factory is list)
print(copy.copy({1, 2}) == {1, 2}, copy.deepcopy(frozenset([1])), copy.deepcopy(bytearray(b"ab")))
print(copy.copy(len) is len, copy.deepcopy(int) is int, copy.copy(None), copy.deepcopy(3.5))


class M:
    def meth(self):
        return self


m = M()
bm = copy.deepcopy(m.meth)
print(bm() is not m, type(bm()).__name__)
print(issubclass(copy.Error, Exception), copy.error is copy.Error)
