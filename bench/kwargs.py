# Measures decorated functions and argument passing: decorators (closures) forwarding *args/**kwargs, keyword and default arguments, keyword-only parameters.


def counted(func):
    calls = [0]

    def wrapper(*args, **kwargs):
        calls[0] += 1
        return func(*args, **kwargs)

    wrapper.calls = calls
    wrapper.__name__ = func.__name__
    return wrapper


def clamp(lo, hi):
    def decorate(func):
        def wrapper(*args, **kwargs):
            r = func(*args, **kwargs)
            if r < lo:
                return lo
            if r > hi:
                return hi
            return r

        return wrapper

    return decorate


@counted
def add3(a, b, c=0):
    return a + b + c


@counted
@clamp(-1000, 1000)
def weighted(x, y, *, wx=1, wy=2):
    return x * wx - y * wy


@counted
def collect(*args, **kwargs):
    return len(args) + len(kwargs) + sum(args) + sum(kwargs.values())


@clamp(0, 10 ** 9)
def compose(n, **opts):
    return add3(n, opts.get("k", 1), c=opts.get("c", 0)) + collect(n, 1, 2, **opts)


def main():
    total = 0
    opts = {"k": 3, "c": 5}
    for i in range(200000):
        total += add3(i, 1)
        total += add3(i, 2, c=3)
        total += add3(a=i, b=4, c=5)
        total += weighted(i % 700, i % 300)
        total += weighted(i % 50, y=i % 40, wx=3, wy=1)
        args = (i, i % 7)
        total += collect(*args)
        total += collect(*args, x=1, y=i % 5)
        total += compose(i % 1000, **opts)
        total %= 1000000007
    print("calls", add3.calls[0], weighted.calls[0], collect.calls[0], weighted.__name__)
    print("kwargs checksum", total)


main()
