# functools.wraps / update_wrapper: copied attributes and __wrapped__.
import functools
def logged(fn):
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        """wrapper doc"""
        return fn(*args, **kwargs)
    return wrapper
@logged
def compute(x: int) -> int:
    """Compute something."""
    return x + 1
print(compute(1), compute.__name__, compute.__doc__, compute.__qualname__, compute.__annotations__)
print(compute.__wrapped__.__name__, compute.__module__)
def plain(fn):
    def wrapper():
        return fn()
    return wrapper
@plain
def undecorated():
    """lost"""
print(undecorated.__name__, undecorated.__doc__)
def target():
    pass
target.custom = {"k": 1}
def w():
    pass
functools.update_wrapper(w, target)
print(w.__name__, w.custom, w.__wrapped__ is target)
print(functools.WRAPPER_ASSIGNMENTS, functools.WRAPPER_UPDATES)
def w2():
    pass
functools.update_wrapper(w2, target, assigned=("__doc__",), updated=())
print(w2.__name__, hasattr(w2, "custom"))
