# Sorting tuples and tuple keys: item-by-item comparison, lengths, stability, errors.
rows = [(3, "c"), (1, "b"), (3, "a"), (1, "a"), (2, "z"), (1,), (3, "a", 0), ()]
print(sorted(rows))
print(sorted(rows, reverse=True))
recs = [("n%d" % (i % 5), i % 3, i) for i in range(20)]
print(sorted(recs, key=lambda r: (r[1], r[0])))
print(sorted(recs, key=lambda r: (-r[1], r[0]), reverse=True)[:6])
# mixed item types inside the tuples compare like tuple.__lt__ would
print(sorted([(1, 2.5), (1, 2), (0.5, "x"), (True, 1)]))
class Rev:
    def __init__(self, v):
        self.v = v
    def __lt__(self, other):
        return self.v > other.v
    def __eq__(self, other):
        return self.v == other.v
    def __repr__(self):
        return "Rev(%d)" % self.v
print(sorted([(1, Rev(1)), (1, Rev(3)), (0, Rev(2)), (1, Rev(2))]))
try:
    sorted([(1, "a"), (1, 2)])
except TypeError as e:
    print("TypeError:", e)
try:
    sorted([(1, 2), (1, None), (0, 1)])
except TypeError as e:
    print("TypeError:", e)
nan = float("nan")
print(sorted([(2, 1), (nan, 0), (1, 5)])[1:])
# equal keys keep their input order
data = [(i % 3, "item%d" % i) for i in range(12)]
print(sorted(data, key=lambda d: (d[0],)))
# a list of tuples of different lengths with shared prefixes
print(sorted([(1, 2, 3), (1, 2), (1,), (1, 2, 3, 4), (0, 9)]))
