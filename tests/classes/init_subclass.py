# __init_subclass__ and __set_name__.
class Plugin:
    registry = {}
    def __init_subclass__(cls, name=None, **kwargs):
        super().__init_subclass__(**kwargs)
        Plugin.registry[name or cls.__name__.lower()] = cls
class Alpha(Plugin): pass
class Beta(Plugin, name="b"): pass
class Gamma(Beta): pass
print(sorted(Plugin.registry), Plugin.registry["b"] is Beta)
try:
    class Bad(Plugin, unknown=1): pass
except TypeError as e:
    print(e)
class Field:
    def __set_name__(self, owner, name):
        print("set_name", owner.__name__, name)
        self.name = name
        self.private = "_" + name
    def __get__(self, obj, objtype=None):
        if obj is None:
            return self
        return getattr(obj, self.private, "unset")
    def __set__(self, obj, value):
        setattr(obj, self.private, value)
class Model:
    title = Field()
    body = Field()
m = Model()
m.title = "Hello"
print(m.title, m.body, Model.title.name, sorted(vars(m)))
