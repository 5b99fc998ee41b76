"""abc - abstract base classes (PEP 3119).

Adder's own version of CPython's abc (its _py_abc, compacted). ABCMeta does two things:

  - It records the names of the abstract methods still unimplemented in
    cls.__abstractmethods__; the interpreter's object.__new__ refuses to instantiate a
    class while that set is non-empty ("Can't instantiate abstract class ...").
  - It answers isinstance()/issubclass() for virtual subclasses: those register()ed, and
    those a class's __subclasshook__ accepts.

There are no weak references in Adder yet, so the registry and caches hold the classes
strongly (they are kept for as long as the ABC is).
"""

__all__ = ["ABCMeta", "ABC", "abstractmethod", "abstractclassmethod",
           "abstractstaticmethod", "abstractproperty", "get_cache_token",
           "update_abstractmethods"]


def abstractmethod(funcobj):
    """A decorator indicating abstract methods. A class whose metaclass is (derived from)
    ABCMeta cannot be instantiated until all its abstract methods are overridden.
    property, classmethod and staticmethod pass the mark on from the function they wrap."""
    funcobj.__isabstractmethod__ = True
    return funcobj


class abstractclassmethod(classmethod):
    """Deprecated: use classmethod over abstractmethod."""
    __isabstractmethod__ = True

    def __init__(self, callable):
        callable.__isabstractmethod__ = True
        super().__init__(callable)


class abstractstaticmethod(staticmethod):
    """Deprecated: use staticmethod over abstractmethod."""
    __isabstractmethod__ = True

    def __init__(self, callable):
        callable.__isabstractmethod__ = True
        super().__init__(callable)


class abstractproperty(property):
    """Deprecated: use property over abstractmethod."""
    __isabstractmethod__ = True


class _AbcData:
    """The per-class bookkeeping of an ABC (CPython keeps it in cls._abc_impl too)."""
    __slots__ = ("registry", "cache", "negative_cache", "negative_cache_version")

    def __init__(self):
        self.registry = set()           # classes given to register()
        self.cache = set()              # classes known to be subclasses
        self.negative_cache = set()     # classes known not to be, valid for one version
        self.negative_cache_version = ABCMeta._abc_invalidation_counter


def get_cache_token():
    """A token that changes whenever a class is registered with any ABC (so code caching
    isinstance answers knows when to drop them)."""
    return ABCMeta._abc_invalidation_counter


def _compute_abstracts(cls, own_items, bases):
    abstracts = {name for name, value in own_items
                 if getattr(value, "__isabstractmethod__", False)}
    # An abstract method inherited and not overridden stays abstract.
    for base in bases:
        for name in getattr(base, "__abstractmethods__", ()):
            value = getattr(cls, name, None)
            if getattr(value, "__isabstractmethod__", False):
                abstracts.add(name)
    return frozenset(abstracts)


class ABCMeta(type):
    """Metaclass for defining Abstract Base Classes (ABCs).

    An ABC can be subclassed directly, and then acts as a mix-in class. Unrelated concrete
    classes (even built-in ones) and unrelated ABCs can be registered as "virtual
    subclasses": issubclass() and isinstance() accept them and their descendants, but the
    ABC does not appear in their MRO and its methods are not inherited."""

    # Bumped by every register(), to invalidate the negative caches of all ABCs.
    _abc_invalidation_counter = 0

    def __new__(mcls, name, bases, namespace, /, **kwargs):
        cls = super().__new__(mcls, name, bases, namespace, **kwargs)
        cls.__abstractmethods__ = _compute_abstracts(cls, namespace.items(), bases)
        cls._abc_impl = _AbcData()
        return cls

    def register(cls, subclass):
        """Register a virtual subclass of an ABC. Returns the subclass, so this can be used
        as a class decorator."""
        if not isinstance(subclass, type):
            raise TypeError("Can only register classes")
        if issubclass(subclass, cls):
            return subclass             # already a subclass
        if issubclass(cls, subclass):
            raise RuntimeError("Refusing to create an inheritance cycle")
        cls._abc_impl.registry.add(subclass)
        ABCMeta._abc_invalidation_counter += 1
        return subclass

    def __instancecheck__(cls, instance):
        """Override for isinstance(instance, cls)."""
        # instance.__class__ may differ from type(instance) (proxies); either counts.
        subclass = instance.__class__
        impl = cls._abc_impl
        if subclass in impl.cache:
            return True
        subtype = type(instance)
        if subtype is subclass:
            if (impl.negative_cache_version == ABCMeta._abc_invalidation_counter
                    and subclass in impl.negative_cache):
                return False
            return cls.__subclasscheck__(subclass)
        return any(cls.__subclasscheck__(c) for c in (subclass, subtype))

    def __subclasscheck__(cls, subclass):
        """Override for issubclass(subclass, cls)."""
        if not isinstance(subclass, type):
            raise TypeError('issubclass() arg 1 must be a class')
        impl = cls._abc_impl
        if subclass in impl.cache:
            return True
        if impl.negative_cache_version < ABCMeta._abc_invalidation_counter:
            impl.negative_cache = set()
            impl.negative_cache_version = ABCMeta._abc_invalidation_counter
        elif subclass in impl.negative_cache:
            return False
        # 1. The hook decides, if it has an opinion.
        ok = cls.__subclasshook__(subclass)
        if ok is not NotImplemented:
            if ok:
                impl.cache.add(subclass)
            else:
                impl.negative_cache.add(subclass)
            return ok
        # 2. A real subclass.
        if cls in getattr(subclass, '__mro__', ()):
            impl.cache.add(subclass)
            return True
        # 3. A subclass of a registered class.
        for rcls in impl.registry:
            if issubclass(subclass, rcls):
                impl.cache.add(subclass)
                return True
        # 4. A subclass of a subclass (which may have registrations of its own).
        for scls in type.__subclasses__(cls):
            if issubclass(subclass, scls):
                impl.cache.add(subclass)
                return True
        impl.negative_cache.add(subclass)
        return False

    def _dump_registry(cls, file=None):
        """Debug helper to print the ABC registry."""
        print(f"Class: {cls.__module__}.{cls.__qualname__}", file=file)
        print(f"Inv. counter: {get_cache_token()}", file=file)
        impl = cls._abc_impl
        print(f"_abc_registry: {impl.registry!r}", file=file)
        print(f"_abc_cache: {impl.cache!r}", file=file)
        print(f"_abc_negative_cache: {impl.negative_cache!r}", file=file)
        print(f"_abc_negative_cache_version: {impl.negative_cache_version!r}", file=file)

    def _abc_registry_clear(cls):
        """Clear the registry (for debugging or testing)."""
        cls._abc_impl.registry.clear()

    def _abc_caches_clear(cls):
        """Clear the caches (for debugging or testing)."""
        cls._abc_impl.cache.clear()
        cls._abc_impl.negative_cache.clear()


def update_abstractmethods(cls):
    """Recalculate cls.__abstractmethods__ after methods were added to or implemented in
    the class after its creation (class decorators do this). Returns cls."""
    if not hasattr(cls, '__abstractmethods__'):
        return cls
    cls.__abstractmethods__ = _compute_abstracts(cls, cls.__dict__.items(), cls.__bases__)
    return cls


class ABC(metaclass=ABCMeta):
    """Helper class that provides a standard way to create an ABC using inheritance."""
    __slots__ = ()
