# itertools.product, permutations, combinations, combinations_with_replacement.
from itertools import product, permutations, combinations, combinations_with_replacement
print(list(product("ab", [1, 2])))
print(list(product([0, 1], repeat=2)), list(product()), list(product("ab", [])))
print(["".join(p) for p in permutations("abc")])
print(list(permutations(range(3), 2)), list(permutations("ab", 3)), list(permutations([], 0)))
print(list(combinations("abcd", 2)), list(combinations(range(4), 3)), list(combinations("ab", 0)))
print(list(combinations_with_replacement("abc", 2)))
print(len(list(permutations(range(6)))), len(list(combinations(range(10), 4))))
for bad in (lambda: permutations("ab", -1), lambda: combinations("ab", -1), lambda: product("a", repeat=-1)):
    try:
        bad()
    except ValueError as e:
        print(e)
