# functools.partial: binding, keyword overrides, nesting, attributes.
from functools import partial
def power(base, exp, *, mod=None):
    r = base ** exp
    return r % mod if mod else r
square = partial(power, exp=2)
cube_mod = partial(power, exp=3, mod=10)
two_to = partial(power, 2)
print(square(7), cube_mod(7), two_to(10), square(3, exp=3))
print(square.func is power, square.args, square.keywords, two_to.args)
nested = partial(partial(power, 3), exp=4)
print(nested(), nested.func is power, nested.args, nested.keywords)
print(repr(partial(power, 1, mod=5)).startswith("functools.partial(<function power at 0x"))
print(repr(partial(power, 1, mod=5)).endswith(">, 1, mod=5)"))
p = partial(max, key=len)
print(p(["aa", "b", "cccc"]), list(map(partial(int, base=2), ["101", "11"])))
try:
    partial(5)
except TypeError as e:
    print(e)
class C:
    m = partial(lambda *a: a, "bound?")
print(C().m(1))
