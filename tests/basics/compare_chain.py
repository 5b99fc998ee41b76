# Chained comparisons, identity and membership.
x = 5
print(1 < x < 10, 1 < x > 10, 1 < 2 < 3 < 4, 3 > 2 == 2, 1 == 1.0 != 2)
calls = []
def v(n):
    calls.append(n)
    return n
print(v(1) < v(0) < v(2), calls)
print("a" < "b" < "c", [1, 2] < [1, 3], (1, 2) == (1, 2), (1, "a") < (1, "b"))
a = [1]
b = a
c = [1]
print(a is b, a is c, a == c, a is not c)
print(2 in [1, 2], 5 not in {1, 2}, "ell" in "hello", "k" in {"k": 1}, 3 in range(5))
print(None is None, type(None) is type(None))
print(1 < 2.5, 2**64 > 1.5, -1 < False, True >= 1)
try:
    print(1 < "a")
except TypeError as e:
    print(e)
try:
    print([1] < (1,))
except TypeError as e:
    print(e)
# A NaN is never identical to another: floats are unboxed, so `n is n` for one NaN is
# not observable either (a known difference from CPython, which boxes floats).
print(float("nan") in [float("nan")])
