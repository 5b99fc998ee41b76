# Module objects: __name__, __file__, __dict__, dir(), attribute assignment.
import mods.helper as m
import math
print(m.__name__, m.__file__.endswith("helper.py"), m.__doc__)
print([n for n in dir(m) if not n.startswith("_")])
m.added = "set from outside"
print(m.added, "added" in vars(m), m.__dict__ is vars(m))
print(__name__, "__builtins__" in globals(), type(math).__name__, math.__name__)
print(callable(m.greet))
import mods
print(mods.__file__.endswith("__init__.py"), hasattr(mods, "__path__"))
