# Arithmetic dunders: binary, reflected, in-place, unary, NotImplemented fallback.
class V:
    def __init__(self, x, y):
        self.x, self.y = x, y
    def __repr__(self):
        return f"V({self.x}, {self.y})"
    def __add__(self, o):
        if isinstance(o, V):
            return V(self.x + o.x, self.y + o.y)
        return NotImplemented
    def __sub__(self, o):
        return V(self.x - o.x, self.y - o.y)
    def __mul__(self, k):
        return V(self.x * k, self.y * k)
    __rmul__ = __mul__
    def __truediv__(self, k):
        return V(self.x / k, self.y / k)
    def __floordiv__(self, k):
        return V(self.x // k, self.y // k)
    def __mod__(self, k):
        return V(self.x % k, self.y % k)
    def __pow__(self, k):
        return V(self.x ** k, self.y ** k)
    def __neg__(self):
        return V(-self.x, -self.y)
    def __pos__(self):
        return self
    def __abs__(self):
        return (self.x ** 2 + self.y ** 2) ** 0.5
    def __invert__(self):
        return V(self.y, self.x)
    def __iadd__(self, o):
        self.x += o.x
        self.y += o.y
        return self
    def __matmul__(self, o):
        return self.x * o.x + self.y * o.y
    def __and__(self, o): return "and"
    def __or__(self, o): return "or"
    def __xor__(self, o): return "xor"
    def __lshift__(self, o): return "lshift"
    def __rshift__(self, o): return "rshift"
a, b = V(1, 2), V(3, 4)
print(a + b, b - a, a * 3, 3 * a, b / 2, b // 2, b % 2, a ** 2, -a, +a, abs(V(3, 4)), ~a, a @ b)
print(a & b, a | b, a ^ b, a << b, a >> b)
c = a
c += b
print(c, a, c is a)
try:
    a + 1
except TypeError as e:
    print(e)
class R:
    def __radd__(self, o):
        return "radd from " + type(o).__name__
    def __rsub__(self, o):
        return "rsub"
print(1 + R(), "s" + R(), 5 - R())
class Num:
    def __init__(self, v): self.v = v
    def __add__(self, o): return NotImplemented
class Num2:
    def __radd__(self, o): return "Num2.__radd__"
print(Num(1) + Num2())
class Sub(V):
    def __radd__(self, o):
        return "subclass radd wins"
    def __add__(self, o):
        return "sub add"
print(V(0, 0) + Sub(1, 1))
