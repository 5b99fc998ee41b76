# __getattr__ (fallback), __getattribute__, __setattr__, __delattr__.
class Proxy:
    def __init__(self, target):
        object.__setattr__(self, "_target", target)
        object.__setattr__(self, "log", [])
    def __getattr__(self, name):
        self.log.append("get " + name)
        return getattr(self._target, name)
    def __setattr__(self, name, value):
        self.log.append("set " + name)
        setattr(self._target, name, value)
    def __delattr__(self, name):
        self.log.append("del " + name)
        delattr(self._target, name)
class T:
    pass
t = T()
p = Proxy(t)
p.x = 5
print(p.x, t.x, "x" in vars(p))
del p.x
print(hasattr(t, "x"), p.log)
class Dyn:
    def __getattr__(self, name):
        if name.startswith("get_"):
            return lambda: name[4:]
        raise AttributeError(f"no {name}")
d = Dyn()
print(d.get_thing(), getattr(d, "nothing", "default"), hasattr(d, "zzz"))
try:
    d.zzz
except AttributeError as e:
    print(e)
class Every:
    def __getattribute__(self, name):
        if name == "secret":
            return "intercepted"
        return object.__getattribute__(self, name)
e = Every()
e.secret = "real"
e.other = "o"
print(e.secret, e.other, e.__dict__)
class Frozen:
    def __setattr__(self, name, value):
        raise AttributeError(f"cannot set {name!r}")
try:
    Frozen().a = 1
except AttributeError as e:
    print(e)
