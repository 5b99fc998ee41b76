# The compiler's specialised and fused instructions behave as the plain ones: operand types
# without an inline path, errors in either half of a pair (with the right line), jumps that
# land inside a pair, and the forms that skip building a tuple.

def swaps():
    a, b = 1, 2
    a, b = b, a
    x, y, z = "x", "y", "z"
    x, y, z = z, x, y
    [p, q] = [a + 1, b + 1]
    order = []

    def f(v):
        order.append(v)
        return v

    m, n = f(1), f(2)
    return a, b, x, y, z, p, q, m, n, order


print(swaps())


def gcd(a, b):
    while b:
        a, b = b, a % b
    return a


print(gcd(1071, 462), gcd(2**80, 6**40))


class Cell:
    def __init__(self):
        self.log = []
        self.data = {}

    def __getitem__(self, k):
        self.log.append(("get", k))
        return self.data.get(k, 0)

    def __setitem__(self, k, v):
        self.log.append(("set", k, v))
        self.data[k] = v


c = Cell()
c["k"] += 5
c["k"] *= 3
print(c.log, c.data)
lst = [1.5, 2, "s"]
lst[0] -= 0.5
lst[1] **= 3
lst[-1] += "t"
print(lst)
print(-1.5, -0.0, -(0.0), -3, -(2**63), -9223372036854775808, 2 ** -1)


def arith(a, b):
    return a + b, a - b, a * b


def add(a, b):
    return a + b


print(arith(3, 4), arith(1.5, 0.25), add("ab", "cd"), add([1], [2]), [1] * 2)
print(arith(2**62, 2**62), arith(-2**63, 1), arith(3, 4.5), arith(True, 2))
print(arith(2.0, 3)[2], 10.0 ** -1.5, 2.0 ** 0.5, 4.0 ** 2, 0.5 ** 1075, (-8.0) ** 2)
try:
    print(10.0 ** 400)
except OverflowError as e:
    print("OverflowError", e)


def compares(a, b):
    out = []
    if a < b:
        out.append("lt")
    if not (a >= b):
        out.append("not ge")
    while a != b:
        out.append("ne")
        break
    return out


print(compares(1, 2), compares(2.5, 1.0), compares("a", "b"), compares(1, 1.5))
try:
    compares(1, "x")
except TypeError as e:
    print("TypeError", e)


def unbound_second():
    a = 1
    if a > 5:
        b = 2
    return a + b


def unbound_after_store():
    v = 3
    del v
    w = 4
    return w + v


for fn in (unbound_second, unbound_after_store):
    try:
        fn()
    except UnboundLocalError as e:
        tb = e.__traceback__
        while tb.tb_next:
            tb = tb.tb_next
        print(type(e).__name__, e, tb.tb_lineno - fn.__code__.co_firstlineno)


def gen(n):
    for i in range(n):
        yield i * i
    return "done"


def loops():
    s = []
    for i in range(3):
        s.append(i)
    for v in [4, 5]:
        s.append(v)
    for g in gen(4):
        s.append(g)
    for ch in "ab":
        s.append(ch)
    for k, v in {"x": 1}.items():
        s.append((k, v))
    for a, b in [(1, 2), [3, 4]]:
        s.append(a + b)
    for t in (7, 8):
        s.append(t)
    return s


print(loops())
try:
    for a, b in [(1, 2, 3)]:
        pass
except ValueError as e:
    print("ValueError", e)
try:
    for a, b in [[1]]:
        pass
except ValueError as e:
    print("ValueError", e)
