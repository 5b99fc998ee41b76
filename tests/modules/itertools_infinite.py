# itertools.count, cycle, repeat.
from itertools import count, cycle, repeat, islice
print(list(islice(count(), 5)), list(islice(count(10, 5), 3)), list(islice(count(1.5, 0.5), 3)))
print(list(islice(count(5, -2), 4)), count(3), count(1, 2), repr(count(0.5)))
c = count()
next(c); next(c)
print(c, next(c))
print(list(islice(cycle("ab"), 5)), list(cycle([])), list(islice(cycle(range(3)), 7)))
print(list(repeat("x", 3)), list(repeat(1, 0)), list(repeat(1, -2)), repeat("r", 2), list(islice(repeat(7), 3)))
print(list(map(pow, range(4), repeat(2))))
print(list(zip(count(1), "abc")))
