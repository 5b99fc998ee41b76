# __call__, __bool__ and __len__ for truth, __index__, __int__/__float__.
class Adder:
    def __init__(self, n):
        self.n = n
    def __call__(self, x, *, times=1):
        return x + self.n * times
add5 = Adder(5)
print(add5(1), add5(1, times=3), callable(add5), list(map(add5, [0, 10])))
class Truthy:
    def __init__(self, v): self.v = v
    def __bool__(self): return self.v
class Sized:
    def __init__(self, n): self.n = n
    def __len__(self): return self.n
print(bool(Truthy(True)), bool(Truthy(False)), bool(Sized(0)), bool(Sized(2)), bool(object()))
if not Sized(0):
    print("empty sized is falsy")
print("yes" if Truthy(True) else "no", [x for x in [Truthy(False), Truthy(True)] if x][0].v)
class BadBool:
    def __bool__(self): return 1
try:
    bool(BadBool())
except TypeError as e:
    print(e)
class Idx:
    def __index__(self): return 2
    def __int__(self): return 7
    def __float__(self): return 1.5
print([10, 20, 30][Idx()], "abc"[Idx()], hex(Idx()), int(Idx()), float(Idx()), range(Idx()))
