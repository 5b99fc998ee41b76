# range and slice objects.
r = range(2, 20, 3)
print(r, len(r), r[0], r[-1], r[1:3], list(r[::-1]), 8 in r, 9 in r)
print(range(5), range(0), list(range(0)), range(1, 5), range(1, 5, 2))
print(r.start, r.stop, r.step, r.index(8), r.count(5), range(3) == range(0, 3))
print(list(range(-5, -1)), list(range(10, 0, -3)), range(10**20)[-1])
try:
    range(1, 2, 0)
except ValueError as e:
    print(e)
try:
    range(3)[5]
except IndexError as e:
    print(e)
s = slice(1, 10, 2)
print(s, s.start, s.stop, s.step, slice(3), slice(None, None, -1))
print("abcdefghijk"[s], [0, 1, 2, 3][slice(None, None, -1)])
print(s.indices(5), slice(-3, None).indices(10))
print(hash(r) == hash(range(2, 20, 3)), range(0, 3, 2) == range(0, 4, 2))
