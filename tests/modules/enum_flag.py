# enum: Flag and IntFlag combine members with | & ^ ~.
from enum import Flag, IntFlag, auto


class Perm(Flag):
    R = 4
    W = 2
    X = 1


rw = Perm.R | Perm.W
print(rw, repr(rw), Perm(0), repr(Perm(0)), list(Perm), Perm.R in rw, Perm.X in rw)
print(~Perm.R, repr(Perm(7)), bool(Perm(0)), bool(Perm.X), rw & Perm.W, rw ^ Perm.R, list(rw), len(rw))
print(Perm(6) is rw, Perm(6) == Perm.R | Perm.W, rw.value, rw.name)
try:
    Perm(8)
except ValueError as e:
    print("ValueError")


class Color(Flag):
    RED = auto()
    GREEN = auto()
    BLUE = auto()
    WHITE = RED | GREEN | BLUE


print(list(Color), Color.WHITE, repr(Color.RED | Color.BLUE), Color.GREEN.value, Color.BLUE.value, Color.WHITE.value)


class Mode(IntFlag):
    READ = 4
    WRITE = 2


m = Mode.READ | Mode.WRITE
print(m, repr(m), Mode.READ | 1, repr(Mode.READ | 8), Mode.READ + 1, m == 6, isinstance(m, int), int(m))
print(Mode(0), repr(Mode(0)), Mode.WRITE & 3, 7 & Mode.READ, list(m))
