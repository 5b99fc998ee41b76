# Iteration builtins.
print(len([1, 2]), len("abc"), len({}), len(range(10)))
print(list(range(5)), list(range(2, 10, 3)), list(range(5, 0, -2)))
it = iter([1, 2])
print(next(it), next(it), next(it, "done"))
print(sum([1, 2, 3]), sum([0.5, 0.25]), sum([[1], [2]], []), sum(range(5), 10))
print(min(3, 1, 2), max([3, 1, 2]), min("bca"), max([], default="empty"))
print(min([(2, "b"), (1, "z")]), max(["aa", "b", "ccc"], key=len), min([1, -5, 3], key=abs))
print(sorted([3, 1, 2]), sorted("cba", reverse=True), sorted(["bb", "a", "ccc"], key=len))
print(list(reversed([1, 2, 3])), list(reversed("abc")), list(reversed(range(3))))
print(list(enumerate("ab")), list(enumerate("ab", start=10)))
print(list(zip([1, 2, 3], "ab")), list(zip()), list(zip([1], [2], [3])))
print(list(map(str, [1, 2])), list(map(pow, [2, 3], [3, 2])))
print(list(filter(None, [0, 1, "", "a"])), list(filter(lambda x: x > 1, [1, 2, 3])))
print(any([]), any([0, 1]), all([]), all([1, 0]), any(x for x in [None]))
for bad in (lambda: min([]), lambda: max(1), lambda: next(iter([]))):
    try:
        bad()
    except (ValueError, TypeError, StopIteration) as e:
        print(type(e).__name__, e)
try:
    list(zip([1, 2], [1], strict=True))
except ValueError as e:
    print(e)
print(sorted([(1, "b"), (1, "a"), (0, "z")]))
print(sorted([3, 1, 2], key=lambda v: -v))
