# Generators capture variables like closures; generator expressions bind the first iterable early.
def make(n):
    def gen():
        for i in range(n):
            yield i * n
    return gen
print(list(make(3)()))
data = [1, 2, 3]
g = (x * 10 for x in data)
data = [7, 8]
print(list(g))
y = 100
g2 = (x + y for x in range(2))
y = 200
print(list(g2))
def accumulate():
    total = 0
    def add(v):
        nonlocal total
        total += v
        return total
    for v in [5, 10, 15]:
        yield add(v)
print(list(accumulate()))
def gen_of_gens():
    for i in range(3):
        yield (i * j for j in range(3))
print([list(g) for g in gen_of_gens()])
