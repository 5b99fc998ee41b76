# Iterator protocol: __iter__/__next__, iterables vs iterators, StopIteration.
class Countdown:
    def __init__(self, n):
        self.n = n
    def __iter__(self):
        return self
    def __next__(self):
        if self.n <= 0:
            raise StopIteration
        self.n -= 1
        return self.n + 1
print(list(Countdown(3)), [x * 2 for x in Countdown(2)], sum(Countdown(4)))
class Bag:
    def __init__(self, *items):
        self.items = items
    def __iter__(self):
        return iter(self.items)
b = Bag(1, 2, 3)
print(list(b), list(b), 2 in b, max(b), sorted(b, reverse=True))
a, *rest = b
print(a, rest, dict(zip(b, "xyz")))
class GenIter:
    def __iter__(self):
        yield "g1"
        yield "g2"
print(list(GenIter()), " ".join(GenIter()))
it = iter(Countdown(2))
print(next(it), next(it), next(it, "end"))
class NotIter:
    pass
try:
    iter(NotIter())
except TypeError as e:
    print(e)
try:
    for _ in 5:
        pass
except TypeError as e:
    print(e)
class BadIter:
    def __iter__(self):
        return 1
try:
    iter(BadIter())
except TypeError as e:
    print(e)
calls = iter([1, 2, 0, 3])
print(list(iter(lambda: next(calls), 0)))
