# enum: Enum members, lookup, iteration, aliases, comparisons and errors.
from enum import Enum, auto, unique


class Color(Enum):
    RED = 1
    GREEN = 2
    BLUE = 3
    CRIMSON = 1          # an alias of RED

    def describe(self):
        return "%s is %d" % (self.name.lower(), self.value)

    @classmethod
    def default(cls):
        return cls.GREEN


print(Color, repr(Color), list(Color), len(Color), Color.CRIMSON, Color.CRIMSON is Color.RED)
print(repr(Color.RED), str(Color.RED), Color.RED.name, Color.RED.value, Color.RED.describe(), Color.default())
print(Color(2), Color["BLUE"], Color(Color.RED), Color.RED in Color, type(Color.RED), isinstance(Color.RED, Color))
print(format(Color.RED), f"{Color.RED}", f"{Color.BLUE!r}", "{:>12}|".format(Color.GREEN))
print(Color.RED == Color.RED, Color.RED != Color.BLUE, Color.RED == 1, Color.RED is Color(1))
print({Color.RED: "r", Color.GREEN: "g"}[Color.CRIMSON], sorted(Color, key=lambda c: c.value, reverse=True))
print(list(reversed(Color)), Color._member_names_, bool(Color.RED), list(Color.__members__))
print(Color.__members__["CRIMSON"], len(Color.__members__), Color.RED.__class__.__name__)
try:
    Color.RED < Color.BLUE
except TypeError as e:
    print(e)
try:
    Color(7)
except ValueError as e:
    print(e)
try:
    Color["PURPLE"]
except KeyError as e:
    print("KeyError", e)
try:
    Color.RED = 5
except AttributeError as e:
    print(e)
try:
    del Color.GREEN
except AttributeError as e:
    print(e)
try:
    class Twice(Enum):
        A = 1
        A = 2
except TypeError as e:
    print(e)
try:
    class More(Color):
        EXTRA = 9
except TypeError as e:
    print(e)


class Direction(Enum):
    NORTH = auto()
    EAST = auto()
    SOUTH = 10
    WEST = auto()


print(list(Direction), [d.value for d in Direction])

try:
    @unique
    class Dup(Enum):
        A = 1
        B = 1
        C = 2
        D = 2
except ValueError as e:
    print(e)


@unique
class Fine(Enum):
    X = "x"
    Y = "y"


print(Fine("y"), Fine.X.value)


class Planet(Enum):
    MERCURY = (3.303e+23, 2.4397e6)
    EARTH = (5.976e+24, 6.37814e6)

    def __init__(self, mass, radius):
        self.mass = mass
        self.radius = radius

    @property
    def surface_gravity(self):
        return round(6.673e-11 * self.mass / (self.radius * self.radius), 2)


print(Planet.EARTH.mass, Planet.EARTH.surface_gravity, Planet.MERCURY.value, Planet((5.976e+24, 6.37814e6)))


class Coded(Enum):
    def __new__(cls, code, label):
        obj = object.__new__(cls)
        obj._value_ = code
        obj.label = label
        return obj

    OK = (200, "fine")
    MISSING = (404, "not found")


print(Coded(404), Coded.OK.label, Coded.MISSING.value, repr(Coded.OK))


class Shade(Enum):
    LIGHT = 1

    @classmethod
    def _missing_(cls, value):
        if isinstance(value, str):
            return cls[value.upper()]
        return None


print(Shade("light"), Shade(1))


class Ignored(Enum):
    _ignore_ = ["tmp"]
    tmp = 3
    A = 1


class Field(Enum):
    name = 1             # members may be called name and value
    value = 2


print(list(Ignored), Field.name, Field.name.name, Field.name.value, Field.value.value, Field(2))
import copy
print(copy.copy(Color.RED) is Color.RED, copy.deepcopy([Color.BLUE])[0] is Color.BLUE, Color.RED.__reduce_ex__(4))
match Color.GREEN:
    case Color.RED:
        print("red")
    case Color.GREEN:
        print("matched green")
