# Error messages from container misuse.
tests = [
    lambda: [1, 2, 3][3],
    lambda: (1,)[-2],
    lambda: "abc"[5],
    lambda: {"a": 1}["b"],
    lambda: {1: 2}[(1, 2)],
    lambda: [1]["x"],
    lambda: (1, 2)[1.0],
    lambda: {}.pop("k"),
    lambda: [].remove(0),
    lambda: list(5),
    lambda: dict([1, 2]),
    lambda: [1, 2].index(9),
    lambda: {[1]: 2},
    lambda: frozenset([[]]),
    lambda: len(5),
    lambda: 5[0],
    lambda: None[0],
    lambda: [1, 2, 3].sort(key=1),
    lambda: tuple(None),
]
for t in tests:
    try:
        t()
    except Exception as e:
        print(type(e).__name__ + ":", e)
