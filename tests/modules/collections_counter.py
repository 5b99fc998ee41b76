# collections.Counter.
from collections import Counter
c = Counter("abracadabra")
print(c)
print(c.most_common(2), c.most_common()[-1], c["a"], c["zzz"], len(c))
print(sorted(c.elements()), c.total())
c.update("aaz")
c.subtract({"a": 10, "q": 1})
print(c)
print(Counter({"x": 3, "y": 1}) + Counter({"x": 1, "z": 2}), Counter(a=3) - Counter(a=1, b=2))
print(Counter(a=3, b=1) | Counter(a=1, b=5), Counter(a=3, b=1) & Counter(a=1, b=5))
print(+Counter(a=1, b=-2), -Counter(a=1, b=-2), Counter(), Counter(cats=4, dogs=8))
words = "the cat and the hat and the bat".split()
print(Counter(words).most_common(3))
d = Counter(x=1)
del d["x"]; del d["never"]
print(d, Counter([1, 1, 2]) == Counter({1: 2, 2: 1}), isinstance(d, dict))
print(Counter("aab") <= Counter("aabc"), Counter(a=1) == Counter(a=1, b=0))
