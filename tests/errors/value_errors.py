# ValueError messages.
tests = [
    lambda: int("abc"),
    lambda: int("12", 2),
    lambda: int("1", 99),
    lambda: float("1.2.3"),
    lambda: [1, 2].index(3),
    lambda: "abc".index("z"),
    lambda: [].remove(1),
    lambda: "a,b".split(""),
    lambda: chr(0x110000),
    lambda: range(0, 5, 0),
    lambda: "{:q}".format(1),
    lambda: int("  "),
    lambda: dict([(1, 2, 3)]),
    lambda: bytes([300]),
    lambda: "x".encode("no-such-codec"),
    lambda: (1).to_bytes(1, "middle"),
    lambda: (1000).to_bytes(1, "big"),
]
for t in tests:
    try:
        t()
    except (ValueError, LookupError, OverflowError) as e:
        print(type(e).__name__, e)
a, b = 1, 2
try:
    x, y, z = (a, b)
except ValueError as e:
    print(e)
