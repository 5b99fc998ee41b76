"""itertools - functions creating iterators for efficient looping.

Adder's own pure-Python version of CPython's C module, following CPython 3.11's results and
error messages. Most tools are generator functions behind a thin public function: the public
function checks its arguments and calls iter() at once, as CPython does when the object is
made, and the generator does the lazy part. So errors like islice("abc", -1) are raised at
the call, not at the first next(). count, repeat, chain and groupby are classes because
their repr, a classmethod or their protocol is part of the interface.

The objects returned by the generator-based tools are generators, so type(x).__name__ says
"generator" where CPython says "islice"; nothing else should tell them apart.
"""


def _as_index(value, what):
    """[value] as an int through __index__, or TypeError naming [what]."""
    if isinstance(value, int):
        return int(value)
    index = getattr(type(value), "__index__", None)
    if index is None:
        raise TypeError(f"'{type(value).__name__}' object cannot be interpreted as an integer")
    return index(value)


# --- infinite iterators -------------------------------------------------------------------

class count:
    """count(start=0, step=1) -> start, start+step, start+2*step, ..."""

    def __init__(self, start=0, step=1):
        for value in (start, step):
            # CPython's PyNumber_Check: anything int-, float- or complex-like.
            kind = type(value)
            if not (isinstance(value, (int, float)) or hasattr(kind, "__index__")
                    or hasattr(kind, "__float__") or hasattr(kind, "__complex__")):
                raise TypeError("a number is required")
        self._next = start
        self._step = step

    def __iter__(self):
        return self

    def __next__(self):
        value = self._next
        self._next = value + self._step
        return value

    def __repr__(self):
        name = type(self).__name__
        # CPython leaves the step out only when it is the int 1.
        if type(self._step) is int and self._step == 1:
            return f"{name}({self._next!r})"
        return f"{name}({self._next!r}, {self._step!r})"


def cycle(iterable):
    """cycle(p) -> p0, p1, ... plast, p0, p1, ... (saves a copy of the items)."""
    return _cycle(iter(iterable))


def _cycle(it):
    saved = []
    for element in it:
        yield element
        saved.append(element)
    while saved:
        for element in saved:
            yield element


class repeat:
    """repeat(object [, times]) -> object, object, ... forever or [times] times."""

    def __init__(self, object, times=None):
        self._object = object
        if times is None:
            self._left = None
        else:
            self._left = max(_as_index(times, "times"), 0)

    def __iter__(self):
        return self

    def __next__(self):
        if self._left is None:
            return self._object
        if self._left <= 0:
            raise StopIteration
        self._left -= 1
        return self._object

    def __length_hint__(self):
        if self._left is None:
            raise TypeError("len() of unsized object")
        return self._left

    def __repr__(self):
        name = type(self).__name__
        if self._left is None:
            return f"{name}({self._object!r})"
        return f"{name}({self._object!r}, {self._left})"


# --- iterators terminating on the shortest input ------------------------------------------

def accumulate(iterable, func=None, *, initial=None):
    """accumulate([1,2,3,4,5]) -> 1 3 6 10 15; func replaces addition."""
    return _accumulate(iter(iterable), func, initial)


def _accumulate(it, func, initial):
    total = initial
    if initial is None:
        try:
            total = next(it)
        except StopIteration:
            return
    yield total
    for element in it:
        total = total + element if func is None else func(total, element)
        yield total


class chain:
    """chain(*iterables) -> the items of the first iterable, then of the next, ...

    Like CPython, the arguments are only iterated (and checked) when their turn comes."""

    def __init__(self, *iterables):
        self._gen = _chain(iter(iterables))

    @classmethod
    def from_iterable(cls, iterables):
        """chain.from_iterable(iterable) -> like chain(*iterable), but lazy."""
        self = cls.__new__(cls)
        self._gen = _chain(iter(iterables))
        return self

    def __iter__(self):
        return self

    def __next__(self):
        return next(self._gen)


def _chain(sources):
    for source in sources:
        yield from source


def compress(data, selectors):
    """compress('ABCDEF', [1,0,1,0,1,1]) -> A C E F"""
    return _compress(iter(data), iter(selectors))


def _compress(data, selectors):
    for d, s in zip(data, selectors):
        if s:
            yield d


def dropwhile(predicate, iterable):
    """Drop items while predicate(item) is true, then yield every remaining item."""
    return _dropwhile(predicate, iter(iterable))


