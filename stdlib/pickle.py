"""pickle - turning objects into bytes and back (dumps/loads, dump/load).

The byte format is this module's own, not CPython's: each value is a one-byte tag and,
where needed, a decimal length ended by b':' and the payload. It covers None, bools,
ints, floats, str, bytes, bytearray, tuples, lists, dicts, sets, frozensets,
module-level functions and classes (by module and qualified name, imported again on load),
exceptions, instances of plain classes (their __dict__, or __getstate__/__setstate__), and
objects whose class defines __reduce__. Mutable containers and instances are memoised, so
shared and self-referencing structures come back with the same shape.
"""

import sys

__all__ = ['PickleError', 'PicklingError', 'UnpicklingError', 'dump', 'dumps', 'load',
           'loads', 'HIGHEST_PROTOCOL', 'DEFAULT_PROTOCOL']

HIGHEST_PROTOCOL = 5
DEFAULT_PROTOCOL = 4


class PickleError(Exception):
    pass


class PicklingError(PickleError):
    pass


class UnpicklingError(PickleError):
    pass


def _lookup(module, qualname):
    __import__(module)
    obj = sys.modules[module]
    for part in qualname.split('.'):
        obj = getattr(obj, part)
    return obj


def _defines(cls, name):
    for klass in cls.__mro__:
        if klass is not object and name in klass.__dict__:
            return True
    return False


def _own_reduce(cls):
    """The class's __reduce__ when some class other than object defines it."""
    for klass in cls.__mro__:
        if klass is object:
            return None
        if '__reduce__' in klass.__dict__:
            return klass.__dict__['__reduce__']
    return None


class _Pickler:

    def __init__(self):
        self.out = []
        self.memo = {}  # id(obj) -> index, for mutable objects
        self.keep = []  # keeps memoised objects alive so their ids stay unique

    def _sized(self, tag, payload):
        self.out.append(tag + str(len(payload)).encode() + b':' + payload)

    def _count(self, tag, n):
        self.out.append(tag + str(n).encode() + b':')

    def _memoise(self, obj):
        self.memo[id(obj)] = len(self.memo)
        self.keep.append(obj)

    def global_ref(self, obj):
        name = getattr(obj, '__qualname__', None) or getattr(obj, '__name__', None)
        module = getattr(obj, '__module__', None)
        if name is None:
            raise PicklingError("Can't pickle %r: it has no name" % (obj,))
        if module is None:
            import builtins
            module = 'builtins' if getattr(builtins, name, None) is obj else None
        try:
            found = _lookup(module, name) if module is not None else None
        except (ImportError, AttributeError, KeyError):
            found = None
        if found is not obj:
            raise PicklingError("Can't pickle %r: attribute lookup %s on %s failed"
                                % (obj, name, module))
        self._sized(b'G', module.encode())
        self._sized(b'g', name.encode())

    def save(self, obj):
        t = type(obj)
        if obj is None:
            self.out.append(b'N')
        elif obj is True:
            self.out.append(b'T')
        elif obj is False:
            self.out.append(b'F')
        elif t is int:
            self._sized(b'I', str(obj).encode())
        elif t is float:
            self._sized(b'D', repr(obj).encode())
        elif t is str:
            self._sized(b'S', obj.encode('utf-8', 'surrogatepass'))
        elif t is bytes:
            self._sized(b'B', obj)
        elif t is tuple:
            self._count(b't', len(obj))
            for item in obj:
                self.save(item)
        elif id(obj) in self.memo:
            self._count(b'M', self.memo[id(obj)])
        elif t is list:
            self._memoise(obj)
            self._count(b'l', len(obj))
            for item in obj:
                self.save(item)
        elif t is dict:
            self._memoise(obj)
            self._count(b'd', len(obj))
            for k, v in obj.items():
                self.save(k)
                self.save(v)
        elif t is set or t is frozenset:
            self._memoise(obj)
            self._count(b's' if t is set else b'f', len(obj))
            for item in obj:
                self.save(item)
        elif t is bytearray:
            self._memoise(obj)
            self._sized(b'A', bytes(obj))
        elif isinstance(obj, type) or callable(obj) and hasattr(obj, '__qualname__') \
                and not hasattr(obj, '__self__') or t.__name__ == 'builtin_function_or_method':
            self.global_ref(obj)
        else:
            self.save_instance(obj, t)

    def save_instance(self, obj, cls):
        reduce = _own_reduce(cls)
        if reduce is not None:
            rv = reduce(obj)
            if isinstance(rv, str):
                self.global_ref(obj)
                return
            self._memoise(obj)
            self.out.append(b'R')
            self.save(rv[0])
            self.save(tuple(rv[1]))
            self.save(rv[2] if len(rv) > 2 else None)
            return
        if isinstance(obj, BaseException):
            self._memoise(obj)
            self.out.append(b'E')
            self.global_ref(cls)
            self.save(obj.args)
            self.save(dict(getattr(obj, '__dict__', {})))
            return
        if _defines(cls, '__getstate__'):
            state = obj.__getstate__()
        else:
            try:
                state = obj.__dict__
            except AttributeError:
                raise PicklingError("cannot pickle '%s' object" % cls.__name__) from None
        self._memoise(obj)
        self.out.append(b'O')
        self.global_ref(cls)
        self.save(state)


