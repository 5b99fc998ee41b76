# Conditional expressions, and/or short-circuit results.
for n in (0, 1, 5):
    print("zero" if n == 0 else "one" if n == 1 else "many")
x = None
print(x if x is not None else "default")
calls = []
def t(v):
    calls.append(v)
    return v
print(t(0) and t(1), calls)
calls.clear()
print(t(2) or t(3), calls)
print([a if a % 2 else -a for a in range(5)])
print((lambda v: "neg" if v < 0 else "pos")(-3))
