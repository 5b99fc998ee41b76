# types: SimpleNamespace, the names of built-in types, dynamic class creation.
import types
import sys

n = types.SimpleNamespace(a=1, b="x")
print(n, repr(types.SimpleNamespace()), n.a, n.b)
n.c = [1]
print(n, n == types.SimpleNamespace(a=1, b="x", c=[1]), n != types.SimpleNamespace())
del n.c
n.self_ref = n
print(n)
del n.self_ref
print(vars(n), sorted(n.__dict__))
try:
    types.SimpleNamespace(1)
except TypeError as e:
    print(e)
try:
    hash(n)
except TypeError as e:
    print(e)


class Config(types.SimpleNamespace):
    pass


print(Config(debug=True), isinstance(Config(), types.SimpleNamespace))


def f():
    pass


def g():
    yield 1


async def co():
    pass


class K:
    def m(self):
        pass


c = co()
print(isinstance(f, types.FunctionType), isinstance(lambda: 0, types.LambdaType), types.FunctionType is types.LambdaType)
print(isinstance(g(), types.GeneratorType), isinstance(c, types.CoroutineType), isinstance(K().m, types.MethodType))
c.close()
print(isinstance(sys, types.ModuleType), isinstance(len, types.BuiltinFunctionType), isinstance(f.__code__, types.CodeType))
print(types.FunctionType.__name__, types.GeneratorType.__name__, types.MethodType.__name__,
      types.ModuleType.__name__, types.BuiltinFunctionType.__name__, types.CoroutineType.__name__)
print(types.NoneType, types.EllipsisType, types.NotImplementedType, isinstance(list[int], types.GenericAlias))

m = types.ModuleType("mymod", "doc text")
m.x = 3
print(m.__name__, m.__doc__, m.x)
bound = types.MethodType(lambda self: self.v * 2, types.SimpleNamespace(v=21))
print(bound())

C = types.new_class("C", (K,), {}, lambda ns: ns.update(z=5))
print(C.__name__, C.z, [b.__name__ for b in C.__mro__])
print(types.prepare_class("X"), types.resolve_bases((int,)))


class Meta(type):
    pass


D = types.new_class("D", (), {"metaclass": Meta})
print(type(D).__name__)
mp = types.MappingProxyType({"a": 1})
print(mp["a"], len(mp), list(mp), mp, "a" in mp, mp.get("z", 0))
try:
    mp["b"] = 2
except TypeError as e:
    print(e)
