# collections.namedtuple.
from collections import namedtuple
Point = namedtuple("Point", ["x", "y"])
p = Point(1, y=2)
print(p, p.x, p[1], p._fields, tuple(p), isinstance(p, tuple), len(p))
print(p._asdict(), p._replace(x=10), Point._make([3, 4]), p == (1, 2), hash(p) == hash((1, 2)))
x, y = p
print(x + y, Point.__name__, Point.x.__doc__, p + (3,))
P3 = namedtuple("P3", "a b c", defaults=[0, 1])
print(P3(9), P3._field_defaults, P3(1, 2, 3))
R = namedtuple("R", "valid, def, _x, valid", rename=True)
print(R._fields)
for bad in (lambda: Point(1), lambda: Point(1, 2, 3), lambda: Point(1, 2, z=3), lambda: Point._make([1]),
            lambda: p._replace(z=1)):
    try:
        bad()
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)
try:
    namedtuple("Bad", ["ok", "class"])
except ValueError as e:
    print(e)
try:
    p.x = 5
except AttributeError as e:
    print(type(e).__name__)
class Vec(namedtuple("Vec", "x y")):
    __slots__ = ()
    def norm2(self):
        return self.x ** 2 + self.y ** 2
v = Vec(3, 4)
print(v, v.norm2(), sorted([Point(2, 1), Point(1, 5)]))
match p:
    case Point(a, b):
        print("matched", a, b)
