# match: literal, capture, wildcard and value patterns.
def describe(v):
    match v:
        case 0:
            return "zero"
        case 1 | 2 | 3:
            return "small"
        case "hello":
            return "greeting"
        case True:
            return "true"
        case None:
            return "none"
        case -1:
            return "minus one"
        case 2.5:
            return "two and a half"
        case other:
            return "other: " + repr(other)
for v in (0, 2, "hello", True, None, -1, 2.5, [1]):
    print(describe(v))
class Color:
    RED = "r"
    GREEN = "g"
def color(c):
    match c:
        case Color.RED:
            return "red"
        case Color.GREEN:
            return "green"
        case _:
            return "unknown"
print(color("r"), color("g"), color("b"))
match 1.0:
    case 1:
        print("1.0 matches 1")
