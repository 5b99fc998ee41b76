import os
from multiprocessing import Pool, TimeoutError
import multiprocessing


def square(x):
    return x * x


def add(a, b):
    return a + b


def fail(x):
    if x == 3:
        raise KeyError(x)
    return x


def slow(x):
    import time
    time.sleep(x)
    return x


class Box:
    def __init__(self, v):
        self.v = v


def unbox(b):
    return Box(b.v + 1)


_base = 0


def init(base):
    global _base
    _base = base


def with_base(x):
    return _base + x


def pid_of(_):
    return os.getpid()


if __name__ == "__main__":
    with Pool(processes=4) as pool:
        print(pool.map(square, range(10)))
        print(pool.map(square, []))
        print(pool.map(square, range(100), chunksize=7) == [x * x for x in range(100)])
        print(pool.starmap(add, [(1, 2), (3, 4), ("a", "b")]))
        print(pool.apply(add, (5, 6)))
        print(pool.apply(add, (), {"a": 1, "b": 2}))
        r = pool.apply_async(square, (12,))
        print(r.get(timeout=5), r.ready(), r.successful())
        print(list(pool.imap(square, range(8))))
        print(list(pool.imap(square, range(8), chunksize=3)))
        print(sorted(pool.imap_unordered(square, range(8))))
        print([b.v for b in pool.map(unbox, [Box(1), Box(2)])])
        try:
            pool.map(fail, range(6))
        except KeyError as e:
            print("KeyError", e)
        r = pool.apply_async(fail, (3,))
        r.wait()
        print(r.ready(), r.successful())
        got = []
        r = pool.map_async(square, range(5), callback=got.append)
        r.wait()
        print(r.get(), got)
        errs = []
        r = pool.apply_async(fail, (3,), error_callback=lambda e: errs.append(type(e).__name__))
        r.wait()
        print(errs)
        r = pool.apply_async(slow, (1.5,))
        try:
            r.get(timeout=0.05)
        except TimeoutError:
            print("TimeoutError", issubclass(TimeoutError, multiprocessing.TimeoutError))
        try:
            pool.map(lambda x: x, [1])
        except Exception as e:
            print("cannot pickle lambda", type(e).__name__ in ("PicklingError", "AttributeError"))
        pids = set(pool.map(pid_of, range(40), chunksize=1))
        print(1 <= len(pids) <= 4, os.getpid() not in pids)

    pool = Pool(2, initializer=init, initargs=(100,))
    print(pool.map(with_base, [1, 2, 3]))
    pool.close()
    pool.join()
    try:
        pool.map(square, [1])
    except ValueError as e:
        print("ValueError", e)

    pool = Pool(2)
    try:
        pool.join()
    except ValueError as e:
        print("ValueError", e)
    pool.terminate()
    pool.join()
    print("done")
