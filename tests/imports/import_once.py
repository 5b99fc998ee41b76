# A module body runs once; later imports reuse sys.modules.
import sys
import mods.helper
import mods.helper
from mods import helper
print("mods.helper" in sys.modules, sys.modules["mods.helper"] is helper)
helper.loads += 1
import mods.helper as again
print(again.loads)
def local_import():
    import mods.helper as inside
    return inside.VALUE
print(local_import(), "inside" in dir())
print(type(sys.modules).__name__, "sys" in sys.modules)
