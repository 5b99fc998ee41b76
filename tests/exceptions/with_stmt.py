# with-blocks and exceptions: __exit__ sees the exception, suppression, errors in __exit__.
class Tracker:
    def __init__(self, name, swallow=()):
        self.name, self.swallow = name, swallow
    def __enter__(self):
        print("enter", self.name)
        return self
    def __exit__(self, t, v, tb):
        print("exit", self.name, t and t.__name__, tb is not None)
        return t is not None and issubclass(t, self.swallow)
with Tracker("a", swallow=(KeyError,)):
    raise KeyError("gone")
try:
    with Tracker("b", swallow=(KeyError,)):
        raise ValueError("kept")
except ValueError as e:
    print("escaped", e)
with Tracker("outer", (ZeroDivisionError,)), Tracker("inner"):
    1 / 0
print("continued")
class Breaks:
    def __enter__(self):
        return self
    def __exit__(self, *a):
        raise RuntimeError("from __exit__")
try:
    with Breaks():
        raise ValueError("original")
except RuntimeError as e:
    print(e, "| context:", repr(e.__context__))
class EnterFails:
    def __enter__(self):
        raise OSError("enter failed")
    def __exit__(self, *a):
        print("never called")
try:
    with EnterFails():
        print("never")
except OSError as e:
    print(e)
with Tracker("t") as t:
    pass
print(t.name)
