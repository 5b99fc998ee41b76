# Decorators: plain, with arguments, stacked, on classes.
def trace(fn):
    def wrapper(*args, **kwargs):
        print("call", fn.__name__, args)
        return fn(*args, **kwargs)
    return wrapper
def repeat(n):
    def deco(fn):
        def wrapper(*args):
            return [fn(*args) for _ in range(n)]
        return wrapper
    return deco
@trace
def add(a, b):
    return a + b
print(add(1, 2))
@repeat(3)
def hello(name):
    return "hi " + name
print(hello("bob"))
def tag(t):
    def deco(fn):
        return lambda: "<" + t + ">" + fn() + "</" + t + ">"
    return deco
@tag("b")
@tag("i")
def text():
    return "x"
print(text())
registry = []
def register(cls):
    registry.append(cls.__name__)
    cls.registered = True
    return cls
@register
class Widget:
    pass
print(registry, Widget.registered)
def add_method(cls):
    cls.describe = lambda self: "I am " + type(self).__name__
    return cls
@add_method
class Thing:
    pass
print(Thing().describe())
order = []
def d1(f):
    order.append("d1")
    return f
def d2(f):
    order.append("d2")
    return f
@d1
@d2
def h():
    pass
print(order)
@(lambda f: f)
def ident():
    return "expression decorator"
print(ident())
