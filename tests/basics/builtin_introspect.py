# isinstance/issubclass with tuples, attribute builtins, callable, vars, dir.
class A:
    cls_attr = 1
    def method(self):
        pass
class B(A):
    pass
b = B()
print(isinstance(b, A), isinstance(b, (int, str)), isinstance(b, (int, A)), isinstance(3, object))
print(issubclass(B, A), issubclass(A, B), issubclass(B, (int, A)), issubclass(bool, int))
print(isinstance(True, int), isinstance(1, bool), isinstance(None, type(None)))
print(getattr(b, "cls_attr"), getattr(b, "missing", "dflt"), hasattr(b, "method"), hasattr(b, "x"))
setattr(b, "x", 42)
print(b.x, vars(b))
delattr(b, "x")
print(hasattr(b, "x"), vars(b))
try:
    getattr(b, "nope")
except AttributeError as e:
    print(e)
print(callable(len), callable(A), callable(b), callable(b.method), callable(3), callable(lambda: 0))
print([n for n in dir(B) if not n.startswith("__")])
class P:
    def __init__(self):
        self.z = 1
        self.a = 2
print(vars(P()), sorted(n for n in vars(A) if not n.startswith("__")))
print(type(b) is B, type(b).__name__, B.__bases__, B.__mro__[1:])
print(type(3), type("s"), type([]), type(len), type(A))
try:
    isinstance(1, 2)
except TypeError as e:
    print(e)
