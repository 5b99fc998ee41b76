# Relative imports: a sibling module and the parent package.
from .sibling import SIB
from .. import helper
from ..helper import greet
from . import sibling as sib_mod
def sub_func():
    return f"sub_func sees {SIB!r}, helper.VALUE={helper.VALUE}, {greet('pkg')}, {sib_mod.__name__}"
