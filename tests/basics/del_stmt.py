# del on names, items, slices, attributes; errors afterwards.
x = 1
del x
try:
    x
except NameError as e:
    print(e)
d = {"a": 1, "b": 2, "c": 3}
del d["a"], d["c"]
print(d)
l = [0, 1, 2, 3, 4]
del l[0], l[-1]
print(l)
class C:
    pass
c = C()
c.v = 1
del c.v
print(hasattr(c, "v"))
try:
    del c.v
except AttributeError as e:
    print(e)
a, b = 1, 2
del (a, b)
try:
    print(a)
except NameError as e:
    print(e)
def f():
    y = 1
    del y
    return y
try:
    f()
except UnboundLocalError as e:
    print(type(e).__name__, e)
