# Class bodies: their own scope, name lookup rules, class attributes used in methods.
x = "global"
class C:
    x = "class"
    y = x + "!"
    def m(self):
        return x
    def n(self):
        return self.x
    items = [i for i in range(3)]
print(C.y, C().m(), C().n(), C.items)
class Counter:
    total = 0
    def add(self):
        self.total += 1
c1, c2 = Counter(), Counter()
c1.add(); c1.add()
print(c1.total, c2.total, Counter.total)
def factory(v):
    class Local:
        value = v
        def get(self):
            return v
    return Local
A, B = factory(1), factory(2)
print(A.value, B().get(), A is not B, A.__qualname__)
class Outer:
    class Inner:
        class Deep:
            pass
print(Outer.Inner.Deep.__qualname__, Outer.Inner.Deep.__name__)
class WithNew:
    def __new__(cls, *args):
        inst = super().__new__(cls)
        inst.args = args
        return inst
    def __init__(self, *args):
        self.inited = True
w = WithNew(1, 2)
print(w.args, w.inited)
class NotInit:
    def __new__(cls):
        return 42
print(NotInit())
try:
    object().attr = 1
except AttributeError as e:
    print(e)
