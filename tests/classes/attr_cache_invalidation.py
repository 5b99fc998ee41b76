# Attribute loads, stores and method calls stay right after the class or instance changes
# under a call site that has already run many times (caches must notice every change).


class A:
    kind = "a"

    def __init__(self, x):
        self.x = x

    def m(self):
        return "A.m"

    def get(self):
        return self.x


def call_m(objs):
    return [o.m() for o in objs]


def load_x(objs):
    return [o.x for o in objs]


def store_x(o, v):
    o.x = v


objs = [A(i) for i in range(5)]
print(call_m(objs))

# A method replaced on the class after calls.
A.m = lambda self: "patched"
print(call_m(objs))


def m2(self):
    return "m2 %d" % self.x


A.m = m2
print(call_m(objs))

# An attribute shadowing a method on one instance.
objs[2].m = lambda: "instance"
print(call_m(objs))
del objs[2].m
print(call_m(objs))

# A property added to the class later takes over instance-dict loads and stores.
print(load_x(objs))
A.x = property(lambda self: "prop", lambda self, v: print("set via property", v))
print(load_x(objs))
store_x(objs[0], 99)
print(objs[0].__dict__)
del A.x
print(load_x(objs))

# A plain class attribute later becoming a non-data descriptor and back.
def kinds(objs):
    return [o.kind for o in objs]


print(kinds(objs))
A.kind = "b"
print(kinds(objs))
objs[1].kind = "own"
print(kinds(objs))
A.kind = staticmethod(len)
print(kinds(objs)[0] is len, kinds(objs)[1])
A.kind = 7
print(kinds(objs))


# Changing __class__.
class B:
    def m(self):
        return "B.m"

    @property
    def x(self):
        return "B.x"


o = A(1)
print(call_m([o]), load_x([o]))
o.__class__ = B
print(call_m([o]), load_x([o]))
o.__class__ = A
print(call_m([o]), load_x([o]))


# A base class changed under a subclass.
class Base:
    def m(self):
        return "Base.m"


class Sub(Base):
    pass


s = Sub()
print(call_m([s]))
Base.m = lambda self: "Base.m2"
print(call_m([s]))
Sub.m = lambda self: "Sub.m"
print(call_m([s]))
del Sub.m
print(call_m([s]))


# Class counters rebound through the class and through subclasses.
class Counter:
    count = 0

    def __init__(self):
        Counter.count += 1


class SubCounter(Counter):
    pass


for i in range(10):
    Counter()
    SubCounter()
print(Counter.count, SubCounter.count)
SubCounter.count = 100
SubCounter()
print(Counter.count, SubCounter.count)
Counter.count = "x"
print(Counter.count, SubCounter.count)
del SubCounter.count
print(Counter.count, SubCounter.count)


# __getattr__, __getattribute__ and __setattr__ added after the fact.
class G:
    def __init__(self):
        self.a = 1


g = G()
print(load_x.__name__, [getattr(g, "a") for _ in range(3)])


def read_a(o):
    return o.a


def read_b(o):
    try:
        return o.b
    except AttributeError as e:
        return "AttributeError: " + str(e)


print(read_a(g), read_b(g))
G.__getattr__ = lambda self, name: "getattr " + name
print(read_a(g), read_b(g))
G.__getattribute__ = lambda self, name: "getattribute " + name
print(read_a(g), read_b(g))
del G.__getattribute__
del G.__getattr__
print(read_a(g), read_b(g))


def set_a(o, v):
    o.a = v


set_a(g, 2)
G.__setattr__ = lambda self, name, v: print("setattr", name, v)
set_a(g, 3)
print(g.a)
del G.__setattr__
set_a(g, 4)
print(g.a)


# Instance dicts in different orders share a class; the cached position must be checked.
class P:
    pass


p1, p2 = P(), P()
p1.a, p1.b = 1, 2
p2.b, p2.a = 3, 4


def ab(o):
    return o.a, o.b


for _ in range(3):
    print(ab(p1), ab(p2))
p1.__dict__.clear()
p1.b = 5
p1.a = 6
print(ab(p1), ab(p2))
p2.__dict__ = {"a": "new a", "b": "new b"}
print(ab(p1), ab(p2))
del p1.a
try:
    ab(p1)
except AttributeError as e:
    print("AttributeError:", e)


# Properties: getter errors, a property without a getter, and a property subclass.
class Q:
    @property
    def boom(self):
        raise ValueError("boom")

    only_set = property(None, lambda self, v: None)


def get_boom(o):
    try:
        return o.boom
    except ValueError as e:
        return "ValueError: " + str(e)


def get_only_set(o):
    try:
        return o.only_set
    except AttributeError as e:
        return "AttributeError: " + str(e)


q = Q()
print(get_boom(q), get_only_set(q))


class MyProp(property):
    def __get__(self, obj, cls):
        return "MyProp"


Q.boom = MyProp(lambda self: 1)
print(get_boom(q))


# Methods of builtin types through the same paths.
def appender(lst, v):
    lst.append(v)
    return lst


print(appender([], 1), appender([2], 3))


class L(list):
    def append(self, v):
        super().append(v * 10)


print(appender(L(), 1))


# super() method calls: functions, static and class methods, properties, missing names.
class S0:
    def f(self, x):
        return ("S0.f", type(self).__name__, x)

    @staticmethod
    def st(x):
        return ("S0.st", x)

    @classmethod
    def cm(cls, x):
        return ("S0.cm", cls.__name__, x)

    @property
    def pr(self):
        return "S0.pr"


class S1(S0):
    def f(self, x):
        return ("S1.f",) + super().f(x)

    def g(self):
        return super().st(1), super().cm(2), super().pr

    def h(self):
        try:
            return super().nothing()
        except AttributeError as e:
            return "AttributeError: " + str(e)

    @classmethod
    def ccm(cls):
        return super().cm(3)


class S2(S1):
    def f(self, x):
        return ("S2.f",) + super().f(x)


s2 = S2()
s2.f = "instance attribute is not seen by super"
for _ in range(2):
    print(S2.f(s2, 0), s2.g(), s2.h(), S2.ccm(), super(S1, s2).f(5))
S0.f = lambda self, x: ("S0.f patched", x)
print(S2.f(s2, 1))


# Instance dicts that move between objects and classes, then shadow a method.
class HasM:
    def m(self):
        return "HasM.m"


class NoM:
    pass


def call_m1(o):
    try:
        return o.m()
    except TypeError as e:
        return "TypeError: " + str(e)


h, n = HasM(), NoM()
h.a = 1
print(call_m1(h))
n.__dict__ = h.__dict__
n.m = 5
print(call_m1(h), h.__dict__)
del h.m
print(call_m1(h))
h.__class__ = NoM
h.m = lambda: "own m"
h.__class__ = HasM
print(call_m1(h))
del h.m
print(call_m1(h))
h2 = HasM()
h2.__dict__.update(m=lambda: "via update")
print(call_m1(h2))
h3 = HasM()
h3.x = 1
vars(h3)["m"] = lambda: "via vars"
print(call_m1(h3))
h4 = HasM()
h4.m = 1
NoM.m = HasM.m
h5 = NoM()
h5.k = 1
print(call_m1(h5))
HasM.extra = lambda self: "extra"
print(h4.extra())
h4.extra = lambda: "own extra"
print(h4.extra())
h6, n6 = HasM(), NoM()
n6.__dict__ = h6.__dict__
for i in range(3):
    n6.m = i
    print(call_m1(h6))
    del n6.m
    print(call_m1(h6))
