# abc: virtual subclasses through register() and __subclasshook__.
from abc import ABC, ABCMeta, abstractmethod, get_cache_token


class Proto(ABC):
    pass


Proto.register(int)
print(isinstance(3, Proto), issubclass(bool, Proto), isinstance("x", Proto), issubclass(Proto, Proto))
print(int.__mro__)


@Proto.register
class Other:
    pass


print(Other.__name__, issubclass(Other, Proto), isinstance(Other(), Proto))
token = get_cache_token()
Proto.register(str)
print(isinstance("now", Proto), get_cache_token() != token)
try:
    Proto.register(3)
except TypeError as e:
    print(e)


class Sub(Proto):
    pass


try:
    Sub.register(Proto)
except RuntimeError as e:
    print(e)
print(issubclass(Sub, Proto), isinstance(Sub(), Proto), Sub.register(Sub) is Sub)


class Quacker(ABC):
    @classmethod
    def __subclasshook__(cls, C):
        if cls is Quacker:
            return any("quack" in B.__dict__ for B in C.__mro__)
        return NotImplemented


class Duck:
    def quack(self):
        return "quack"


class Robot(Duck):
    pass


print(isinstance(Duck(), Quacker), isinstance(Robot(), Quacker), isinstance(1, Quacker), issubclass(Duck, Quacker))
try:
    issubclass(3, Quacker)
except TypeError as e:
    print(e)


class Meta2(ABCMeta):
    pass


class WithMeta(metaclass=Meta2):
    @abstractmethod
    def x(self):
        ...


try:
    WithMeta()
except TypeError as e:
    print(e)
WithMeta.register(float)
print(isinstance(1.5, WithMeta), type(WithMeta).__name__)