def _dropwhile(predicate, it):
    for x in it:
        if not predicate(x):
            yield x
            break
    for x in it:
        yield x


def filterfalse(function, iterable):
    """The items for which function(item) is false (function None: the false items)."""
    return _filterfalse(function, iter(iterable))


def _filterfalse(function, it):
    if function is None:
        function = bool
    for x in it:
        if not function(x):
            yield x


class groupby:
    """groupby(iterable, key=None) -> (key, group) pairs for runs of equal keys.

    A group shares the underlying iterator: advancing to the next pair ends the previous
    group (it yields nothing more), exactly as in CPython."""

    def __init__(self, iterable, key=None):
        self._keyfunc = (lambda x: x) if key is None else key
        self._it = iter(iterable)
        # Fresh objects compare unequal to everything, so the first __next__ reads an item.
        self._tgtkey = self._currkey = self._currvalue = object()
        self._id = None

    def __iter__(self):
        return self

    def __next__(self):
        self._id = object()
        while self._currkey == self._tgtkey:
            self._currvalue = next(self._it)  # StopIteration ends the groupby
            self._currkey = self._keyfunc(self._currvalue)
        self._tgtkey = self._currkey
        return (self._currkey, self._grouper(self._tgtkey, self._id))

    def _grouper(self, tgtkey, id):
        while self._id is id and self._currkey == tgtkey:
            yield self._currvalue
            try:
                self._currvalue = next(self._it)
            except StopIteration:
                return
            self._currkey = self._keyfunc(self._currvalue)


def islice(iterable, *args):
    """islice(iterable, stop) or islice(iterable, start, stop[, step]) -> selected items.

    Start, stop and step must be None or non-negative (step positive); the checks and their
    messages follow CPython's C code, quirks included."""
    if len(args) == 0:
        raise TypeError("islice expected at least 2 arguments, got 1")
    if len(args) > 3:
        raise TypeError(f"islice expected at most 4 arguments, got {len(args) + 1}")
    stop_msg = "Stop argument for islice() must be None or an integer: 0 <= x <= sys.maxsize."
    start, stop, step = 0, -1, 1  # -1: no stop
    if len(args) == 1:
        if args[0] is not None:
            stop = _ssize_or_minus_one(args[0])
            if stop == -1:
                raise ValueError(stop_msg)
    else:
        if args[0] is not None:
            start = _ssize_or_minus_one(args[0])
        if args[1] is not None:
            stop = _ssize_or_minus_one(args[1])
            if stop == -1:
                raise ValueError(stop_msg)
    if start < 0 or stop < -1:
        raise ValueError("Indices for islice() must be None or an integer: "
                         "0 <= x <= sys.maxsize.")
    if len(args) == 3 and args[2] is not None:
        step = _ssize_or_minus_one(args[2])
    if step < 1:
        raise ValueError("Step for islice() must be a positive integer or None.")
    return _islice(iter(iterable), start, stop, step)


def _ssize_or_minus_one(value):
    # CPython converts with PyNumber_AsSsize_t and turns any failure into -1.
    try:
        value = _as_index(value, "index")
    except TypeError:
        return -1
    if value > 9223372036854775807:
        return -1
    return value


def _islice(it, start, stop, step):
    # A transcription of CPython's islice_next: skip to the next wanted position, stop at
    # [stop] without reading past it, so the source iterator is left just after the slice.
    cnt = 0
    nxt = start
    while True:
        while cnt < nxt:
            try:
                next(it)
            except StopIteration:
                return
            cnt += 1
        if stop != -1 and cnt >= stop:
            return
        try:
            item = next(it)
        except StopIteration:
            return
        cnt += 1
        nxt += step
        if stop != -1 and nxt > stop:
            nxt = stop
        yield item


def pairwise(iterable):
    """pairwise('ABCD') -> AB BC CD"""
    return _pairwise(iter(iterable))


def _pairwise(it):
    try:
        a = next(it)
    except StopIteration:
        return
    for b in it:
        yield a, b
        a = b


def starmap(function, iterable):
    """starmap(pow, [(2,5), (3,2)]) -> 32 9"""
    return _starmap(function, iter(iterable))


def _starmap(function, it):
    for args in it:
        yield function(*args)


def takewhile(predicate, iterable):
    """Yield items while predicate(item) is true."""
    return _takewhile(predicate, iter(iterable))


def _takewhile(predicate, it):
    for x in it:
        if not predicate(x):
            return
        yield x


