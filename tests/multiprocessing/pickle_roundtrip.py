import pickle

class Point:
    def __init__(self, x, y):
        self.x = x
        self.y = y
    def __eq__(self, other):
        return type(other) is Point and (self.x, self.y) == (other.x, other.y)
    def __repr__(self):
        return "Point(%r, %r)" % (self.x, self.y)

class Stateful:
    def __init__(self, v):
        self.v = v
    def __getstate__(self):
        return {"v": self.v * 2}
    def __setstate__(self, state):
        self.v = state["v"] + 1

def square(x):
    return x * x

values = [None, True, False, 0, -1, 2**200, -(3**150), 1.5, -0.0, float("inf"), 1e300,
          "", "héllo \u20ac", b"", b"\x00\xff", (), (1,), (1, (2, 3)), [1, [2, []]],
          {"a": 1, 2: [3]}, {1, 2, 3}, frozenset({"x"}), Point(1, [2]), square, Point, len,
          ValueError("bad", 3)]
for v in values:
    w = pickle.loads(pickle.dumps(v))
    if isinstance(v, BaseException):
        print(type(w).__name__, w.args)
    else:
        print(w if not callable(w) or isinstance(w, type) else w.__name__, w == v, type(w) is type(v))

nan = pickle.loads(pickle.dumps(float("nan")))
print(nan != nan)
print(pickle.loads(pickle.dumps(square))(7))

shared = [1, 2]
both = pickle.loads(pickle.dumps([shared, shared]))
print(both[0] is both[1], both)
loop = [1]
loop.append(loop)
back = pickle.loads(pickle.dumps(loop))
print(back[1] is back, back[0])
s = pickle.loads(pickle.dumps(Stateful(5)))
print(s.v)

try:
    pickle.dumps(lambda x: x)
except pickle.PicklingError as e:
    print("PicklingError")
def outer():
    def inner():
        pass
    return inner
try:
    pickle.dumps(outer())
except (pickle.PicklingError, AttributeError) as e:
    print("cannot pickle local")
print(issubclass(pickle.PicklingError, pickle.PickleError))
