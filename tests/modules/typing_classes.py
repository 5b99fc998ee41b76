# typing: Generic classes, Protocol, NamedTuple, TypedDict.
from typing import Generic, TypeVar, Protocol, runtime_checkable, NamedTuple, TypedDict, List, Iterator

T = TypeVar("T")
K = TypeVar("K")
V = TypeVar("V")


class Box(Generic[T]):
    def __init__(self, item: T):
        self.item = item

    def get(self) -> T:
        return self.item


b = Box[int](3)
print(b.get(), Box(4).get(), Box[int], Box.__parameters__, Box[str].__origin__ is Box, [c.__name__ for c in Box.__mro__])
print(b.__orig_class__, Box[int] == Box[int], Box[int] != Box[str])


class Pair(Generic[K, V]):
    pass


class Named(Pair[str, V]):
    pass


print(Pair[int, str], Pair.__parameters__, Named.__parameters__, Named[int])
for bad in [lambda: Pair[int], lambda: Generic[int]]:
    try:
        bad()
    except TypeError as e:
        print(e)
try:
    class Wrong(Generic):
        pass
except TypeError as e:
    print(e)


class Stack(List[T]):
    def push(self, x: T) -> None:
        self.append(x)


s = Stack()
s.push(1)
s.push(2)
print(s, isinstance(s, list), [c.__name__ for c in Stack.__mro__])


@runtime_checkable
class Closer(Protocol):
    def close(self) -> None:
        ...


class File:
    def close(self):
        return "closed"


class Impl(Closer):
    def close(self):
        return "impl closed"


print(isinstance(File(), Closer), isinstance(3, Closer), Impl().close(), isinstance(Impl(), Closer))


class NotRuntime(Protocol):
    def x(self) -> int:
        ...


for bad in [lambda: isinstance(3, NotRuntime), lambda: Closer()]:
    try:
        bad()
    except TypeError as e:
        print(e)


class SupportsArea(Protocol[T]):
    def area(self) -> T:
        ...


print(SupportsArea[int], SupportsArea.__parameters__)


class Point(NamedTuple):
    x: int
    y: int = 0

    def norm(self) -> int:
        return abs(self.x) + abs(self.y)


p = Point(3, -4)
print(p, p.norm(), Point._fields, Point._field_defaults, Point.__annotations__, p._asdict(), isinstance(p, tuple))
print(Point(1), p._replace(x=0), Point._make([5, 6]), p == (3, -4), p.x, p[1])
Q = NamedTuple("Q", [("a", str), ("b", float)])
print(Q("s", 1.5), Q._fields, Q.__annotations__)
try:
    class Bad(NamedTuple):
        a: int = 1
        b: int
except TypeError as e:
    print(e)


class Movie(TypedDict):
    name: str
    year: int


class Rated(Movie, total=False):
    stars: int


m = Movie(name="x", year=1)
print(m, type(m).__name__, sorted(Movie.__required_keys__), Movie.__total__, sorted(Rated.__optional_keys__))
print(Rated(name="y", year=2, stars=5), sorted(Rated.__annotations__))
M2 = TypedDict("M2", {"a": int}, total=False)
print(M2(a=1), M2.__optional_keys__, M2.__total__)
try:
    isinstance({}, Movie)
except TypeError as e:
    print(e)


def count_up(n: int) -> Iterator[int]:
    yield from range(n)


print(list(count_up(3)))
