# dataclasses: fields, asdict, astuple, replace, make_dataclass, is_dataclass.
from dataclasses import (dataclass, field, fields, asdict, astuple, replace, make_dataclass,
                         is_dataclass, MISSING, InitVar)
from collections import namedtuple


@dataclass
class Point:
    x: int
    y: int = 0


@dataclass
class Line:
    start: Point
    end: Point
    points: list = field(default_factory=list)
    meta: dict = field(default_factory=dict, metadata={"unit": "m"})


line = Line(Point(0, 0), Point(1, 1), [Point(2, 2)], {"k": Point(3)})
print(asdict(line))
print(astuple(line))
print(asdict(Point(1), dict_factory=lambda kv: [k for k, v in kv]))
Pair = namedtuple("Pair", "a b")
print(asdict(Line(Point(1), Point(2), [Pair(Point(5), 6)])))
print(replace(line, end=Point(5)), replace(Point(1, 2), y=9), line.points is replace(line).points)


@dataclass
class Computed:
    a: int
    b: int = field(init=False, default=0)
    mode: InitVar[str] = "x"

    def __post_init__(self, mode):
        self.b = self.a * 2


try:
    replace(Computed(1), b=3)
except ValueError as e:
    print(e)
print(replace(Computed(1), a=5))

f = fields(line)
print([x.name for x in f], f[2].default is MISSING, f[2].default_factory, f[3].metadata["unit"])
print(f[0].init, f[0].repr, f[0].compare, f[0].hash, f[0].kw_only, type(f[0]).__name__)
print(is_dataclass(Point), is_dataclass(Point(1)), is_dataclass(int), is_dataclass(3))
for bad in [lambda: fields(1), lambda: asdict(Point), lambda: astuple(3), lambda: replace(3)]:
    try:
        bad()
    except TypeError as e:
        print(e)

C = make_dataclass("C", ["a", ("b", int), ("c", int, field(default=3))],
                   namespace={"total": lambda self: self.b + self.c})
c = C(1, 2)
print(c, c.total(), C.__name__, [x.type for x in fields(C)], is_dataclass(C))
D = make_dataclass("D", [("x", float, 1.5)], bases=(Point,), frozen=False)
print(D(7), [x.name for x in fields(D)])
for bad in [lambda: make_dataclass("E", ["a", "a"]), lambda: make_dataclass("E", ["class"]),
            lambda: make_dataclass("E", ["1x"])]:
    try:
        bad()
    except TypeError as e:
        print(e)
print(Point.__dataclass_params__, sorted(Point.__dataclass_fields__))
