# functools.lru_cache and cache: hits, misses, eviction, cache_info, cache_clear.
from functools import lru_cache, cache
calls = []
@lru_cache(maxsize=2)
def slow(x):
    calls.append(x)
    return x * 10
print(slow(1), slow(2), slow(1), slow(3), slow(2), slow(1))
print(calls)
print(slow.cache_info())
info = slow.cache_info()
print(info.hits, info.misses, info.maxsize, info.currsize)
slow.cache_clear()
print(slow.cache_info())
@lru_cache
def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)
print(fib(80), fib.cache_info())
@cache
def sq(n):
    return n * n
print(sq(4), sq(4), sq.cache_info())
@lru_cache(maxsize=None)
def kw(a, b=0, *, c=0):
    return a + b + c
print(kw(1), kw(1, 2), kw(1, b=2), kw(1, c=5), kw(1, c=5), kw.cache_info().hits)
print(fib.__name__, fib.__wrapped__.__name__)
try:
    kw([1])
except TypeError as e:
    print(e)
@lru_cache(maxsize=0)
def nocache(x):
    return x
nocache(1); nocache(1)
print(nocache.cache_info())
print(slow.cache_parameters())
