# collections.defaultdict.
from collections import defaultdict
words = ["apple", "avocado", "banana", "blueberry", "cherry"]
by_letter = defaultdict(list)
for w in words:
    by_letter[w[0]].append(w)
print(by_letter)
print(dict(by_letter), by_letter["z"], len(by_letter))
counts = defaultdict(int)
for ch in "mississippi":
    counts[ch] += 1
print(sorted(counts.items()), counts.default_factory)
nested = defaultdict(lambda: defaultdict(int))
nested["a"]["b"] += 1
print(nested["a"]["b"], isinstance(nested, dict))
plain = defaultdict()
print(plain, plain.default_factory)
try:
    plain["missing"]
except KeyError as e:
    print("KeyError", e)
print(counts.get("zz"), "zz" in counts, counts.setdefault("q", 5))
cp = counts.copy()
print(type(cp).__name__, cp.default_factory is int, cp == counts)
try:
    defaultdict(5)
except TypeError as e:
    print(e)
dd = defaultdict(set, {"x": {1}})
dd["y"].add(2)
print(sorted(dd.items(), key=lambda kv: kv[0]), repr(defaultdict(str, a="1")))
