# functools.total_ordering fills in the missing comparison methods.
from functools import total_ordering
@total_ordering
class Money:
    def __init__(self, cents):
        self.cents = cents
    def __eq__(self, other):
        return self.cents == other.cents
    def __lt__(self, other):
        return self.cents < other.cents
    def __repr__(self):
        return f"Money({self.cents})"
a, b = Money(100), Money(250)
print(a < b, a <= b, a > b, a >= b, a == Money(100), a != b, b >= b)
print(sorted([b, a, Money(5)]), max(a, b))
@total_ordering
class ByGt:
    def __init__(self, v): self.v = v
    def __eq__(self, o): return self.v == o.v
    def __gt__(self, o): return self.v > o.v
print(ByGt(1) < ByGt(2), ByGt(1) <= ByGt(1), ByGt(3) >= ByGt(2))
try:
    @total_ordering
    class Nothing:
        pass
except ValueError as e:
    print(e)
