# Function parameters: defaults, *args, **kwargs, keyword-only, positional-only.
def f(a, b=2, *args, c, d=4, **kwargs):
    return (a, b, args, c, d, kwargs)
print(f(1, c=3))
print(f(1, 5, 6, 7, c=3, e=8))
print(f(*[1, 2, 3], **{"c": 0, "z": 1}))
def g(x, y, /, z, *, w):
    return x, y, z, w
print(g(1, 2, 3, w=4), g(1, 2, z=3, w=4))
def defaults(a, L=[]):
    L.append(a)
    return L
print(defaults(1), defaults(2))
print(f.__defaults__, f.__kwdefaults__, f.__name__, f.__code__.co_argcount)
def kwonly(*, key="k"):
    return key
print(kwonly(), kwonly(key="v"))
def star(*args, **kwargs):
    return args, sorted(kwargs.items())
print(star(), star(1, b=2, a=1))
print((lambda *a, **k: (a, k))(1, x=2))
