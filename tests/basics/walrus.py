# Assignment expressions (:=) in conditions, comprehensions, while loops.
data = [3, 8, 1, 9, 4]
if (n := len(data)) > 3:
    print("long list", n)
print([y for x in data if (y := x * 2) > 6])
print(y)
it = iter(data)
while (v := next(it, None)) is not None:
    print("got", v)
print((z := 5) + z)
def f():
    [w := 0 for _ in range(3)]
    return w
print(f())
total = 0
print([total := total + x for x in [1, 2, 3]], total)
