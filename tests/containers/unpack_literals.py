# Unpacking inside literals and calls: *iterables and **mappings.
a = [1, 2]
b = (3,)
print([*a, *b, *"xy"], (*a, 0), {*a, *b} == {1, 2, 3}, [*range(3)])
d1 = {"x": 1}
d2 = {"y": 2, "x": 10}
print({**d1, **d2}, {**d2, **d1}, {"z": 0, **d1})
def f(*args, **kwargs):
    return args, kwargs
print(f(*a, *b, 9, **d1, w=5))
print(f(*[], **{}))
first, *others = *a, *b
print(first, others)
try:
    f(**{"x": 1}, x=2)
except TypeError as e:
    print(e)
try:
    f(**[1])
except TypeError as e:
    print(e)
