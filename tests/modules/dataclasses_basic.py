# dataclasses: generated __init__, __repr__, __eq__; defaults, field(), __post_init__.
from dataclasses import dataclass, field, fields, InitVar, KW_ONLY
from typing import ClassVar, List


@dataclass
class Point:
    x: int
    y: int = 0


p = Point(1, 2)
print(p, Point(3), Point(y=5, x=4), p == Point(1, 2), p != Point(1, 3), p == (1, 2))
print(Point.__doc__, Point.__match_args__, Point.__hash__, Point.__init__.__qualname__)
try:
    hash(p)
except TypeError as e:
    print(e)


@dataclass
class Inventory:
    name: str
    items: list = field(default_factory=list)
    count: int = field(default=0, repr=False, compare=False)
    total: float = field(init=False, default=0.0)
    secret: ClassVar[int] = 42

    def __post_init__(self):
        self.total = len(self.items) * 1.5


a = Inventory("a")
b = Inventory("b", [1, 2])
a.items.append(9)
print(a, b, Inventory("c").items, a == Inventory("a", [9], count=5), Inventory.secret)
print([f.name for f in fields(a)], [f.type.__name__ for f in fields(Inventory)])


@dataclass
class Scaled:
    x: int
    scale: InitVar[int] = 2

    def __post_init__(self, scale):
        self.x *= scale


print(Scaled(3), Scaled(3, 10), [f.name for f in fields(Scaled)])


@dataclass
class Options:
    path: str
    _: KW_ONLY
    verbose: bool = False
    depth: int = 1


print(Options("/tmp", depth=3), Options.__match_args__, Options.__doc__)


@dataclass(kw_only=True)
class Settings:
    host: str
    port: int = 80


print(Settings(host="h"))

for args, kw in [((), {}), ((1, 2, 3), {}), ((1,), {"x": 1}), ((1,), {"z": 0})]:
    try:
        Point(*args, **kw)
    except TypeError as e:
        print(e)
for make in [lambda: Settings("h"), lambda: Settings(), lambda: Options(), lambda: Options("p", "q")]:
    try:
        make()
    except TypeError as e:
        print(e)


@dataclass
class Base:
    x: int = 0

    def total(self):
        return self.x


@dataclass
class Derived(Base):
    y: int = 1
    x: int = 5


print(Derived(), Derived(1, 2), [f.name for f in fields(Derived)], Derived(2).total())


@dataclass
class Node:
    val: int
    children: List["Node"] = field(default_factory=list)


n = Node(1)
n.children.append(n)
print(n)


@dataclass
class Empty:
    pass


print(Empty(), Empty() == Empty(), Empty.__doc__)


@dataclass
class Point3:
    x: int
    y: int
    z: int = 0


match Point3(1, 2):
    case Point3(x, y, z):
        print("matched", x, y, z)


class Plain:
    pass


@dataclass
class FromPlain(Plain):
    q: int


@dataclass
class WithProperty:
    _v: int = 0

    @property
    def v(self):
        return self._v * 2


print(FromPlain(q=4), WithProperty(3).v, isinstance(FromPlain(1), Plain))
