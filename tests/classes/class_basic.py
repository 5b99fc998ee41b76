# Classes: instances, class vs instance attributes, methods, __dict__, __class__, names.
class Dog:
    species = "canis"
    count = 0
    def __init__(self, name):
        self.name = name
        Dog.count += 1
    def speak(self, times=1):
        return " ".join([self.name + " woofs"] * times)
    class Inner:
        pass
a, b = Dog("rex"), Dog("fido")
print(a.speak(), b.speak(2), Dog.count, a.species, Dog.species)
a.species = "own"
print(a.species, b.species, a.__dict__, sorted(Dog.__dict__.keys() & {"species", "speak"}))
print(type(a).__name__, a.__class__ is Dog, Dog.__name__, Dog.Inner.__qualname__, Dog.speak.__qualname__)
print(Dog.speak(a), a.speak.__self__ is a, a.speak.__func__ is Dog.speak)
m = b.speak
print(m(3))
class Empty:
    pass
e = Empty()
e.x = 1
print(e.x, Empty.__bases__, Empty.__module__, isinstance(e, object))
print(Dog.__init__.__name__, callable(Dog), hasattr(Dog, "__init__"))
def free(self):
    return "free function as method: " + self.name
Dog.free = free
print(a.free())
print(a == a, a != b, a == b)
