# TypeError messages CPython prints for common mistakes.
tests = [
    lambda: 1 + "a",
    lambda: "a" + 1,
    lambda: [1] + (2,),
    lambda: 1 < "x",
    lambda: None(),
    lambda: "abc"(),
    lambda: len(5),
    lambda: -"s",
    lambda: ~1.5,
    lambda: "a" * "b",
    lambda: [] * 2.0,
    lambda: int([]),
    lambda: float({}),
    lambda: abs("x"),
    lambda: sum(["a", "b"]),
    lambda: sum([1], "s"),
    lambda: {}.get(),
    lambda: object(1),
    lambda: print(sep=1),
    lambda: 2 ** "x",
    lambda: {} + {},
    lambda: iter(5),
    lambda: 3 in 5,
    lambda: [1, 2][None],
    lambda: divmod("a", 1),
    lambda: round("1.5"),
    lambda: ord(5),
    lambda: sorted(5),
    lambda: hash({}),
    lambda: {}[[]],
]
for t in tests:
    try:
        t()
        print("no error")
    except TypeError as e:
        print(e)