def tee(iterable, n=2):
    """tee(iterable, n=2) -> n independent iterators over the same items."""
    n = _as_index(n, "n")
    if n < 0:
        raise ValueError("n must be >= 0")
    it = iter(iterable)
    # The iterators share a linked list of [value, next-link] cells; each walks it at its
    # own pace, and cells no iterator can reach any more are collected.
    link = [None, None]
    return tuple(_tee(it, link) for _ in range(n))


def _tee(it, link):
    while True:
        if link[1] is None:
            try:
                link[0] = next(it)
            except StopIteration:
                return
            link[1] = [None, None]
        value, link = link
        yield value


def zip_longest(*iterables, fillvalue=None):
    """zip_longest('ABCD', 'xy', fillvalue='-') -> Ax By C- D-"""
    return _zip_longest([iter(it) for it in iterables], fillvalue)


def _zip_longest(iterators, fillvalue):
    active = len(iterators)
    if not active:
        return
    while True:
        values = []
        for i, it in enumerate(iterators):
            try:
                value = next(it)
            except StopIteration:
                active -= 1
                if not active:
                    return
                iterators[i] = repeat(fillvalue)
                value = fillvalue
            values.append(value)
        yield tuple(values)


# --- combinatoric iterators ---------------------------------------------------------------
# These read all their input first (CPython does too), then produce tuples lazily.

def product(*iterables, repeat=1):
    """product('ab', range(2)) -> ('a',0) ('a',1) ('b',0) ('b',1)"""
    repeat = _as_index(repeat, "repeat")
    if repeat < 0:
        raise ValueError("repeat argument cannot be negative")
    pools = [tuple(pool) for pool in iterables] * repeat
    return _product(pools)


def _product(pools):
    # An odometer over the pools: the rightmost index turns fastest.
    for pool in pools:
        if not pool:
            return
    n = len(pools)
    indices = [0] * n
    yield tuple(pool[0] for pool in pools)
    while True:
        for i in reversed(range(n)):
            indices[i] += 1
            if indices[i] < len(pools[i]):
                break
            indices[i] = 0
        else:
            return
        yield tuple(pools[i][indices[i]] for i in range(n))


def _check_r(r):
    r = _as_index(r, "r")
    if r < 0:
        raise ValueError("r must be non-negative")
    return r


def permutations(iterable, r=None):
    """permutations(range(3), 2) -> (0,1) (0,2) (1,0) (1,2) (2,0) (2,1)"""
    pool = tuple(iterable)
    if r is None:
        r = len(pool)
    elif not isinstance(r, int):
        raise TypeError("Expected int as r")
    else:
        r = _check_r(r)
    return _permutations(pool, r)


def _permutations(pool, r):
    n = len(pool)
    if r > n:
        return
    indices = list(range(n))
    cycles = list(range(n, n - r, -1))
    yield tuple(pool[i] for i in indices[:r])
    while n:
        for i in reversed(range(r)):
            cycles[i] -= 1
            if cycles[i] == 0:
                indices[i:] = indices[i + 1:] + indices[i:i + 1]
                cycles[i] = n - i
            else:
                j = cycles[i]
                indices[i], indices[-j] = indices[-j], indices[i]
                yield tuple(pool[i] for i in indices[:r])
                break
        else:
            return


def combinations(iterable, r):
    """combinations('ABCD', 2) -> AB AC AD BC BD CD"""
    r = _check_r(r)
    return _combinations(tuple(iterable), r)


def _combinations(pool, r):
    n = len(pool)
    if r > n:
        return
    indices = list(range(r))
    yield tuple(pool[i] for i in indices)
    while True:
        for i in reversed(range(r)):
            if indices[i] != i + n - r:
                break
        else:
            return
        indices[i] += 1
        for j in range(i + 1, r):
            indices[j] = indices[j - 1] + 1
        yield tuple(pool[i] for i in indices)


def combinations_with_replacement(iterable, r):
    """combinations_with_replacement('ABC', 2) -> AA AB AC BB BC CC"""
    r = _check_r(r)
    return _combinations_with_replacement(tuple(iterable), r)


def _combinations_with_replacement(pool, r):
    n = len(pool)
    if not n and r:
        return
    indices = [0] * r
    yield tuple(pool[i] for i in indices)
    while True:
        for i in reversed(range(r)):
            if indices[i] != n - 1:
                break
        else:
            return
        indices[i:] = [indices[i] + 1] * (r - i)
        yield tuple(pool[i] for i in indices)