class _Unpickler:

    def __init__(self, data):
        self.data = data
        self.pos = 0
        self.memo = []

    def _number(self):
        end = self.data.index(b':', self.pos)
        n = int(self.data[self.pos:end])
        self.pos = end + 1
        return n

    def _payload(self):
        n = self._number()
        start = self.pos
        self.pos += n
        if self.pos > len(self.data):
            raise UnpicklingError("pickle data was truncated")
        return self.data[start:self.pos]

    def _global(self):
        if self.data[self.pos:self.pos + 1] != b'G':
            raise UnpicklingError("expected a global reference")
        self.pos += 1
        module = self._payload().decode()
        self.pos += 1  # b'g'
        name = self._payload().decode()
        try:
            return _lookup(module, name)
        except (ImportError, AttributeError, KeyError):
            raise AttributeError("Can't get attribute %r on %r" % (name, sys.modules.get(module, module))) from None

    def load(self):
        if self.pos >= len(self.data):
            raise EOFError("Ran out of input")
        tag = self.data[self.pos:self.pos + 1]
        self.pos += 1
        if tag == b'N':
            return None
        if tag == b'T':
            return True
        if tag == b'F':
            return False
        if tag == b'I':
            return int(self._payload())
        if tag == b'D':
            return float(self._payload().decode())
        if tag == b'S':
            return self._payload().decode('utf-8', 'surrogatepass')
        if tag == b'B':
            return bytes(self._payload())
        if tag == b't':
            return tuple([self.load() for _ in range(self._number())])
        if tag == b'M':
            return self.memo[self._number()]
        if tag == b'l':
            n = self._number()
            result = []
            self.memo.append(result)
            for _ in range(n):
                result.append(self.load())
            return result
        if tag == b'd':
            n = self._number()
            result = {}
            self.memo.append(result)
            for _ in range(n):
                k = self.load()
                result[k] = self.load()
            return result
        if tag == b's':
            n = self._number()
            result = set()
            self.memo.append(result)
            for _ in range(n):
                result.add(self.load())
            return result
        if tag == b'f':
            n = self._number()
            slot = len(self.memo)
            self.memo.append(None)
            result = frozenset([self.load() for _ in range(n)])
            self.memo[slot] = result
            return result
        if tag == b'A':
            result = bytearray(self._payload())
            self.memo.append(result)
            return result
        if tag == b'G':
            self.pos -= 1
            return self._global()
        if tag == b'R':
            slot = len(self.memo)
            self.memo.append(None)
            func = self.load()
            args = self.load()
            state = self.load()
            result = func(*args)
            self.memo[slot] = result
            if state is not None:
                _set_state(result, state)
            return result
        if tag == b'E':
            slot = len(self.memo)
            self.memo.append(None)
            cls = self._global()
            args = self.load()
            result = cls.__new__(cls, *args)
            result.args = args
            self.memo[slot] = result
            state = self.load()
            if state:
                result.__dict__.update(state)
            return result
        if tag == b'O':
            slot = len(self.memo)
            self.memo.append(None)
            cls = self._global()
            result = cls.__new__(cls)
            self.memo[slot] = result
            _set_state(result, self.load())
            return result
        raise UnpicklingError("invalid load key, %r." % tag)


def _set_state(obj, state):
    if _defines(type(obj), '__setstate__'):
        obj.__setstate__(state)
    elif state:
        obj.__dict__.update(state)


def dumps(obj, protocol=None, *, fix_imports=True, buffer_callback=None):
    p = _Pickler()
    p.save(obj)
    return b''.join(p.out)


def loads(data, *, fix_imports=True, encoding='ASCII', errors='strict', buffers=()):
    if isinstance(data, str):
        raise TypeError("a bytes-like object is required, not 'str'")
    u = _Unpickler(bytes(data))
    return u.load()


def dump(obj, file, protocol=None, *, fix_imports=True, buffer_callback=None):
    file.write(dumps(obj, protocol))


def load(file, *, fix_imports=True, encoding='ASCII', errors='strict', buffers=()):
    return loads(file.read())
