# type(name, bases, ns) builds classes at run time; type(x) inspects.
def init(self, v):
    self.v = v
Point = type("Point", (), {"__init__": init, "kind": "pt", "show": lambda self: f"P({self.v})"})
p = Point(3)
print(p.show(), Point.kind, Point.__name__, type(p) is Point, Point.__bases__)
Sub = type("Sub", (Point,), {"extra": True})
print(Sub(1).show(), Sub.extra, issubclass(Sub, Point), [c.__name__ for c in Sub.__mro__])
Empty = type("Empty", (), {})
print(Empty.__name__, Empty().__class__.__name__, type(Empty))
print(type(1).__name__, type(type).__name__, type(None).__name__, type(print).__name__)
try:
    type("X", 5, {})
except TypeError as e:
    print(e)
try:
    type(1, 2)
except TypeError as e:
    print(e)
Dyn = type("Dyn", (dict,), {"__missing__": lambda self, k: k + "!"})
print(Dyn()["x"], Dyn.__qualname__)
