# Import failures: missing modules, missing names, modules raising while loading.
import sys
try:
    import no_such_module_at_all
except ModuleNotFoundError as e:
    print(type(e).__name__, e, e.name)
try:
    import mods.no_such_sub
except ModuleNotFoundError as e:
    print(type(e).__name__, e)
try:
    from mods.helper import not_there
except ImportError as e:
    print(type(e).__name__, str(e).split(" (")[0])
try:
    import mods.broken
except ValueError as e:
    print("ValueError", e)
print("mods.broken" in sys.modules)
try:
    import mods.broken
except ValueError as e:
    print("raises again:", e)
try:
    import mods.helper.deeper
except ModuleNotFoundError as e:
    print(e)
