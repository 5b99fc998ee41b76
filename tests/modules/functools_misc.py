# functools.cached_property.
from functools import cached_property
class Data:
    def __init__(self, n):
        self.n = n
        self.computed = 0
    @cached_property
    def total(self):
        self.computed += 1
        return sum(range(self.n))
d = Data(10)
print(d.total, d.total, d.computed, "total" in vars(d))
del d.total
print(d.total, d.computed)
d.total = "overridden"
print(d.total, type(Data.total).__name__)
class Slotted:
    __slots__ = ("x",)
    @cached_property
    def value(self):
        return 1
try:
    Slotted().value
except TypeError as e:
    print(type(e).__name__)
