"""collections.abc - abstract base classes for containers.

Adder's own small version of CPython's _collections_abc. Two jobs:

  - Mixin methods. Subclass Mapping and define __getitem__, __iter__ and __len__, and get(),
    keys(), items(), ==, ... come for free; the same for MutableMapping, Sequence, Set, ...
  - isinstance/issubclass. A light metaclass answers them from real subclassing, from
    register(), and, for the one-protocol ABCs (Iterable, Sized, Callable, ...), from the
    methods a class defines, like CPython's __subclasshook__s. The builtin types are
    registered at the end of this file.

Not done: abstract-method enforcement (there is no abc module; instantiating an incomplete
subclass works, and the missing method raises when called).
"""

__all__ = ["Awaitable", "Coroutine", "AsyncIterable", "AsyncIterator", "AsyncGenerator",
           "Hashable", "Iterable", "Iterator", "Generator", "Reversible", "Sized", "Container",
           "Callable", "Collection", "Set", "MutableSet", "Mapping", "MutableMapping",
           "MappingView", "KeysView", "ItemsView", "ValuesView", "Sequence",
           "MutableSequence", "ByteString"]


def _defines(cls, names):
    """True if every name in [names] is defined, and not set to None, somewhere in the MRO
    of [cls] (CPython's _check_methods)."""
    mro = getattr(cls, "__mro__", ())
    for name in names:
        for base in mro:
            if name in base.__dict__:
                if base.__dict__[name] is None:
                    return False
                break
        else:
            return False
    return True


class _ABCMeta(type):
    """Metaclass of the ABCs below: isinstance/issubclass by subclassing, by register(), or
    by the methods named in a class's _protocol (structural check)."""

    def __new__(mcls, name, bases, ns, **kwargs):
        cls = super().__new__(mcls, name, bases, ns, **kwargs)
        cls._abc_registry = []
        # _protocol is looked up in the class's own namespace only: a subclass like
        # Sequence must not become structural just because its base Reversible is.
        cls._abc_protocol = ns.get("_protocol", ())
        return cls

    def register(cls, subclass):
        """Make [subclass] a virtual subclass of [cls] (and so of cls's ABC bases)."""
        for base in cls.__mro__:
            if isinstance(base, _ABCMeta) and subclass not in base._abc_registry:
                base._abc_registry.append(subclass)
        return subclass

    def __instancecheck__(cls, instance):
        return cls.__subclasscheck__(type(instance))

    def __subclasscheck__(cls, subclass):
        if cls in getattr(subclass, "__mro__", ()):
            return True
        for registered in cls._abc_registry:
            if registered in getattr(subclass, "__mro__", ()):
                return True
        return bool(cls._abc_protocol) and _defines(subclass, cls._abc_protocol)

    def __getitem__(cls, params):
        # Iterable[int], Mapping[str, int]: annotations subscript ABCs; the parameters mean
        # nothing at run time, so the class itself stands in for the alias.
        return cls


class _Base(metaclass=_ABCMeta):
    pass


# --- one-protocol ABCs --------------------------------------------------------------------

class Hashable(_Base):
    _protocol = ("__hash__",)

    def __hash__(self):
        return 0


class Awaitable(_Base):
    _protocol = ("__await__",)

    def __await__(self):
        yield


class Coroutine(Awaitable):
    _protocol = ("__await__", "send", "throw", "close")

    def send(self, value):
        raise StopIteration

    def throw(self, typ, val=None, tb=None):
        if val is None:
            val = typ() if tb is None else typ
        raise val

    def close(self):
        try:
            self.throw(GeneratorExit)
        except (GeneratorExit, StopIteration):
            pass
        else:
            raise RuntimeError("coroutine ignored GeneratorExit")


class AsyncIterable(_Base):
    _protocol = ("__aiter__",)

    def __aiter__(self):
        return AsyncIterator()


class AsyncIterator(AsyncIterable):
    _protocol = ("__anext__", "__aiter__")

    def __anext__(self):
        # CPython's is a coroutine; plain def keeps this module free of async syntax.
        raise StopAsyncIteration

    def __aiter__(self):
        return self


class AsyncGenerator(AsyncIterator):
    _protocol = ("__aiter__", "__anext__", "asend", "athrow", "aclose")


class Iterable(_Base):
    _protocol = ("__iter__",)

    def __iter__(self):
        while False:
            yield None


class Iterator(Iterable):
    _protocol = ("__iter__", "__next__")

    def __next__(self):
        raise StopIteration

    def __iter__(self):
        return self


class Reversible(Iterable):
    _protocol = ("__reversed__", "__iter__")

    def __reversed__(self):
        while False:
            yield None


class Generator(Iterator):
    _protocol = ("__iter__", "__next__", "send", "throw", "close")

    def __next__(self):
        return self.send(None)

    def send(self, value):
        raise StopIteration

    def throw(self, typ, val=None, tb=None):
        if val is None:
            val = typ() if tb is None else typ
        raise val

    def close(self):
        try:
            self.throw(GeneratorExit)
        except (GeneratorExit, StopIteration):
            pass
        else:
            raise RuntimeError("generator ignored GeneratorExit")


