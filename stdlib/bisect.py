"""bisect - bisection algorithms for keeping a list sorted.

Adder's own pure-Python version of CPython's bisect (C in CPython, _bisect). The searches
compare with "<" only, as list.sort() and heapq do, so the same objects work with all three.
"""

__all__ = ["bisect_left", "bisect_right", "bisect", "insort_left", "insort_right", "insort"]


def bisect_right(a, x, lo=0, hi=None, *, key=None):
    """Return the index where to insert item x in list a, assuming a is sorted: every e in
    a[:i] has e <= x and every e in a[i:] has e > x. [key] is applied to the items of a, not
    to x. lo and hi (default 0 and len(a)) bound the slice searched."""
    if lo < 0:
        raise ValueError('lo must be non-negative')
    if hi is None:
        hi = len(a)
    while lo < hi:
        mid = (lo + hi) // 2
        item = a[mid] if key is None else key(a[mid])
        if x < item:
            hi = mid
        else:
            lo = mid + 1
    return lo


def bisect_left(a, x, lo=0, hi=None, *, key=None):
    """Return the index where to insert item x in list a, assuming a is sorted: every e in
    a[:i] has e < x and every e in a[i:] has e >= x."""
    if lo < 0:
        raise ValueError('lo must be non-negative')
    if hi is None:
        hi = len(a)
    while lo < hi:
        mid = (lo + hi) // 2
        item = a[mid] if key is None else key(a[mid])
        if item < x:
            lo = mid + 1
        else:
            hi = mid
    return lo


def insort_right(a, x, lo=0, hi=None, *, key=None):
    """Insert x in the sorted list a, to the right of any items equal to it."""
    # Unlike the bisect functions, insort applies [key] to x too: x is an item, not a key.
    if key is None:
        lo = bisect_right(a, x, lo, hi)
    else:
        lo = bisect_right(a, key(x), lo, hi, key=key)
    a.insert(lo, x)


def insort_left(a, x, lo=0, hi=None, *, key=None):
    """Insert x in the sorted list a, to the left of any items equal to it."""
    if key is None:
        lo = bisect_left(a, x, lo, hi)
    else:
        lo = bisect_left(a, key(x), lo, hi, key=key)
    a.insert(lo, x)


# The short names are the "right" variants, as in CPython.
bisect = bisect_right
insort = insort_right
