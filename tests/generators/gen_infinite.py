# Infinite generators consumed partially; pipelines of generators.
def naturals(start=0):
    n = start
    while True:
        yield n
        n += 1
def take(n, it):
    for _, v in zip(range(n), it):
        yield v
def evens(it):
    return (x for x in it if x % 2 == 0)
def squares(it):
    for x in it:
        yield x * x
print(list(take(5, squares(evens(naturals(1))))))
def primes():
    found = []
    for n in naturals(2):
        if all(n % p for p in found):
            found.append(n)
            yield n
print(list(take(15, primes())))
gen = naturals()
for v in gen:
    if v > 3:
        break
print(next(gen), next(gen))
def cycle_once(s):
    while True:
        yield from s
c = cycle_once("ab")
print("".join(next(c) for _ in range(5)))
