# Metaclasses: __new__/__init__/__call__ on the metaclass, class keywords, registries.
class Registry(type):
    classes = []
    def __new__(mcls, name, bases, ns, **kwargs):
        ns["created_by"] = mcls.__name__
        cls = super().__new__(mcls, name, bases, ns)
        Registry.classes.append(name)
        return cls
    def __init__(cls, name, bases, ns, **kwargs):
        super().__init__(name, bases, ns)
        cls.tag = kwargs.get("tag", "none")
class Base(metaclass=Registry):
    pass
class Child(Base, tag="child"):
    pass
print(Registry.classes, Child.created_by, Child.tag, Base.tag, type(Child).__name__)
class Singleton(type):
    def __call__(cls, *args):
        if not hasattr(cls, "_inst"):
            cls._inst = super().__call__(*args)
        return cls._inst
class Config(metaclass=Singleton):
    def __init__(self, v):
        self.v = v
print(Config(1) is Config(2), Config(3).v)
class Meta(type):
    def describe(cls):
        return "class " + cls.__name__
    @property
    def upper_name(cls):
        return cls.__name__.upper()
class W(metaclass=Meta):
    pass
print(W.describe(), W.upper_name, hasattr(W(), "describe"))
print(type(type), type(int), isinstance(W, type), isinstance(W, Meta))
class Prep(type):
    @classmethod
    def __prepare__(mcls, name, bases):
        print("prepare", name)
        return {"injected": 1}
class P(metaclass=Prep):
    pass
print(P.injected)