class Sized(_Base):
    _protocol = ("__len__",)

    def __len__(self):
        return 0


class Container(_Base):
    _protocol = ("__contains__",)

    def __contains__(self, x):
        return False


class Collection(Sized, Iterable, Container):
    _protocol = ("__len__", "__iter__", "__contains__")


class Callable(_Base):
    _protocol = ("__call__",)

    def __call__(self, *args, **kwds):
        return False


# --- sets ---------------------------------------------------------------------------------

class Set(Collection):
    """A finite, iterable container. Subclasses define __contains__, __iter__ and __len__;
    comparisons and the operators & | - ^ come from those. Results are built with
    _from_iterable, which defaults to calling the class with an iterable."""

    def __le__(self, other):
        if not isinstance(other, Set):
            return NotImplemented
        if len(self) > len(other):
            return False
        for elem in self:
            if elem not in other:
                return False
        return True

    def __lt__(self, other):
        if not isinstance(other, Set):
            return NotImplemented
        return len(self) < len(other) and self.__le__(other)

    def __gt__(self, other):
        if not isinstance(other, Set):
            return NotImplemented
        return len(self) > len(other) and self.__ge__(other)

    def __ge__(self, other):
        if not isinstance(other, Set):
            return NotImplemented
        if len(self) < len(other):
            return False
        for elem in other:
            if elem not in self:
                return False
        return True

    def __eq__(self, other):
        if not isinstance(other, Set):
            return NotImplemented
        return len(self) == len(other) and self.__le__(other)

    @classmethod
    def _from_iterable(cls, it):
        return cls(it)

    def __and__(self, other):
        if not isinstance(other, Iterable):
            return NotImplemented
        return self._from_iterable(value for value in other if value in self)

    __rand__ = __and__

    def isdisjoint(self, other):
        for value in other:
            if value in self:
                return False
        return True

    def __or__(self, other):
        if not isinstance(other, Iterable):
            return NotImplemented
        chain = [e for s in (self, other) for e in s]
        return self._from_iterable(chain)

    __ror__ = __or__

    def __sub__(self, other):
        if not isinstance(other, Set):
            if not isinstance(other, Iterable):
                return NotImplemented
            other = self._from_iterable(other)
        return self._from_iterable(value for value in self if value not in other)

    def __rsub__(self, other):
        if not isinstance(other, Set):
            if not isinstance(other, Iterable):
                return NotImplemented
            other = self._from_iterable(other)
        return self._from_iterable(value for value in other if value not in self)

    def __xor__(self, other):
        if not isinstance(other, Set):
            if not isinstance(other, Iterable):
                return NotImplemented
            other = self._from_iterable(other)
        return (self - other) | (other - self)

    __rxor__ = __xor__

    def _hash(self):
        # Order-independent hash over the elements; frozenset-like subclasses use it as
        # their __hash__.
        result = 1927868237 * (len(self) + 1)
        for x in self:
            h = hash(x)
            result ^= (h ^ (h << 16) ^ 89869747) * 3644798167
            result &= 0xFFFFFFFFFFFFFFFF
        result = result * 69069 + 907133923
        result &= 0xFFFFFFFFFFFFFFFF
        if result >= 1 << 63:
            result -= 1 << 64
        if result == -1:
            result = 590923713
        return result


class MutableSet(Set):
    """A Set that also defines add() and discard(); the rest follows."""

    def add(self, value):
        raise NotImplementedError

    def discard(self, value):
        raise NotImplementedError

    def remove(self, value):
        if value not in self:
            raise KeyError(value)
        self.discard(value)

    def pop(self):
        it = iter(self)
        try:
            value = next(it)
        except StopIteration:
            raise KeyError from None
        self.discard(value)
        return value

    def clear(self):
        try:
            while True:
                self.pop()
        except KeyError:
            pass

    def __ior__(self, it):
        for value in it:
            self.add(value)
        return self

    def __iand__(self, it):
        for value in list(self - it):
            self.discard(value)
        return self

    def __ixor__(self, it):
        if it is self:
            self.clear()
        else:
            if not isinstance(it, Set):
                it = self._from_iterable(it)
            for value in it:
                if value in self:
                    self.discard(value)
                else:
                    self.add(value)
        return self

    def __isub__(self, it):
        if it is self:
            self.clear()
        else:
            for value in it:
                self.discard(value)
        return self


# --- mappings -----------------------------------------------------------------------------

class Mapping(Collection):
    """A read-only mapping. Subclasses define __getitem__, __iter__ and __len__."""

    def __getitem__(self, key):
        raise KeyError(key)

    def get(self, key, default=None):
        try:
            return self[key]
        except KeyError:
            return default

    def __contains__(self, key):
        try:
            self[key]
        except KeyError:
            return False
        return True

    def keys(self):
        return KeysView(self)

    def items(self):
        return ItemsView(self)

    def values(self):
        return ValuesView(self)

    def __eq__(self, other):
        if not isinstance(other, Mapping):
            return NotImplemented
        return dict(self.items()) == dict(other.items())

    __reversed__ = None


