# List, set and dict comprehensions: filters, nesting, scoping.
print([x * x for x in range(6)])
print([x for x in range(20) if x % 3 == 0 if x % 2 == 0])
print([(i, j) for i in range(3) for j in range(i)])
print([[c for c in w] for w in ("ab", "cd")])
print(sorted({x % 4 for x in range(10)}))
print({k: v for k, v in zip("abc", range(3))})
print({v: k for k, v in {"x": 1, "y": 2}.items()})
matrix = [[1, 2, 3], [4, 5, 6]]
print([row[i] for i in range(3) for row in matrix])
print([[row[i] for row in matrix] for i in range(3)])
x = "outer"
print([x for x in "ab"], x)
n = 10
print([n * i for i in range(3)])
class K:
    vals = [1, 2]
    doubled = [v * 2 for v in vals]
print(K.doubled)
print({(a, b) for a in (1, 2) for b in (1, 2) if a != b} == {(1, 2), (2, 1)})
print([s.upper() for s in "hello world".split() if len(s) > 0])
