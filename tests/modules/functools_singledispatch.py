# functools.singledispatch: registration by decorator argument, annotation, MRO dispatch.
from functools import singledispatch
@singledispatch
def show(obj):
    return f"object: {obj!r}"
@show.register(int)
def _(obj):
    return f"int: {obj}"
@show.register
def _(obj: list):
    return "list of " + ", ".join(show(x) for x in obj)
@show.register(str)
@show.register(bytes)
def _(obj):
    return f"text: {obj!r}"
def show_float(obj):
    return f"float: {obj:.1f}"
show.register(float, show_float)
print(show(5), show(True), show(2.25), show("s"), show(b"b"), show(None))
print(show([1, "a", [2.0]]))
class Animal: pass
class Dog(Animal): pass
@show.register(Animal)
def _(obj):
    return "animal " + type(obj).__name__
print(show(Dog()), show.dispatch(Dog) is show.dispatch(Animal), show.dispatch(bool) is show.dispatch(int))
print(show.registry[object] is show.dispatch(object), sorted(k.__name__ for k in show.registry))
try:
    show()
except TypeError as e:
    print(e)
