# functools.reduce, cmp_to_key.
from functools import reduce, cmp_to_key
print(reduce(lambda a, b: a + b, [1, 2, 3, 4]), reduce(lambda a, b: a * b, range(1, 6), 10))
print(reduce(lambda acc, ch: ch + acc, "abc", ""), reduce(max, [3, 9, 2]), reduce(lambda a, b: a, [7]))
try:
    reduce(lambda a, b: a, [])
except TypeError as e:
    print(e)
print(reduce(lambda a, b: a + b, [], "initial"))
def by_length_then_reverse(a, b):
    if len(a) != len(b):
        return len(a) - len(b)
    return (a < b) - (a > b)
print(sorted(["bb", "a", "ccc", "aa", "c"], key=cmp_to_key(by_length_then_reverse)))
K = cmp_to_key(lambda a, b: a - b)
print(K(1) < K(2), K(3) == K(3), K(2) >= K(5))