class MappingView(Sized):
    def __init__(self, mapping):
        self._mapping = mapping

    def __len__(self):
        return len(self._mapping)

    def __repr__(self):
        return f"{self.__class__.__name__}({self._mapping!r})"


class KeysView(MappingView, Set):
    @classmethod
    def _from_iterable(cls, it):
        return set(it)

    def __contains__(self, key):
        return key in self._mapping

    def __iter__(self):
        yield from self._mapping


class ItemsView(MappingView, Set):
    @classmethod
    def _from_iterable(cls, it):
        return set(it)

    def __contains__(self, item):
        key, value = item
        try:
            v = self._mapping[key]
        except KeyError:
            return False
        return v is value or v == value

    def __iter__(self):
        for key in self._mapping:
            yield (key, self._mapping[key])


class ValuesView(MappingView, Collection):
    def __contains__(self, value):
        for key in self._mapping:
            v = self._mapping[key]
            if v is value or v == value:
                return True
        return False

    def __iter__(self):
        for key in self._mapping:
            yield self._mapping[key]


class MutableMapping(Mapping):
    """A Mapping that also defines __setitem__ and __delitem__; pop, popitem, clear, update
    and setdefault follow."""

    def __setitem__(self, key, value):
        raise KeyError

    def __delitem__(self, key):
        raise KeyError

    _marker = object()

    def pop(self, key, default=_marker):
        try:
            value = self[key]
        except KeyError:
            if default is self._marker:
                raise
            return default
        else:
            del self[key]
            return value

    def popitem(self):
        try:
            key = next(iter(self))
        except StopIteration:
            raise KeyError from None
        value = self[key]
        del self[key]
        return key, value

    def clear(self):
        try:
            while True:
                self.popitem()
        except KeyError:
            pass

    def update(self, other=(), /, **kwds):
        if isinstance(other, Mapping):
            for key in other:
                self[key] = other[key]
        elif hasattr(other, "keys"):
            for key in other.keys():
                self[key] = other[key]
        else:
            for key, value in other:
                self[key] = value
        for key, value in kwds.items():
            self[key] = value

    def setdefault(self, key, default=None):
        try:
            return self[key]
        except KeyError:
            self[key] = default
        return default


# --- sequences ----------------------------------------------------------------------------

class Sequence(Reversible, Collection):
    """A read-only sequence. Subclasses define __getitem__ (raising IndexError past the end)
    and __len__."""

    def __getitem__(self, index):
        raise IndexError

    def __iter__(self):
        i = 0
        try:
            while True:
                v = self[i]
                yield v
                i += 1
        except IndexError:
            return

    def __contains__(self, value):
        for v in self:
            if v is value or v == value:
                return True
        return False

    def __reversed__(self):
        for i in reversed(range(len(self))):
            yield self[i]

    def index(self, value, start=0, stop=None):
        if start is not None and start < 0:
            start = max(len(self) + start, 0)
        if stop is not None and stop < 0:
            stop += len(self)
        i = start
        while stop is None or i < stop:
            try:
                v = self[i]
            except IndexError:
                break
            if v is value or v == value:
                return i
            i += 1
        raise ValueError

    def count(self, value):
        return sum(1 for v in self if v is value or v == value)


class ByteString(Sequence):
    pass


class MutableSequence(Sequence):
    """A Sequence that also defines __setitem__, __delitem__ and insert()."""

    def __setitem__(self, index, value):
        raise IndexError

    def __delitem__(self, index):
        raise IndexError

    def insert(self, index, value):
        raise IndexError

    def append(self, value):
        self.insert(len(self), value)

    def clear(self):
        try:
            while True:
                self.pop()
        except IndexError:
            pass

    def reverse(self):
        n = len(self)
        for i in range(n // 2):
            self[i], self[n - i - 1] = self[n - i - 1], self[i]

    def extend(self, values):
        if values is self:
            values = list(values)
        for v in values:
            self.append(v)

    def pop(self, index=-1):
        v = self[index]
        del self[index]
        return v

    def remove(self, value):
        del self[self.index(value)]

    def __iadd__(self, values):
        self.extend(values)
        return self


# --- the builtin types --------------------------------------------------------------------

for _t in (tuple, str, range):
    Sequence.register(_t)
for _t in (list, bytearray):
    MutableSequence.register(_t)
ByteString.register(bytes)
ByteString.register(bytearray)
Sequence.register(bytes)
Set.register(frozenset)
MutableSet.register(set)
MutableMapping.register(dict)
KeysView.register(type({}.keys()))
ValuesView.register(type({}.values()))
ItemsView.register(type({}.items()))
del _t
