# Assignment forms: chained, tuple and star unpacking, subscripts, attributes.
a = b = c = 7
print(a, b, c)
x, y = 1, 2
x, y = y, x
print(x, y)
(p, q), r = (3, 4), 5
print(p, q, r)
first, *rest = [1, 2, 3, 4]
print(first, rest)
*init, last = "abc"
print(init, last)
head, *mid, tail = range(5)
print(head, mid, tail)
a, *b, c = 1, 2
print(a, b, c)
[m, n] = [10, 20]
print(m, n)
d = {}
d["k"] = d["j"] = 0
print(d)
lst = [0, 0, 0]
i = 0
i, lst[i] = 1, 9
print(i, lst)
class O: pass
o = O()
o.attr = o.other = "v"
print(o.attr, o.other)
for k, (v1, v2) in [("a", (1, 2)), ("b", (3, 4))]:
    print(k, v1 + v2)
try:
    a, b = [1, 2, 3]
except ValueError as e:
    print(e)
try:
    a, b, c = [1, 2]
except ValueError as e:
    print(e)
try:
    a, *b, c = [1]
except ValueError as e:
    print(e)
