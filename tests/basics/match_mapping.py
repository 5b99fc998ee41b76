# match: mapping patterns, **rest, and class patterns on builtins.
def f(v):
    match v:
        case {"type": "point", "x": x, "y": y}:
            return f"point {x},{y}"
        case {"type": "circle", **rest}:
            return f"circle {sorted(rest.items())}"
        case {}:
            return "some mapping"
        case int(n) if n > 100:
            return "big int"
        case int() | float():
            return "number"
        case str() as s:
            return "string " + s
        case _:
            return "other"
print(f({"type": "point", "x": 1, "y": 2, "extra": 0}))
print(f({"type": "circle", "r": 5, "c": 0}))
print(f({"other": 1}))
print(f(500), f(5), f(2.5), f("s"), f([1]))
