# Directories added to sys.path are searched by later imports.
import sys
print(sys.path[0].endswith("imports"))
try:
    import plainmod
except ImportError:
    print("not found yet")
sys.path.insert(0, "mods/extra")
import plainmod
print(plainmod.NAME)
