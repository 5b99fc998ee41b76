# itertools.chain, chain.from_iterable, accumulate, groupby, zip_longest, tee, starmap, pairwise.
from itertools import chain, accumulate, groupby, zip_longest, tee, starmap, pairwise
print(list(chain("ab", [1], (), range(2))), list(chain()), list(chain.from_iterable(["xy", "z"])))
print(list(accumulate([1, 2, 3, 4])), list(accumulate([1, 2, 3], lambda x, y: x * y)), list(accumulate([])))
print(list(accumulate([3, 1, 4, 1, 5], max)), list(accumulate([1, 2], initial=100)))
print([(k, list(g)) for k, g in groupby("aaabccdaa")])
print([(k, len(list(g))) for k, g in groupby(sorted(["apple", "avocado", "bean", "beet", "corn"]), key=lambda w: w[0])])
groups = groupby("aabb")
k1, g1 = next(groups)
k2, g2 = next(groups)
print(k1, list(g1), k2, list(g2))
print(list(zip_longest("abc", [1])), list(zip_longest("ab", "x", fillvalue="-")), list(zip_longest()))
a, b = tee(iter([1, 2, 3]))
print(next(a), list(a), list(b), len(tee("x", 3)))
print(list(starmap(pow, [(2, 3), (10, 2)])), list(starmap(lambda *a: sum(a), [(1, 2, 3), ()])))
print(list(pairwise("abcd")), list(pairwise([1])), list(pairwise([])))
try:
    list(chain(1))
except TypeError as e:
    print(e)
try:
    tee("x", -1)
except ValueError as e:
    print(e)
