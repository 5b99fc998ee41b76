# from-import of names, submodules, and aliases.
from mods.helper import greet, VALUE as V
from mods import helper as h
from mods.pkg import sub_func
from mods.pkg.sibling import SIB
print(greet("you"), V, h.VALUE, h.Tool().use())
print(sub_func())
print(SIB)
from mods import pkg
print(pkg.__name__)
import mods.helper as mh
print(mh is h, mh.__doc__)
