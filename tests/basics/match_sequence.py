# match: sequence patterns with star, nesting, and what is not a sequence.
def f(v):
    match v:
        case []:
            return "empty"
        case [x]:
            return f"one {x}"
        case [x, y]:
            return f"two {x} {y}"
        case [0, *rest]:
            return f"zero then {rest}"
        case [*init, "end"]:
            return f"ends: {init}"
        case [[a, b], c, *_]:
            return f"nested {a} {b} {c}"
        case _:
            return "other"
for v in ([], [1], (1, 2), [0, 1, 2, 3], ["a", "b", "end"], [[1, 2], 3, 4], "ab", {1: 2}, range(5)):
    print(f(v))
match (1, (2, 3)):
    case (a, (b, c)) if a + b + c == 6:
        print("sum six", a, b, c)
