# enum: IntEnum, StrEnum, mixed-in data types, functional API.
from enum import Enum, IntEnum, StrEnum, auto


class Num(IntEnum):
    ONE = 1
    TWO = 2
    THREE = 3


print(repr(Num.ONE), str(Num.ONE), format(Num.ONE), f"{Num.TWO:>4}|{Num.TWO:03d}|{Num.THREE}")
print(Num.ONE + 1, Num.TWO * 3, Num.ONE == 1, Num.ONE < Num.TWO, Num(2), Num["THREE"], sorted([Num.THREE, Num.ONE]))
print(isinstance(Num.ONE, int), Num.TWO.real, int(Num.THREE), [1, 2, 3][Num.ONE], list(range(Num.THREE)))
print([c.__name__ for c in Num.__mro__])


class Level(StrEnum):
    LOW = auto()
    HIGH = "hi"


print(list(Level), str(Level.LOW), Level.LOW == "low", repr(Level.HIGH), f"{Level.HIGH}", Level.LOW.upper(), Level("hi"))
print(Level.LOW.value, Level.HIGH.name, "-".join(Level), Level.LOW + "!")


class Mixed(str, Enum):
    A = "a"
    B = "b"


print(Mixed.A == "a", str(Mixed.A), repr(Mixed.A), format(Mixed.A), Mixed.A.upper(), Mixed("b"))


class Weight(float, Enum):
    LIGHT = 0.5
    HEAVY = 2.0


print(Weight.LIGHT * 2, repr(Weight.HEAVY), Weight(2.0))

Animal = Enum("Animal", "ANT BEE CAT")
print(list(Animal), Animal.BEE.value, Animal["CAT"], repr(Animal))
Pets = Enum("Pets", ["DOG", "FISH"], start=10)
print(list(Pets))
Codes = Enum("Codes", [("OK", 200), ("BAD", 400)])
print(list(Codes), Codes(400))
Shapes = Enum("Shapes", {"SQUARE": "sq", "CIRCLE": "ci"})
print(list(Shapes), Shapes("ci"))
Nums = IntEnum("Nums", "X Y")
print(list(Nums), Nums.Y + 1)


class Base(Enum):
    def hello(self):
        return "hello " + self.name


class Greeting(Base):
    HI = 1
    YO = 2


print(Greeting.YO.hello(), list(Greeting))


class Empty(Enum):
    pass


print(list(Empty), len(Empty))
try:
    Empty(1)
except (ValueError, TypeError) as e:
    print(type(e).__name__)
