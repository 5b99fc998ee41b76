# Functions taking only *args and **kwargs (forwarding wrappers): what they receive from every
# kind of call, that they get fresh containers, and the errors on bad keyword dicts.
def star(*args, **kwargs):
    return args, kwargs


class M:
    def meth(*args, **kwargs):
        return len(args), sorted(kwargs)


t = (1, 2, 3)
d = {"a": 1, "b": 2}
print(star(), star(1), star(1, x=2), star(*t), star(*t, **d), star(**d), star(*(), **{}))
print(star(0, *t, y=5, **d), star(*[4, 5], **dict(q=1)))
a, k = star(*t, **d)
print(a is t, k is d, a == t, k == d)
k["new"] = 1
print(d)
print(M().meth(1, z=2), M.meth(1, 2, **d))


class D(dict):
    pass


print(star(**D(a=1)), type(star(**D(a=1))[1]).__name__)
for bad in [{1: 2}, {"a": 1, 2: 3}]:
    try:
        star(**bad)
    except TypeError as e:
        print(e)
    try:
        star(*t, **bad)
    except TypeError as e:
        print(e)


def deco(f):
    def wrapper(*args, **kwargs):
        return f(*args, **kwargs)
    return wrapper


@deco
def g(a, b=2, *, c=3):
    return a, b, c


print(g(1), g(1, 5), g(1, c=9), g(a=7), g(*[1], **{"c": 4}))
for call in [lambda: g(), lambda: g(1, 2, 3), lambda: g(1, d=4), lambda: g(1, a=2),
             lambda: g(**{1: 2}), lambda: g(1, **{"b": 2}, c=1)]:
    try:
        call()
    except TypeError as e:
        print(e)
