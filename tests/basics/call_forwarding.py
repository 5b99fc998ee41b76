# Argument binding through f(*args, **kwargs) forwarding, keyword binding, defaults,
# keyword-only and positional-only parameters, and the errors each may raise.


def show(src, fn):
    try:
        print(src, "=>", fn())
    except TypeError as e:
        print(src, "->", e)


def f(a, b=2, *args, c, d=4, **kw):
    return a, b, args, c, d, kw


def g(a, b, /, c, *, d):
    return a, b, c, d


def star(*args):
    return args


def kwonly(**kw):
    return kw


def both(a, *args, **kw):
    return a, args, kw


def fwd(func):
    def wrapper(*args, **kwargs):
        return func(*args, **kwargs)
    return wrapper


def mut(**kw):
    kw["added"] = 1
    return kw


# plain keyword binding (names compared by identity, then by value)
show("f(1, c=3)", lambda: f(1, c=3))
show("f(1, 2, 3, 4, c=5, e=6)", lambda: f(1, 2, 3, 4, c=5, e=6))
name = "".join(["c"])
show("f(1, **{built c: 3})", lambda: f(1, **{name: 3}))
show("f(**{'a': 1, 'c': 2, 'z': 3})", lambda: f(**{"a": 1, "c": 2, "z": 3}))
show("f(1, a=2, c=3)", lambda: f(1, a=2, c=3))
show("f(1)", lambda: f(1))
show("f()", lambda: f())
show("g(1, 2, 3, d=4)", lambda: g(1, 2, 3, d=4))
show("g(1, 2, c=3, d=4)", lambda: g(1, 2, c=3, d=4))
show("g(1, b=2, c=3, d=4)", lambda: g(1, b=2, c=3, d=4))
show("g(a=1, b=2, c=3, d=4)", lambda: g(a=1, b=2, c=3, d=4))
show("g(1, 2, 3, 4)", lambda: g(1, 2, 3, 4))
show("g(1, 2, 3)", lambda: g(1, 2, 3))
show("g(1, 2, 3, e=5)", lambda: g(1, 2, 3, d=4, e=5))

# through a forwarding wrapper
wf, wg = fwd(f), fwd(g)
show("wf(1, c=3)", lambda: wf(1, c=3))
show("wf(1, 2, 3, c=4, x=5, y=6)", lambda: wf(1, 2, 3, c=4, x=5, y=6))
show("wf(1, a=1, c=3)", lambda: wf(1, a=1, c=3))
show("wf(1, q=1)", lambda: wf(1, q=1))
show("wg(1, 2, 3, d=4)", lambda: wg(1, 2, 3, d=4))
show("wg(1, b=2, c=3, d=4)", lambda: wg(1, b=2, c=3, d=4))
show("wg(1, 2, 3, 4, 5)", lambda: wg(1, 2, 3, 4, 5))
show("wg(1, 2, c=3)", lambda: wg(1, 2, c=3))
show("fwd(g)(1, 2, 3, d=4, e=5)", lambda: fwd(g)(1, 2, 3, d=4, e=5))
show("fwd(fwd(both))(1, 2, x=3)", lambda: fwd(fwd(both))(1, 2, x=3))
show("fwd(both)(a=1, b=2)", lambda: fwd(both)(a=1, b=2))
show("fwd(both)(1, a=2)", lambda: fwd(both)(1, a=2))

# *args and **kwargs are new objects for the callee
t = (1, 2)
d = {"x": 1}
print(star(*t) is t, star(*t) == t, kwonly(**d) is d, kwonly(**d) == d)
print(mut(**d), d)
fm = fwd(mut)
print(fm(**d), d)
print(fwd(kwonly)(), fwd(star)())

# any iterable after *, any mapping after **
class M:
    def keys(self):
        return ["p", "q"]

    def __getitem__(self, k):
        return k * 2


show("star(*[1, 2])", lambda: star(*[1, 2]))
show("star(*range(3))", lambda: star(*range(3)))
show("star(*(i for i in 'ab'))", lambda: star(*(i for i in "ab")))
show("kwonly(**M())", lambda: kwonly(**M()))
show("both(*[1], **M())", lambda: both(*[1], **M()))
show("star(*1)", lambda: star(*1))
show("star(1, *2)", lambda: star(1, *2))
show("kwonly(**1)", lambda: kwonly(**1))
show("kwonly(**{1: 2})", lambda: kwonly(**{1: 2}))
show("both(1, **{'a': 2})", lambda: both(1, **{"a": 2}))
show("both(1, x=1, **{'x': 2})", lambda: both(1, x=1, **{"x": 2}))
show("both(*(1, 2), **{'y': 1}, z=2)", lambda: both(*(1, 2), **{"y": 1}, z=2))

