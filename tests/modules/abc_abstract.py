# abc: abstract methods stop instantiation until a subclass implements them.
from abc import ABC, ABCMeta, abstractmethod, abstractproperty, update_abstractmethods


class Shape(ABC):
    @abstractmethod
    def area(self):
        ...

    @abstractmethod
    def perimeter(self):
        ...

    def describe(self):
        return "%s with area %s" % (type(self).__name__, self.area())


for make in (Shape,):
    try:
        make()
    except TypeError as e:
        print(e)


class Half(Shape):
    def area(self):
        return 1


try:
    Half()
except TypeError as e:
    print(e)


class Square(Half):
    def __init__(self, side=2):
        self.side = side

    def area(self):
        return self.side ** 2

    def perimeter(self):
        return 4 * self.side


s = Square()
print(s.describe(), s.perimeter(), sorted(Shape.__abstractmethods__), Square.__abstractmethods__)
print(isinstance(s, Shape), issubclass(Square, Shape), issubclass(int, Shape), type(Shape).__name__)


class Props(metaclass=ABCMeta):
    @property
    @abstractmethod
    def name(self):
        ...

    @classmethod
    @abstractmethod
    def make(cls):
        ...

    @staticmethod
    @abstractmethod
    def helper():
        ...


try:
    Props()
except TypeError as e:
    print(e)


class Named(Props):
    name = "fixed"

    @classmethod
    def make(cls):
        return cls()

    @staticmethod
    def helper():
        return "help"


print(Named.make().name, Named.helper())


class Base(ABC):
    @abstractmethod
    def run(self):
        return "base"


class Impl(Base):
    def run(self):
        return "impl+" + super().run()


print(Impl().run())


class Late(ABC):
    @abstractmethod
    def f(self):
        ...


Late.f = lambda self: 1
update_abstractmethods(Late)
print(Late().f(), Late.__abstractmethods__)


class Old(ABC):
    @abstractproperty
    def v(self):
        ...


try:
    Old()
except TypeError as e:
    print(e)
