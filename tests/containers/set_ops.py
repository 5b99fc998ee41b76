# set and frozenset (printed sorted: set order is not part of the language).
a = {1, 2, 3, 4}
b = {3, 4, 5}
print(sorted(a | b), sorted(a & b), sorted(a - b), sorted(a ^ b))
print(sorted(a.union([9])), sorted(a.intersection(b, {4})), sorted(a.difference(b)), sorted(a.symmetric_difference(b)))
print({1, 2} <= a, {1, 2} < a, a >= {1}, a.issubset(range(10)), a.isdisjoint({7}), a == {4, 3, 2, 1})
s = set()
s.add(1); s.add(1); s.update([2, 3], (4,))
s.discard(99); s.remove(4)
print(sorted(s), len(s), 2 in s, s.pop() in {1, 2, 3}, len(s))
try:
    s.remove(42)
except KeyError as e:
    print(type(e).__name__, e)
try:
    set().pop()
except KeyError as e:
    print(e)
fs = frozenset([1, 2, 2])
print(fs, frozenset(), set(), {1}, hash(fs) == hash(frozenset([2, 1])), {fs: "ok"}[frozenset({1, 2})])
print(type(fs | {3}).__name__, type({3} | fs).__name__, sorted(fs | {3}))
c = {1, 2, 3}
c &= {2, 3, 9}; c |= {10}; c -= {3}; c ^= {1, 10}
print(sorted(c))
print({1, 2} == frozenset({1, 2}), sorted({x % 3 for x in range(10)}), set("aab") == {"a", "b"})
try:
    {[]}
except TypeError as e:
    print(e)
print(sorted(set([3, 1, 2])), {True, 1, 1.0}, len({0, False, 0.0}))
