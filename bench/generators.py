# Measures generator pipelines: chained generator functions, generator expressions, yield from, and consumers (sum, for loops, next).


def lcg(seed, count):
    x = seed
    for _ in range(count):
        x = (x * 1103515245 + 12345) % 2147483648
        yield x


def scaled(source, mod):
    for v in source:
        yield v % mod


def evens_only(source):
    for v in source:
        if v % 2 == 0:
            yield v


def running_sum(source):
    total = 0
    for v in source:
        total += v
        yield total


def windows(source, size):
    window = []
    for v in source:
        window.append(v)
        if len(window) == size:
            yield tuple(window)
            window.pop(0)


def chained(*sources):
    for s in sources:
        yield from s


def take(source, n):
    for i, v in enumerate(source):
        if i >= n:
            return
        yield v


def main():
    n = 1000000
    a = sum(running_sum(evens_only(scaled(lcg(1, n), 1000))))
    b = 0
    for w in windows(scaled(lcg(2, n), 97), 3):
        b += w[0] * w[1] - w[2]
    c = sum(x * x for x in chained(scaled(lcg(3, n // 2), 50), range(n // 2)) if x % 3)
    d = 0
    it = take(lcg(4, n), n // 2)
    while True:
        try:
            d ^= next(it)
        except StopIteration:
            break
    e = sum(1 for v in scaled(lcg(5, n), 10) if v > 4)
    print("a", a, "b", b, "c", c, "d", d, "e", e)
    print("generators checksum", (a + b * 3 + c * 7 + d + e) % 1000000007)


main()
