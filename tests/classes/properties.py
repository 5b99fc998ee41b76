# property with getter/setter/deleter, read-only properties, and the decorator forms.
class Temp:
    def __init__(self):
        self._c = 0
    @property
    def celsius(self):
        return self._c
    @celsius.setter
    def celsius(self, v):
        if v < -273:
            raise ValueError("too cold")
        self._c = v
    @celsius.deleter
    def celsius(self):
        print("deleting")
        self._c = None
    @property
    def fahrenheit(self):
        """Computed."""
        return self._c * 9 / 5 + 32
t = Temp()
t.celsius = 100
print(t.celsius, t.fahrenheit)
try:
    t.celsius = -300
except ValueError as e:
    print(e)
try:
    t.fahrenheit = 1
except AttributeError as e:
    print(e)
del t.celsius
print(t.celsius, Temp.fahrenheit.__doc__, type(Temp.celsius).__name__)
class Old:
    def get(self):
        return "got"
    x = property(get, doc="the x")
print(Old().x, Old.x.__doc__, Old.x.fget is Old.get, Old.x.fset)
class Child(Temp):
    @Temp.celsius.getter
    def celsius(self):
        return "child sees " + str(self._c)
c = Child()
c.celsius = 5
print(c.celsius)
