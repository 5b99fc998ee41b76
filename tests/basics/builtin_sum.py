# sum() over tuples, lists and dict views, with the small-int and float paths and every
# way out of them (overflow to big ints, subclasses, non-numbers, start values).
print(sum((1, 2, 3)), sum([1, 2.5, 3]), sum({1: 2, 3: 4}.values()), sum([True, False, True]))
print(sum((1, 2), 10), sum([1.5, 2], 1), sum([2**62, 2**62, 1]), sum([1, 2**70]))
print(sum([[1], [2]], []), sum([], 5), sum((), 1.5), sum([1.0, 2**80]), sum((0.1,) * 10))
print(sum([-2**63, -1]), sum([2**63 - 1, 1]), sum((1, 2), start=3), sum([1, 2], 2**70))


class I(int):
    pass


class F(float):
    pass


print(sum([I(3), 4]), type(sum([I(3), 4])), sum([F(1.5), 1]), type(sum([F(1.5)])))
print(sum(x for x in range(5)), sum({}.values()), sum({1: "a", 2: "b"}), sum(set([1, 2])))
print(sum(range(10)), sum(iter([1, 2, 3])), sum({1: 1.5, 2: 2}.values(), 0.5))
d = {"k": 1, "j": 2}
vals = d.values()
d["x"] = 10
print(sum(vals), sum([1, 2, 3], -6))
for bad in [(["a"], ""), ([1, "a"],), ([b"x"], b""), ((1,), bytearray())]:
    try:
        print(sum(*bad))
    except TypeError as e:
        print(type(e).__name__, e)
try:
    sum()
except TypeError as e:
    print(e)
try:
    sum(5)
except TypeError as e:
    print(e)
for call in [lambda: sum(start=1), lambda: sum([], 2, 3), lambda: sum([], x=3)]:
    try:
        call()
    except TypeError as e:
        print(e)
