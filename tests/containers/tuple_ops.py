# tuples: packing, immutability, methods, comparison, hashing.
t = 1, 2, 3
print(t, (1,), (), tuple([4, 5]), tuple("ab"), len(t), t[1], t[-1], t[::-1])
print(t + (4,), t * 2, 2 in t, t.count(2), t.index(3), (1, 2) < (1, 3), (1, 2) == (1, 2))
print(hash((1, "a")) == hash((1, "a")), {(1, 2): "v"}[1, 2])
try:
    t[0] = 9
except TypeError as e:
    print(e)
try:
    t.index(99)
except ValueError as e:
    print(e)
nested = ((1, 2), [3])
nested[1].append(4)
print(nested)
try:
    hash(nested)
except TypeError as e:
    print(e)
a, (b, c) = 1, (2, 3)
print(a, b, c, max((1, 2), (1, 3)), sorted([(2, "a"), (1, "b")]))
print(tuple(x * x for x in range(4)), repr((None,)), (1, 2) + ())
