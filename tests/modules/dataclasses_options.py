# dataclasses: order, frozen, unsafe_hash, eq=False, repr=False, slots; errors.
from dataclasses import dataclass, field, FrozenInstanceError


@dataclass(order=True, frozen=True)
class Version:
    major: int
    minor: int = 0
    tags: tuple = ()


v = Version(1, 2)
print(v < Version(1, 3), v >= Version(1, 2), v > Version(0, 9), sorted([Version(2), Version(1, 5), Version(1)]))
print(hash(v) == hash((1, 2, ())), {v: "one-two"}[Version(1, 2)])
try:
    v.major = 3
except FrozenInstanceError as e:
    print(type(e).__name__, e, isinstance(e, AttributeError))
try:
    del v.major
except FrozenInstanceError as e:
    print(e)
try:
    v.other = 1
except FrozenInstanceError as e:
    print(e)
try:
    v < (1, 2)
except TypeError as e:
    print(e)


@dataclass(unsafe_hash=True)
class Hashed:
    a: int
    b: list = field(default_factory=list, hash=False, compare=False)


print(hash(Hashed(1)) == hash((1,)), Hashed(1) == Hashed(1, [2]))


@dataclass(eq=False)
class NoEq:
    a: int


print(NoEq(1) == NoEq(1), NoEq.__hash__ is object.__hash__)


@dataclass(repr=False)
class NoRepr:
    a: int

    def __repr__(self):
        return "custom"


print(repr(NoRepr(1)))


@dataclass(init=False)
class NoInit:
    a: int = 5


print(NoInit(), NoInit().a)


@dataclass
class KeepsOwn:
    a: int

    def __eq__(self, other):
        return True


print(KeepsOwn(1) == KeepsOwn(2))


@dataclass(slots=True)
class Slotted:
    a: int
    b: int = 2


s = Slotted(1)
print(s, Slotted.__slots__, hasattr(s, "__dict__"))
try:
    s.c = 3
except AttributeError:
    print("AttributeError")


@dataclass(frozen=True, slots=True)
class FrozenSlots:
    a: int


print(FrozenSlots(1), FrozenSlots(1) == FrozenSlots(1))

try:
    @dataclass
    class BadOrder:
        a: int = 1
        b: int
except TypeError as e:
    print(e)
try:
    @dataclass
    class BadDefault:
        a: list = []
except ValueError as e:
    print(e)
try:
    @dataclass(order=True, eq=False)
    class BadFlags:
        a: int
except ValueError as e:
    print(e)
try:
    field(default=1, default_factory=list)
except ValueError as e:
    print(e)
try:
    @dataclass(order=True)
    class HasLt:
        a: int

        def __lt__(self, other):
            return True
except TypeError as e:
    print(e)
try:
    @dataclass
    class NotFrozen(Version):
        c: int = 0
except TypeError as e:
    print(e)
try:
    @dataclass
    class Untyped:
        a = field(default=1)
except TypeError as e:
    print(e)
