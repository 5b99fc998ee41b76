"""copy - shallow and deep copy operations.

Adder's own pure-Python version of CPython's copy module, same algorithm:
  - a table of per-type copiers for the builtins (atomic types are returned as they are);
  - a class's own __copy__ / __deepcopy__(memo);
  - otherwise the pickle protocol: __reduce_ex__(4) gives (callable, args, state, listitems,
    dictitems) and _reconstruct rebuilds the object from it.
deepcopy's memo maps id(original) -> copy, so shared and recursive structures come out
shared and recursive in the copy too.
"""

__all__ = ["Error", "copy", "deepcopy"]


class Error(Exception):
    pass


error = Error   # the old name, kept as CPython does


# The types of a few builtin objects that are not importable by name.
_FunctionType = type(lambda: None)
_BuiltinFunctionType = type(len)
_EllipsisType = type(Ellipsis)
_NotImplementedType = type(NotImplemented)
# Adder has no complex type yet; copy it atomically once it has one.
import builtins as _builtins
_complex = getattr(_builtins, "complex", type(None))
del _builtins


# --- shallow copy -------------------------------------------------------------------------

def copy(x):
    """Shallow copy operation on arbitrary Python objects: a new container holding the same
    items (or the same object back, for immutable ones)."""
    cls = type(x)
    copier = _copy_dispatch.get(cls)
    if copier:
        return copier(x)
    if issubclass(cls, type):
        return x                        # classes are copied by reference
    copier = getattr(cls, "__copy__", None)
    if copier is not None:
        return copier(x)
    rv = _reduce(x, cls, "shallow")
    if isinstance(rv, str):
        return x                        # a global name: the object is a singleton
    return _reconstruct(x, None, *rv)


def _copy_immutable(x):
    return x


_copy_dispatch = {}
for _t in (type(None), int, float, bool, _complex, str, tuple, bytes, frozenset, type, range,
           slice, property, _FunctionType, _BuiltinFunctionType, _EllipsisType,
           _NotImplementedType):
    _copy_dispatch[_t] = _copy_immutable
_copy_dispatch[list] = list.copy
_copy_dispatch[dict] = dict.copy
_copy_dispatch[set] = set.copy
_copy_dispatch[bytearray] = bytearray.copy


def _default_reduce(cls):
    return (getattr(cls, "__reduce_ex__", None) is object.__reduce_ex__
            and getattr(cls, "__reduce__", None) is object.__reduce__)


def _reduce(x, cls, kind):
    """The object's pickle reduction: __reduce_ex__(4), falling back to __reduce__()."""
    if isinstance(x, (set, frozenset, bytearray)) and _default_reduce(cls):
        # Adder's set, frozenset and bytearray have no __reduce__ of their own yet; do what
        # CPython's do: rebuild from the items, keeping any instance __dict__.
        items = bytes(x) if isinstance(x, bytearray) else list(x)
        return cls, (items,), getattr(x, "__dict__", None) or None
    reductor = getattr(x, "__reduce_ex__", None)
    if reductor is not None:
        return reductor(4)
    reductor = getattr(x, "__reduce__", None)
    if reductor:
        return reductor()
    raise Error("un(%s)copyable object of type %s" % (kind, cls))


# --- deep copy ----------------------------------------------------------------------------

_nil = []


def deepcopy(x, memo=None, _nil=_nil):
    """Deep copy operation on arbitrary Python objects: copies the contents recursively."""
    if memo is None:
        memo = {}
    d = id(x)
    y = memo.get(d, _nil)
    if y is not _nil:
        return y

    cls = type(x)
    copier = _deepcopy_dispatch.get(cls)
    if copier is not None:
        y = copier(x, memo)
    elif issubclass(cls, type):
        y = x
    else:
        copier = getattr(x, "__deepcopy__", None)
        if copier is not None:
            y = copier(memo)
        else:
            rv = _reduce(x, cls, "deep")
            if isinstance(rv, str):
                y = x
            else:
                y = _reconstruct(x, memo, *rv)

    if y is not x:
        memo[d] = y
        _keep_alive(x, memo)
    return y


def _deepcopy_atomic(x, memo):
    return x


def _deepcopy_list(x, memo):
    y = []
    memo[id(x)] = y                     # before the items: they may refer back to x
    for a in x:
        y.append(deepcopy(a, memo))
    return y


def _deepcopy_tuple(x, memo):
    y = [deepcopy(a, memo) for a in x]
    # A tuple can only contain itself through a mutable object, whose copy may already
    # have made (and memoized) the copy of this tuple.
    try:
        return memo[id(x)]
    except KeyError:
        pass
    for k, j in zip(x, y):
        if k is not j:
            return tuple(y)
    return x                            # nothing inside changed: share the tuple


def _deepcopy_dict(x, memo):
    y = {}
    memo[id(x)] = y
    for key, value in x.items():
        y[deepcopy(key, memo)] = deepcopy(value, memo)
    return y


def _deepcopy_method(x, memo):
    # A bound method: same function, copied instance.
    return type(x)(x.__func__, deepcopy(x.__self__, memo))


_deepcopy_dispatch = {}
for _t in (type(None), int, float, bool, _complex, bytes, str, type, range, property,
           _FunctionType, _BuiltinFunctionType, _EllipsisType, _NotImplementedType):
    _deepcopy_dispatch[_t] = _deepcopy_atomic
_deepcopy_dispatch[list] = _deepcopy_list
_deepcopy_dispatch[tuple] = _deepcopy_tuple
_deepcopy_dispatch[dict] = _deepcopy_dict


class _C:
    def _m(self):
        pass


_deepcopy_dispatch[type(_C()._m)] = _deepcopy_method
del _C, _t


def _keep_alive(x, memo):
    """Keep x alive as long as the memo, since the memo is keyed by id(x): a temporary x
    freed during the copy could otherwise have its id reused by another object."""
    try:
        memo[id(memo)].append(x)
    except KeyError:
        memo[id(memo)] = [x]


def _reconstruct(x, memo, func, args, state=None, listiter=None, dictiter=None):
    """Rebuild an object from its reduction: y = func(*args), then its state (the instance
    __dict__, or a (dict, slots) pair, or whatever __setstate__ takes), then list and dict
    items. With a memo (deep copy) every part is deep-copied on the way."""
    deep = memo is not None
    if deep and args:
        args = [deepcopy(arg, memo) for arg in args]
    y = func(*args)
    if deep:
        memo[id(x)] = y

    if state is not None:
        if deep:
            state = deepcopy(state, memo)
        if hasattr(y, '__setstate__'):
            y.__setstate__(state)
        else:
            if isinstance(state, tuple) and len(state) == 2:
                state, slotstate = state
            else:
                slotstate = None
            if state is not None:
                y.__dict__.update(state)
            if slotstate is not None:
                for key, value in slotstate.items():
                    setattr(y, key, value)

    if listiter is not None:
        for item in listiter:
            y.append(deepcopy(item, memo) if deep else item)
    if dictiter is not None:
        for key, value in dictiter:
            if deep:
                key = deepcopy(key, memo)
                value = deepcopy(value, memo)
            y[key] = value
    return y