# methods, classes and builtins called with * and **
class C:
    def __init__(self, *args, **kw):
        self.args, self.kw = args, kw

    def m(self, a, b=0, *, c=1):
        return a, b, c


o = C(*[1, 2], **{"k": 3})
print(o.args, o.kw)
show("o.m(*[1], **{'c': 5})", lambda: o.m(*[1], **{"c": 5}))
show("o.m(*[1, 2, 3])", lambda: o.m(*[1, 2, 3]))
show("o.m(**{'self': 1})", lambda: o.m(**{"self": 1}))
show("C.m(o, *(7,), b=8)", lambda: C.m(o, *(7,), b=8))
show("max(*[3, 1, 2], key=None)", lambda: max(*[3, 1, 2], **{"key": None}))
show("dict(*[[('a', 1)]], **{'b': 2})", lambda: dict(*[[("a", 1)]], **{"b": 2}))
show("print(**{'sep': '-'})", lambda: print(*"ab", **{"sep": "-"}))


# generators and coroutines made through forwarding
def gen(n, *, step=1):
    yield from range(0, n, step)


print(list(fwd(gen)(6, step=2)), list(fwd(gen)(*[3])))


# forwarding from inside a generator (its operand stack lives in the generator)
def relay(*args, **kw):
    yield f(*args, **kw)
    yield star(*args)
    yield C(*args, **kw).kw
    yield max(*args)


print(list(relay(5, 6, c=7, z=8)))

# many keywords (the **kwargs dict grows)
many = {"k%d" % i: i for i in range(20)}
r = fwd(kwonly)(**many)
print(len(r), r == many, list(r)[:3])
r = fwd(both)(0, *range(10), **many)
print(r[0], r[1], len(r[2]))


# direct keyword calls into functions without *args / **kwargs
def h(a, b, c=3, *, d=4, e):
    return a, b, c, d, e


def k(x, y=2, /, z=3, *, w):
    return x, y, z, w


show("h(1, b=2, e=5)", lambda: h(1, b=2, e=5))
show("h(e=5, b=2, a=1, d=0)", lambda: h(e=5, b=2, a=1, d=0))
show("h(1, 2, 3, e=5, d=6)", lambda: h(1, 2, 3, e=5, d=6))
show("h(1, 2, e=5, c=7)", lambda: h(1, 2, e=5, c=7))
show("h(1, e=5)", lambda: h(1, e=5))
show("h(1, 2)", lambda: h(1, 2))
show("h(1, 2, a=1, e=5)", lambda: h(1, 2, a=1, e=5))
show("h(1, 2, 3, 4, e=5)", lambda: h(1, 2, 3, 4, e=5))
show("h(1, 2, f=1, e=5)", lambda: h(1, 2, f=1, e=5))
show("k(1, w=0)", lambda: k(1, w=0))
show("k(1, 5, z=6, w=0)", lambda: k(1, 5, z=6, w=0))
show("k(1, y=5, w=0)", lambda: k(1, y=5, w=0))
show("k(x=1, w=0)", lambda: k(x=1, w=0))
h.__kwdefaults__ = None
show("h(1, 2, e=5) without kwdefaults", lambda: h(1, 2, e=5))
h.__kwdefaults__ = {"d": 40, "e": 50}
show("h(1, 2) with new kwdefaults", lambda: h(1, 2))
h.__defaults__ = None
show("h(1, 2) without defaults", lambda: h(1, 2))


class Obj:
    def m(self, a, *, b=1):
        return a, b


ob = Obj()
show("ob.m(1, b=2)", lambda: ob.m(1, b=2))
show("ob.m(a=1)", lambda: ob.m(a=1))
show("ob.m(self=1, a=2)", lambda: ob.m(self=1, a=2))
show("Obj.m(self=ob, a=2)", lambda: Obj.m(self=ob, a=2))
many_params = eval("lambda " + ", ".join("p%d" % i for i in range(70)) + ": p0 + p69")
show("70 params by keyword", lambda: many_params(**{"p%d" % i: i for i in range(70)}))
show("70 params mixed", lambda: many_params(*range(60), p60=0, p61=0, p62=0, p63=0, p64=0,
                                               p65=0, p66=0, p67=0, p68=0, p69=9))
