# Relative imports inside a package, and relative import from a script failing.
import mods.pkg.sub as s
print(s.sub_func())
print(s.sib_mod.where())
try:
    from . import anything
except ImportError as e:
    print(type(e).__name__, e)
