# Descriptors: data vs non-data precedence, __get__ with None instance, functions as descriptors.
class NonData:
    def __get__(self, obj, objtype=None):
        return "nondata from " + ("class" if obj is None else "instance")
class Data:
    def __get__(self, obj, objtype=None):
        return "data"
    def __set__(self, obj, value):
        print("Data.__set__", value)
class C:
    nd = NonData()
    d = Data()
c = C()
print(c.nd, C.nd, c.d)
c.__dict__["nd"] = "instance dict wins over non-data"
c.__dict__["d"] = "instance dict loses to data"
print(c.nd, c.d)
c.d = 5
class Typed:
    def __init__(self, kind):
        self.kind = kind
    def __set_name__(self, owner, name):
        self.name = name
    def __get__(self, obj, objtype=None):
        return obj.__dict__[self.name]
    def __set__(self, obj, value):
        if not isinstance(value, self.kind):
            raise TypeError(f"{self.name} must be {self.kind.__name__}")
        obj.__dict__[self.name] = value
class Person:
    age = Typed(int)
    def __init__(self, age):
        self.age = age
print(Person(30).age)
try:
    Person("old")
except TypeError as e:
    print(e)
def f(self):
    return "bound"
class H:
    m = f
print(H().m(), f.__get__(H())(), type(H.m).__name__, type(H().m).__name__)
class ReadOnly:
    def __get__(self, obj, t=None): return 1
    def __set__(self, obj, v): raise AttributeError("read-only")
class R:
    x = ReadOnly()
try:
    R().x = 2
except AttributeError as e:
    print(e)
