# from module import * honours __all__, else skips underscore names.
from mods.star import *
print(public, _included)
try:
    hidden
except NameError as e:
    print(e)
from mods.no_all import *
print(visible, func())
try:
    _private
except NameError as e:
    print(e)
