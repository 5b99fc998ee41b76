# Slice assignment and deletion on lists, including extended slices.
a = list(range(10))
a[2:5] = ["x"]
print(a)
a[:0] = [-1, -2]
print(a)
a[len(a):] = [100]
print(a)
a[::2] = [0] * len(a[::2])
print(a)
del a[1::3]
print(a)
b = [1, 2, 3]
b[1:2] = []
print(b)
b[:] = "hey"
print(b)
try:
    c = [1, 2, 3, 4]
    c[::2] = [1]
except ValueError as e:
    print(e)
c = [1, 2, 3, 4, 5]
c[-2:] = (7, 8, 9)
print(c)
del c[:]
print(c)
