# Rich comparisons: reflection, NotImplemented, default identity equality.
class Ver:
    def __init__(self, *parts):
        self.parts = parts
    def __eq__(self, o):
        return isinstance(o, Ver) and self.parts == o.parts
    def __lt__(self, o):
        return self.parts < o.parts
    def __le__(self, o):
        return self.parts <= o.parts
    def __repr__(self):
        return "v" + ".".join(map(str, self.parts))
a, b = Ver(1, 2), Ver(1, 10)
print(a < b, a <= b, a > b, b > a, a >= b, a == Ver(1, 2), a != b, a == 3)
print(sorted([Ver(2), Ver(1, 5), Ver(1)]), max(Ver(3), Ver(4)), min([b, a]))
class Plain:
    pass
p = Plain()
print(p == p, p == Plain(), p != p)
try:
    p < p
except TypeError as e:
    print(e)
class AlwaysEq:
    def __eq__(self, o):
        return True
print(AlwaysEq() == 5, 5 == AlwaysEq(), AlwaysEq() != 5, [AlwaysEq()] == [1], AlwaysEq() in [1, 2])
class Loud:
    def __init__(self, n): self.n = n
    def __gt__(self, o):
        print("gt called", self.n, o.n)
        return self.n > o.n
print(Loud(1) < Loud(2))
