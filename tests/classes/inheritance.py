# Inheritance, overriding, super() in methods and __init__, multiple levels.
class Base:
    def __init__(self, v):
        self.v = v
    def hello(self):
        return "Base.hello " + str(self.v)
    def who(self):
        return "Base"
class Mid(Base):
    def __init__(self, v, w):
        super().__init__(v)
        self.w = w
    def who(self):
        return "Mid<" + super().who() + ">"
class Leaf(Mid):
    def who(self):
        return "Leaf<" + super(Leaf, self).who() + ">"
x = Leaf(1, 2)
print(x.v, x.w, x.hello(), x.who())
print(isinstance(x, Base), issubclass(Leaf, Base), Leaf.__bases__, [c.__name__ for c in Leaf.__mro__])
class Shape:
    def area(self):
        raise NotImplementedError
    def describe(self):
        return f"{type(self).__name__} with area {self.area()}"
class Sq(Shape):
    def __init__(self, s):
        self.s = s
    def area(self):
        return self.s ** 2
print(Sq(3).describe())
try:
    Shape().describe()
except NotImplementedError as e:
    print("NotImplementedError", e.args)
class WithClassSuper:
    @classmethod
    def make(cls):
        return cls.__name__
class Sub(WithClassSuper):
    @classmethod
    def make(cls):
        return "sub+" + super().make()
print(Sub.make())
class IntLike(int):
    def double(self):
        return self * 2
i = IntLike(21)
print(i.double(), i + 1, type(i + 1).__name__, isinstance(i, int))
class MyList(list):
    def push(self, x):
        self.append(x)
        return self
print(MyList([1]).push(2), len(MyList("ab")))
class MyDict(dict):
    def __missing__(self, key):
        return key * 2
print(MyDict(a=1)["a"], MyDict()["zz"])
