# KeyError and IndexError messages: str() of KeyError is the repr of the key.
for key in ("name", 42, (1, 2), "", None, 1.5):
    try:
        {}[key]
    except KeyError as e:
        print("KeyError", str(e), e.args)
tests = [
    lambda: [][0],
    lambda: [1, 2][-3],
    lambda: (1,)[1],
    lambda: "ab"[2],
    lambda: range(3)[3],
    lambda: b"x"[1],
    lambda: bytearray()[0],
    lambda: [].pop(),
    lambda: [1].pop(4),
    lambda: [1, 2, 3].__getitem__(10),
    lambda: set().pop(),
    lambda: {}.popitem(),
    lambda: [0][2**70],
]
for t in tests:
    try:
        t()
    except (KeyError, IndexError) as e:
        print(type(e).__name__, e)
