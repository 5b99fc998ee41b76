# match: class patterns with positional (__match_args__) and keyword sub-patterns.
class Point:
    __match_args__ = ("x", "y")
    def __init__(self, x, y):
        self.x, self.y = x, y
class Circle:
    def __init__(self, r):
        self.r = r
def where(p):
    match p:
        case Point(0, 0):
            return "origin"
        case Point(x=0, y=y):
            return f"on y axis at {y}"
        case Point(x, 0):
            return f"on x axis at {x}"
        case Point(x, y) if x == y:
            return "diagonal"
        case Circle(r=r):
            return f"circle {r}"
        case Point():
            return "somewhere"
print(where(Point(0, 0)), where(Point(0, 4)), where(Point(3, 0)))
print(where(Point(2, 2)), where(Point(1, 2)), where(Circle(9)), where(42))
def kind(cmd):
    match cmd.split():
        case ["go", ("north" | "south") as d]:
            return "go " + d
        case ["quit" | "exit"]:
            return "bye"
        case ["drop", *objs] if objs:
            return "drop " + ",".join(objs)
        case _:
            return "?"
for c in ("go north", "go west", "exit", "drop a b", "drop"):
    print(kind(c))
try:
    match Circle(1):
        case Circle(1):
            pass
except TypeError as e:
    print(e)
